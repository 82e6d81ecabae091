//! `/people/new`: admitting a person. Staff on a team (and admins) record
//! their details, the team that supports them and their key worker; the server makes their
//! empty draft plan, due 28 days after support starts. Someone with the same name and date of
//! birth is asked about before anything is saved. `/people/:id/details`: the same form
//! corrects their details, naming the version read (`If-Match`).

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use ourplan_shared::admission::{Admission, DUPLICATE_FIELD, PersonDetails};
use ourplan_shared::display::DisplayMode;
use ourplan_shared::error::ErrorCode;
use ourplan_shared::id::{PersonId, TeamId, UserId};
use ourplan_shared::organisation::{Person, TeamDetail};
use ourplan_shared::role::Role;
use ourplan_shared::validation::Validate;

use crate::api::{self, endpoint};
use crate::components::{
    Choice, ErrorSummary, FormError, PageTitle, Radios, TextArea, TextInput, title_follows_errors,
};
use crate::dates::today;
use crate::display::{mode_hint, mode_label};
use crate::i18n::{t, t_string, use_i18n};

/// The date in a date field, or the problem with it.
fn date(text: &str) -> Result<Option<NaiveDate>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(drop)
}

#[component]
pub fn AdmitPage() -> impl IntoView {
    view! { <PersonForm existing=None /> }
}

/// `/people/:person_id/details`: the person's details, to correct.
#[component]
pub fn PersonDetailsPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let person = LocalResource::new(move || {
        let id = api::address_id::<PersonId>(params.read().get("person_id"));
        async move { api::get::<Person>(&endpoint::person(id?)).await }
    });
    view! {
        <Suspense fallback=move || {
            view! { <p class="app-body">{t!(i18n, admit.loading_person)}</p> }
        }>
            {move || {
                person
                    .get()
                    .map(|result| match result {
                        Ok(person) => view! { <PersonForm existing=Some(person) /> }.into_any(),
                        Err(error) => {
                            view! {
                                <PageTitle text=t_string!(i18n, admit.details_title) />
                                <h1 class="app-heading-xl">{t!(i18n, admit.details_title)}</h1>
                                <p class="app-body">{error.message}</p>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}

/// What the form sends: a correction of the details read, or a new person.
#[derive(Clone)]
enum Sent {
    Correction(Box<Person>, PersonDetails),
    Admission(Admission),
}

/// The form: a new person with their team and key worker, or `existing`'s details to correct.
#[component]
fn PersonForm(existing: Option<Person>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let correcting = existing.is_some();
    let teams = LocalResource::new(move || async move {
        if correcting {
            Ok(Vec::new())
        } else {
            api::get::<Vec<TeamDetail>>(&endpoint::teams()).await
        }
    });
    let details = existing.as_ref().map(PersonDetails::from);
    let text = |value: Option<String>| RwSignal::new(value.unwrap_or_default());
    let full_name = text(details.as_ref().map(|d| d.full_name.clone()));
    let preferred_name = text(details.as_ref().and_then(|d| d.preferred_name.clone()));
    let date_of_birth = text(
        details
            .as_ref()
            .and_then(|d| d.date_of_birth.map(|d| d.to_string())),
    );
    let support_started_on = RwSignal::new(
        details
            .as_ref()
            .map_or_else(today, |d| d.support_started_on)
            .to_string(),
    );
    let team = RwSignal::new(String::new());
    let key_worker = RwSignal::new(String::new());
    let format = RwSignal::new(
        details
            .as_ref()
            .map_or(DisplayMode::Standard, |d| d.preferred_format)
            .key(),
    );
    let language = RwSignal::new(
        details
            .as_ref()
            .map_or_else(|| "en-GB".to_owned(), |d| d.preferred_language.clone()),
    );
    let communication_needs = text(details.as_ref().map(|d| d.communication_needs.clone()));
    let communication_aids = text(details.as_ref().map(|d| d.communication_aids.clone()));
    // The version read, for `If-Match`; a conflict moves it to the version shown.
    let existing = RwSignal::new(existing);
    let errors = RwSignal::new(Vec::<FormError>::new());
    // The server's words about a possible duplicate, shown until staff say it is someone new.
    let duplicate = RwSignal::new(None::<String>);
    let status = RwSignal::new(String::new());
    let show = move |person: &Person| {
        let d = PersonDetails::from(person);
        full_name.set(d.full_name);
        preferred_name.set(d.preferred_name.unwrap_or_default());
        date_of_birth.set(d.date_of_birth.map(|d| d.to_string()).unwrap_or_default());
        support_started_on.set(d.support_started_on.to_string());
        format.set(d.preferred_format.key());
        language.set(d.preferred_language);
        communication_needs.set(d.communication_needs);
        communication_aids.set(d.communication_aids);
        existing.set(Some(person.clone()));
    };
    // The first team is chosen until staff choose another.
    Effect::new(move |_| {
        if let Some(Ok(list)) = teams.get()
            && team.get_untracked().is_empty()
            && let Some(first) = list.first()
        {
            team.set(first.id.to_string());
        }
    });

    let title = if correcting {
        t_string!(i18n, admit.details_title)
    } else {
        t_string!(i18n, admit.title)
    };
    let error_title = t_string!(i18n, admit.error_title, title).to_string();
    title_follows_errors(title, error_title, errors);

    // Sending as an action: the buttons are disabled while the person is on their way, and a
    // press before the page shows that sends nothing more.
    let send = Action::new_local(move |sent: &Sent| {
        let (sent, navigate) = (sent.clone(), navigate.clone());
        async move {
            match sent {
                Sent::Correction(read, details) => {
                    let path = endpoint::person(read.id);
                    match api::put_if_match::<_, Person>(&path, read.row_version, &details).await {
                        Ok(person) => {
                            errors.set(Vec::new());
                            navigate(&format!("/people/{}", person.id), Default::default());
                        }
                        Err(refused) if refused.error.code == ErrorCode::PreconditionFailed => {
                            status.set(t_string!(i18n, admit.conflict).to_owned());
                            if let Some(theirs) = refused
                                .current
                                .and_then(|value| serde_json::from_value::<Person>(value).ok())
                            {
                                show(&theirs);
                            }
                        }
                        Err(refused) => errors.set(vec![FormError {
                            field: refused
                                .error
                                .field
                                .filter(|f| f != DUPLICATE_FIELD)
                                .unwrap_or_else(|| "full_name".to_owned()),
                            message: refused.error.message,
                        }]),
                    }
                }
                Sent::Admission(request) => {
                    match api::post::<_, Person>(&endpoint::persons(), &request).await {
                        Ok(person) => {
                            errors.set(Vec::new());
                            navigate(&format!("/people/{}", person.id), Default::default());
                        }
                        Err(error) if error.field.as_deref() == Some(DUPLICATE_FIELD) => {
                            errors.set(Vec::new());
                            duplicate.set(Some(error.message));
                        }
                        Err(error) => errors.set(vec![FormError {
                            field: error.field.unwrap_or_else(|| "full_name".to_owned()),
                            message: error.message,
                        }]),
                    }
                }
            }
        }
    });
    let busy = send.pending();
    let save = move |not_a_duplicate: bool| {
        if busy.get_untracked() {
            return;
        }
        let mut problems = Vec::new();
        let born = date(&date_of_birth.get_untracked()).unwrap_or_else(|()| {
            problems.push(FormError {
                field: "date_of_birth".to_owned(),
                message: t_string!(i18n, admit.date_invalid).to_owned(),
            });
            None
        });
        let started = match date(&support_started_on.get_untracked()) {
            Ok(Some(day)) => Some(day),
            Ok(None) => {
                problems.push(FormError {
                    field: "support_started_on".to_owned(),
                    message: t_string!(i18n, admit.date_missing).to_owned(),
                });
                None
            }
            Err(()) => {
                problems.push(FormError {
                    field: "support_started_on".to_owned(),
                    message: t_string!(i18n, admit.date_invalid).to_owned(),
                });
                None
            }
        };
        let team_id = TeamId::parse(&team.get_untracked());
        if !correcting && team_id.is_none() {
            return;
        }
        let details = PersonDetails {
            full_name: full_name.get_untracked(),
            preferred_name: Some(preferred_name.get_untracked()),
            date_of_birth: born,
            support_started_on: started.unwrap_or_default(),
            preferred_format: DisplayMode::from_key(format.get_untracked()).unwrap_or_default(),
            preferred_language: language.get_untracked(),
            communication_needs: communication_needs.get_untracked(),
            communication_aids: communication_aids.get_untracked(),
        }
        .tidied();
        if started.is_some() {
            problems.extend(details.problems().into_iter().map(FormError::from));
        }
        if !problems.is_empty() {
            errors.set(problems);
            return;
        }
        if let Some(read) = existing.get_untracked() {
            send.dispatch_local(Sent::Correction(Box::new(read), details));
            return;
        }
        let Some(team_id) = team_id else {
            return;
        };
        let request = Admission {
            person: details,
            team_id,
            key_worker_id: UserId::parse(&key_worker.get_untracked()),
            not_a_duplicate,
        };
        send.dispatch_local(Sent::Admission(request));
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        duplicate.set(None);
        save(false);
    };
    let formats: Vec<Choice> = DisplayMode::ALL
        .iter()
        .map(|&mode| Choice {
            key: mode.key(),
            label: mode_label(mode),
            hint: Some(mode_hint(mode)),
        })
        .collect();

    view! {
        <PageTitle text=title />
        <ErrorSummary errors=errors />
        <h1 class="app-heading-xl">{title}</h1>
        <p class="app-body">
            {if correcting {
                t_string!(i18n, admit.details_intro)
            } else {
                t_string!(i18n, admit.intro)
            }}
        </p>
        <p class="app-body app-status" role="status" aria-live="polite" id="details-status">
            {move || status.get()}
        </p>
        <Suspense fallback=move || {
            view! { <p class="app-body">{t!(i18n, admit.loading)}</p> }
        }>
            {move || {
                teams
                    .get()
                    .map(|result| match result {
                        Err(error) => view! { <p class="app-body">{error.message}</p> }.into_any(),
                        Ok(list) if list.is_empty() && !correcting => {
                            view! {
                                <p class="app-body" id="no-teams">
                                    {t!(i18n, admit.no_teams)}
                                </p>
                            }
                                .into_any()
                        }
                        Ok(list) => {
                            let members = {
                                let list = list.clone();
                                move || {
                                    list.iter()
                                        .find(|t| t.id.to_string() == team.get())
                                        .map(|t| {
                                            t.members
                                                .iter()
                                                .filter(|m| {
                                                    matches!(m.role, Role::SupportWorker | Role::Manager)
                                                })
                                                .map(|m| (m.user_id.to_string(), m.display_name.clone()))
                                                .collect::<Vec<_>>()
                                        })
                                        .unwrap_or_default()
                                }
                            };
                            view! {
                                <form class="app-form" id="admit-form" novalidate on:submit=submit>
                                    <h2 class="app-heading-m">{t!(i18n, admit.about_heading)}</h2>
                                    <TextInput
                                        id="full_name"
                                        label=t_string!(i18n, admit.full_name_label)
                                        autocomplete="off"
                                        value=full_name
                                        errors=errors
                                    />
                                    <TextInput
                                        id="preferred_name"
                                        label=t_string!(i18n, admit.preferred_name_label)
                                        autocomplete="off"
                                        value=preferred_name
                                        errors=errors
                                    />
                                    <TextInput
                                        id="date_of_birth"
                                        label=t_string!(i18n, admit.date_of_birth_label)
                                        hint=t_string!(i18n, admit.date_of_birth_hint)
                                        input_type="date"
                                        autocomplete="off"
                                        value=date_of_birth
                                        errors=errors
                                    />
                                    <h2 class="app-heading-m">{t!(i18n, admit.support_heading)}</h2>
                                    <TextInput
                                        id="support_started_on"
                                        label=t_string!(i18n, admit.support_started_on_label)
                                        input_type="date"
                                        autocomplete="off"
                                        value=support_started_on
                                        errors=errors
                                    />
                                    {(!correcting)
                                        .then(|| {
                                            view! {
                                                <div class="app-form-group">
                                                    <label class="app-label" for="team_id">
                                                        {t!(i18n, admit.team_label)}
                                                    </label>
                                                    <select
                                                        class="app-select"
                                                        id="team_id"
                                                        name="team_id"
                                                        on:change=move |e| {
                                                            team.set(event_target_value(&e));
                                                            key_worker.set(String::new());
                                                        }
                                                    >
                                                        {list
                                                            .iter()
                                                            .map(|t| {
                                                                let id = t.id.to_string();
                                                                let chosen = {
                                                                    let id = id.clone();
                                                                    move || team.get() == id
                                                                };
                                                                view! {
                                                                    <option value=id prop:selected=chosen>
                                                                        {t.name.clone()}
                                                                    </option>
                                                                }
                                                            })
                                                            .collect_view()}
                                                    </select>
                                                </div>
                                                <div class="app-form-group">
                                                    <label class="app-label" for="key_worker_id">
                                                        {t!(i18n, admit.key_worker_label)}
                                                    </label>
                                                    <select
                                                        class="app-select"
                                                        id="key_worker_id"
                                                        name="key_worker_id"
                                                        on:change=move |e| key_worker.set(event_target_value(&e))
                                                    >
                                                        <option
                                                            value=""
                                                            prop:selected=move || key_worker.get().is_empty()
                                                        >
                                                            {t!(i18n, admit.no_key_worker)}
                                                        </option>
                                                        {move || {
                                                            members()
                                                                .into_iter()
                                                                .map(|(id, name)| {
                                                                    let chosen = {
                                                                        let id = id.clone();
                                                                        move || key_worker.get() == id
                                                                    };
                                                                    view! {
                                                                        <option value=id prop:selected=chosen>
                                                                            {name}
                                                                        </option>
                                                                    }
                                                                })
                                                                .collect_view()
                                                        }}
                                                    </select>
                                                </div>
                                            }
                                        })}
                                    <Radios
                                        id="preferred_format"
                                        legend=t_string!(i18n, admit.formats_legend)
                                        choices=formats.clone()
                                        selected=format
                                        errors=errors
                                    />
                                    <TextInput
                                        id="preferred_language"
                                        label=t_string!(i18n, admit.language_label)
                                        hint=t_string!(i18n, admit.language_hint)
                                        autocomplete="off"
                                        value=language
                                        errors=errors
                                    />
                                    <TextArea
                                        id="communication_needs"
                                        label=t_string!(i18n, admit.communication_needs_label)
                                        value=communication_needs
                                        errors=errors
                                    />
                                    <TextArea
                                        id="communication_aids"
                                        label=t_string!(i18n, admit.communication_aids_label)
                                        value=communication_aids
                                        errors=errors
                                    />
                                    {move || {
                                        duplicate
                                            .get()
                                            .map(|message| {
                                                view! {
                                                    <div class="app-notice" id="duplicate" role="alert">
                                                        <h2 class="app-heading-s">
                                                            {t!(i18n, admit.duplicate_heading)}
                                                        </h2>
                                                        <p class="app-body">{message}</p>
                                                        <button
                                                            class="app-button app-button--secondary"
                                                            type="button"
                                                            id="not-a-duplicate"
                                                            on:click=move |_| save(true)
                                                            prop:disabled=move || busy.get()
                                                        >
                                                            {t!(i18n, admit.not_a_duplicate)}
                                                        </button>
                                                    </div>
                                                }
                                            })
                                    }}
                                    <button
                                        class="app-button"
                                        type="submit"
                                        id="admit"
                                        prop:disabled=move || busy.get()
                                    >
                                        {if correcting {
                                            t_string!(i18n, admit.save_details)
                                        } else {
                                            t_string!(i18n, admit.submit)
                                        }}
                                    </button>
                                </form>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}
