//! The reader's display choice: remembered by this browser (or, until they choose, the format
//! recorded for them) and applied as `data-mode` and `data-contrast` on `<html>`, where the CSS
//! tokens pick it up. Components never branch on it.

use leptos::prelude::*;
use ourplan_shared::display::{DisplayMode, DisplayPreference};

use crate::i18n::{t_string, use_i18n};

const MODE_KEY: &str = "ourplan.display.mode";
const CONTRAST_KEY: &str = "ourplan.display.high-contrast";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The saved choice, or the default when nothing (or something unknown) is saved.
pub fn load() -> DisplayPreference {
    let Some(storage) = storage() else {
        return DisplayPreference::default();
    };
    let mode = storage
        .get_item(MODE_KEY)
        .ok()
        .flatten()
        .and_then(|key| DisplayMode::from_key(&key))
        .unwrap_or_default();
    let high_contrast = storage.get_item(CONTRAST_KEY).ok().flatten().as_deref() == Some("on");
    DisplayPreference {
        mode,
        high_contrast,
    }
}

/// Whether this browser has a saved choice (otherwise the person's recorded format applies).
pub fn chosen() -> bool {
    storage().is_some_and(|s| s.get_item(MODE_KEY).ok().flatten().is_some())
}

/// Saves the choice; a browser that refuses storage (private mode) still applies it.
pub fn save(preference: DisplayPreference) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(MODE_KEY, preference.mode.key());
        let _ = storage.set_item(
            CONTRAST_KEY,
            if preference.high_contrast {
                "on"
            } else {
                "off"
            },
        );
    }
}

pub fn apply(preference: DisplayPreference) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-mode", preference.mode.key());
        let _ = root.set_attribute(
            "data-contrast",
            if preference.high_contrast {
                "high"
            } else {
                "standard"
            },
        );
    }
}

/// The app-wide display state, provided once by [`crate::app::App`].
#[derive(Clone, Copy)]
pub struct DisplayContext(pub RwSignal<DisplayPreference>);

impl DisplayContext {
    /// Creates the state from what is saved and keeps `<html>` in step with it.
    pub fn provide() -> Self {
        let preference = RwSignal::new(load());
        Effect::new(move |_| apply(preference.get()));
        let context = Self(preference);
        provide_context(context);
        context
    }

    /// The reader's own choice: applied and remembered by this browser.
    pub fn choose(self, change: impl FnOnce(&mut DisplayPreference)) {
        self.0.update(change);
        save(self.0.get_untracked());
    }
}

/// A layout's name in the reader's language.
pub fn mode_label(mode: DisplayMode) -> &'static str {
    let i18n = use_i18n();
    match mode {
        DisplayMode::Standard => t_string!(i18n, display.modes.standard.label),
        DisplayMode::LargeType => t_string!(i18n, display.modes.large_type.label),
        DisplayMode::EasyRead => t_string!(i18n, display.modes.easy_read.label),
        DisplayMode::Pictorial => t_string!(i18n, display.modes.pictorial.label),
    }
}

/// What a layout looks like, in the reader's language.
pub fn mode_hint(mode: DisplayMode) -> &'static str {
    let i18n = use_i18n();
    match mode {
        DisplayMode::Standard => t_string!(i18n, display.modes.standard.hint),
        DisplayMode::LargeType => t_string!(i18n, display.modes.large_type.hint),
        DisplayMode::EasyRead => t_string!(i18n, display.modes.easy_read.hint),
        DisplayMode::Pictorial => t_string!(i18n, display.modes.pictorial.hint),
    }
}
