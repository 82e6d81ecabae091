//! The import on the accounts screen (issue 21 item 7): a CSV file of staff and people,
//! checked whole on the server. Problems come back by line and column and nothing is written;
//! otherwise the page lists what came in and each new member of staff's invitation to pass on.

use leptos::html;
use leptos::prelude::*;
use ourplan_shared::import::{ImportFile, ImportProblem, ImportRefused, ImportReport};
use wasm_bindgen::JsCast;

use crate::api::{self, endpoint};
use crate::i18n::{t, t_string, use_i18n};

/// What the last import said.
#[derive(Clone)]
enum Outcome {
    Nothing,
    Problems(String, Vec<ImportProblem>),
    Done(ImportReport),
}

/// The chosen file's text, if a file is chosen.
async fn chosen_text(input: &web_sys::HtmlInputElement) -> Option<String> {
    let file = input.files()?.get(0)?;
    wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()?
        .as_string()
}

/// `imported` is called after an import that wrote something.
#[component]
pub fn ImportSection(imported: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let file = NodeRef::<html::Input>::new();
    let outcome = RwSignal::new(Outcome::Nothing);
    // Importing as an action: the button is disabled while the file is on its way, and a second
    // press before the page shows that imports nothing more.
    let import = Action::new_local(move |input: &web_sys::HtmlInputElement| {
        let input = input.clone();
        async move {
            let Some(csv) = chosen_text(&input).await else {
                outcome.set(Outcome::Problems(
                    t_string!(i18n, accounts.import_choose).to_owned(),
                    Vec::new(),
                ));
                return;
            };
            match api::post_or_refused::<_, ImportReport, ImportRefused>(
                &endpoint::import(),
                &ImportFile { csv },
                422,
            )
            .await
            {
                Ok(Ok(report)) => {
                    outcome.set(Outcome::Done(report));
                    imported();
                }
                Ok(Err(refused)) => {
                    outcome.set(Outcome::Problems(refused.error.message, refused.problems));
                }
                Err(error) => outcome.set(Outcome::Problems(error.message, Vec::new())),
            }
        }
    });
    let busy = import.pending();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(input) = file.get_untracked() else {
            return;
        };
        import.dispatch_local(input.unchecked_into());
    };
    view! {
        <h2 class="app-heading-l" id="import-heading">
            {t!(i18n, accounts.import_heading)}
        </h2>
        <p class="app-body">{t!(i18n, accounts.import_intro)}</p>
        <p class="app-body">{t!(i18n, accounts.import_rule)}</p>
        <form
            class="app-form"
            id="import-form"
            novalidate
            on:submit=submit
            aria-labelledby="import-heading"
        >
            <div class="app-form-group">
                <label class="app-label" for="import-file">
                    {t!(i18n, accounts.import_file_label)}
                </label>
                <input
                    class="app-file-upload"
                    id="import-file"
                    name="import-file"
                    type="file"
                    accept=".csv,text/csv"
                    node_ref=file
                />
            </div>
            <button
                class="app-button app-button--secondary"
                type="submit"
                id="import"
                disabled=move || busy.get()
            >
                {t!(i18n, accounts.import_button)}
            </button>
        </form>
        <div role="status" aria-live="polite" id="import-outcome">
            {move || match outcome.get() {
                Outcome::Nothing => ().into_any(),
                Outcome::Problems(message, problems) => {
                    view! {
                        <div class="app-error-summary" id="import-problems">
                            <p class="app-body">
                                <strong>{message}</strong>
                            </p>
                            {(!problems.is_empty())
                                .then(|| {
                                    view! {
                                        <p class="app-body">{t!(i18n, accounts.import_problems)}</p>
                                        <ul class="app-list app-list--bullet">
                                            {problems
                                                .into_iter()
                                                .map(|p| view! { <li>{p.to_string()}</li> })
                                                .collect_view()}
                                        </ul>
                                    }
                                })}
                        </div>
                    }
                        .into_any()
                }
                Outcome::Done(report) => {
                    let teams = if report.teams_created.is_empty() {
                        t_string!(i18n, accounts.import_no_teams).to_owned()
                    } else {
                        report.teams_created.join(", ")
                    };
                    let (people, staff) = (report.people, report.staff.len());
                    view! {
                        <div class="app-notice" id="import-done">
                            <p class="app-body">
                                {t_string!(i18n, accounts.import_done, people, staff, teams)
                                    .to_string()}
                            </p>
                            {(!report.staff.is_empty())
                                .then(|| {
                                    view! {
                                        <p class="app-body">{t!(i18n, accounts.import_links)}</p>
                                        {report
                                            .staff
                                            .into_iter()
                                            .enumerate()
                                            .map(|(i, s)| {
                                                let id = format!("import-link-{i}");
                                                let name = format!("{} <{}>", s.display_name, s.email);
                                                view! {
                                                    <div class="app-form-group">
                                                        <label class="app-label" for=id.clone()>
                                                            {t_string!(i18n, accounts.import_link_for, name)
                                                                .to_string()}
                                                        </label>
                                                        <input
                                                            class="app-input"
                                                            id=id
                                                            type="text"
                                                            readonly
                                                            prop:value=s.invitation.link
                                                            spellcheck="false"
                                                        />
                                                    </div>
                                                }
                                            })
                                            .collect_view()}
                                    }
                                })}
                        </div>
                    }
                        .into_any()
                }
            }}
        </div>
    }
}
