use leptos::prelude::*;
use leptos_router::components::A;
use ourplan_shared::audit::{AccessLogEntry, AuditAction};

use crate::api::{self, endpoint};
use crate::components::PageTitle;
use crate::dates::{iso_date_time, local_date_time};
use crate::i18n::{t, t_string, use_i18n};
use crate::session::SessionContext;

/// "Who has looked at my plan", in easy read: one line per visit, newest first.
#[component]
pub fn WhoHasLookedPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<SessionContext>();
    let person = move || session.user.get().and_then(|user| user.person_id);
    let log = LocalResource::new(move || async move {
        match person() {
            Some(id) => api::get::<Vec<AccessLogEntry>>(&endpoint::access_log(id))
                .await
                .map(Some),
            None => Ok(None),
        }
    });
    view! {
        <PageTitle text=t_string!(i18n, who_has_looked.title) />
        <h1 class="app-heading-xl">{t!(i18n, who_has_looked.title)}</h1>
        <p class="app-body">{t!(i18n, who_has_looked.intro)}</p>
        <Show
            when=move || session.known.get() && session.user.get().is_some()
            fallback=move || {
                view! {
                    <Show when=move || session.known.get()>
                        <p class="app-body">
                            {t!(i18n, who_has_looked.sign_in, <link> = <A href="/sign-in"/>)}
                        </p>
                    </Show>
                }
            }
        >
            <Suspense fallback=move || {
                view! { <p class="app-body">{t!(i18n, who_has_looked.loading)}</p> }
            }>
                {move || {
                    log.get()
                        .map(|result| match result {
                            Ok(Some(entries)) if entries.is_empty() => {
                                view! {
                                    <p class="app-body">{t!(i18n, who_has_looked.nobody_yet)}</p>
                                }
                                    .into_any()
                            }
                            Ok(Some(entries)) => {
                                view! {
                                    <ul class="app-access-log">
                                        {entries.into_iter().map(entry_view).collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }
                            Ok(None) => {
                                view! {
                                    <p class="app-body">{t!(i18n, who_has_looked.not_a_person)}</p>
                                }
                                    .into_any()
                            }
                            Err(error) => {
                                view! { <p class="app-body">{error.message}</p> }.into_any()
                            }
                        })
                }}
            </Suspense>
        </Show>
    }
}

fn entry_view(entry: AccessLogEntry) -> AnyView {
    let i18n = use_i18n();
    let who = match (&entry.actor_name, entry.actor_role) {
        (Some(name), Some(role)) => {
            let role = crate::labels::role(role);
            t_string!(i18n, who_has_looked.who_with_role, name, role).to_string()
        }
        (Some(name), None) => name.clone(),
        (None, _) => t_string!(i18n, who_has_looked.system).to_owned(),
    };
    // Someone joined or left the person's team: said of them, not of who made the change.
    if entry.entity == "team_member"
        && let Some(name) = entry.subject_name.clone()
    {
        let sentence = if entry.action == AuditAction::Delete {
            t_string!(i18n, who_has_looked.team.left, name).to_string()
        } else {
            t_string!(i18n, who_has_looked.team.joined, name).to_string()
        };
        return line(sentence, entry.occurred_at.timestamp_millis()).into_any();
    }
    // Sign-in cards: who made them, and each sign-in with one, so a card used by someone
    // else is seen.
    if entry.entity == "card_sign_in" {
        let name = entry.subject_name.clone().unwrap_or_default();
        let date = entry
            .card_made_at
            .map(|at| local_date_time(at.timestamp_millis()))
            .unwrap_or_default();
        let sentence = t_string!(i18n, who_has_looked.card.signed_in, name, date).to_string();
        return line(sentence, entry.occurred_at.timestamp_millis()).into_any();
    }
    if entry.entity == "sign_in_code" {
        let who = who.as_str();
        let sentence = if entry.action == AuditAction::Delete {
            t_string!(i18n, who_has_looked.card.cancelled, who).to_string()
        } else {
            t_string!(i18n, who_has_looked.card.made, who).to_string()
        };
        return line(sentence, entry.occurred_at.timestamp_millis()).into_any();
    }
    // Support ending, or going on after all, is said as what it is.
    if entry.entity == "support_ended" || entry.entity == "support_resumed" {
        let who = who.as_str();
        let sentence = if entry.entity == "support_ended" {
            t_string!(i18n, who_has_looked.support.ended, who).to_string()
        } else {
            t_string!(i18n, who_has_looked.support.resumed, who).to_string()
        };
        return line(sentence, entry.occurred_at.timestamp_millis()).into_any();
    }
    // Everything but the log itself is part of the plan.
    let what = if entry.entity == "access_log" {
        t_string!(i18n, who_has_looked.what.access_log)
    } else {
        t_string!(i18n, who_has_looked.what.plan)
    };
    let who = who.as_str();
    let sentence = match entry.action {
        AuditAction::Read => t_string!(i18n, who_has_looked.did.read, who, what).to_string(),
        AuditAction::Create => t_string!(i18n, who_has_looked.did.create, who, what).to_string(),
        AuditAction::Update => t_string!(i18n, who_has_looked.did.update, who, what).to_string(),
        AuditAction::Delete => t_string!(i18n, who_has_looked.did.delete, who, what).to_string(),
        AuditAction::Export => t_string!(i18n, who_has_looked.did.export, who, what).to_string(),
        AuditAction::Agree => t_string!(i18n, who_has_looked.did.agree, who, what).to_string(),
        AuditAction::Sign => t_string!(i18n, who_has_looked.did.sign, who, what).to_string(),
        AuditAction::ConsentGiven => {
            t_string!(i18n, who_has_looked.did.consent_given, who, what).to_string()
        }
        AuditAction::ConsentWithdrawn => {
            t_string!(i18n, who_has_looked.did.consent_withdrawn, who, what).to_string()
        }
        AuditAction::Seed => t_string!(i18n, who_has_looked.did.seed, who, what).to_string(),
    };
    line(sentence, entry.occurred_at.timestamp_millis()).into_any()
}

fn line(sentence: String, millis: i64) -> impl IntoView {
    let (when, iso) = (local_date_time(millis), iso_date_time(millis));
    view! {
        <li class="app-access-log__item">
            <p class="app-access-log__what">{sentence}</p>
            <p class="app-access-log__when">
                <time datetime=iso>{when}</time>
            </p>
        </li>
    }
}
