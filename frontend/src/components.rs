//! Components render what they are given and never fetch.

pub mod display_form;
pub mod page_title;

pub use display_form::DisplayForm;
pub use page_title::PageTitle;
