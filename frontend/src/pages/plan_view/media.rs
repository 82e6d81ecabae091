//! The person's own photos and voice beside a point of their plan, and on "About me": shown to
//! whoever may read that part (the server decides), added by the person or their team. A
//! recording is made here with the browser's MediaRecorder, listened to, then saved; a photo or
//! a phone's recording is chosen as a file. The server checks and cleans every file.

use leptos::prelude::*;
use leptos::task::spawn_local;
use ourplan_shared::consent::PlanSection;
use ourplan_shared::id::PersonId;
use ourplan_shared::media::{Media, MediaKind, RECORDING_MAX_MS};
use ourplan_shared::role::Role;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_futures::JsFuture;

use crate::api::{self, endpoint};
use crate::i18n::{t_string, use_i18n};
use crate::session::SessionContext;

/// The plan's photos and recordings, loaded once for the whole page.
#[derive(Clone, Copy)]
pub struct MediaContext {
    person: PersonId,
    items: RwSignal<Vec<Media>>,
}

impl MediaContext {
    /// Loads the person's media for the page; points find theirs in it.
    pub fn provide(person: PersonId) {
        let context = Self {
            person,
            items: RwSignal::new(Vec::new()),
        };
        provide_context(context);
        context.reload();
    }

    fn path(self) -> String {
        endpoint::media(self.person)
    }

    fn reload(self) {
        let path = self.path();
        spawn_local(async move {
            if let Ok(items) = api::get::<Vec<Media>>(&path).await {
                self.items.set(items);
            }
        });
    }
}

/// Where the newest recording of a point is, once the plan's media has loaded: read aloud
/// plays it instead of the synthetic voice.
pub fn recording_of(section: PlanSection, item_id: Option<String>) -> Signal<Option<String>> {
    let Some(context) = use_context::<MediaContext>() else {
        return Signal::stored(None);
    };
    Signal::derive(move || {
        context.items.with(|items| {
            items
                .iter()
                .rfind(|m| m.kind == MediaKind::Recording && m.is_on(section, item_id.as_deref()))
                .map(|m| endpoint::media_file(context.person, &m.id))
        })
    })
}

/// "1:05" for a recording's length.
fn clock(ms: u32) -> String {
    let seconds = ms.div_ceil(1000);
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// Photos and recordings of one point, and (for the person and their team) a way to add more.
/// A point of the person's own plan offers a photo beside its picture choices (`photo`) and a
/// recording beside writing in their own words (`voice`); elsewhere one toggle here opens both.
#[component]
pub fn PointMedia(
    section: PlanSection,
    #[prop(optional)] item_id: Option<String>,
    #[prop(optional)] photo: Option<RwSignal<bool>>,
    #[prop(optional)] voice: Option<RwSignal<bool>>,
) -> impl IntoView {
    let Some(context) = use_context::<MediaContext>() else {
        return ().into_any();
    };
    let i18n = use_i18n();
    let role = use_context::<SessionContext>().and_then(|s| s.user.get_untracked().map(|u| u.role));
    let owner = role == Some(Role::Individual);
    let may_add = owner || role.is_some_and(Role::is_staff);
    let own_toggle = photo.is_none() && voice.is_none();
    let adding = RwSignal::new(false);
    let photo = photo.unwrap_or(adding);
    let voice = voice.unwrap_or(adding);
    let here = {
        let item_id = item_id.clone();
        move || {
            context
                .items
                .get()
                .into_iter()
                .filter(|m| m.is_on(section, item_id.as_deref()))
                .collect::<Vec<_>>()
        }
    };
    let status = RwSignal::new(String::new());
    let slug = item_id.clone().unwrap_or_else(|| "about".to_owned());
    let panel_id = format!("add-media-{slug}");
    view! {
        <div class="app-media" id=format!("media-{slug}")>
            <ul class="app-media__list">
                <For each=here key=|m| m.id.clone() let:media>
                    <MediaShown
                        media=media
                        context=context
                        owner=owner
                        may_remove=may_add
                        status=status
                    />
                </For>
            </ul>
            {(may_add && own_toggle)
                .then(|| {
                    let panel_id = panel_id.clone();
                    view! {
                        <button
                            class="app-button app-button--secondary app-media__toggle"
                            type="button"
                            aria-expanded=move || adding.get().to_string()
                            aria-controls=panel_id
                            on:click=move |_| adding.update(|a| *a = !*a)
                        >
                            {if owner {
                                t_string!(i18n, plan_view.media.add)
                            } else {
                                t_string!(i18n, plan_view.media.add_staff)
                            }}
                        </button>
                    }
                })}
            <Show when=move || may_add && (photo.get() || voice.get())>
                <AddMedia
                    context=context
                    section=section
                    item_id=item_id.clone()
                    panel_id=panel_id.clone()
                    status=status
                    photo=photo
                    voice=voice
                />
            </Show>
            <p class="app-body app-status" role="status" aria-live="polite">
                {move || status.get()}
            </p>
        </div>
    }
    .into_any()
}

#[component]
fn MediaShown(
    media: Media,
    context: MediaContext,
    owner: bool,
    may_remove: bool,
    status: RwSignal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let src = endpoint::media_file(context.person, &media.id);
    let date = crate::dates::local_date(media.added_at.date());
    let taken_away = t_string!(i18n, plan_view.media.taken_away);
    // Taking away as an action: the button is disabled while it is on its way, and a second
    // press before the page shows that sends nothing more.
    let removing = Action::new_local({
        let path = src.clone();
        move |_: &()| {
            let path = path.clone();
            async move {
                match api::delete(&path).await {
                    Ok(()) => {
                        status.set(taken_away.to_owned());
                        context.reload();
                    }
                    Err(refused) => status.set(refused.message),
                }
            }
        }
    });
    let busy = removing.pending();
    let remove = move |_| {
        if !busy.get_untracked() {
            removing.dispatch_local(());
        }
    };
    let shown = match media.kind {
        MediaKind::Photo => {
            let alt = media.words.clone().unwrap_or_else(|| {
                if owner {
                    t_string!(i18n, plan_view.media.my_photo).to_owned()
                } else {
                    t_string!(
                        i18n,
                        plan_view.media.photo_by,
                        name = media.added_by.clone()
                    )
                    .to_string()
                }
            });
            view! {
                <figure class="app-media__figure">
                    <img
                        class="app-media__photo"
                        src=src.clone()
                        alt=alt
                        width=media.width.unwrap_or(320)
                        height=media.height.unwrap_or(240)
                        loading="lazy"
                    />
                    {media
                        .words
                        .clone()
                        .map(|w| view! { <figcaption class="app-body">{w}</figcaption> })}
                </figure>
            }
            .into_any()
        }
        MediaKind::Recording => {
            let length = clock(media.duration_ms.unwrap_or_default());
            let said = if owner {
                t_string!(
                    i18n,
                    plan_view.media.i_recorded,
                    date = date.clone(),
                    length
                )
                .to_string()
            } else {
                t_string!(
                    i18n,
                    plan_view.media.recorded_on,
                    date = date.clone(),
                    length
                )
                .to_string()
            };
            view! {
                <figure class="app-media__figure">
                    <figcaption class="app-body">
                        {said}
                        {media
                            .words
                            .clone()
                            .map(|w| view! { <span class="app-media__words">{w}</span> })}
                    </figcaption>
                    <audio class="app-media__audio" controls preload="none" src=src.clone()></audio>
                </figure>
            }
            .into_any()
        }
    };
    view! {
        <li class="app-media__item" data-kind=media.kind.key()>
            {shown}
            {may_remove
                .then(|| {
                    view! {
                        <button
                            class="app-button app-button--secondary app-media__remove"
                            type="button"
                            on:click=remove
                            prop:disabled=move || busy.get()
                        >
                            {t_string!(i18n, plan_view.media.take_away)}
                        </button>
                    }
                })}
        </li>
    }
}

/// The recorder's state; the recorder and stream themselves live outside the signal graph.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Recording {
    Idle,
    Running { seconds: u32 },
    Done,
}

/// Choose a photo, record, or choose a recording; then it is sent and the list refreshed.
#[component]
fn AddMedia(
    context: MediaContext,
    section: PlanSection,
    item_id: Option<String>,
    panel_id: String,
    status: RwSignal<String>,
    photo: RwSignal<bool>,
    voice: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let words = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let recording = RwSignal::new(Recording::Idle);
    let recorded: StoredValue<Option<web_sys::Blob>, LocalStorage> = StoredValue::new_local(None);
    let preview = RwSignal::new(String::new());
    let recorder: StoredValue<Option<web_sys::MediaRecorder>, LocalStorage> =
        StoredValue::new_local(None);
    let (saving, saved_photo, saved_recording, no_microphone) = (
        t_string!(i18n, plan_view.media.saving),
        t_string!(i18n, plan_view.media.saved_photo),
        t_string!(i18n, plan_view.media.saved_recording),
        t_string!(i18n, plan_view.media.no_microphone),
    );
    let slug = item_id.clone().unwrap_or_else(|| "about".to_owned());
    let target = StoredValue::new({
        let mut query = format!("section={}", section.key());
        if let Some(item) = &item_id {
            query.push_str(&format!("&item={item}"));
        }
        query
    });
    let send = move |file: web_sys::Blob, done: &'static str| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        status.set(saving.to_owned());
        let mut query = target.get_value();
        let said = words.get_untracked();
        if !said.trim().is_empty() {
            let encoded: String = js_sys::encode_uri_component(said.trim()).into();
            query.push_str(&format!("&words={encoded}"));
        }
        let path = format!("{}?{query}", context.path());
        spawn_local(async move {
            match api::upload::<Media>(&path, &file).await {
                Ok(_) => {
                    status.set(done.to_owned());
                    words.set(String::new());
                    recording.set(Recording::Idle);
                    preview.set(String::new());
                    context.reload();
                }
                Err(refused) => status.set(refused.message),
            }
            busy.set(false);
        });
    };
    let chosen = move |event: leptos::ev::Event, done: &'static str| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            send(file.into(), done);
        }
        // The same file may be chosen again after a refusal.
        input.set_value("");
    };
    let stop = move || {
        recorder.with_value(|r| {
            if let Some(r) = r {
                let _ = r.stop();
            }
        });
    };
    let start = move |_| {
        spawn_local(async move {
            match start_recording(recorded, preview, recording).await {
                Ok(started) => {
                    recorder.set_value(Some(started));
                    recording.set(Recording::Running { seconds: 0 });
                    tick(recording, stop);
                }
                Err(()) => status.set(no_microphone.to_owned()),
            }
        });
    };
    let save_recording = move |_| {
        if let Some(blob) = recorded.get_value() {
            send(blob, saved_recording);
        }
    };
    let photo_id = format!("photo-{slug}");
    let file_id = format!("recording-file-{slug}");
    let words_id = format!("media-words-{slug}");
    view! {
        <div class="app-media__add" id=panel_id>
            // A photo's words are what a screen reader says for it.
            <Show when=move || photo.get()>
                <div class="app-form-group">
                    <label class="app-label" for=words_id.clone()>
                        {t_string!(i18n, plan_view.media.words_label)}
                    </label>
                    <input
                        class="app-input"
                        type="text"
                        id=words_id.clone()
                        maxlength="200"
                        prop:value=move || words.get()
                        on:input=move |e| words.set(event_target_value(&e))
                    />
                </div>
            </Show>
            <div class="app-button-group">
                <Show when=move || photo.get()>
                    <input
                        class="app-file-input"
                        type="file"
                        accept="image/*"
                        id=photo_id.clone()
                        prop:disabled=move || busy.get()
                        on:change=move |e| chosen(e, saved_photo)
                    />
                    <label class="app-button app-button--secondary" for=photo_id.clone()>
                        {t_string!(i18n, plan_view.media.choose_photo)}
                    </label>
                </Show>
                <Show when=move || {
                    voice.get()
                }>
                    {move || match recording.get() {
                        Recording::Idle => {
                            view! {
                                <button
                                    class="app-button app-button--secondary app-media__record"
                                    type="button"
                                    prop:disabled=move || busy.get()
                                    on:click=start
                                >
                                    {t_string!(i18n, plan_view.media.record)}
                                </button>
                            }
                                .into_any()
                        }
                        Recording::Running { .. } => {
                            view! {
                                <button
                                    class="app-button app-button--warning app-media__stop"
                                    type="button"
                                    on:click=move |_| stop()
                                >
                                    {t_string!(i18n, plan_view.media.stop)}
                                </button>
                            }
                                .into_any()
                        }
                        Recording::Done => {
                            view! {
                                <button
                                    class="app-button app-media__save"
                                    type="button"
                                    prop:disabled=move || busy.get()
                                    on:click=save_recording
                                >
                                    {t_string!(i18n, plan_view.media.save_recording)}
                                </button>
                                <button
                                    class="app-button app-button--secondary app-media__again"
                                    type="button"
                                    prop:disabled=move || busy.get()
                                    on:click=start
                                >
                                    {t_string!(i18n, plan_view.media.record_again)}
                                </button>
                            }
                                .into_any()
                        }
                    }}
                    <input
                        class="app-file-input"
                        type="file"
                        accept="audio/webm,audio/ogg,.webm,.ogg,.opus"
                        id=file_id.clone()
                        prop:disabled=move || busy.get()
                        on:change=move |e| chosen(e, saved_recording)
                    /> <label class="app-button app-button--secondary" for=file_id.clone()>
                        {t_string!(i18n, plan_view.media.choose_recording)}
                    </label>
                </Show>
            </div>
            {move || match recording.get() {
                Recording::Running { seconds } => {
                    view! {
                        <p class="app-body app-media__clock" role="timer">
                            {t_string!(
                                i18n, plan_view.media.recording_time, time = clock(seconds * 1000)
                            )
                                .to_string()}
                        </p>
                    }
                        .into_any()
                }
                Recording::Done => {
                    view! {
                        <p class="app-body">{t_string!(i18n, plan_view.media.listen_then_save)}</p>
                        <audio
                            class="app-media__audio app-media__preview"
                            controls
                            src=move || preview.get()
                        ></audio>
                    }
                        .into_any()
                }
                Recording::Idle => ().into_any(),
            }}
        </div>
    }
}

/// Counts the seconds of a recording and stops it at the longest allowed.
fn tick(recording: RwSignal<Recording>, stop: impl Fn() + Clone + 'static) {
    let limit = RECORDING_MAX_MS / 1000 - 1;
    let handle: StoredValue<Option<IntervalHandle>, LocalStorage> = StoredValue::new_local(None);
    let started = set_interval_with_handle(
        move || match recording.get_untracked() {
            Recording::Running { seconds } if seconds + 1 >= limit => {
                stop();
                handle.with_value(|h| h.iter().for_each(|h| h.clear()));
            }
            Recording::Running { seconds } => {
                recording.set(Recording::Running {
                    seconds: seconds + 1,
                });
            }
            _ => handle.with_value(|h| h.iter().for_each(|h| h.clear())),
        },
        std::time::Duration::from_secs(1),
    );
    if let Ok(started) = started {
        handle.set_value(Some(started));
    }
}

/// Asks for the microphone and starts recording; when it stops, the recording is kept for
/// listening and saving, and the microphone is let go.
async fn start_recording(
    recorded: StoredValue<Option<web_sys::Blob>, LocalStorage>,
    preview: RwSignal<String>,
    recording: RwSignal<Recording>,
) -> Result<web_sys::MediaRecorder, ()> {
    let devices = web_sys::window()
        .ok_or(())?
        .navigator()
        .media_devices()
        .map_err(|_| ())?;
    let constraints = web_sys::MediaStreamConstraints::new();
    constraints.set_audio(&wasm_bindgen::JsValue::TRUE);
    let asked = devices
        .get_user_media_with_constraints(&constraints)
        .map_err(|_| ())?;
    let stream: web_sys::MediaStream = JsFuture::from(asked)
        .await
        .map_err(|_| ())?
        .dyn_into()
        .map_err(|_| ())?;
    let recorder = web_sys::MediaRecorder::new_with_media_stream(&stream).map_err(|_| ())?;
    let chunks = js_sys::Array::new();
    let on_data = {
        let chunks = chunks.clone();
        Closure::<dyn FnMut(web_sys::BlobEvent)>::new(move |event: web_sys::BlobEvent| {
            if let Some(data) = event.data() {
                chunks.push(&data);
            }
        })
    };
    recorder.set_ondataavailable(Some(on_data.as_ref().unchecked_ref()));
    let on_stop = {
        let (recorder, stream) = (recorder.clone(), stream.clone());
        Closure::<dyn FnMut()>::new(move || {
            stream.get_tracks().for_each(&mut |track, _, _| {
                if let Ok(track) = track.dyn_into::<web_sys::MediaStreamTrack>() {
                    track.stop();
                }
            });
            let kind = web_sys::BlobPropertyBag::new();
            kind.set_type(&recorder.mime_type());
            if let Ok(blob) = web_sys::Blob::new_with_blob_sequence_and_options(&chunks, &kind) {
                if let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) {
                    preview.set(url);
                }
                recorded.set_value(Some(blob));
                recording.set(Recording::Done);
            }
        })
    };
    recorder.set_onstop(Some(on_stop.as_ref().unchecked_ref()));
    // Both live as long as the recorder, which may outlive this page; they are small.
    on_data.forget();
    on_stop.forget();
    recorder.start_with_time_slice(1000).map_err(|_| ())?;
    Ok(recorder)
}
