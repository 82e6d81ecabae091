//! Components render what they are given and never fetch.

pub mod choices;
pub mod conflict;
pub mod display_form;
pub mod downloads;
pub mod easy_read_tag;
pub mod error_summary;
pub mod page_title;
pub mod pager;
pub mod progress_chart;
pub mod record_field;
pub mod summary_list;
pub mod text_area;
pub mod text_input;
pub mod when_loaded;

pub use choices::{Checkboxes, Choice, Radios};
pub use conflict::Conflict;
pub use display_form::DisplayForm;
pub use downloads::PlanDownloads;
pub use easy_read_tag::not_yet_in_easy_read;
pub use error_summary::{ErrorSummary, FormError};
pub use page_title::{PageTitle, title_follows_errors};
pub use pager::Pager;
pub use progress_chart::ProgressChart;
pub use record_field::{PlanChoices, RecordField};
pub use summary_list::SummaryList;
pub use text_area::TextArea;
pub use text_input::TextInput;
pub use when_loaded::WhenLoaded;
