//! `/people/:id/plan`: the plan as far as the reader may see it. The person co-authors it
//! here: every part shows the staff wording and "in my words", and for each they can write
//! their own words and say "I agree" or "I don't agree". Access is checked by the server on
//! every load, so "Check for changes" shows at once when sharing has stopped.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use ourplan_shared::consent::{AccessLevel, PlanSection};
use ourplan_shared::error::ErrorCode;
use ourplan_shared::id::PersonId;
use ourplan_shared::pictures;
use ourplan_shared::plan::{OpinionRequest, OwnWords};
use ourplan_shared::role::Role;
use serde::Deserialize;

use super::contributions::Contributions;
use crate::api::{self, endpoint};
use crate::components::{PageTitle, PlanDownloads, WhenLoaded, not_yet_in_easy_read};
use crate::display::DisplayContext;
use crate::i18n::{t_string, use_i18n};
use crate::read_aloud::{ReadAloud, ReadPage, SpeakButton};
use crate::session::SessionContext;

mod media;
mod steps;

use media::PointMedia;

/// The parts of the plan document this page shows. Reading only these keeps every other
/// plan type's parser out of the download (serde skips the rest).
#[derive(Clone, Deserialize)]
struct PlanSummary {
    person: PersonName,
    profile: ProfileText,
    #[serde(default)]
    headings: Vec<HeadingText>,
    #[serde(default)]
    findings: Vec<ItemText>,
    goals: Vec<ItemText>,
    #[serde(default)]
    strategies: Vec<ItemText>,
    #[serde(default)]
    risks: Vec<ItemText>,
    #[serde(default)]
    wishes_not_met: Vec<ItemText>,
    /// For a family member, their own grants: what they may write about.
    access_grants: Vec<GrantScope>,
}

#[derive(Clone, Deserialize)]
struct GrantScope {
    sections: Vec<PlanSection>,
    access_level: AccessLevel,
}

#[derive(Clone, Deserialize)]
struct PersonName {
    id: PersonId,
    full_name: String,
    preferred_name: Option<String>,
}

#[derive(Clone, Deserialize)]
struct ProfileText {
    important_to_me: String,
    like_about_me: String,
    how_to_support_me: String,
    own_words: Option<String>,
    row_version: i64,
}

#[derive(Clone, Deserialize)]
struct HeadingText {
    id: String,
    label: String,
    #[serde(default)]
    key: Option<String>,
}

/// Any plan item: its wording (a risk plan's is its activity) and the person's own words.
#[derive(Clone, Deserialize)]
struct ItemText {
    id: String,
    row_version: i64,
    #[serde(alias = "activity")]
    text: String,
    own_words: Option<String>,
    /// The point in the person's own voice, for them to read.
    #[serde(default)]
    easy_read: Option<String>,
    /// For a finding: its heading.
    #[serde(default)]
    heading_id: Option<String>,
    /// For a strategy: the goal it supports.
    #[serde(default)]
    goal_id: Option<String>,
    /// The picture chosen for it, if any.
    #[serde(default)]
    picture: Option<String>,
    /// The picture to fall back on when none is chosen and its words suggest none: its
    /// heading's, for a need.
    #[serde(skip)]
    fallback: Option<String>,
}

impl ItemText {
    /// Its picture: the one chosen, else one suggested from its words (the person's sentence
    /// first), else its heading's.
    fn picture(&self) -> Option<String> {
        self.picture
            .clone()
            .or_else(|| {
                [self.easy_read.as_deref(), Some(self.text.as_str())]
                    .into_iter()
                    .flatten()
                    .find_map(pictures::suggest)
                    .map(str::to_owned)
            })
            .or_else(|| self.fallback.clone())
    }

    fn own_words(&self) -> Option<&str> {
        self.own_words.as_deref().filter(|w| !w.trim().is_empty())
    }

    /// What the person reads of their own plan: the sentence in their voice, else their own
    /// words, else (and only then) the staff wording, which then says who wrote it.
    fn for_the_person(&self) -> (String, bool) {
        match self
            .easy_read
            .as_deref()
            .filter(|w| !w.trim().is_empty())
            .or(self.own_words())
        {
            Some(words) => (words.to_owned(), false),
            None => (self.text.clone(), true),
        }
    }
}

/// The part of the plan a collection of items belongs to.
fn section_of(collection: &str) -> PlanSection {
    match collection {
        "findings" => PlanSection::Needs,
        "strategies" => PlanSection::Strategies,
        "risks" => PlanSection::Risks,
        "wishes" => PlanSection::WishesNotMet,
        _ => PlanSection::Goals,
    }
}

/// A picture beside a point (easy read: a picture to the left of every point). The words
/// beside it say the same, so it is decorative for a screen reader.
fn picture(key: Option<String>) -> impl IntoView {
    key.map(|key| {
        view! {
            <img
                class="app-point__picture"
                src=format!("/assets/pictures/{key}.svg")
                alt=""
                width="48"
                height="48"
            />
        }
    })
}

#[component]
pub fn PlanViewPage() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let i18n = use_i18n();
    let params = use_params_map();
    let plan = LocalResource::new(move || {
        let id = api::address_id::<PersonId>(params.read().get("person_id"));
        async move { api::get::<PlanSummary>(&endpoint::plan(id?)).await }
    });
    ReadAloud::provide();
    // Without an id in the address the plan is not found, and no point shows its media.
    if let Ok(person) = api::address_id(params.read_untracked().get("person_id")) {
        media::MediaContext::provide(person);
    }
    steps::focus_each_new_screen();
    // A link to a part of the plan ("My goals" on the person's home) lands on that part once
    // the plan has loaded.
    Effect::new(move |_| {
        if plan.get().is_some_and(|r| r.is_ok()) {
            request_animation_frame(scroll_to_hash);
        }
    });
    view! {
        <PageTitle text=t_string!(i18n, plan_view.title) />
        <Suspense fallback=move || {
            view! {
                <h1 class="app-heading-xl">{t_string!(i18n, plan_view.title)}</h1>
                <p class="app-body">{t_string!(i18n, plan_view.loading)}</p>
            }
        }>
            {move || {
                plan.get()
                    .map(|result| match result {
                        Ok(document) => {
                            let role = session.user.get().map(|u| u.role);
                            let stepped = role == Some(Role::Individual)
                                && use_context::<DisplayContext>()
                                    .is_some_and(|d| d.0.get().mode.step_by_step());
                            if stepped {
                                steps::plan_steps(document, move || plan.refetch()).into_any()
                            } else {
                                plan_view(document, role, move || plan.refetch()).into_any()
                            }
                        }
                        Err(error) if error.code == ErrorCode::NotFound => {
                            // The person in easy read or pictures first reads a part at a time; others
                            // (and standard mode) keep the whole page.
                            view! {
                                <h1 class="app-heading-xl">
                                    {t_string!(i18n, plan_view.not_shared_heading)}
                                </h1>
                                <p class="app-body-l" id="plan-not-shared">
                                    {t_string!(i18n, plan_view.not_shared_body)}
                                </p>
                            }
                                .into_any()
                        }
                        Err(error) => {
                            view! {
                                <h1 class="app-heading-xl">{t_string!(i18n, plan_view.title)}</h1>
                                <p class="app-body">{error.message}</p>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
        <WhenLoaded ready=Signal::derive(move || plan.get().is_some()) fallback=|| ()>
            <button
                class="app-button app-button--secondary"
                type="button"
                id="check-for-changes"
                on:click=move |_| plan.refetch()
            >
                {t_string!(i18n, plan_view.check_for_changes)}
            </button>
        </WhenLoaded>
    }
}

/// The whole page opened at a part (`?part=goals`, as the step-by-step plan's addresses say,
/// or a `#` link) scrolls to that part's heading.
fn scroll_to_hash() {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return;
    };
    let hash = location.hash().unwrap_or_default();
    let search = location.search().unwrap_or_default();
    let part = search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("part="))
        .map(|part| format!("{part}-heading"));
    if let Some(target) = hash
        .strip_prefix('#')
        .filter(|id| !id.is_empty())
        .map(str::to_owned)
        .or(part)
        .and_then(|id| document().get_element_by_id(&id))
    {
        target.scroll_into_view();
    }
}

/// "Choose a picture": the person finds a picture by a word and picks it for their point.
#[component]
fn PictureChooser(
    path: String,
    version: i64,
    own_words: Option<String>,
    item_id: String,
    /// Whether the choices are open; the point offers the person's own photo while they are.
    open: RwSignal<bool>,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let said = RwSignal::new(String::new());
    let search_id = format!("find-picture-{item_id}");
    let results_id = format!("pictures-{item_id}");
    // The choice as an action: the pictures are disabled while one is on its way, and a second
    // press before the page shows that sends nothing more.
    let picking = Action::new_local(move |key: &&'static str| {
        let body = OwnWords {
            own_words: own_words.clone(),
            picture: Some((*key).to_owned()),
        };
        let path = path.clone();
        async move {
            match api::put_if_match::<_, serde_json::Value>(&path, version, &body).await {
                Ok(_) => {
                    open.set(false);
                    refresh();
                }
                Err(refused) => said.set(refused.error.message),
            }
        }
    });
    let busy = picking.pending();
    let choose = move |key: &'static str| {
        move |_| {
            if !busy.get_untracked() {
                picking.dispatch_local(key);
            }
        }
    };
    view! {
        <button
            type="button"
            class="app-button app-button--secondary app-choose-picture"
            aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)
        >
            {t_string!(i18n, plan_view.choose_picture)}
        </button>
        <Show when=move || open.get()>
            <div class="app-form-group">
                <label class="app-label" for=search_id.clone()>
                    {t_string!(i18n, plan_view.find_picture)}
                </label>
                <input
                    class="app-input"
                    type="search"
                    id=search_id.clone()
                    autocomplete="off"
                    prop:value=move || query.get()
                    on:input=move |event| query.set(event_target_value(&event))
                />
                <ul class="app-picture-choices" id=results_id.clone() aria-live="polite">
                    {move || {
                        pictures::search(&query.get())
                            .into_iter()
                            .take(12)
                            .map(|concept| {
                                let label = pictures::name(
                                    concept,
                                    crate::language::regional_tag(),
                                );
                                view! {
                                    <li>
                                        <button
                                            type="button"
                                            class="app-picture-choice"
                                            data-picture=concept.key
                                            on:click=choose(concept.key)
                                            disabled=move || busy.get()
                                        >
                                            <img
                                                src=format!("/assets/pictures/{}.svg", concept.key)
                                                alt=""
                                                width="48"
                                                height="48"
                                            />
                                            <span>{label}</span>
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
        <p class="app-body app-picture-status" role="status" aria-live="polite">
            {move || said.get()}
        </p>
    }
}

/// What a point's speaker reads: the wording, then the person's own words.
fn spoken(text: &str, own_words: Option<&str>) -> String {
    let i18n = use_i18n();
    match own_words {
        Some(words) => t_string!(i18n, plan_view.spoken, text, words).to_string(),
        None => text.to_owned(),
    }
}

/// One section of items: each as the person's own item to co-author, or as text to read.
fn items<R: Fn() + Copy + Send + Sync + 'static>(
    items: Vec<ItemText>,
    collection: &'static str,
    person: PersonId,
    owner: bool,
    staff: bool,
    refresh: R,
) -> impl IntoView + use<R> {
    let i18n = use_i18n();
    view! {
        <ul class="app-items">
            {items
                .into_iter()
                .map(|item| {
                    if owner {
                        view! {
                            <MyItem item=item collection=collection person=person refresh=refresh />
                        }
                            .into_any()
                    } else {
                        let words = item.own_words.clone().filter(|w| !w.trim().is_empty());
                        view! {
                            <li class="app-item app-point">
                                {picture(item.picture())} <div class="app-point__text">
                                    <p class="app-body">{item.text.clone()}</p>
                                    {words
                                        .clone()
                                        .map(|w| {
                                            view! {
                                                <p class="app-body app-item__words">
                                                    {t_string!(i18n, plan_view.in_their_words, words = w)
                                                        .to_string()}
                                                </p>
                                            }
                                        })}
                                    {staff.then(|| not_yet_in_easy_read(words.as_deref()))}
                                </div>
                                <SpeakButton
                                    id=item.id.clone()
                                    words=spoken(&item.text, words.as_deref())
                                />
                                <PointMedia
                                    section=section_of(collection)
                                    item_id=item.id.clone()
                                />
                            </li>
                        }
                            .into_any()
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// The parts of "About me" that have words: (index, heading, text, picture).
fn about_points(profile: &ProfileText) -> Vec<(usize, &'static str, String, &'static str)> {
    let i18n = use_i18n();
    [
        (
            t_string!(i18n, plan_view.important_to_me),
            &profile.important_to_me,
            "love",
        ),
        (
            t_string!(i18n, plan_view.like_about_me),
            &profile.like_about_me,
            "smile",
        ),
        (
            t_string!(i18n, plan_view.how_to_support_me),
            &profile.how_to_support_me,
            "meet",
        ),
    ]
    .into_iter()
    .filter(|(_, text, _)| !text.trim().is_empty())
    .enumerate()
    .map(|(index, (heading, text, key))| (index, heading, text.clone(), key))
    .collect()
}

fn plan_view(
    document: PlanSummary,
    role: Option<Role>,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let person_id = document.person.id;
    let owner = role == Some(Role::Individual);
    let staff = role.is_some_and(Role::is_staff);
    // A family member writes about the parts shared with them at "comment" or above.
    let mut writable: Vec<PlanSection> = document
        .access_grants
        .iter()
        .filter(|g| role == Some(Role::Family) && g.access_level >= AccessLevel::Comment)
        .flat_map(|g| g.sections.iter().copied())
        .collect();
    writable.sort();
    writable.dedup();
    let name = document
        .person
        .preferred_name
        .unwrap_or(document.person.full_name);
    let profile = document.profile;
    let about = about_points(&profile)
        .into_iter()
        .map(|(index, heading, text, key)| {
            let words =
                t_string!(i18n, plan_view.about_spoken, heading, text = text.clone()).to_string();
            view! {
                <h3 class="app-heading-s">{heading}</h3>
                <div class="app-point">
                    {picture(Some(key.to_owned()))} <p class="app-body app-point__text">{text}</p>
                    <SpeakButton id=format!("about-{index}") words=words />
                </div>
            }
        })
        .collect_view();
    let profile_words = profile.own_words.clone().filter(|w| !w.trim().is_empty());
    let needs = document
        .headings
        .iter()
        .filter_map(|h| {
            let heading_picture = h.key.as_deref().and_then(pictures::for_heading);
            let under: Vec<ItemText> = document
                .findings
                .iter()
                .filter(|f| f.heading_id.as_deref() == Some(h.id.as_str()))
                .map(|f| ItemText {
                    fallback: heading_picture.map(str::to_owned),
                    ..f.clone()
                })
                .collect();
            (!under.is_empty()).then(|| {
                view! {
                    <h3 class="app-heading-s app-point">
                        {picture(
                            h.key.as_deref().and_then(pictures::for_heading).map(str::to_owned),
                        )}
                        <span class="app-point__text">
                            {crate::labels::needs_heading(h.key.as_deref(), &h.label)}
                        </span>
                    </h3>
                    {items(under, "findings", person_id, owner, staff, refresh)}
                }
            })
        })
        .collect_view();
    let has_needs = !document.findings.is_empty();
    let strategies = document.strategies;
    let goals = document
        .goals
        .into_iter()
        .map(|goal| {
            let supports: Vec<ItemText> = strategies
                .iter()
                .filter(|s| s.goal_id.as_deref() == Some(goal.id.as_str()))
                .cloned()
                .collect();
            let goal_words = if owner {
                goal.for_the_person().0
            } else {
                goal.text.clone()
            };
            let supports = (!supports.is_empty()).then(|| {
                let heading = if owner {
                    t_string!(i18n, plan_view.my_supports).to_string()
                } else {
                    t_string!(i18n, plan_view.supported_with, goal = goal_words.clone()).to_string()
                };
                view! {
                    <div class="app-item__supports">
                        <h3 class="app-heading-s">{heading}</h3>
                        {items(supports, "strategies", person_id, owner, staff, refresh)}
                    </div>
                }
            });
            let progress = format!("/people/{person_id}/goals/{}/progress", goal.id);
            let about = t_string!(i18n, plan_view.about_goal, goal = goal_words).to_string();
            view! {
                {items(vec![goal], "goals", person_id, owner, staff, refresh)}
                <p class="app-body">
                    <A href=progress attr:class="app-link">
                        {t_string!(i18n, plan_view.how_it_is_going)}
                        <span class="app-visually-hidden">{about}</span>
                    </A>
                </p>
                {supports}
            }
        })
        .collect_view();
    let risks = document.risks;
    let wishes = document.wishes_not_met;
    view! {
        <h1 class="app-heading-xl">
            {if owner {
                t_string!(i18n, plan_view.my_heading).to_string()
            } else {
                t_string!(i18n, plan_view.heading, name).to_string()
            }}
        </h1>
        <ReadPage />
        {staff
            .then(|| {
                view! {
                    <p class="app-body">
                        <A href=format!("/people/{person_id}/edit") attr:class="app-link">
                            {t_string!(i18n, plan_view.edit_link)}
                        </A>
                    </p>
                }
            })}
        <PlanDownloads person=person_id mine=owner staff=staff />
        <section aria-labelledby="about-heading">
            <h2 class="app-heading-m" id="about-heading">
                {t_string!(i18n, plan_view.about_heading)}
            </h2>
            {about}
            {(!owner).then(|| view! { <PointMedia section=PlanSection::Profile /> })}
            {if owner {
                view! {
                    <MyProfileWords
                        person=person_id
                        words=profile_words
                        version=profile.row_version
                        refresh=refresh
                    />
                }
                    .into_any()
            } else {
                profile_words
                    .map(|w| {
                        view! {
                            <h3 class="app-heading-s">
                                {t_string!(i18n, plan_view.in_their_own_words)}
                            </h3>
                            <p class="app-body app-item__words">{w}</p>
                        }
                    })
                    .into_any()
            }}
        </section>
        {has_needs
            .then(|| {
                view! {
                    <section aria-labelledby="needs-heading">
                        <h2 class="app-heading-m" id="needs-heading">
                            {t_string!(i18n, plan_view.needs_heading)}
                        </h2>
                        {needs}
                    </section>
                }
            })}
        <section aria-labelledby="goals-heading">
            <h2 class="app-heading-m" id="goals-heading">
                {if owner {
                    t_string!(i18n, plan_view.my_goals_heading)
                } else {
                    t_string!(i18n, plan_view.goals_heading)
                }}
            </h2>
            {goals}
        </section>
        {(!risks.is_empty())
            .then(|| {
                view! {
                    <section aria-labelledby="risks-heading">
                        <h2 class="app-heading-m" id="risks-heading">
                            {t_string!(i18n, plan_view.risks_heading)}
                        </h2>
                        {items(risks, "risks", person_id, owner, staff, refresh)}
                    </section>
                }
            })}
        {(!wishes.is_empty())
            .then(|| {
                view! {
                    <section aria-labelledby="wishes-heading">
                        <h2 class="app-heading-m" id="wishes-heading">
                            {t_string!(i18n, plan_view.wishes_heading)}
                        </h2>
                        {items(wishes, "wishes", person_id, owner, staff, refresh)}
                        <p class="app-body" id="how-to-appeal">
                            {t_string!(i18n, plan_view.how_to_appeal)}
                        </p>
                    </section>
                }
            })}
        <Contributions person=person_id owner=owner shared=writable />
    }
}

/// "What is important to me, in my words": the person writes on their own profile.
#[component]
fn MyProfileWords(
    person: PersonId,
    words: Option<String>,
    version: i64,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = RwSignal::new(words.clone().unwrap_or_default());
    let said = RwSignal::new(String::new());
    // Saving as an action, as in `MyItem`: the button is disabled while the words are on their
    // way, and a click before the page shows that sends nothing more.
    let save = Action::new_local(move |_: &()| {
        let path = endpoint::profile_own_words(person);
        let body = OwnWords {
            own_words: Some(text.get_untracked()),
            picture: None,
        };
        async move {
            match api::put_if_match::<_, serde_json::Value>(&path, version, &body).await {
                Ok(_) => refresh(),
                Err(refused) => said.set(refused.error.message),
            }
        }
    });
    let saving = save.pending();
    view! {
        <div class="app-my-item" id="my-profile-words">
            {words
                .map(|w| {
                    view! {
                        <p class="app-body app-item__words">
                            {t_string!(i18n, plan_view.in_my_words_said, words = w).to_string()}
                        </p>
                    }
                })}
            <p class="app-body app-status" role="status" aria-live="polite">
                {move || said.get()}
            </p>
            <div class="app-form-group">
                <label class="app-label" for="profile-own-words">
                    {t_string!(i18n, plan_view.profile_words_label)}
                </label>
                <textarea
                    class="app-textarea"
                    id="profile-own-words"
                    rows="3"
                    prop:value=move || text.get()
                    on:input=move |e| text.set(event_target_value(&e))
                ></textarea>
            </div>
            <button
                class="app-button"
                type="button"
                id="save-profile-words"
                disabled=move || saving.get()
                on:click=move |_| {
                    if !saving.get_untracked() {
                        save.dispatch_local(());
                    }
                }
            >
                {t_string!(i18n, plan_view.save_my_words)}
            </button>
            <PointMedia section=PlanSection::Profile />
        </div>
    }
}

/// One part of the person's own plan: the staff wording, their own words, and whether they
/// agree. Not agreeing opens a disagreement that the support team must talk through.
#[component]
fn MyItem(
    item: ItemText,
    collection: &'static str,
    person: PersonId,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    // Read now: the answer comes after the page is built.
    let (thanks_agree, thanks_disagree) = (
        t_string!(i18n, plan_view.thanks_agree),
        t_string!(i18n, plan_view.thanks_disagree),
    );
    let picture_path = endpoint::item_own_words(person, collection, &item.id);
    let words = RwSignal::new(item.own_words.clone().unwrap_or_default());
    let writing = RwSignal::new(false);
    let choosing = RwSignal::new(false);
    let disagreeing = RwSignal::new(false);
    let why = RwSignal::new(String::new());
    let said = RwSignal::new(String::new());
    let version = item.row_version;
    // The person's answers as actions: a button is disabled while its answer is on its way,
    // and a click before the page shows that (two in one moment) sends nothing more.
    let save_words = {
        let path = picture_path.clone();
        Action::new_local(move |_: &()| {
            let path = path.clone();
            let body = OwnWords {
                own_words: Some(words.get_untracked()),
                picture: None,
            };
            async move {
                match api::put_if_match::<_, serde_json::Value>(&path, version, &body).await {
                    Ok(_) => {
                        writing.set(false);
                        refresh();
                    }
                    Err(refused) => said.set(refused.error.message),
                }
            }
        })
    };
    let opinion = {
        let path = endpoint::item_opinion(person, collection, &item.id);
        Action::new_local(move |agrees: &bool| {
            let path = path.clone();
            let agrees = *agrees;
            let body = OpinionRequest {
                agrees,
                comment: (!agrees).then(|| why.get_untracked()),
            };
            async move {
                match api::post::<_, serde_json::Value>(&path, &body).await {
                    Ok(_) => {
                        disagreeing.set(false);
                        said.set(if agrees {
                            thanks_agree.to_owned()
                        } else {
                            thanks_disagree.to_owned()
                        });
                    }
                    Err(e) => said.set(e.message),
                }
            }
        })
    };
    let (saving, answering) = (save_words.pending(), opinion.pending());
    let words_id = format!("words-{}", item.id);
    let why_id = format!("why-{}", item.id);
    let (reads, by_staff) = item.for_the_person();
    // Their own words again only where the main sentence is something else.
    let also_mine = item.own_words().filter(|w| *w != reads).map(str::to_owned);
    view! {
        <li class="app-my-item" id=format!("item-{}", item.id)>
            <div class="app-point">
                {picture(item.picture())} <div class="app-point__text">
                    <p class="app-body-l app-my-item__reads">{reads.clone()}</p>
                    {by_staff
                        .then(|| {
                            view! {
                                <p class="app-body app-my-item__by-staff">
                                    {t_string!(i18n, plan_view.written_by_staff)}
                                </p>
                            }
                        })}
                </div>
                <SpeakButton
                    id=item.id.clone()
                    words=spoken(&reads, also_mine.as_deref())
                    recording=media::recording_of(section_of(collection), Some(item.id.clone()))
                />
            </div>
            {also_mine
                .clone()
                .map(|w| {
                    view! {
                        <p class="app-body app-item__words">
                            {t_string!(i18n, plan_view.in_my_words_said, words = w).to_string()}
                        </p>
                    }
                })}
            <p class="app-body app-status" role="status" aria-live="polite">
                {move || said.get()}
            </p>
            <Show when=move || writing.get()>
                <div class="app-form-group">
                    <label class="app-label" for=words_id.clone()>
                        {t_string!(i18n, plan_view.in_my_words)}
                    </label>
                    <textarea
                        class="app-textarea"
                        id=words_id.clone()
                        rows="3"
                        prop:value=move || words.get()
                        on:input=move |e| words.set(event_target_value(&e))
                    ></textarea>
                </div>
                <button
                    class="app-button app-my-item__save"
                    type="button"
                    disabled=move || saving.get()
                    on:click=move |_| {
                        if !saving.get_untracked() {
                            save_words.dispatch_local(());
                        }
                    }
                >
                    {t_string!(i18n, plan_view.save_my_words)}
                </button>
            </Show>
            <Show when=move || disagreeing.get()>
                <div class="app-form-group">
                    <label class="app-label" for=why_id.clone()>
                        {t_string!(i18n, plan_view.why_label)}
                    </label>
                    <textarea
                        class="app-textarea"
                        id=why_id.clone()
                        rows="3"
                        prop:value=move || why.get()
                        on:input=move |e| why.set(event_target_value(&e))
                    ></textarea>
                </div>
                <button
                    class="app-button app-my-item__send"
                    type="button"
                    disabled=move || answering.get()
                    on:click=move |_| {
                        if !answering.get_untracked() {
                            opinion.dispatch_local(false);
                        }
                    }
                >
                    {t_string!(i18n, plan_view.send)}
                </button>
            </Show>
            <div class="app-button-group">
                <button
                    class="app-button app-button--secondary app-my-item__write"
                    type="button"
                    on:click=move |_| writing.set(true)
                >
                    {t_string!(i18n, plan_view.write_in_my_words)}
                </button>
                <button
                    class="app-button app-button--secondary app-my-item__agree"
                    type="button"
                    disabled=move || answering.get()
                    on:click=move |_| {
                        if !answering.get_untracked() {
                            opinion.dispatch_local(true);
                        }
                    }
                >
                    {t_string!(i18n, plan_view.agree)}
                </button>
                <button
                    class="app-button app-button--secondary app-my-item__disagree"
                    type="button"
                    on:click=move |_| disagreeing.set(true)
                >
                    {t_string!(i18n, plan_view.disagree)}
                </button>
                // In the same row as the other actions, so a point takes little height; its
                // search opens on a line of its own below them.
                <PictureChooser
                    path=picture_path
                    version=version
                    open=choosing
                    own_words=item.own_words.clone()
                    item_id=item.id.clone()
                    refresh=refresh
                />
            </div>
            // A photo of their own beside the picture choices, their voice beside writing.
            <PointMedia
                section=section_of(collection)
                item_id=item.id.clone()
                photo=choosing
                voice=writing
            />
        </li>
    }
}
