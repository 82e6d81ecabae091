use leptos::prelude::*;
use leptos_router::components::A;

use ourplan_shared::display::PdfLayout;
use ourplan_shared::id::PersonId;
use ourplan_shared::role::Role;

use crate::api::endpoint;
use crate::components::PageTitle;
use crate::i18n::{t, t_string, use_i18n};
use crate::session::SessionContext;

/// The person's home in easy read: a big picture button for each thing they can do.
#[component]
fn PictureButtons(person: PersonId) -> impl IntoView {
    let i18n = use_i18n();
    let buttons = [
        (
            format!("/people/{person}/plan"),
            "plan",
            t_string!(i18n, home.my_plan),
        ),
        (
            format!("/people/{person}/plan?part=about"),
            "love",
            t_string!(i18n, home.important_to_me),
        ),
        (
            format!("/people/{person}/plan?part=goals"),
            "target",
            t_string!(i18n, home.my_goals),
        ),
        (
            "/who-can-see".to_owned(),
            "people",
            t_string!(i18n, home.who_can_see),
        ),
        (
            "/ask-for-a-review".to_owned(),
            "question",
            t_string!(i18n, home.ask_review),
        ),
        (
            format!("/people/{person}/feedback"),
            "talk",
            t_string!(i18n, home.tell_us),
        ),
    ];
    let copy = endpoint::plan_pdf(person, PdfLayout::EasyRead);
    view! {
        <ul class="app-picture-buttons" id="my-home">
            {buttons
                .into_iter()
                .map(|(href, picture, label)| {
                    view! {
                        <li>
                            <A href=href attr:class="app-picture-button">
                                <img
                                    class="app-picture-button__picture"
                                    src=format!("/assets/pictures/{picture}.svg")
                                    alt=""
                                    width="96"
                                    height="96"
                                />
                                <span class="app-picture-button__label">{label}</span>
                            </A>
                        </li>
                    }
                })
                .collect_view()}
            // The person's own copy, in easy read.
            <li>
                <a class="app-picture-button" id="download-easy-read" download href=copy>
                    <img
                        class="app-picture-button__picture"
                        src="/assets/pictures/page.svg"
                        alt=""
                        width="96"
                        height="96"
                    />
                    <span class="app-picture-button__label">{t!(i18n, home.download)}</span>
                </a>
            </li>
        </ul>
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let i18n = use_i18n();
    view! {
        <PageTitle text=t_string!(i18n, home.title) />
        <h1 class="app-heading-xl">"Ourplan"</h1>
        {move || {
            session
                .user
                .get()
                .map(|user| {
                    let links: Vec<(String, &str)> = match &user.person_id {
                        Some(_) => {
                            vec![
                                ("/who-has-looked".to_owned(), t_string!(i18n, home.who_has_looked)),
                            ]
                        }
                        None if user.role == Role::Family => {
                            vec![("/people".to_owned(), t_string!(i18n, home.people_sharing))]
                        }
                        None if user.role == Role::Admin => {
                            vec![
                                ("/people".to_owned(), t_string!(i18n, home.my_people)),
                                ("/accounts".to_owned(), t_string!(i18n, home.accounts)),
                                ("/teams".to_owned(), t_string!(i18n, home.teams)),
                                (
                                    "/organisation".to_owned(),
                                    t_string!(i18n, home.organisation_settings),
                                ),
                                (
                                    "/organisation/email".to_owned(),
                                    t_string!(i18n, home.email_outbox),
                                ),
                            ]
                        }
                        None if user.role == Role::Manager => {
                            vec![
                                ("/people".to_owned(), t_string!(i18n, home.my_people)),
                                ("/teams".to_owned(), t_string!(i18n, home.teams)),
                            ]
                        }
                        None => vec![("/people".to_owned(), t_string!(i18n, home.my_people))],
                    };
                    let name = user.display_name.clone();
                    view! {
                        <p class="app-body-l">{t_string!(i18n, home.hello, name).to_string()}</p>
                        {user.person_id.map(|person| view! { <PictureButtons person=person /> })}
                        <ul class="app-link-list app-link-list--large">
                            {links
                                .into_iter()
                                .map(|(href, text)| {
                                    view! {
                                        <li>
                                            <A href=href>{text}</A>
                                        </li>
                                    }
                                })
                                .collect_view()} <li>
                                <A href="/account/password">{t!(i18n, home.change_password)}</A>
                            </li> <li>
                                <A href="/account/email">{t!(i18n, home.my_emails)}</A>
                            </li>
                        </ul>
                    }
                })
        }}
        <p class="app-body-l">{t!(i18n, home.tagline)}</p>
        <p class="app-body">{t!(i18n, home.about)}</p>
        <h2 class="app-heading-m">{t!(i18n, home.easier_heading)}</h2>
        <p class="app-body">
            {t!(i18n, home.easier_body)}" " <A href="/display">{t!(i18n, home.easier_link)}</A>"."
        </p>
    }
}
