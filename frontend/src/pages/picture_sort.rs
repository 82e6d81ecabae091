//! `/people/:id/views/new?review=…`: the person's views with pictures, for someone who cannot
//! answer open questions (in the style of Talking Mats). Staff choose what the pictures are
//! about (a goal, the support the person gets, their home) and which pictures; then the person
//! puts each picture on "Good", "Not sure" or "Not good", one at a time, with big buttons that
//! work by touch, keyboard or switch; a picture can be moved until the views are kept. Kept
//! views show in the review's Part 1 beside the ones from before.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use ourplan_shared::id::PersonId;
use ourplan_shared::picture_sort::{
    self, LABEL_MAX, PictureSort, PictureSortInput, Placement, SortCard, SortTopic,
};
use ourplan_shared::pictures;
use serde::Deserialize;

use crate::api::{self, endpoint};
use crate::components::PageTitle;
use crate::i18n::{t, t_string, use_i18n};

/// The goals and their supports, to sort pictures about a goal.
#[derive(Clone, Deserialize)]
struct PlanGoals {
    goals: Vec<Point>,
    #[serde(default)]
    strategies: Vec<Point>,
}

#[derive(Clone, Deserialize)]
struct Point {
    id: String,
    text: String,
    #[serde(default)]
    easy_read: Option<String>,
    #[serde(default)]
    picture: Option<String>,
    #[serde(default)]
    goal_id: Option<String>,
}

impl Point {
    /// The point as the person reads it, short enough for a card.
    fn words(&self) -> String {
        let words = self
            .easy_read
            .as_deref()
            .filter(|w| !w.trim().is_empty())
            .unwrap_or(&self.text)
            .trim();
        words.chars().take(LABEL_MAX).collect()
    }

    fn picture(&self) -> String {
        self.picture
            .clone()
            .or_else(|| pictures::suggest(&self.text).map(str::to_owned))
            .unwrap_or_else(|| "meet".to_owned())
    }
}

#[derive(Clone, PartialEq)]
struct Card {
    picture: String,
    label: String,
    placed: Option<Placement>,
}

/// What the cards are about: a topic, and the goal for a goal.
#[derive(Clone, PartialEq)]
struct About {
    topic: SortTopic,
    goal: Option<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum Stage {
    Choose,
    Sort,
    Kept,
}

fn picture(key: &str, size: u32) -> impl IntoView + use<> {
    view! {
        <img
            class="app-sort__picture"
            src=format!("/assets/pictures/{key}.svg")
            alt=""
            width=size
            height=size
        />
    }
}

fn place_label(place: Placement) -> &'static str {
    let i18n = use_i18n();
    match place {
        Placement::Good => t_string!(i18n, views.good),
        Placement::NotSure => t_string!(i18n, views.not_sure),
        Placement::NotGood => t_string!(i18n, views.not_good),
    }
}

/// The cards a topic starts with: for a goal, its supports first.
fn starting(about: &About, plan: Option<&PlanGoals>) -> Vec<Card> {
    let mut cards: Vec<Card> = match (&about.goal, plan) {
        (Some(goal), Some(plan)) => plan
            .strategies
            .iter()
            .filter(|s| s.goal_id.as_deref() == Some(goal.as_str()))
            .map(|s| Card {
                picture: s.picture(),
                label: s.words(),
                placed: None,
            })
            .collect(),
        _ => Vec::new(),
    };
    // The starting cards' words are English; in another language, the picture's own name.
    let language = crate::language::regional_tag();
    cards.extend(
        picture_sort::starting_cards(about.topic)
            .iter()
            .map(|(picture, label)| Card {
                picture: (*picture).to_owned(),
                label: match pictures::find(picture) {
                    Some(concept) if !language.starts_with("en") => {
                        pictures::name(concept, language).to_owned()
                    }
                    _ => (*label).to_owned(),
                },
                placed: None,
            }),
    );
    cards.truncate(*picture_sort::CARDS.end());
    cards
}

#[component]
pub fn PictureSortPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let person = move || params.read().get("person_id").unwrap_or_default();
    let review = move || query.read().get("review").filter(|r| !r.is_empty());
    let person_id = move || api::address_id::<PersonId>(params.read().get("person_id"));
    let plan = LocalResource::new(move || {
        let id = person_id();
        async move { api::get::<PlanGoals>(&endpoint::plan(id?)).await }
    });
    let stage = RwSignal::new(Stage::Choose);
    let about = RwSignal::new(About {
        topic: SortTopic::Home,
        goal: None,
    });
    let cards = RwSignal::new(starting(&about.get_untracked(), None));
    let status = RwSignal::new(String::new());
    let choose = move |next: About| {
        let plan = plan.get_untracked().and_then(Result::ok);
        cards.set(starting(&next, plan.as_ref()));
        about.set(next);
    };
    let (kept_with_review, kept_plain) = (
        t_string!(i18n, views.saved),
        t_string!(i18n, views.saved_plain),
    );
    // Keeping the sort as an action: the button is disabled while it is on its way, and a
    // second press before the page shows that keeps nothing more.
    let keep = Action::new_local(move |input: &PictureSortInput| {
        let (path, input) = (person_id().map(endpoint::picture_sorts), input.clone());
        async move {
            let sent = match path {
                Ok(path) => api::post::<_, PictureSort>(&path, &input).await,
                Err(not_found) => Err(not_found),
            };
            match sent {
                Ok(sort) => {
                    status.set(
                        if sort.review_id.is_some() {
                            kept_with_review
                        } else {
                            kept_plain
                        }
                        .to_owned(),
                    );
                    stage.set(Stage::Kept);
                }
                Err(refused) => status.set(refused.message),
            }
        }
    });
    let busy = keep.pending();
    let save = move |_| {
        if busy.get_untracked() {
            return;
        }
        let chosen = about.get_untracked();
        let input = PictureSortInput {
            topic: chosen.topic,
            goal_id: chosen.goal,
            review_id: review(),
            cards: cards
                .get_untracked()
                .into_iter()
                .filter_map(|c| {
                    Some(SortCard {
                        picture: c.picture,
                        label: c.label,
                        placed: c.placed?,
                    })
                })
                .collect(),
        };
        keep.dispatch_local(input);
    };
    let back = move || match review() {
        Some(review) => format!("/people/{}/reviews/{review}", person()),
        None => format!("/people/{}", person()),
    };
    view! {
        <PageTitle text=t_string!(i18n, views.title) />
        <h1 class="app-heading-xl">{t!(i18n, views.title)}</h1>
        <p class="app-body app-status" role="status" aria-live="polite" id="sort-status">
            {move || status.get()}
        </p>
        {move || match stage.get() {
            Stage::Choose => {
                view! {
                    <Choose
                        plan=plan
                        about=about
                        cards=cards
                        choose=choose
                        start=move || stage.set(Stage::Sort)
                    />
                }
                    .into_any()
            }
            Stage::Sort => view! { <Sort cards=cards busy=busy.into() save=save /> }.into_any(),
            Stage::Kept => {
                view! {
                    <p class="app-body-l">
                        <A href=back() attr:class="app-link" attr:id="back-from-sort">
                            {t!(i18n, views.back_to_review)}
                        </A>
                    </p>
                }
                    .into_any()
            }
        }}
    }
}

/// Staff choose the topic and the cards.
#[component]
fn Choose(
    plan: LocalResource<Result<PlanGoals, ourplan_shared::error::ErrorDetail>>,
    about: RwSignal<About>,
    cards: RwSignal<Vec<Card>>,
    choose: impl Fn(About) + Copy + Send + Sync + 'static,
    start: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let option = move |id: String, label: String, next: About| {
        let checked = {
            let next = next.clone();
            move || about.get() == next
        };
        view! {
            <div class="app-radios__item">
                <input
                    class="app-radios__input"
                    type="radio"
                    name="topic"
                    id=id.clone()
                    prop:checked=checked
                    on:change=move |_| choose(next.clone())
                />
                <label class="app-label app-radios__label" for=id>
                    {label}
                </label>
            </div>
        }
    };
    let goals = move || {
        plan.get()
            .and_then(Result::ok)
            .map(|p| p.goals)
            .unwrap_or_default()
            .into_iter()
            .map(|goal| {
                option(
                    format!("topic-goal-{}", goal.id),
                    goal.words(),
                    About {
                        topic: SortTopic::Goal,
                        goal: Some(goal.id.clone()),
                    },
                )
            })
            .collect_view()
    };
    let count = move || cards.with(Vec::len);
    view! {
        <h2 class="app-heading-m">{t!(i18n, views.choose_heading)}</h2>
        <fieldset class="app-fieldset">
            <legend class="app-fieldset__legend">{t!(i18n, views.topic_legend)}</legend>
            <div class="app-radios">
                {option(
                    "topic-home".to_owned(),
                    t_string!(i18n, views.topic_home).to_owned(),
                    About {
                        topic: SortTopic::Home,
                        goal: None,
                    },
                )}
                {option(
                    "topic-support".to_owned(),
                    t_string!(i18n, views.topic_support).to_owned(),
                    About {
                        topic: SortTopic::Support,
                        goal: None,
                    },
                )} {goals}
            </div>
        </fieldset>
        <h2 class="app-heading-m" id="cards-heading">
            {t!(i18n, views.cards_heading)}
        </h2>
        <p class="app-body" id="cards-count">
            {move || t_string!(i18n, views.cards_count, total = count()).to_string()}
        </p>
        <ul class="app-sort__cards" aria-labelledby="cards-heading">
            {move || {
                cards
                    .get()
                    .into_iter()
                    .enumerate()
                    .map(|(index, card)| {
                        let label = card.label.clone();
                        view! {
                            <li class="app-sort__card">
                                {picture(&card.picture, 64)}
                                <span class="app-body">{card.label.clone()}</span>
                                <button
                                    type="button"
                                    class="app-button app-button--secondary app-sort__remove"
                                    on:click=move |_| {
                                        cards
                                            .update(|c| {
                                                if index < c.len() {
                                                    c.remove(index);
                                                }
                                            })
                                    }
                                >
                                    {t!(i18n, views.take_away)}
                                    <span class="app-visually-hidden">{format!(": {label}")}</span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
        <div class="app-form-group">
            <label class="app-label" for="add-card">
                {t!(i18n, views.add_label)}
            </label>
            <input
                class="app-input"
                type="search"
                id="add-card"
                autocomplete="off"
                prop:value=move || query.get()
                on:input=move |e| query.set(event_target_value(&e))
            />
            <ul class="app-picture-choices" aria-live="polite">
                {move || {
                    pictures::search(&query.get())
                        .into_iter()
                        .take(8)
                        .map(|concept| {
                            let label = pictures::name(concept, crate::language::regional_tag())
                                .to_owned();
                            let key = concept.key;
                            let add = {
                                let label = label.clone();
                                move |_| {
                                    cards
                                        .update(|c| {
                                            if c.len() < *picture_sort::CARDS.end() {
                                                c.push(Card {
                                                    picture: key.to_owned(),
                                                    label: label.clone(),
                                                    placed: None,
                                                });
                                            }
                                        });
                                    query.set(String::new());
                                }
                            };
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="app-picture-choice"
                                        data-picture=key
                                        on:click=add
                                    >
                                        {picture(key, 48)}
                                        <span>
                                            {t_string!(i18n, views.add_card, label).to_string()}
                                        </span>
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </div>
        <button
            class="app-button"
            type="button"
            id="start-sorting"
            prop:disabled=move || !picture_sort::CARDS.contains(&count())
            on:click=move |_| start()
        >
            {t!(i18n, views.start)}
        </button>
    }
}

/// The person sorts: one picture at a time, three big places.
#[component]
fn Sort(
    cards: RwSignal<Vec<Card>>,
    busy: Signal<bool>,
    save: impl Fn(leptos::ev::MouseEvent) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<leptos::html::H2>::new();
    let current = move || cards.with(|c| c.iter().position(|card| card.placed.is_none()));
    // The next picture is announced: its heading takes the focus.
    Effect::new(move |_| {
        current();
        if let Some(heading) = heading.get() {
            let _ = heading.focus();
        }
    });
    let place = move |place: Placement| {
        move |_| {
            if let Some(index) = current() {
                cards.update(|c| c[index].placed = Some(place));
            }
        }
    };
    let total = move || cards.with(Vec::len);
    view! {
        <h2 class="app-heading-m" id="sort-heading" tabindex="-1" node_ref=heading>
            {move || match current() {
                Some(_) => t_string!(i18n, views.sort_heading).to_owned(),
                None => t_string!(i18n, views.all_sorted).to_owned(),
            }}
        </h2>
        {move || match current() {
            Some(index) => {
                let card = cards.with(|c| c[index].clone());
                view! {
                    <div class="app-sort__now" id="sort-card">
                        {picture(&card.picture, 160)}
                        <p class="app-body-l app-sort__label">{card.label}</p>
                        <p class="app-body">
                            {t_string!(i18n, views.card_of, number = index + 1, total = total())
                                .to_string()}
                        </p>
                    </div>
                    <div class="app-sort__places">
                        {Placement::ALL
                            .iter()
                            .copied()
                            .map(|p| {
                                view! {
                                    <button
                                        type="button"
                                        class="app-button app-button--secondary app-sort__place"
                                        id=format!("place-{}", p.key())
                                        on:click=place(p)
                                    >
                                        {picture(p.picture(), 64)}
                                        <span>{place_label(p)}</span>
                                    </button>
                                }
                            })
                            .collect_view()}
                    </div>
                }
                    .into_any()
            }
            None => {
                view! {
                    <button
                        class="app-button"
                        type="button"
                        id="save-sort"
                        prop:disabled=move || busy.get()
                        on:click=save
                    >
                        {t!(i18n, views.save)}
                    </button>
                }
                    .into_any()
            }
        }}
        <div class="app-sort__board">
            {Placement::ALL
                .iter()
                .copied()
                .map(|p| {
                    view! {
                        <section
                            class="app-sort__column"
                            aria-labelledby=format!("column-{}", p.key())
                        >
                            <h3 class="app-heading-s app-point" id=format!("column-{}", p.key())>
                                {picture(p.picture(), 48)}
                                <span class="app-point__text">{place_label(p)}</span>
                            </h3>
                            <ul class="app-sort__placed" id=format!("placed-{}", p.key())>
                                {move || {
                                    cards
                                        .get()
                                        .into_iter()
                                        .enumerate()
                                        .filter(|(_, c)| c.placed == Some(p))
                                        .map(|(index, card)| {
                                            view! {
                                                <li class="app-sort__card">
                                                    {picture(&card.picture, 48)}
                                                    <span class="app-body">{card.label.clone()}</span>
                                                    <button
                                                        type="button"
                                                        class="app-button app-button--secondary app-sort__move"
                                                        on:click=move |_| cards.update(|c| c[index].placed = None)
                                                    >
                                                        {t!(i18n, views.move_it)}
                                                        <span class="app-visually-hidden">
                                                            {format!(": {}", card.label)}
                                                        </span>
                                                    </button>
                                                </li>
                                            }
                                        })
                                        .collect_view()
                                }}
                            </ul>
                        </section>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// The review's "Views with pictures": the sorts kept for this review, each beside the one
/// before it on the same topic, and (while Part 1 is written) a way to sort more.
#[component]
pub fn ReviewViews(person: PersonId, review_id: String, can_sort: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let path = endpoint::picture_sorts(person);
    let sorts = LocalResource::new(move || {
        let path = path.clone();
        async move {
            api::get::<Vec<PictureSort>>(&path)
                .await
                .unwrap_or_default()
        }
    });
    let new_sort = format!("/people/{person}/views/new?review={review_id}");
    let shown = move || {
        let all = sorts.get().unwrap_or_default();
        all.iter()
            .filter(|s| s.review_id.as_deref() == Some(review_id.as_str()))
            .map(|sort| {
                let before = all
                    .iter()
                    .find(|older| older.sorted_at < sort.sorted_at && older.same_topic(sort))
                    .cloned();
                (sort.clone(), before)
            })
            .collect::<Vec<_>>()
    };
    view! {
        <section aria-labelledby="views-heading" id="review-views">
            <h3 class="app-heading-s" id="views-heading">
                {t!(i18n, views.views_heading)}
            </h3>
            {move || {
                let shown = shown();
                if shown.is_empty() {
                    view! { <p class="app-body">{t!(i18n, views.none_yet)}</p> }.into_any()
                } else {
                    shown
                        .into_iter()
                        .map(|(sort, before)| {
                            view! {
                                <div class="app-sort__result">
                                    <h4 class="app-heading-s">{topic_heading(&sort)}</h4>
                                    {placed_lists(&sort)}
                                    {before
                                        .map(|b| {
                                            view! {
                                                <h5 class="app-body app-sort__before">
                                                    {t_string!(
                                                        i18n, views.before, date = crate::dates::local_date(b.sorted_at.date())
                                                    )
                                                        .to_string()}
                                                </h5>
                                                {placed_lists(&b)}
                                            }
                                        })}
                                </div>
                            }
                        })
                        .collect_view()
                        .into_any()
                }
            }}
            <Show when=move || can_sort.get()>
                <p class="app-body">
                    <A href=new_sort.clone() attr:class="app-link" attr:id="sort-pictures">
                        {t!(i18n, views.sort_with)}
                    </A>
                </p>
            </Show>
        </section>
    }
}

/// What a sort was about, in the reader's language (a goal in its own words).
fn topic_heading(sort: &PictureSort) -> String {
    let i18n = use_i18n();
    match sort.topic {
        SortTopic::Home => t_string!(i18n, views.topic_home).to_owned(),
        SortTopic::Support => t_string!(i18n, views.topic_support).to_owned(),
        SortTopic::Goal => sort.topic_words.clone(),
    }
}

/// "Good: my bedroom, the garden", one line per place, and who was there when.
fn placed_lists(sort: &PictureSort) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let nothing = t_string!(i18n, views.nothing_here);
    let lines = Placement::ALL
        .iter()
        .copied()
        .map(|place| {
            let labels = sort.placed(place);
            let said = if labels.is_empty() {
                nothing.to_owned()
            } else {
                labels.join(", ")
            };
            view! {
                <li class="app-point" data-place=place.key()>
                    {picture(place.picture(), 32)}
                    <span class="app-point__text">
                        <strong>{format!("{}: ", place_label(place))}</strong>
                        {said}
                    </span>
                </li>
            }
        })
        .collect_view();
    let when = t_string!(
        i18n,
        views.sorted_on,
        date = crate::dates::local_date(sort.sorted_at.date()),
        name = sort.sorted_by.clone()
    )
    .to_string();
    view! {
        <ul class="app-sort__lines">{lines}</ul>
        <p class="app-body app-sort__when">{when}</p>
    }
}
