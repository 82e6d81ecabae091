//! `/people`: the people the signed-in user may see: for staff, their caseload, searched and
//! paged on the server (`caseload`); for a family member, the people who share their plan.

use leptos::prelude::*;
use leptos_router::components::A;
use ourplan_shared::organisation::PersonSummary;
use ourplan_shared::role::Role;

use super::caseload::StaffCaseload;
use crate::api::{self, endpoint};
use crate::components::PageTitle;
use crate::i18n::{t, t_string, use_i18n};
use crate::session::SessionContext;

fn display_name(person: &PersonSummary) -> String {
    person
        .preferred_name
        .clone()
        .unwrap_or_else(|| person.full_name.clone())
}

#[component]
pub fn PeoplePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<SessionContext>();
    let family = move || session.user.get().is_some_and(|u| u.role == Role::Family);
    let staff = move || session.user.get().is_some_and(|u| u.role.is_staff());
    let managers = move || {
        session
            .user
            .get()
            .is_some_and(|u| matches!(u.role, Role::Manager | Role::Admin))
    };
    view! {
        <PageTitle text=t_string!(i18n, people.title) />
        <h1 class="app-heading-xl">
            {move || {
                if family() {
                    t_string!(i18n, people.heading_family)
                } else {
                    t_string!(i18n, people.heading_staff)
                }
            }}
        </h1>
        <Show when=staff>
            <p class="app-body">
                <A href="/people/new" attr:class="app-button" attr:id="admit-link">
                    {t!(i18n, admit.link)}
                </A>
            </p>
        </Show>
        {move || {
            if staff() {
                view! { <StaffCaseload managers=managers() /> }.into_any()
            } else {
                view! { <SharedWithMe /> }.into_any()
            }
        }}
    }
}

/// The people who share their plan with a family member or advocate (or, for the person, their
/// own): a short list, by name.
#[component]
fn SharedWithMe() -> impl IntoView {
    let i18n = use_i18n();
    let people =
        LocalResource::new(|| async { api::get::<Vec<PersonSummary>>(&endpoint::persons()).await });
    view! {
        <Suspense fallback=move || {
            view! { <p class="app-body">{t!(i18n, people.loading)}</p> }
        }>
            {move || {
                people
                    .get()
                    .map(|result| match result {
                        Ok(people) if people.is_empty() => {
                            view! { <p class="app-body">{t!(i18n, people.nobody)}</p> }.into_any()
                        }
                        Ok(people) => {
                            view! {
                                <ul class="app-people">
                                    {people
                                        .into_iter()
                                        .map(move |p| {
                                            let name = display_name(&p);
                                            let full = (p.preferred_name.is_some())
                                                .then(|| {
                                                    let name = &p.full_name;
                                                    t_string!(i18n, people.full_name, name).to_string()
                                                });
                                            view! {
                                                <li class="app-people__item">
                                                    <A href=format!("/people/{}", p.id)>{name}</A>
                                                    {full}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <p class="app-body">{error.message}</p> }.into_any(),
                    })
            }}
        </Suspense>
    }
}
