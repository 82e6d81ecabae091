use leptos::prelude::*;

use crate::components::{DisplayForm, PageTitle};
use crate::i18n::{t, t_string, use_i18n};

#[component]
pub fn DisplayPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle text=t_string!(i18n, display.title) />
        <h1 class="app-heading-xl">{t!(i18n, display.title)}</h1>
        <p class="app-body">{t!(i18n, display.intro)}</p>
        <DisplayForm />
    }
}
