//! The marker staff see on a point the person has no easy-read wording for yet: the person is
//! shown the staff wording meanwhile.

use leptos::prelude::*;

use crate::i18n::{t_string, use_i18n};

/// "Not yet in easy read", when `words` (the person's own / easy-read wording) is blank.
pub fn not_yet_in_easy_read(words: Option<&str>) -> Option<impl IntoView + use<>> {
    words.is_none_or(|w| w.trim().is_empty()).then(|| {
        let i18n = use_i18n();
        view! {
            <p class="app-body">
                <strong class="app-tag">{t_string!(i18n, components.easy_read_tag.tag)}</strong>
                " "
                {t_string!(i18n, components.easy_read_tag.explain)}
            </p>
        }
    })
}
