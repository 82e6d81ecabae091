use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::PageTitle;
use crate::session::SessionContext;

#[component]
pub fn HomePage() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    view! {
        <PageTitle text="Home"/>
        <h1 class="app-heading-xl">"Ourplan"</h1>
        {move || {
            session
                .user
                .get()
                .map(|user| {
                    let has_plan = user.person_id.is_some();
                    view! {
                        <p class="app-body-l">{format!("Hello, {}.", user.display_name)}</p>
                        <Show when=move || has_plan>
                            <p class="app-body">
                                <A href="/who-has-looked">"Who has looked at my plan"</A>
                            </p>
                        </Show>
                    }
                })
        }}
        <p class="app-body-l">"Your support plan, made with you."</p>
        <p class="app-body">
            "Ourplan helps people who get support write their own plan with their support team. "
            "You decide what goes in your plan and who can see it."
        </p>
        <h2 class="app-heading-m">"Make the pages easier to read"</h2>
        <p class="app-body">
            "You can make the words bigger, use easy read, or change the colours. "
            <A href="/display">"Change how pages look"</A>"."
        </p>
    }
}
