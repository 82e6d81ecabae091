//! The screen shown when someone else saved first: what of each side was kept, and for each
//! field both changed, both wordings to choose from. Nothing is overwritten until the person
//! saves their choice.

use leptos::prelude::*;
use ourplan_shared::merge::Combined;

use crate::i18n::{t_string, use_i18n};
use crate::item_kind::{ItemKind, Record, shown};

fn labels(kind: ItemKind, fields: &[String]) -> String {
    fields
        .iter()
        .map(|f| kind.label_of(f))
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
pub fn Conflict(
    kind: ItemKind,
    combined: Combined,
    /// Saves the combination with the clashes settled as chosen.
    on_save: impl Fn(Record) + Copy + Send + Sync + 'static,
    /// Drops my changes and shows theirs.
    on_discard: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    // For each clash: mine (true) or theirs; mine by default.
    let choices: Vec<(String, RwSignal<bool>)> = combined
        .clashes
        .iter()
        .map(|c| (c.field.clone(), RwSignal::new(true)))
        .collect();
    let save = {
        let choices = choices.clone();
        let combined = combined.clone();
        move |_| {
            let record = combined.resolved(|field| {
                choices
                    .iter()
                    .find(|(f, _)| f == field)
                    .is_none_or(|(_, mine)| mine.get_untracked())
            });
            on_save(record);
        }
    };
    let input_of = move |name: &str| {
        kind.fields()
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.input)
    };
    let clashes = combined
        .clashes
        .iter()
        .zip(choices)
        .map(|(clash, (_, mine))| {
            let group = format!("choose-{}", clash.field);
            let (ours, theirs) = match input_of(&clash.field) {
                Some(input) => (shown(input, &clash.mine), shown(input, &clash.theirs)),
                None => (clash.mine.to_string(), clash.theirs.to_string()),
            };
            let blank = |text: String| {
                if text.is_empty() {
                    t_string!(i18n, components.conflict.empty).to_owned()
                } else {
                    text
                }
            };
            let field = kind.label_of(&clash.field);
            view! {
                <fieldset class="app-fieldset app-conflict__choice">
                    <legend class="app-fieldset__legend">
                        {t_string!(i18n, components.conflict.both_changed, field).to_string()}
                    </legend>
                    <div class="app-radios">
                        <div class="app-radios__item">
                            <input
                                class="app-radios__input"
                                type="radio"
                                id=format!("{group}-mine")
                                name=group.clone()
                                prop:checked=move || mine.get()
                                on:change=move |_| mine.set(true)
                            />
                            <label class="app-radios__label" for=format!("{group}-mine")>
                                {t_string!(i18n, components.conflict.yours, value = blank(ours))
                                    .to_string()}
                            </label>
                        </div>
                        <div class="app-radios__item">
                            <input
                                class="app-radios__input"
                                type="radio"
                                id=format!("{group}-theirs")
                                name=group.clone()
                                prop:checked=move || !mine.get()
                                on:change=move |_| mine.set(false)
                            />
                            <label class="app-radios__label" for=format!("{group}-theirs")>
                                {t_string!(i18n, components.conflict.theirs, value = blank(theirs))
                                    .to_string()}
                            </label>
                        </div>
                    </div>
                </fieldset>
            }
        })
        .collect_view();
    let kept_theirs = (!combined.kept_theirs.is_empty()).then(|| {
        view! {
            <p class="app-body" id="kept-theirs">
                {t_string!(
                    i18n, components.conflict.kept_theirs, fields = labels(kind, &combined.kept_theirs)
                )
                    .to_string()}
            </p>
        }
    });
    let kept_mine = (!combined.kept_mine.is_empty()).then(|| {
        view! {
            <p class="app-body" id="kept-mine">
                {t_string!(
                    i18n, components.conflict.kept_mine, fields = labels(kind, &combined.kept_mine)
                )
                    .to_string()}
            </p>
        }
    });
    let heading = NodeRef::<leptos::html::H2>::new();
    // A screen reader and a keyboard start here, where the news is.
    Effect::new(move |_| {
        if let Some(node) = heading.get() {
            let _ = node.focus();
        }
    });
    view! {
        <section class="app-conflict" aria-labelledby="conflict-heading">
            <h2 class="app-heading-m" id="conflict-heading" tabindex="-1" node_ref=heading>
                {t_string!(i18n, components.conflict.heading, what = kind.noun()).to_string()}
            </h2>
            <p class="app-body">{t_string!(i18n, components.conflict.explain)}</p>
            {kept_theirs}
            {kept_mine}
            {clashes}
            <div class="app-button-group">
                <button class="app-button" type="button" id="save-combined" on:click=save>
                    {t_string!(i18n, components.conflict.save_both)}
                </button>
                <button
                    class="app-button app-button--secondary"
                    type="button"
                    id="use-theirs"
                    on:click=move |_| on_discard()
                >
                    {t_string!(i18n, components.conflict.use_theirs)}
                </button>
            </div>
        </section>
    }
}
