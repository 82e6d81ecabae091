//! Links to the PDF copies the server makes: the plan in easy read and in full, and for
//! staff the decisions report. Plain links, so the browser downloads with the session it has.

use leptos::prelude::*;
use ourplan_shared::display::PdfLayout;

fn plan_pdf(person: &str, layout: PdfLayout) -> String {
    format!("/api/v1/persons/{person}/plan.pdf?layout={}", layout.key())
}

/// "A copy of the plan": `mine` words it for the person themselves.
#[component]
pub fn PlanDownloads(person: String, mine: bool, staff: bool) -> impl IntoView {
    let (easy, full) = if mine {
        ("Download my plan in easy read", "Download my whole plan")
    } else {
        ("Download the plan in easy read", "Download the whole plan")
    };
    let decisions = format!("/api/v1/persons/{person}/plan/decisions.pdf");
    view! {
        <section aria-labelledby="downloads-heading">
            <h2 class="app-heading-m" id="downloads-heading">
                {if mine { "A copy of my plan" } else { "A copy of the plan" }}
            </h2>
            <ul class="app-link-list">
                <li><a class="app-link" id="download-easy-read" download
                    href=plan_pdf(&person, PdfLayout::EasyRead)>{easy}" (PDF)"</a></li>
                <li><a class="app-link" id="download-standard" download
                    href=plan_pdf(&person, PdfLayout::Standard)>{full}" (PDF)"</a></li>
                {staff.then(|| view! {
                    <li><a class="app-link" id="download-decisions" download href=decisions>
                        "Download the actions, decisions and disagreements (PDF)"</a></li>
                })}
            </ul>
        </section>
    }
}
