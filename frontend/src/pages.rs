//! Route targets.

mod accessibility;
mod display;
mod home;
mod not_found;
mod sign_in;
mod who_has_looked;

pub use accessibility::AccessibilityPage;
pub use display::DisplayPage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use sign_in::SignInPage;
pub use who_has_looked::WhoHasLookedPage;
