use leptos::prelude::*;
use leptos_router::components::A;

use ourplan_shared::display::PdfLayout;
use ourplan_shared::role::Role;

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
                    let links: Vec<(String, &str)> = match user.person_id {
                        Some(person) => vec![
                            (format!("/people/{person}/plan"), "Read my plan"),
                            ("/who-can-see".to_owned(), "Who can see my plan"),
                            ("/who-has-looked".to_owned(), "Who has looked at my plan"),
                            ("/ask-for-a-review".to_owned(), "Ask for a review"),
                            (format!("/people/{person}/feedback"), "Tell us what you think"),
                        ],
                        None if user.role == Role::Family => {
                            vec![("/people".to_owned(), "People who share their plan with you")]
                        }
                        None if user.role == Role::Admin => vec![
                            ("/people".to_owned(), "My people"),
                            ("/organisation".to_owned(), "Organisation settings"),
                        ],
                        None => vec![("/people".to_owned(), "My people")],
                    };
                    // The person's own copy, in easy read, a download away.
                    let copy = user.person_id.map(|person| {
                        let href = format!(
                            "/api/v1/persons/{person}/plan.pdf?layout={}",
                            PdfLayout::EasyRead.key()
                        );
                        view! {
                            <li><a id="download-easy-read" download href=href>"Download my plan (PDF)"</a></li>
                        }
                    });
                    view! {
                        <p class="app-body-l">{format!("Hello, {}.", user.display_name)}</p>
                        <ul class="app-link-list app-link-list--large">
                            {links
                                .into_iter()
                                .map(|(href, text)| view! { <li><A href=href>{text}</A></li> })
                                .collect_view()}
                            {copy}
                            <li><A href="/account/password">"Change my password"</A></li>
                        </ul>
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
