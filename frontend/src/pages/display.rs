use leptos::prelude::*;

use crate::components::{DisplayForm, PageTitle};

#[component]
pub fn DisplayPage() -> impl IntoView {
    view! {
        <PageTitle text="How pages look"/>
        <h1 class="app-heading-xl">"How pages look"</h1>
        <p class="app-body">
            "Choose the layout that is easiest for you. This browser remembers your choice."
        </p>
        <DisplayForm/>
    }
}
