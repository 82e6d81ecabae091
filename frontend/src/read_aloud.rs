//! Read aloud: a speaker button beside every point reads it with the browser's own
//! speech synthesis, and "Read this page" reads every point in order. The point being read is
//! marked (`aria-pressed` on its button, a highlight on the point); where the browser cannot
//! speak, the reader is told so instead of nothing happening.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance};

use crate::i18n::{t_string, use_i18n};

/// What is being read now, shared by the page's speaker buttons.
#[derive(Clone, Copy)]
pub struct ReadAloud {
    /// The id of the point being read.
    pub reading: RwSignal<Option<String>>,
    /// Said in the page's status area: why reading stopped, when it could not start.
    pub problem: RwSignal<String>,
    /// Why nothing is read, in the reader's language (read when the page is built: speech
    /// events come outside it).
    cannot: &'static str,
}

impl ReadAloud {
    /// Provides a fresh reader for the page; speech still going from another page stops.
    pub fn provide() -> Self {
        if let Some(synthesis) = synthesis() {
            synthesis.cancel();
        }
        let i18n = use_i18n();
        let reader = Self {
            reading: RwSignal::new(None),
            problem: RwSignal::new(String::new()),
            cannot: t_string!(i18n, read_aloud.cannot),
        };
        provide_context(reader);
        reader
    }

    pub fn stop(self) {
        if let Some(synthesis) = synthesis() {
            synthesis.cancel();
        }
        self.reading.set(None);
    }

    /// Reads the points in order: (id, words).
    pub fn read(self, points: Vec<(String, String)>) {
        let Some(synthesis) = synthesis() else {
            self.problem.set(self.cannot.to_owned());
            return;
        };
        synthesis.cancel();
        self.problem.set(String::new());
        let last = points.len().saturating_sub(1);
        for (index, (id, words)) in points.into_iter().enumerate() {
            let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(&words) else {
                continue;
            };
            utterance.set_lang(crate::language::regional_tag());
            let reading = self.reading;
            let started = id.clone();
            on(&utterance, "start", move |_| {
                bring_into_view(&started);
                reading.set(Some(started.clone()));
            });
            if index == last {
                on(&utterance, "end", move |_| reading.set(None));
            }
            let (problem, cannot) = (self.problem, self.cannot);
            on(&utterance, "error", move |event| {
                // Cancelling to read something else is not a problem to report.
                let code = js_sys::Reflect::get(&event, &"error".into())
                    .ok()
                    .and_then(|code| code.as_string())
                    .unwrap_or_default();
                if code == "canceled" || code == "interrupted" {
                    return;
                }
                reading.set(None);
                problem.set(cannot.to_owned());
            });
            if index == 0 {
                // Marked at once: a click shows it took, even before the voice starts.
                reading.set(Some(id));
            }
            synthesis.speak(&utterance);
        }
    }
}

/// Scrolls the point being read into view when it is not, so eyes can follow the voice
/// through "Read this page"; a point already on screen stays still.
fn bring_into_view(id: &str) {
    let selector = format!("[data-point='{id}']");
    let Some(point) = document()
        .query_selector(&selector)
        .ok()
        .flatten()
        .map(|button| {
            button
                .closest(".app-point")
                .ok()
                .flatten()
                .unwrap_or(button)
        })
    else {
        return;
    };
    let height = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let place = point.get_bounding_client_rect();
    if place.top() < 0.0 || place.bottom() > height {
        point.scroll_into_view();
    }
}

fn synthesis() -> Option<SpeechSynthesis> {
    web_sys::window().and_then(|w| w.speech_synthesis().ok())
}

fn on(
    utterance: &SpeechSynthesisUtterance,
    event: &str,
    action: impl Fn(wasm_bindgen::JsValue) + 'static,
) {
    // The handler lives as long as the utterance; the browser drops both when it is done.
    let handler = Closure::<dyn Fn(wasm_bindgen::JsValue)>::new(action).into_js_value();
    let _ = utterance.add_event_listener_with_callback(event, handler.unchecked_ref());
}

/// A speaker drawn in the text colour (no emoji font needed); the button's words say the same.
fn speaker() -> impl IntoView {
    view! {
        <svg class="app-speak__icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="24" height="24">
            <path fill="currentColor" d="M3 9v6h4l5 4V5L7 9H3z"/>
            <path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"
                d="M15.5 8.5a5 5 0 0 1 0 7M18.5 5.5a9 9 0 0 1 0 13"/>
        </svg>
    }
}

/// The speaker button of one point: "Listen", or "Stop" while it is read.
#[component]
pub fn SpeakButton(id: String, words: String) -> impl IntoView {
    let i18n = use_i18n();
    let reader = use_context::<ReadAloud>();
    let reading = {
        let id = id.clone();
        Memo::new(move |_| reader.is_some_and(|r| r.reading.get().as_deref() == Some(id.as_str())))
    };
    let click = {
        let id = id.clone();
        let words = words.clone();
        move |_| {
            let Some(reader) = reader else { return };
            if reading.get_untracked() {
                reader.stop();
            } else {
                reader.read(vec![(id.clone(), words.clone())]);
            }
        }
    };
    view! {
        <button type="button" class="app-speak" data-read-aloud=words.clone() data-point=id
            aria-pressed=move || if reading.get() { "true" } else { "false" } on:click=click>
            {speaker()}
            <span class="app-speak__label">{move || if reading.get() { t_string!(i18n, read_aloud.stop) } else { t_string!(i18n, read_aloud.listen) }}</span>
            // Each button says which point it reads, for a screen reader's list of buttons.
            <span class="app-visually-hidden">{t_string!(i18n, read_aloud.point, words = short(&words)).to_string()}</span>
        </button>
    }
}

/// The first words of a point, to name its button.
fn short(words: &str) -> String {
    let mut taken: Vec<&str> = words.split_whitespace().take(8).collect();
    if words.split_whitespace().nth(8).is_some() {
        taken.push("…");
    }
    taken.join(" ")
}

/// "Read this page": every point with a speaker button, in the order they appear.
#[component]
pub fn ReadPage() -> impl IntoView {
    let i18n = use_i18n();
    let reader = use_context::<ReadAloud>();
    let click = move |_| {
        let Some(reader) = reader else { return };
        if reader.reading.get_untracked().is_some() {
            reader.stop();
            return;
        }
        let Ok(buttons) = leptos::prelude::document().query_selector_all("[data-read-aloud]")
        else {
            return;
        };
        let points = (0..buttons.length())
            .filter_map(|i| buttons.item(i))
            .filter_map(|node| node.dyn_into::<web_sys::Element>().ok())
            .filter_map(|el| {
                Some((
                    el.get_attribute("data-point")?,
                    el.get_attribute("data-read-aloud")?,
                ))
            })
            .collect();
        reader.read(points);
    };
    let busy = move || reader.is_some_and(|r| r.reading.get().is_some());
    view! {
        <div class="app-read-page">
            <button type="button" class="app-button app-button--secondary" id="read-page" on:click=click>
                {speaker()}
                {move || if busy() { t_string!(i18n, read_aloud.stop_reading) } else { t_string!(i18n, read_aloud.read_page) }}
            </button>
            <p class="app-body app-status" role="status" aria-live="polite" id="read-aloud-status">
                {move || reader.map(|r| r.problem.get()).unwrap_or_default()}
            </p>
        </div>
    }
}
