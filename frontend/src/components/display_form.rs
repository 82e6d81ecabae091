use leptos::prelude::*;
use ourplan_shared::display::DisplayMode;

use crate::display::{DisplayContext, mode_hint, mode_label};
use crate::i18n::{t, t_string, use_i18n};
use crate::language;

/// The display-mode control: one choice of layout, high contrast on or off, and the language.
/// Every change applies at once, so there is no save button to miss.
#[component]
pub fn DisplayForm() -> impl IntoView {
    let i18n = use_i18n();
    let display = expect_context::<DisplayContext>();
    let preference = display.0;
    let modes = DisplayMode::ALL.iter().map(|&mode| {
        let id = format!("display-mode-{}", mode.key());
        let hint_id = format!("{id}-hint");
        view! {
            <div class="app-radios__item">
                <input
                    class="app-radios__input"
                    type="radio"
                    name="display-mode"
                    id=id.clone()
                    value=mode.key()
                    aria-describedby=hint_id.clone()
                    prop:checked=move || preference.get().mode == mode
                    on:change=move |_| display.choose(|p| p.mode = mode)
                />
                <label class="app-radios__label" for=id>
                    {mode_label(mode)}
                </label>
                <p class="app-radios__hint" id=hint_id>
                    {mode_hint(mode)}
                </p>
            </div>
        }
    });
    view! {
        <form class="app-display-form" on:submit=|event| event.prevent_default()>
            <fieldset class="app-fieldset">
                <legend class="app-fieldset__legend">{t!(i18n, display.layout)}</legend>
                <div class="app-radios">{modes.collect_view()}</div>
            </fieldset>
            <fieldset class="app-fieldset">
                <legend class="app-fieldset__legend">{t!(i18n, display.colours)}</legend>
                <div class="app-checkboxes__item">
                    <input
                        class="app-checkboxes__input"
                        type="checkbox"
                        id="display-high-contrast"
                        aria-describedby="display-high-contrast-hint"
                        prop:checked=move || preference.get().high_contrast
                        on:change=move |event| {
                            let on = event_target_checked(&event);
                            display.choose(|p| p.high_contrast = on);
                        }
                    />
                    <label class="app-checkboxes__label" for="display-high-contrast">
                        {t!(i18n, display.high_contrast)}
                    </label>
                    <p class="app-checkboxes__hint" id="display-high-contrast-hint">
                        {t!(i18n, display.high_contrast_hint)}
                    </p>
                </div>
            </fieldset>
            <LanguageChoice />
            <p class="app-display-form__status" role="status" aria-live="polite">
                {move || {
                    let current = preference.get();
                    let mode = mode_label(current.mode);
                    if current.high_contrast {
                        t_string!(i18n, display.now_showing_contrast, mode).to_string()
                    } else {
                        t_string!(i18n, display.now_showing, mode).to_string()
                    }
                }}
            </p>
        </form>
    }
}

/// The interface language, each named in itself (and marked as that language, so a screen
/// reader pronounces it right).
#[component]
fn LanguageChoice() -> impl IntoView {
    let i18n = use_i18n();
    let choices = language::CHOICES.iter().map(|&(locale, name)| {
        let id = format!("language-{}", locale_tag(locale));
        let focus_id = id.clone();
        view! {
            <div class="app-radios__item">
                <input
                    class="app-radios__input"
                    type="radio"
                    name="language"
                    id=id.clone()
                    value=locale_tag(locale)
                    aria-describedby="language-hint"
                    prop:checked=move || i18n.get_locale() == locale
                    on:change=move |_| {
                        language::choose(i18n, locale);
                        language::focus_after_rebuild(focus_id.clone());
                    }
                />
                <label class="app-radios__label" for=id lang=locale_tag(locale)>
                    {name}
                </label>
            </div>
        }
    });
    view! {
        <fieldset class="app-fieldset">
            <legend class="app-fieldset__legend">{t!(i18n, display.language)}</legend>
            <p class="app-hint" id="language-hint">
                {t!(i18n, display.language_hint)}
            </p>
            <div class="app-radios">{choices.collect_view()}</div>
        </fieldset>
    }
}

fn locale_tag(locale: crate::i18n::Locale) -> &'static str {
    leptos_i18n::Locale::as_str(locale)
}
