//! Route targets.

mod accessibility;
mod display;
mod home;
mod not_found;
mod sign_in;

pub use accessibility::AccessibilityPage;
pub use display::DisplayPage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use sign_in::SignInPage;
