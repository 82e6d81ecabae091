use leptos::prelude::*;
use leptos_router::components::A;

use ourplan_shared::display::PdfLayout;
use ourplan_shared::role::Role;

use crate::components::PageTitle;
use crate::session::SessionContext;

/// The person's home in easy read: a big picture button for each thing they can do.
#[component]
fn PictureButtons(person: String) -> impl IntoView {
    let buttons = [
        (format!("/people/{person}/plan"), "plan", "My plan"),
        (
            format!("/people/{person}/plan#about-heading"),
            "love",
            "What is important to me",
        ),
        (
            format!("/people/{person}/plan#goals-heading"),
            "target",
            "My goals",
        ),
        ("/who-can-see".to_owned(), "people", "Who can see my plan"),
        (
            "/ask-for-a-review".to_owned(),
            "question",
            "Ask for a review",
        ),
        (
            format!("/people/{person}/feedback"),
            "talk",
            "Tell us what you think",
        ),
    ];
    let copy = format!(
        "/api/v1/persons/{person}/plan.pdf?layout={}",
        PdfLayout::EasyRead.key()
    );
    view! {
        <ul class="app-picture-buttons" id="my-home">
            {buttons.into_iter().map(|(href, picture, label)| view! {
                <li>
                    <A href=href attr:class="app-picture-button">
                        <img class="app-picture-button__picture" src=format!("/assets/pictures/{picture}.svg")
                            alt="" width="96" height="96"/>
                        <span class="app-picture-button__label">{label}</span>
                    </A>
                </li>
            }).collect_view()}
            // The person's own copy, in easy read.
            <li>
                <a class="app-picture-button" id="download-easy-read" download href=copy>
                    <img class="app-picture-button__picture" src="/assets/pictures/page.svg"
                        alt="" width="96" height="96"/>
                    <span class="app-picture-button__label">"Download my plan (PDF)"</span>
                </a>
            </li>
        </ul>
    }
}

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
                    let links: Vec<(String, &str)> = match &user.person_id {
                        Some(_) => vec![("/who-has-looked".to_owned(), "Who has looked at my plan")],
                        None if user.role == Role::Family => {
                            vec![("/people".to_owned(), "People who share their plan with you")]
                        }
                        None if user.role == Role::Admin => vec![
                            ("/people".to_owned(), "My people"),
                            ("/organisation".to_owned(), "Organisation settings"),
                        ],
                        None => vec![("/people".to_owned(), "My people")],
                    };
                    view! {
                        <p class="app-body-l">{format!("Hello, {}.", user.display_name)}</p>
                        {user.person_id.map(|person| view! { <PictureButtons person=person.to_string()/> })}
                        <ul class="app-link-list app-link-list--large">
                            {links
                                .into_iter()
                                .map(|(href, text)| view! { <li><A href=href>{text}</A></li> })
                                .collect_view()}
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
