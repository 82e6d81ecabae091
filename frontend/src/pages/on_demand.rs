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
