//! The shell and every route.

use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{Lazy, path};

use ourplan_shared::role::Role;

use crate::api;
use crate::display::DisplayContext;
use crate::i18n::{I18nContextProvider, t, t_string, use_i18n};
use crate::pages::{HomePage, NotFoundPage, SignInPage, on_demand};
use crate::session::SessionContext;

#[component]
pub fn App() -> impl IntoView {
    let display = DisplayContext::provide();
    let session = SessionContext::provide();
    // A person supported sees their pages in the format (and language, see `language`)
    // recorded for them until they choose another here; a sign-in answer does not carry them,
    // so `/me` is asked.
    Effect::new(move |_| {
        let Some(user) = session.user.get() else {
            return;
        };
        if user.role != Role::Individual {
            return;
        }
        match user.preferred_format {
            Some(_) if crate::display::chosen() => {}
            Some(mode) => display.0.set(ourplan_shared::display::DisplayPreference {
                mode,
                high_contrast: false,
            }),
            None => session.refresh(),
        }
    });
    // Once someone is signed in, the pages their role opens are fetched while the browser is
    // idle (once per role: a later answer from `/me` asks for nothing more).
    let prefetched = StoredValue::new(None::<Role>);
    Effect::new(move |_| {
        if let Some(role) = session.user.with(|u| u.as_ref().map(|u| u.role))
            && prefetched.get_value() != Some(role)
        {
            prefetched.set_value(Some(role));
            on_demand::prefetch_for(role);
        }
    });
    // Nothing is drawn until the server has said who is signed in: the navigation, the
    // language and (for a person supported) the format all follow from it, and drawing before
    // would make the whole page jump once they change.
    view! {
        <Show when=move || session.known.get()>
            <I18nContextProvider>
                <Localised session />
            </I18nContextProvider>
        </Show>
    }
}

/// Every page, in the reader's language: mounted afresh (router and all) when the language
/// changes, so every text (attributes and computed labels too) is read from the catalogue
/// again. Keyed by the language, so nothing else remounts it (a remount in the middle of
/// signing in would lose the navigation the page started).
#[component]
fn Localised(session: SessionContext) -> impl IntoView {
    crate::language::follow(session.user);
    let i18n = use_i18n();
    view! {
        <For
            each=move || [i18n.get_locale()]
            key=|language| *language
            children=|_| untrack(app_pages)
        />
    }
}

fn app_pages() -> impl IntoView {
    view! {
        <Router>
            <Shell>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/display") view={Lazy::<on_demand::Display>::new()} />
                    <Route
                        path=path!("/accessibility")
                        view={Lazy::<on_demand::Accessibility>::new()}
                    />
                    <Route path=path!("/sign-in") view=SignInPage />
                    <Route
                        path=path!("/sign-in/code")
                        view={Lazy::<on_demand::CodeSignIn>::new()}
                    />
                    <Route
                        path=path!("/account/password")
                        view={Lazy::<on_demand::Password>::new()}
                    />
                    <Route
                        path=path!("/account/email")
                        view={Lazy::<on_demand::EmailSettings>::new()}
                    />
                    <Route
                        path=path!("/email/unsubscribe")
                        view={Lazy::<on_demand::Unsubscribe>::new()}
                    />
                    <Route path=path!("/people") view={Lazy::<on_demand::People>::new()} />
                    // Before a person's page, which would take "new" for a person.
                    <Route path=path!("/people/new") view={Lazy::<on_demand::Admit>::new()} />
                    <Route
                        path=path!("/people/:person_id")
                        view={Lazy::<on_demand::Person>::new()}
                    />
                    <Route
                        path=path!("/people/:person_id/plan")
                        view={Lazy::<on_demand::PlanView>::new()}
                    />
                    <Route
                        path=path!("/people/:person_id/details")
                        view={Lazy::<on_demand::PersonDetails>::new()}
                    />
                    <Route
                        path=path!("/people/:person_id/leaving")
                        view={Lazy::<on_demand::Leaving>::new()}
                    />
                    <Route
                        path=path!("/people/:person_id/history")
                        view={Lazy::<on_demand::History>::new()}
                    />
                    <Route
                        path=path!("/people/:person_id/evidence")
                        view={Lazy::<on_demand::Evidence>::new()}
                    />
                    <Route
                        path=path!("/people/:person_id/edit")
                        view={Lazy::<on_demand::PlanEdit>::new()}
                    />
                    <Route
                        path=path!("/people/:person_id/about-me")
                        view={Lazy::<on_demand::ProfileEdit>::new()}
                    />
                    <Route
                        path=path!("/people/:person_id/reviews")
                        view={Lazy::<on_demand::Reviews>::new()}
                    />
                    <Route
                        path=path!("/people/:person_id/feedback")
                        view={Lazy::<on_demand::Feedback>::new()}
                    />
                    <Route
                        path=path!("/people/:person_id/goals/:goal_id/progress")
                        view={Lazy::<on_demand::Progress>::new()}
                    />
                    // Before the item route, which would take "reviews" for a kind of item.
                    <Route
                        path=path!("/people/:person_id/reviews/:review_id")
                        view={Lazy::<on_demand::Review>::new()}
                    />
                    <Route
                        path=path!("/people/:person_id/views/new")
                        view={Lazy::<on_demand::PictureSort>::new()}
                    />
                    <Route
                        path=path!("/people/:person_id/:collection/:item_id")
                        view={Lazy::<on_demand::ItemEdit>::new()}
                    />
                    <Route
                        path=path!("/people/:person_id/decisions/:item_id/resolve")
                        view={Lazy::<on_demand::Resolve>::new()}
                    />
                    <Route
                        path=path!("/people/:person_id/sign-in-card")
                        view={Lazy::<on_demand::SignInCard>::new()}
                    />
                    <Route
                        path=path!("/who-has-looked")
                        view={Lazy::<on_demand::WhoHasLooked>::new()}
                    />
                    <Route
                        path=path!("/ask-for-a-review")
                        view={Lazy::<on_demand::AskForReview>::new()}
                    />
                    <Route
                        path=path!("/notifications")
                        view={Lazy::<on_demand::Notifications>::new()}
                    />
                    <Route
                        path=path!("/review-programme")
                        view={Lazy::<on_demand::Programme>::new()}
                    />
                    <Route
                        path=path!("/organisation")
                        view={Lazy::<on_demand::Organisation>::new()}
                    />
                    <Route
                        path=path!("/organisation/email")
                        view={Lazy::<on_demand::Outbox>::new()}
                    />
                    <Route path=path!("/setup") view={Lazy::<on_demand::Setup>::new()} />
                    <Route path=path!("/welcome") view={Lazy::<on_demand::Welcome>::new()} />
                    <Route path=path!("/accounts") view={Lazy::<on_demand::Accounts>::new()} />
                    <Route path=path!("/teams") view={Lazy::<on_demand::Teams>::new()} />
                    <Route path=path!("/who-can-see") view={Lazy::<on_demand::MySharing>::new()} />
                    <Route
                        path=path!("/people/:person_id/sharing")
                        view={Lazy::<on_demand::Sharing>::new()}
                    />
                </Routes>
            </Shell>
        </Router>
    }
}

/// Skip link, header with navigation, the main landmark and the footer.
#[component]
fn Shell(children: Children) -> impl IntoView {
    move_focus_to_main_on_navigation();
    let i18n = use_i18n();
    view! {
        // The router would take this in-page link for a navigation and the browser would not
        // move focus, so the link moves focus itself (and the router then ignores it).
        <a class="app-skip-link" href="#main-content" on:click=skip_to_main>
            {t!(i18n, common.skip_link)}
        </a>
        <header class="app-header">
            <div class="app-width-container app-header__inner">
                <A href="/" attr:class="app-header__brand">
                    <span class="app-header__logo" aria-hidden="true">
                        "◆"
                    </span>
                    " Ourplan"
                </A>
                <nav class="app-nav" aria-label=move || t_string!(i18n, common.nav_label)>
                    <ul class="app-nav__list">
                        <li class="app-nav__item">
                            <A href="/" attr:class="app-nav__link">
                                {t!(i18n, common.home)}
                            </A>
                        </li>
                        <li class="app-nav__item">
                            <A href="/display" attr:class="app-nav__link">
                                {t!(i18n, common.how_pages_look)}
                            </A>
                        </li>
                        <li class="app-nav__item">
                            <A href="/accessibility" attr:class="app-nav__link">
                                {t!(i18n, common.accessibility)}
                            </A>
                        </li>
                        <SessionLinks />
                    </ul>
                </nav>
            </div>
        </header>
        <div class="app-width-container">
            <main class="app-main" id="main-content" tabindex="-1">
                {children()}
            </main>
        </div>
        <footer class="app-footer">
            <div class="app-width-container">
                <p class="app-footer__text">
                    {t!(i18n, common.footer_about)}" " {t!(i18n, common.footer_font)}" "
                    {t!(i18n, common.footer_pictures)}
                </p>
            </div>
        </footer>
    }
}

/// "Sign in", or who is signed in and "Sign out".
#[component]
fn SessionLinks() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let i18n = use_i18n();
    // The unread count is asked for again on every page, so it stays current without polling.
    let location = use_location();
    Effect::new(move |_| {
        location.pathname.track();
        session.user.track();
        session.refresh_unread();
    });
    let navigate = leptos_router::hooks::use_navigate();
    // Signing out as an action: the button is disabled while it is on its way, and a second
    // press before the page shows that sends nothing more.
    let signing_out = Action::new_local(move |_: &()| {
        let navigate = navigate.clone();
        async move {
            // Signed out here even if the server is unreachable; the session then lapses.
            let _ = api::delete(&api::endpoint::session()).await;
            session.signed_out();
            navigate("/sign-in", Default::default());
        }
    });
    let leaving = signing_out.pending();
    let sign_out = move |_| {
        if !leaving.get_untracked() {
            signing_out.dispatch_local(());
        }
    };
    view! {
        <Show when=move || {
            session.known.get()
        }>
            {move || match session.user.get() {
                Some(user) => {
                    let staff = user.role.is_staff();
                    let manager = user.role == Role::Manager;
                    view! {
                        {manager
                            .then(|| {
                                view! {
                                    <li class="app-nav__item">
                                        <A href="/review-programme" attr:class="app-nav__link">
                                            {t!(i18n, common.review_programme)}
                                        </A>
                                    </li>
                                }
                            })}
                        {staff
                            .then(|| {
                                view! {
                                    <li class="app-nav__item">
                                        <A
                                            href="/notifications"
                                            attr:class="app-nav__link"
                                            attr:id="notifications-link"
                                        >
                                            {move || match session.unread.get() {
                                                0 => t_string!(i18n, common.notifications).to_string(),
                                                n => {
                                                    t_string!(i18n, common.notifications_new, count = n)
                                                        .to_string()
                                                }
                                            }}
                                        </A>
                                    </li>
                                }
                            })}
                        <li class="app-nav__item app-nav__item--user">
                            <span class="app-nav__user">{user.display_name}</span>
                        </li>
                        <li class="app-nav__item">
                            <button
                                class="app-nav__button"
                                type="button"
                                on:click=sign_out
                                prop:disabled=move || leaving.get()
                            >
                                {t!(i18n, common.sign_out)}
                            </button>
                        </li>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <li class="app-nav__item">
                            <A href="/sign-in" attr:class="app-nav__link">
                                {t!(i18n, common.sign_in)}
                            </A>
                        </li>
                    }
                        .into_any()
                }
            }}
        </Show>
    }
}

fn skip_to_main(event: web_sys::MouseEvent) {
    event.prevent_default();
    focus_main();
}

fn focus_main() {
    if let Some(main) = document().get_element_by_id("main-content")
        && let Ok(main) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(main)
    {
        let _ = main.focus();
    }
}

/// After an in-app navigation, screen readers and keyboards start at the new page's content,
/// as they would after a full page load (but not on the first load, which starts at the top).
fn move_focus_to_main_on_navigation() {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|previous| previous != path) {
            focus_main();
        }
        path
    });
}
