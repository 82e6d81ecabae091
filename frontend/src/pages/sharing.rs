//! "Who can see my plan" in easy read: the person gives, changes and stops
//! sharing; staff manage the same consents for a person on their team and may record a
//! best-interests decision. One idea per line, and nothing stops without a second "yes".

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use ourplan_shared::consent::{
    AccessLevel, ConsentBasis, ConsentGivenHow, ConsentRecord, ConsentRequest, ConsentTerms,
    PlanSection, Withdrawal,
};
use ourplan_shared::error::ErrorDetail;
use ourplan_shared::id::PersonId;
use ourplan_shared::organisation::PersonSummary;

use crate::api::{self, endpoint};
use crate::components::{
    Checkboxes, Choice, ErrorSummary, FormError, PageTitle, Radios, TextInput, WhenLoaded,
};
use crate::dates::local_date;
use crate::i18n::{t, t_string, tu_string, use_i18n};
use crate::session::SessionContext;

/// `/who-can-see`: the signed-in person's own plan.
#[component]
pub fn MySharingPage() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let person = Signal::derive(move || {
        session
            .user
            .get()
            .and_then(|u| u.person_id)
            .map(|p| p.to_string())
    });
    view! { <Sharing person=person /> }
}

/// `/people/:person_id/sharing`: staff managing a person's consents.
#[component]
pub fn SharingPage() -> impl IntoView {
    let params = use_params_map();
    let person = Signal::derive(move || params.read().get("person_id"));
    view! { <Sharing person=person /> }
}

/// Which form is open: none, a new consent, or a change to one consent.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Editing {
    Nothing,
    New,
    Change(Box<ConsentRecord>),
}

#[component]
fn Sharing(person: Signal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<SessionContext>();
    let staff = Memo::new(move |_| session.user.get().is_some_and(|u| u.role.is_staff()));
    let own = Memo::new(move |_| {
        session
            .user
            .get()
            .and_then(|u| u.person_id)
            .map(|p| p.to_string())
            == person.get()
    });
    let consents = LocalResource::new(move || async move {
        match person.get() {
            Some(id) => {
                api::get::<Vec<ConsentRecord>>(&endpoint::consents(api::address_id(Some(id))?))
                    .await
                    .map(Some)
            }
            None => Ok(None),
        }
    });
    let name = LocalResource::new(move || async move {
        let id = person.get()?;
        let people = api::get::<Vec<PersonSummary>>(&endpoint::persons())
            .await
            .ok()?;
        people
            .into_iter()
            .find(|p| p.id.to_string() == id)
            .map(|p| p.preferred_name.unwrap_or(p.full_name))
    });
    let editing = RwSignal::new(Editing::Nothing);
    let status = RwSignal::new(String::new());
    let title = move || {
        if own.get() {
            t_string!(i18n, my_sharing.title).to_owned()
        } else {
            match name.get().flatten() {
                Some(name) => t_string!(i18n, sharing.title_named, name).to_string(),
                None => t_string!(i18n, sharing.title_unnamed).to_owned(),
            }
        }
    };
    let done = move |message: String| {
        editing.set(Editing::Nothing);
        status.set(message);
        consents.refetch();
    };

    view! {
        <PageTitle text=t_string!(i18n, my_sharing.title) />
        <div class="app-easy-read-page">
            <h1 class="app-heading-xl">{title}</h1>
            <Show
                when=move || session.known.get() && session.user.get().is_some()
                fallback=move || {
                    view! {
                        <Show when=move || session.known.get()>
                            <p class="app-body">
                                {t!(i18n, my_sharing.sign_in, <link> = <A href="/sign-in"/>)}
                            </p>
                        </Show>
                    }
                }
            >
                // The title (the person's name) and the consents first, so that nothing below
                // moves as they arrive.
                <WhenLoaded ready=Signal::derive(move || {
                    consents.get().is_some() && name.get().is_some()
                })>
                    <p class="app-body-l">
                        {move || {
                            if own.get() {
                                t_string!(i18n, my_sharing.you_choose)
                            } else {
                                t_string!(i18n, sharing.person_chooses)
                            }
                        }}
                    </p>
                    <p class="app-body-l">{t!(i18n, my_sharing.can_stop)}</p>
                    <p class="app-body app-status" role="status" aria-live="polite">
                        {move || status.get()}
                    </p>
                    <Suspense fallback=move || {
                        view! { <p class="app-body">{t!(i18n, my_sharing.loading)}</p> }
                    }>
                        {move || {
                            consents
                                .get()
                                .map(|result| match result {
                                    Ok(Some(records)) => {
                                        let (active, ended): (Vec<_>, Vec<_>) = records
                                            .into_iter()
                                            .filter(|r| r.consent.party_user_id.is_some() || r.active)
                                            .partition(|r| r.active);
                                        view! {
                                            <h2 class="app-heading-m">
                                                {t!(i18n, my_sharing.sharing_now)}
                                            </h2>
                                            {if active.is_empty() {
                                                view! {
                                                    <p class="app-body">{t!(i18n, my_sharing.nobody)}</p>
                                                }
                                                    .into_any()
                                            } else {
                                                view! {
                                                    <ul class="app-consents">
                                                        {active
                                                            .into_iter()
                                                            .map(|record| {
                                                                view! {
                                                                    <ActiveConsent
                                                                        record=record
                                                                        person=person
                                                                        own=own
                                                                        editing=editing
                                                                        on_done=done
                                                                    />
                                                                }
                                                            })
                                                            .collect_view()}
                                                    </ul>
                                                }
                                                    .into_any()
                                            }}
                                            {(!ended.is_empty())
                                                .then(|| {
                                                    view! {
                                                        <h2 class="app-heading-m">
                                                            {t!(i18n, my_sharing.stopped_heading)}
                                                        </h2>
                                                        <ul class="app-consents app-consents--ended">
                                                            {ended.into_iter().map(ended_view).collect_view()}
                                                        </ul>
                                                    }
                                                })}
                                        }
                                            .into_any()
                                    }
                                    Ok(None) => {
                                        view! {
                                            <p class="app-body">{t!(i18n, my_sharing.not_a_person)}</p>
                                        }
                                            .into_any()
                                    }
                                    Err(error) => {
                                        view! { <p class="app-body">{error.message}</p> }.into_any()
                                    }
                                })
                        }}
                    </Suspense>
                    <h2 class="app-heading-m">{t!(i18n, my_sharing.share_new_heading)}</h2>
                    {move || match editing.get() {
                        Editing::New => {
                            view! {
                                <ConsentForm
                                    person=person
                                    staff=staff
                                    own=own
                                    change=None
                                    editing=editing
                                    on_done=done
                                />
                            }
                                .into_any()
                        }
                        _ => {
                            view! {
                                <button
                                    class="app-button app-button--secondary"
                                    type="button"
                                    id="share-new"
                                    on:click=move |_| editing.set(Editing::New)
                                >
                                    {t!(i18n, my_sharing.share_new)}
                                </button>
                            }
                                .into_any()
                        }
                    }}
                </WhenLoaded>
            </Show>
        </div>
    }
}

fn sections_list(sections: &[PlanSection]) -> impl IntoView + use<> {
    let items = sections
        .iter()
        .map(|&s| view! { <li>{crate::labels::plan_section(s)}</li> })
        .collect_view();
    view! { <ul class="app-list--bullet app-consent__parts">{items}</ul> }
}

#[component]
fn ActiveConsent(
    record: ConsentRecord,
    person: Signal<Option<String>>,
    own: Memo<bool>,
    editing: RwSignal<Editing>,
    on_done: impl Fn(String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let consent = record.consent.clone();
    let party = consent.party_name.clone();
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let id = consent.id;
    let until = match consent.expires_on {
        Some(day) => {
            let date = local_date(day);
            t_string!(i18n, my_sharing.consent.until, date).to_string()
        }
        None => t_string!(i18n, my_sharing.consent.until_stopped).to_owned(),
    };
    let best_interests = (consent.basis == ConsentBasis::BestInterests).then(|| {
        let who = consent.decision_maker.clone().unwrap_or_default();
        let reason = consent.best_interests_reason.clone().unwrap_or_default();
        t_string!(i18n, my_sharing.consent.best_interests, who, reason).to_string()
    });
    // Written down by staff for the person: who wrote it, how it was given, who saw it.
    let witnessed = consent.given_how.map(|how| {
        let recorder = record.recorded_by_name.clone().unwrap_or_default();
        let how = match how {
            ConsentGivenHow::Spoken => t_string!(i18n, my_sharing.consent.given_spoken),
            ConsentGivenHow::Signed => t_string!(i18n, my_sharing.consent.given_signed),
            ConsentGivenHow::WithAdvocate => {
                t_string!(i18n, my_sharing.consent.given_with_advocate)
            }
        };
        let name = consent.witness.clone().unwrap_or_default();
        view! {
            <p class="app-body app-consent__witnessed">
                {t_string!(i18n, my_sharing.consent.written_down, recorder).to_string()}" " {how}" "
                {t_string!(i18n, my_sharing.consent.witness, name).to_string()}
            </p>
        }
    });
    let level = crate::labels::access_level(consent.access_level);
    let can = t_string!(i18n, my_sharing.consent.can, level).to_string();
    // Stopping as an action: the button is disabled while it is on its way, and a second press
    // before the page shows that sends nothing more.
    let stop = Action::new_local({
        let party = party.clone();
        move |person: &PersonId| {
            let (path, party) = (endpoint::consent_withdraw(*person, id), party.clone());
            async move {
                match api::post::<_, ConsentRecord>(&path, &Withdrawal::default()).await {
                    Ok(_) => {
                        on_done(tu_string!(i18n, my_sharing.consent.withdrawn, party).to_string())
                    }
                    Err(e) => error.set(Some(e.message)),
                }
            }
        }
    });
    let busy = stop.pending();
    let withdraw = move |_| {
        if busy.get_untracked() {
            return;
        }
        if let Some(person) = person.get_untracked().and_then(|p| PersonId::parse(&p)) {
            stop.dispatch_local(person);
        }
    };
    let record_for_change = record.clone();
    let heading_id = format!("consent-{id}");
    view! {
        <li class="app-consent">
            <h3 class="app-heading-s" id=heading_id>
                {party.clone()}
            </h3>
            <p class="app-body">{t!(i18n, my_sharing.consent.can_see)}</p>
            {sections_list(&consent.sections)}
            <p class="app-body">{can}</p>
            <p class="app-body">{until}</p>
            {best_interests.map(|text| view! { <p class="app-body">{text}</p> })}
            {witnessed}
            {move || error.get().map(|e| view! { <p class="app-error-message">{e}</p> })}
            {
                let party = party.clone();
                let record_for_change = record_for_change.clone();
                move || {
                    if matches!(editing.get(), Editing::Change(ref r) if r.consent.id == id) {
                        let record = record_for_change.clone();
                        return view! {
                            <ConsentForm
                                person=person
                                staff=Memo::new(|_| false)
                                own=own
                                change=Some(record)
                                editing=editing
                                on_done=on_done
                            />
                        }
                            .into_any();
                    }
                    if confirming.get() {
                        view! {
                            <div
                                class="app-confirm"
                                role="group"
                                aria-label=t_string!(i18n, my_sharing.consent.confirm_label)
                            >
                                <p class="app-body-l app-confirm__question">
                                    {t_string!(
                                        i18n, my_sharing.consent.confirm_question, party = &party
                                    )
                                        .to_string()}
                                </p>
                                <button
                                    class="app-button app-button--warning"
                                    type="button"
                                    prop:disabled=move || busy.get()
                                    on:click=withdraw
                                >
                                    {t!(i18n, my_sharing.consent.yes_stop)}
                                </button>
                                <button
                                    class="app-button app-button--secondary"
                                    type="button"
                                    on:click=move |_| confirming.set(false)
                                >
                                    {t!(i18n, my_sharing.consent.no_keep)}
                                </button>
                            </div>
                        }
                            .into_any()
                    } else {
                        let record = record_for_change.clone();
                        let party_a = party.clone();
                        let party_b = party.clone();
                        view! {
                            <div class="app-button-group">
                                <button
                                    class="app-button app-button--secondary"
                                    type="button"
                                    on:click=move |_| {
                                        editing.set(Editing::Change(Box::new(record.clone())))
                                    }
                                >
                                    {t_string!(i18n, my_sharing.consent.change, party = party_a)
                                        .to_string()}
                                </button>
                                <button
                                    class="app-button app-button--warning"
                                    type="button"
                                    on:click=move |_| confirming.set(true)
                                >
                                    {t_string!(i18n, my_sharing.consent.stop, party = party_b)
                                        .to_string()}
                                </button>
                            </div>
                        }
                            .into_any()
                    }
                }
            }
        </li>
    }
}

fn ended_view(record: ConsentRecord) -> impl IntoView {
    let i18n = use_i18n();
    let stopped = record
        .consent
        .withdrawn_at
        .map(|at| {
            let date = local_date(at.date_naive());
            t_string!(i18n, my_sharing.ended.stopped_on, date).to_string()
        })
        .or_else(|| {
            record.consent.expires_on.map(|day| {
                let date = local_date(day);
                t_string!(i18n, my_sharing.ended.ended_on, date).to_string()
            })
        })
        .unwrap_or_default();
    view! {
        <li class="app-consent">
            <h3 class="app-heading-s">{record.consent.party_name.clone()}</h3>
            <p class="app-body">{stopped}</p>
            {record
                .consent
                .withdrawal_reason
                .map(|reason| {
                    view! {
                        <p class="app-body">
                            {t_string!(i18n, my_sharing.ended.why, reason).to_string()}
                        </p>
                    }
                })}
        </li>
    }
}

/// Give a new consent, or change one (which keeps who it is with).
#[component]
fn ConsentForm(
    person: Signal<Option<String>>,
    staff: Memo<bool>,
    own: Memo<bool>,
    change: Option<ConsentRecord>,
    editing: RwSignal<Editing>,
    on_done: impl Fn(String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let no_sections = t_string!(i18n, my_sharing.form.no_sections);
    let no_email = t_string!(i18n, my_sharing.form.no_email);
    let bad_date = t_string!(i18n, my_sharing.form.bad_date);
    let existing = change.as_ref().map(|r| r.consent.clone());
    let changing = existing.is_some();
    let email = RwSignal::new(String::new());
    let party_name = RwSignal::new(String::new());
    let sections = RwSignal::new(
        existing
            .as_ref()
            .map(|c| {
                c.sections
                    .iter()
                    .map(|s| s.key())
                    .collect::<Vec<&'static str>>()
            })
            .unwrap_or_default(),
    );
    let level = RwSignal::new(
        existing
            .as_ref()
            .map_or(AccessLevel::View, |c| c.access_level)
            .key(),
    );
    let until = RwSignal::new(
        existing
            .as_ref()
            .and_then(|c| c.expires_on)
            .map(|d| format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
            .unwrap_or_default(),
    );
    let basis = RwSignal::new(ConsentBasis::Person.key());
    let given_how = RwSignal::new("");
    let witness = RwSignal::new(String::new());
    let decision_maker = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FormError>::new());
    let consent_id = existing.as_ref().map(|c| c.id);
    let party = existing.as_ref().map(|c| c.party_name.clone());
    // Sending as an action: the button is disabled while the consent is on its way, and a
    // second press before the page shows that sends nothing more.
    let send = Action::new_local(move |(person, terms): &(PersonId, ConsentTerms)| {
        let (person, terms) = (*person, terms.clone());
        async move {
            let result: Result<ConsentRecord, ErrorDetail> = match consent_id {
                Some(id) => api::post(&endpoint::consent_change(person, id), &terms).await,
                None => {
                    let email = email.get_untracked();
                    let request = ConsentRequest {
                        purpose: ourplan_shared::consent::ConsentPurpose::ShareWith,
                        party_name: party_name.get_untracked(),
                        party_email: (!email.trim().is_empty()).then_some(email),
                        terms,
                    };
                    api::post(&endpoint::consents(person), &request).await
                }
            };
            match result {
                Ok(record) => {
                    errors.set(Vec::new());
                    let party = record.consent.party_name;
                    on_done(tu_string!(i18n, my_sharing.form.shared, party).to_string());
                }
                Err(error) => errors.set(vec![FormError {
                    field: error.field.unwrap_or_else(|| "sections".to_owned()),
                    message: error.message,
                }]),
            }
        }
    });
    let busy = send.pending();

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(person) = person.get_untracked().and_then(|p| PersonId::parse(&p)) else {
            return;
        };
        let mut problems = Vec::new();
        let chosen: Vec<PlanSection> = sections
            .get_untracked()
            .iter()
            .filter_map(|k| PlanSection::from_key(k))
            .collect();
        if chosen.is_empty() {
            problems.push(FormError {
                field: "sections".into(),
                message: no_sections.into(),
            });
        }
        if !changing
            && email.get_untracked().trim().is_empty()
            && party_name.get_untracked().trim().is_empty()
        {
            problems.push(FormError {
                field: "party_email".into(),
                message: no_email.into(),
            });
        }
        let expires_on = match until.get_untracked().trim() {
            "" => None,
            text => match parse_day(text) {
                Some(day) => Some(day),
                None => {
                    problems.push(FormError {
                        field: "expires_on".into(),
                        message: bad_date.into(),
                    });
                    None
                }
            },
        };
        if !problems.is_empty() {
            errors.set(problems);
            return;
        }
        let best = basis.get_untracked() == ConsentBasis::BestInterests.key();
        let terms = ConsentTerms {
            sections: chosen,
            access_level: AccessLevel::from_key(level.get_untracked()).unwrap_or(AccessLevel::View),
            expires_on,
            basis: if best {
                ConsentBasis::BestInterests
            } else {
                ConsentBasis::Person
            },
            decision_maker: best.then(|| decision_maker.get_untracked()),
            best_interests_reason: best.then(|| reason.get_untracked()),
            // Only staff writing down the person's own consent say how, and who saw it.
            given_how: (staff.get_untracked() && !own.get_untracked() && !best && !changing)
                .then(|| ConsentGivenHow::from_key(given_how.get_untracked()))
                .flatten(),
            witness: (staff.get_untracked() && !own.get_untracked() && !best && !changing)
                .then(|| witness.get_untracked()),
        };
        send.dispatch_local((person, terms));
    };

    let section_choices = PlanSection::ALL
        .iter()
        .map(|&s| Choice {
            key: s.key(),
            label: crate::labels::plan_section(s),
            hint: None,
        })
        .collect();
    let level_choices = AccessLevel::ALL
        .iter()
        .map(|&l| Choice {
            key: l.key(),
            label: crate::labels::access_level(l),
            hint: None,
        })
        .collect();
    let basis_choices = vec![
        Choice {
            key: ConsentBasis::Person.key(),
            label: t_string!(i18n, sharing.basis.person_said_yes),
            hint: None,
        },
        Choice {
            key: ConsentBasis::BestInterests.key(),
            label: t_string!(i18n, sharing.basis.best_interests),
            hint: Some(t_string!(i18n, sharing.basis.best_interests_hint)),
        },
    ];
    let given_how_choices: Vec<Choice> = [
        (
            ConsentGivenHow::Spoken,
            t_string!(i18n, sharing.basis.spoken),
        ),
        (
            ConsentGivenHow::Signed,
            t_string!(i18n, sharing.basis.signed),
        ),
        (
            ConsentGivenHow::WithAdvocate,
            t_string!(i18n, sharing.basis.with_advocate),
        ),
    ]
    .into_iter()
    .map(|(how, label)| Choice {
        key: how.key(),
        label,
        hint: None,
    })
    .collect();
    // Shown inside two nested `Show`s, each of which may render it again.
    let given_how_choices = StoredValue::new(given_how_choices);
    let heading = match &party {
        Some(party) => t_string!(i18n, my_sharing.form.change_heading, party).to_string(),
        None => t_string!(i18n, my_sharing.form.new_heading).to_owned(),
    };
    view! {
        <form class="app-form app-consent-form" novalidate on:submit=submit>
            <ErrorSummary errors=errors />
            <h3 class="app-heading-s">{heading}</h3>
            <Show when=move || !changing>
                <TextInput
                    id="party_email"
                    label=t_string!(i18n, my_sharing.form.email_label)
                    input_type="email"
                    autocomplete="off"
                    hint=t_string!(i18n, my_sharing.form.email_hint)
                    value=email
                    errors=errors
                />
                <TextInput
                    id="party_name"
                    label=t_string!(i18n, my_sharing.form.name_label)
                    autocomplete="off"
                    hint=t_string!(i18n, my_sharing.form.name_hint)
                    value=party_name
                    errors=errors
                />
            </Show>
            <Checkboxes
                id="sections"
                legend=t_string!(i18n, my_sharing.form.sections_legend)
                choices=section_choices
                selected=sections
                errors=errors
            />
            <Radios
                id="access_level"
                legend=t_string!(i18n, my_sharing.form.level_legend)
                choices=level_choices
                selected=level
                errors=errors
            />
            <TextInput
                id="expires_on"
                label=t_string!(i18n, my_sharing.form.until_label)
                input_type="date"
                autocomplete="off"
                hint=t_string!(i18n, my_sharing.form.until_hint)
                value=until
                errors=errors
            />
            <Show when=move || staff.get() && !own.get()>
                <Radios
                    id="basis"
                    legend=t_string!(i18n, sharing.basis.legend)
                    choices=basis_choices.clone()
                    selected=basis
                    errors=errors
                />
                <Show when=move || basis.get() == ConsentBasis::Person.key()>
                    <Radios
                        id="given_how"
                        legend=t_string!(i18n, sharing.basis.given_how_legend)
                        choices=given_how_choices.get_value()
                        selected=given_how
                        errors=errors
                    />
                    <TextInput
                        id="witness"
                        label=t_string!(i18n, sharing.basis.witness_label)
                        autocomplete="off"
                        hint=t_string!(i18n, sharing.basis.witness_hint)
                        value=witness
                        errors=errors
                    />
                </Show>
                <Show when=move || basis.get() == ConsentBasis::BestInterests.key()>
                    <TextInput
                        id="decision_maker"
                        label=t_string!(i18n, sharing.basis.decision_maker_label)
                        autocomplete="off"
                        hint=t_string!(i18n, sharing.basis.decision_maker_hint)
                        value=decision_maker
                        errors=errors
                    />
                    <TextInput
                        id="best_interests_reason"
                        label=t_string!(i18n, sharing.basis.reason_label)
                        autocomplete="off"
                        value=reason
                        errors=errors
                    />
                </Show>
            </Show>
            <div class="app-button-group">
                <button class="app-button" type="submit" prop:disabled=move || busy.get()>
                    {if changing {
                        t_string!(i18n, my_sharing.form.save_change)
                    } else {
                        t_string!(i18n, my_sharing.form.share)
                    }}
                </button>
                <button
                    class="app-button app-button--secondary"
                    type="button"
                    on:click=move |_| editing.set(Editing::Nothing)
                >
                    {t!(i18n, my_sharing.form.cancel)}
                </button>
            </div>
        </form>
    }
}

/// A date input's value, `YYYY-MM-DD` (chrono's parser would add to the download).
fn parse_day(text: &str) -> Option<NaiveDate> {
    let mut parts = text.splitn(3, '-').map(str::parse::<u32>);
    let (Some(Ok(year)), Some(Ok(month)), Some(Ok(day))) =
        (parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}
