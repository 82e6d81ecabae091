//! Components render what they are given and never fetch.

pub mod choices;
pub mod display_form;
pub mod error_summary;
pub mod page_title;
pub mod text_input;

pub use choices::{Checkboxes, Choice, Radios};
pub use display_form::DisplayForm;
pub use error_summary::{ErrorSummary, FormError};
pub use page_title::PageTitle;
pub use text_input::TextInput;
