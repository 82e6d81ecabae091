//! `/people/:id/evidence`: the care-standard evidence report for staff (issue 11): which
//! criteria of HSC416 and of the planning procedure the records evidence, with links to the
//! evidence, and which are missing; and the same as a PDF for inspectors.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use ourplan_shared::evidence::{CriterionEvidence, EvidenceLink, EvidenceReport, EvidenceState};
use ourplan_shared::id::PersonId;

use crate::api::{self, endpoint};
use crate::components::PageTitle;
use crate::i18n::{t, t_string, use_i18n};

/// Where a piece of evidence is shown in the app.
fn href(person: &str, link: &EvidenceLink) -> Option<String> {
    let item = link.item.as_ref()?;
    Some(match item.collection.as_str() {
        "profile" => format!("/people/{person}/about-me"),
        "progress" => format!("/people/{person}/goals/{}/progress", item.id),
        "feedback" => format!("/people/{person}/feedback"),
        collection => format!("/people/{person}/{collection}/{}", item.id),
    })
}

fn criterion(person: &str, c: CriterionEvidence) -> impl IntoView + use<> {
    let person = person.to_owned();
    let evidence = c
        .evidence
        .into_iter()
        .take(12)
        .map(|link| {
            let text = link.text.clone();
            match href(&person, &link) {
                Some(to) => view! {
                    <li>
                        <A href=to attr:class="app-link">
                            {text}
                        </A>
                    </li>
                }
                .into_any(),
                None => view! { <li>{text}</li> }.into_any(),
            }
        })
        .collect_view();
    view! {
        <li
            class="app-evidence__criterion"
            id=format!("criterion-{}", c.code.replace(' ', "-").to_lowercase())
        >
            <h3 class="app-heading-s">{format!("{}: {}", c.code, c.text)}</h3>
            <p class="app-body">{c.note}</p>
            <ul class="app-list--bullet">{evidence}</ul>
        </li>
    }
}

#[component]
pub fn EvidencePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let person = move || params.read().get("person_id").unwrap_or_default();
    let person_id = move || api::address_id::<PersonId>(params.read().get("person_id"));
    let report = LocalResource::new(move || {
        let id = person_id();
        async move { api::get::<EvidenceReport>(&endpoint::evidence(id?)).await }
    });
    view! {
        <PageTitle text=t_string!(i18n, evidence.title) />
        <h1 class="app-heading-xl">{t!(i18n, evidence.title)}</h1>
        <p class="app-body">{t!(i18n, evidence.intro)}</p>
        <p class="app-body">
            <a
                class="app-link"
                id="download-evidence"
                download
                href=move || person_id().ok().map(endpoint::evidence_pdf)
            >
                {t!(i18n, evidence.download)}
            </a>
        </p>
        <Suspense fallback=move || {
            view! { <p class="app-body">{t!(i18n, evidence.loading)}</p> }
        }>
            {move || {
                report
                    .get()
                    .map(|result| match result {
                        Err(error) => view! { <p class="app-body">{error.message}</p> }.into_any(),
                        Ok(report) => {
                            let id = person();
                            [
                                (
                                    EvidenceState::Missing,
                                    t_string!(i18n, evidence.state.missing),
                                    "missing",
                                ),
                                (
                                    EvidenceState::Evidenced,
                                    t_string!(i18n, evidence.state.evidenced),
                                    "evidenced",
                                ),
                                (
                                    EvidenceState::NotYet,
                                    t_string!(i18n, evidence.state.not_yet),
                                    "not-yet",
                                ),
                                (
                                    EvidenceState::OutsideRecords,
                                    t_string!(i18n, evidence.state.outside),
                                    "outside",
                                ),
                            ]
                                .into_iter()
                                .map(|(state, heading, key)| {
                                    let of_state: Vec<CriterionEvidence> = report
                                        .criteria
                                        .iter()
                                        .filter(|c| c.state == state)
                                        .cloned()
                                        .collect();
                                    let count = of_state.len();
                                    let id = id.clone();
                                    view! {
                                        <section aria-labelledby=format!("{key}-heading")>
                                            <h2 class="app-heading-m" id=format!("{key}-heading")>
                                                {t_string!(i18n, evidence.heading_count, heading, count)
                                                    .to_string()}
                                            </h2>
                                            <ul class="app-evidence" id=format!("evidence-{key}")>
                                                {of_state
                                                    .into_iter()
                                                    .map(|c| criterion(&id, c))
                                                    .collect_view()}
                                            </ul>
                                        </section>
                                    }
                                })
                                .collect_view()
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}
