use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::PageTitle;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <PageTitle text="Page not found"/>
        <h1 class="app-heading-xl">"Page not found"</h1>
        <p class="app-body">"There is no page at this address. Check that it is typed correctly."</p>
        <p class="app-body"><A href="/">"Go to the home page"</A></p>
    }
}
