//! The marker staff see on a point the person has no easy-read wording for yet: the person is
//! shown the staff wording meanwhile.

use leptos::prelude::*;

/// "Not yet in easy read", when `words` (the person's own / easy-read wording) is blank.
pub fn not_yet_in_easy_read(words: Option<&str>) -> Option<impl IntoView + use<>> {
    words.is_none_or(|w| w.trim().is_empty()).then(|| {
        view! {
            <p class="app-body"><strong class="app-tag">"Not yet in easy read"</strong>
                " The person sees this wording until it is written in easy read with them."</p>
        }
    })
}
