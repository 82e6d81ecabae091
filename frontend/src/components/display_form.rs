use leptos::prelude::*;
use ourplan_shared::display::DisplayMode;

use crate::display::DisplayContext;

/// The display-mode control: one choice of layout plus high contrast on or off. Every change
/// applies at once, so there is no save button to miss.
#[component]
pub fn DisplayForm() -> impl IntoView {
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
                <label class="app-radios__label" for=id>{mode.label()}</label>
                <p class="app-radios__hint" id=hint_id>{mode.hint()}</p>
            </div>
        }
    });
    view! {
        <form class="app-display-form" on:submit=|event| event.prevent_default()>
            <fieldset class="app-fieldset">
                <legend class="app-fieldset__legend">"Layout"</legend>
                <div class="app-radios">{modes.collect_view()}</div>
            </fieldset>
            <fieldset class="app-fieldset">
                <legend class="app-fieldset__legend">"Colours"</legend>
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
                        "High contrast"
                    </label>
                    <p class="app-checkboxes__hint" id="display-high-contrast-hint">
                        "Light words on a dark background, with the strongest contrast."
                    </p>
                </div>
            </fieldset>
            <p class="app-display-form__status" role="status" aria-live="polite">
                {move || {
                    let current = preference.get();
                    let contrast = if current.high_contrast { ", high contrast" } else { "" };
                    format!("Now showing: {}{contrast}.", current.mode.label())
                }}
            </p>
        </form>
    }
}
