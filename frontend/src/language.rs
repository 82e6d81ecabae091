//! Which language the interface speaks: the reader's own choice in this browser, otherwise the
//! language recorded for the person supported, otherwise English. Every text comes from
//! the catalogue in `locales/`, compiled into [`crate::i18n`].

use leptos::prelude::*;
use leptos_i18n::Locale as _;
use ourplan_shared::organisation::User;

use crate::i18n::{Locale, use_i18n};

type I18nContext = leptos_i18n::I18nContext<Locale>;

const LANGUAGE_KEY: &str = "ourplan.language";

/// The languages offered, each named in itself so a reader finds their own.
pub const CHOICES: [(Locale, &str); 2] = [(Locale::en, "English"), (Locale::pl, "Polski")];

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The catalogue language for a BCP 47 tag (`pl`, `pl-PL`, `en-GB`), if we have it.
pub fn for_tag(tag: &str) -> Option<Locale> {
    let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
    CHOICES
        .iter()
        .map(|&(locale, _)| locale)
        .find(|locale| locale.as_str() == primary)
}

/// The language the page speaks now (its `lang`), for code that runs outside a component, such
/// as a request's error.
pub fn current() -> Locale {
    document()
        .document_element()
        .and_then(|root| root.get_attribute("lang"))
        .and_then(|tag| for_tag(&tag))
        .unwrap_or(Locale::en)
}

/// The page's language as a full tag for the browser's `Intl` and speech: the catalogue's
/// English is British ("24 November 2026", a British voice), its Polish is Poland's.
pub fn regional_tag() -> &'static str {
    match current() {
        Locale::en => "en-GB",
        Locale::pl => "pl-PL",
    }
}

/// The language this browser's reader chose, if they did.
pub fn saved() -> Option<Locale> {
    storage()?
        .get_item(LANGUAGE_KEY)
        .ok()
        .flatten()
        .and_then(|tag| for_tag(&tag))
}

/// The reader's own choice: applied now and remembered by this browser.
pub fn choose(i18n: I18nContext, locale: Locale) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(LANGUAGE_KEY, locale.as_str());
    }
    i18n.set_locale(locale);
}

/// Speaks the saved language, or else the recorded language of the person supported who is
/// signed in (English for everyone else), following sign-in and sign-out.
pub fn follow(user: RwSignal<Option<User>>) {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let recorded = user
            .get()
            .and_then(|user| user.preferred_language)
            .and_then(|tag| for_tag(&tag));
        let language = saved().or(recorded).unwrap_or(Locale::en);
        if i18n.get_locale_untracked() != language {
            i18n.set_locale(language);
        }
    });
}

/// Moves focus to the element with `id` once the page has been rebuilt in a new language, so a
/// keyboard or screen-reader user is not sent back to the top.
pub fn focus_after_rebuild(id: String) {
    request_animation_frame(move || {
        if let Some(element) = document().get_element_by_id(&id)
            && let Ok(element) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(element)
        {
            let _ = element.focus();
        }
    });
}
