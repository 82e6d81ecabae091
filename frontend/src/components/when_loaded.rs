//! The part of a page below what it loads, held back until that has first loaded.

use leptos::prelude::*;

use crate::i18n::{t, use_i18n};

/// Draws its children from the first time `ready` is true, for good. Until then they would be
/// pushed down as the page fills in above them (a layout shift, which loses a reader's place
/// and the button under their finger); a reload later keeps them drawn, with what was typed.
#[component]
pub fn WhenLoaded(
    #[prop(into)] ready: Signal<bool>,
    /// Shown until then; by default a line saying it is loading.
    #[prop(optional, into)]
    fallback: Option<ViewFn>,
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let fallback = fallback.unwrap_or_else(|| {
        ViewFn::from(move || view! { <p class="app-body">{t!(i18n, common.loading)}</p> })
    });
    let loaded = Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || ready.get());
    view! {
        <Show when=move || loaded.get() fallback=fallback>
            {children()}
        </Show>
    }
}
