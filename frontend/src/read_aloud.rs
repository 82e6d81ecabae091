//! Read aloud: a speaker button beside every point reads it with the browser's own
//! speech synthesis, and "Read this page" reads every point in order. Where the person has
//! recorded a point in their own voice, their recording plays instead of the synthetic voice.
//! The point being read is marked (`aria-pressed` on its button, a highlight on the point);
//! where the browser cannot speak, the reader is told so instead of nothing happening.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{HtmlAudioElement, SpeechSynthesis, SpeechSynthesisUtterance};

use crate::i18n::{t_string, use_i18n};

/// One point to read: its id, its words, and the person's own recording of it, if any.
#[derive(Clone)]
pub struct Point {
    pub id: String,
    pub words: String,
    pub recording: Option<String>,
}

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
    /// Counts readings: a step of one that was stopped or replaced does nothing.
    run: StoredValue<u32>,
    /// The person's own recording being played, to stop it.
    playing: StoredValue<Option<HtmlAudioElement>, LocalStorage>,
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
            run: StoredValue::new(0),
            playing: StoredValue::new_local(None),
        };
        provide_context(reader);
        reader
    }

    /// Silences whatever is being read.
    fn hush(self) {
        self.run.update_value(|run| *run = run.wrapping_add(1));
        if let Some(synthesis) = synthesis() {
            synthesis.cancel();
        }
        self.playing.update_value(|playing| {
            if let Some(audio) = playing.take() {
                let _ = audio.pause();
            }
        });
    }

    pub fn stop(self) {
        self.hush();
        self.reading.set(None);
    }

    /// Reads the points in order.
    pub fn read(self, points: Vec<Point>) {
        self.hush();
        self.problem.set(String::new());
        if synthesis().is_none() && points.iter().any(|p| p.recording.is_none()) {
            self.problem.set(self.cannot.to_owned());
            return;
        }
        if let Some(first) = points.first() {
            // Marked at once: a click shows it took, even before the voice starts.
            self.reading.set(Some(first.id.clone()));
        }
        self.step(std::rc::Rc::new(points), 0, self.run.get_value());
    }

    fn current(self, run: u32) -> bool {
        self.run.get_value() == run
    }

    /// Reads from point `at` on: a recording alone, else the points up to the next recording
    /// queued together for the synthetic voice.
    fn step(self, points: std::rc::Rc<Vec<Point>>, at: usize, run: u32) {
        let Some(point) = points.get(at) else {
            self.reading.set(None);
            return;
        };
        if let Some(url) = point.recording.clone() {
            self.play(points, at, &url, run);
            return;
        }
        let Some(synthesis) = synthesis() else {
            self.reading.set(None);
            self.problem.set(self.cannot.to_owned());
            return;
        };
        let until = points[at..]
            .iter()
            .position(|p| p.recording.is_some())
            .map_or(points.len(), |n| at + n);
        for index in at..until {
            let point = &points[index];
            let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(&point.words) else {
                continue;
            };
            utterance.set_lang(crate::language::regional_tag());
            let (reading, started) = (self.reading, point.id.clone());
            on(&utterance, "start", move |_| {
                if self.current(run) {
                    bring_into_view(&started);
                    reading.set(Some(started.clone()));
                }
            });
            if index + 1 == until {
                let points = points.clone();
                on(&utterance, "end", move |_| {
                    if self.current(run) {
                        self.step(points.clone(), until, run);
                    }
                });
            }
            let (problem, cannot) = (self.problem, self.cannot);
            on(&utterance, "error", move |event| {
                // Cancelling to read something else is not a problem to report.
                let code = js_sys::Reflect::get(&event, &"error".into())
                    .ok()
                    .and_then(|code| code.as_string())
                    .unwrap_or_default();
                if code == "canceled" || code == "interrupted" || !self.current(run) {
                    return;
                }
                self.hush();
                reading.set(None);
                problem.set(cannot.to_owned());
            });
            synthesis.speak(&utterance);
        }
    }

    /// Plays the person's own recording of point `at`, then goes on; if it cannot play, the
    /// point's words are read instead.
    fn play(self, points: std::rc::Rc<Vec<Point>>, at: usize, url: &str, run: u32) {
        let id = points[at].id.clone();
        let instead = move |points: std::rc::Rc<Vec<Point>>| {
            let mut spoken = (*points).clone();
            spoken[at].recording = None;
            self.step(std::rc::Rc::new(spoken), at, run);
        };
        let Ok(audio) = HtmlAudioElement::new_with_src(url) else {
            instead(points);
            return;
        };
        bring_into_view(&id);
        self.reading.set(Some(id));
        {
            let points = points.clone();
            audio_on(&audio, "ended", move || {
                if self.current(run) {
                    self.step(points.clone(), at + 1, run);
                }
            });
        }
        {
            let points = points.clone();
            audio_on(&audio, "error", move || {
                if self.current(run) {
                    instead(points.clone());
                }
            });
        }
        self.playing.set_value(Some(audio.clone()));
        if let Ok(started) = audio.play() {
            let refused = Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(move |_| {
                if self.current(run) {
                    instead(points.clone());
                }
            });
            let _ = started.catch(&refused);
            refused.forget();
        }
    }
}

fn audio_on(audio: &HtmlAudioElement, event: &str, action: impl Fn() + 'static) {
    // The handler lives as long as the element; the browser drops both when it is done.
    let handler = Closure::<dyn Fn()>::new(action).into_js_value();
    let _ = audio.add_event_listener_with_callback(event, handler.unchecked_ref());
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
        <svg
            class="app-speak__icon"
            aria-hidden="true"
            focusable="false"
            viewBox="0 0 24 24"
            width="24"
            height="24"
        >
            <path fill="currentColor" d="M3 9v6h4l5 4V5L7 9H3z" />
            <path
                fill="none"
                stroke="currentColor"
                stroke-width="2"
                stroke-linecap="round"
                d="M15.5 8.5a5 5 0 0 1 0 7M18.5 5.5a9 9 0 0 1 0 13"
            />
        </svg>
    }
}

/// The speaker button of one point: "Listen", or "Stop" while it is read. Where the person
/// recorded the point, `recording` is where their recording is, and it plays instead.
#[component]
pub fn SpeakButton(
    id: String,
    words: String,
    #[prop(optional, into)] recording: Signal<Option<String>>,
) -> impl IntoView {
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
                reader.read(vec![Point {
                    id: id.clone(),
                    words: words.clone(),
                    recording: recording.get_untracked(),
                }]);
            }
        }
    };
    view! {
        <button
            type="button"
            class="app-speak"
            data-read-aloud=words.clone()
            data-point=id
            data-recording=move || recording.get()
            aria-pressed=move || if reading.get() { "true" } else { "false" }
            on:click=click
        >
            {speaker()}
            <span class="app-speak__label">
                {move || {
                    if reading.get() {
                        t_string!(i18n, read_aloud.stop)
                    } else {
                        t_string!(i18n, read_aloud.listen)
                    }
                }}
            </span>
            // Each button says which point it reads, for a screen reader's list of buttons.
            <span class="app-visually-hidden">
                {t_string!(i18n, read_aloud.point, words = short(&words)).to_string()}
            </span>
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
                Some(Point {
                    id: el.get_attribute("data-point")?,
                    words: el.get_attribute("data-read-aloud")?,
                    recording: el.get_attribute("data-recording"),
                })
            })
            .collect();
        reader.read(points);
    };
    let busy = move || reader.is_some_and(|r| r.reading.get().is_some());
    view! {
        <div class="app-read-page">
            <button
                type="button"
                class="app-button app-button--secondary"
                id="read-page"
                on:click=click
            >
                {speaker()}
                {move || {
                    if busy() {
                        t_string!(i18n, read_aloud.stop_reading)
                    } else {
                        t_string!(i18n, read_aloud.read_page)
                    }
                }}
            </button>
            <p class="app-body app-status" role="status" aria-live="polite" id="read-aloud-status">
                {move || reader.map(|r| r.problem.get()).unwrap_or_default()}
            </p>
        </div>
    }
}
