use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::PageTitle;
use crate::i18n::{t, t_string, use_i18n};

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=t_string!(i18n, common.not_found.title) />
        <h1 class="app-heading-xl">{t!(i18n, common.not_found.title)}</h1>
        <p class="app-body">{t!(i18n, common.not_found.body)}</p>
        <p class="app-body">
            <A href="/">{t!(i18n, common.not_found.home_link)}</A>
        </p>
    }
}
