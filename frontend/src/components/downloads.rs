//! Links to the PDF copies the server makes: the plan in easy read and in full, and for
//! staff the decisions report. Plain links, so the browser downloads with the session it has.

use leptos::prelude::*;
use ourplan_shared::display::PdfLayout;
use ourplan_shared::id::PersonId;

use crate::api::endpoint;

use crate::i18n::{t_string, use_i18n};

/// "A copy of the plan": `mine` words it for the person themselves.
#[component]
pub fn PlanDownloads(person: PersonId, mine: bool, staff: bool) -> impl IntoView {
    let i18n = use_i18n();
    let (heading, easy, full) = if mine {
        (
            t_string!(i18n, components.downloads.heading_mine),
            t_string!(i18n, components.downloads.easy_read_mine),
            t_string!(i18n, components.downloads.whole_mine),
        )
    } else {
        (
            t_string!(i18n, components.downloads.heading),
            t_string!(i18n, components.downloads.easy_read),
            t_string!(i18n, components.downloads.whole),
        )
    };
    let decisions = endpoint::decisions_pdf(person);
    view! {
        <section aria-labelledby="downloads-heading">
            <h2 class="app-heading-m" id="downloads-heading">
                {heading}
            </h2>
            <ul class="app-link-list">
                <li>
                    <a
                        class="app-link"
                        id="download-easy-read"
                        download
                        href=endpoint::plan_pdf(person, PdfLayout::EasyRead)
                    >
                        {easy}
                    </a>
                </li>
                <li>
                    <a
                        class="app-link"
                        id="download-standard"
                        download
                        href=endpoint::plan_pdf(person, PdfLayout::Standard)
                    >
                        {full}
                    </a>
                </li>
                {staff
                    .then(|| {
                        view! {
                            <li>
                                <a class="app-link" id="download-decisions" download href=decisions>
                                    {t_string!(i18n, components.downloads.decisions)}
                                </a>
                            </li>
                        }
                    })}
            </ul>
        </section>
    }
}
