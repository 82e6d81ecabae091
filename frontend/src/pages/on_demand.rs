//! The pages a first visit does not need, split into a few pieces of WebAssembly that the
//! browser fetches when a page of the piece is first opened (`cargo xtask build` splits the app
//! at these points). Only the shell, the home page and signing in come with the first download.
//!
//! Pages are grouped by who opens them together: one piece per group keeps the number of files
//! a page needs small (the splitter puts code that several pieces share into extra files, one
//! per combination of pieces).

use leptos::prelude::*;
use leptos_router::LazyRoute;
use wasm_split_helpers::{SplitLoaderError, wasm_split};

use super::*;
use crate::components::PageTitle;
use crate::i18n::{t, t_string, use_i18n};

/// Shown when a page's piece cannot be fetched: the connection dropped, or a newer version of
/// Ourplan was installed since this tab opened (its pieces are gone). Loading the page again
/// fetches the current version; the rest of the app keeps working meanwhile.
#[component]
fn PageNotLoaded() -> impl IntoView {
    let i18n = use_i18n();
    let reload = |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    };
    view! {
        <PageTitle text=t_string!(i18n, common.not_loaded.title) />
        <h1 class="app-heading-xl">{t!(i18n, common.not_loaded.title)}</h1>
        <p class="app-body">{t!(i18n, common.not_loaded.body)}</p>
        <button type="button" class="app-button" id="try-again" on:click=reload>
            {t!(i18n, common.not_loaded.try_again)}
        </button>
    }
}

/// A route target for each page; every page of a group is split into the group's piece.
macro_rules! on_demand {
    ($($group:ident: $($route:ident => $page:ident),+ ;)+) => {$($(
        #[doc = concat!("[`", stringify!($page), "`], fetched with the ", stringify!($group), " pages.")]
        pub struct $route;

        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            async fn view(_this: Self) -> AnyView {
                // Fallible: a failed fetch would otherwise abort the whole app. It is not
                // remembered, so opening the page again tries again.
                #[allow(non_snake_case)]
                #[wasm_split($group, fallible)]
                fn $route() -> Result<AnyView, SplitLoaderError> {
                    Ok(view! { <$page/> }.into_any())
                }
                $route()
                    .await
                    .unwrap_or_else(|_| view! { <PageNotLoaded/> }.into_any())
            }
        }
    )+)+};
}

on_demand! {
    // Everything the person and their family reach, and each user's own settings.
    person:
        PlanView => PlanViewPage,
        MySharing => MySharingPage,
        AskForReview => AskForReviewPage,
        Feedback => FeedbackPage,
        WhoHasLooked => WhoHasLookedPage,
        Display => DisplayPage,
        Accessibility => AccessibilityPage,
        Password => PasswordPage,
        EmailSettings => EmailSettingsPage,
        Unsubscribe => UnsubscribePage,
        CodeSignIn => CodeSignInPage,
        Welcome => WelcomePage;
    // Staff finding and looking after the people they support.
    people:
        People => PeoplePage,
        Admit => AdmitPage,
        PersonDetails => PersonDetailsPage,
        Leaving => LeavingPage,
        Person => PersonPage,
        History => HistoryPage,
        Evidence => EvidencePage,
        Reviews => ReviewsPage,
        Sharing => SharingPage,
        SignInCard => SignInCardPage;
    // Staff writing: the plan, its items, progress and reviews.
    editing:
        PlanEdit => PlanEditPage,
        ItemEdit => ItemEditPage,
        Resolve => ResolvePage,
        ProfileEdit => ProfileEditPage,
        Progress => ProgressPage,
        Review => ReviewPage,
        PictureSort => PictureSortPage;
    // Managers and administrators.
    organisation:
        Programme => ProgrammePage,
        Organisation => OrganisationPage,
        Setup => SetupPage,
        Accounts => AccountsPage,
        Teams => TeamsPage,
        Notifications => NotificationsPage,
        Outbox => OutboxPage;
}

/// Empty functions, one in each group's piece: calling one fetches and starts its piece
/// without drawing a page.
#[wasm_split(person, fallible)]
fn in_person() -> Result<(), SplitLoaderError> {
    Ok(())
}
#[wasm_split(people, fallible)]
fn in_people() -> Result<(), SplitLoaderError> {
    Ok(())
}
#[wasm_split(editing, fallible)]
fn in_editing() -> Result<(), SplitLoaderError> {
    Ok(())
}
#[wasm_split(organisation, fallible)]
fn in_organisation() -> Result<(), SplitLoaderError> {
    Ok(())
}

/// Fetches, once the browser is idle after the page has loaded, the pieces of the pages the
/// signed-in user's role opens, so that the first of each opens as quickly as the rest. One
/// at a time, the likeliest first; a piece already there costs nothing, and one that cannot
/// be fetched now is fetched again when its page is opened.
pub fn prefetch_for(role: ourplan_shared::role::Role) {
    when_idle(move || {
        leptos::task::spawn_local(async move {
            for group in groups_of(role) {
                let fetched = match group {
                    Group::Person => in_person().await,
                    Group::People => in_people().await,
                    Group::Editing => in_editing().await,
                    Group::Organisation => in_organisation().await,
                };
                if fetched.is_err() {
                    return;
                }
            }
        });
    });
}

/// The groups of pages above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Person,
    People,
    Editing,
    Organisation,
}

/// The groups a role opens, the likeliest first.
fn groups_of(role: ourplan_shared::role::Role) -> &'static [Group] {
    use ourplan_shared::role::Role;
    match role {
        Role::Individual | Role::Family => &[Group::Person],
        Role::SupportWorker => &[Group::People, Group::Editing, Group::Person],
        Role::Manager => &[
            Group::People,
            Group::Organisation,
            Group::Editing,
            Group::Person,
        ],
        Role::Admin => &[Group::Organisation, Group::People, Group::Person],
    }
}

/// Runs `f` two seconds after the page started, when the browser is next idle
/// (`requestIdleCallback`; at once where there is no such call, as in Safari): the page being
/// opened has had its own pieces and data by then, so this does not compete with them.
fn when_idle(f: impl FnOnce() + 'static) {
    use wasm_bindgen::JsCast;
    let idle = move || {
        let Some(window) = web_sys::window() else {
            return;
        };
        let callback = wasm_bindgen::closure::Closure::once_into_js(f);
        let function: &js_sys::Function = callback.unchecked_ref();
        if window.request_idle_callback(function).is_err() {
            let _ = function.call0(&wasm_bindgen::JsValue::NULL);
        }
    };
    set_timeout(idle, std::time::Duration::from_secs(2));
}
