use leptos::prelude::*;

use crate::components::PageTitle;
use crate::i18n::{t, t_string, use_i18n};

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=t_string!(i18n, accessibility.title) />
        <h1 class="app-heading-xl">{t!(i18n, accessibility.title)}</h1>
        <p class="app-body">{t!(i18n, accessibility.standard)}</p>
        <ul class="app-list app-list--bullet">
            <li>{t!(i18n, accessibility.keyboard)}</li>
            <li>{t!(i18n, accessibility.choices)}</li>
            <li>{t!(i18n, accessibility.zoom)}</li>
            <li>{t!(i18n, accessibility.checked)}</li>
        </ul>
        <p class="app-body">{t!(i18n, accessibility.tell_us)}</p>
    }
}
