//! Route targets.

mod accessibility;
mod code_sign_in;
mod contributions;
mod display;
mod history;
mod home;
mod item_edit;
mod not_found;
mod password;
mod people;
mod person;
mod plan_edit;
mod plan_view;
mod sharing;
mod sign_in;
mod sign_in_card;
mod who_has_looked;

pub use accessibility::AccessibilityPage;
pub use code_sign_in::CodeSignInPage;
pub use display::DisplayPage;
pub use history::HistoryPage;
pub use home::HomePage;
pub use item_edit::{ItemEditPage, ProfileEditPage};
pub use not_found::NotFoundPage;
pub use password::PasswordPage;
pub use people::PeoplePage;
pub use person::PersonPage;
pub use plan_edit::PlanEditPage;
pub use plan_view::PlanViewPage;
pub use sharing::{MySharingPage, SharingPage};
pub use sign_in::SignInPage;
pub use sign_in_card::SignInCardPage;
pub use who_has_looked::WhoHasLookedPage;
