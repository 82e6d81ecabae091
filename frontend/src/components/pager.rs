use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{t, t_string, use_i18n};

/// Links to the page before and after `page` of `pages`, when there are more than one; each
/// is a plain link, so the address says the page and the browser's back button works.
#[component]
pub fn Pager(
    page: u32,
    pages: u32,
    /// The address of a page, with its filters.
    link: impl Fn(u32) -> String + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    (pages > 1).then(|| {
        view! {
            <nav class="app-pager" aria-label=t_string!(i18n, caseload.pages_label)>
                {(page > 1)
                    .then(|| {
                        view! {
                            <A
                                href=link(page - 1)
                                attr:class="app-pager__link"
                                attr:rel="prev"
                                attr:id="previous-page"
                            >
                                {t!(i18n, caseload.previous)}
                            </A>
                        }
                    })}
                {(page < pages)
                    .then(|| {
                        view! {
                            <A
                                href=link(page + 1)
                                attr:class="app-pager__link"
                                attr:rel="next"
                                attr:id="next-page"
                            >
                                {t!(i18n, caseload.next)}
                            </A>
                        }
                    })}
            </nav>
        }
    })
}
