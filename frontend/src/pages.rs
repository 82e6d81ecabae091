//! Route targets.

mod accessibility;
mod display;
mod home;
mod not_found;

pub use accessibility::AccessibilityPage;
pub use display::DisplayPage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
