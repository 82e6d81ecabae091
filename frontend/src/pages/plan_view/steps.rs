//! The person's own plan in easy read and pictures first, one part at a time (issue 24): a
//! short menu of the parts, then each part on a screen of its own with "Part 2 of 6", big
//! Back and Next buttons and at most five points, so no screen is a long scroll. Where the
//! reader is is in the address (`?part=needs&page=2`), so Back in the browser works too.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use ourplan_shared::id::PersonId;
use ourplan_shared::pictures;

use super::{Contributions, ItemText, MyItem, MyProfileWords, PlanSummary, picture};
use crate::components::PlanDownloads;
use crate::i18n::{t_string, use_i18n};
use crate::read_aloud::{ReadPage, SpeakButton};

/// Points on one screen: Mencap's "one idea at a time", without many screens for a short part.
const PER_SCREEN: usize = 5;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Part {
    About,
    Needs,
    Goals,
    Supports,
    Risks,
    Wishes,
}

impl Part {
    const ALL: [Self; 6] = [
        Self::About,
        Self::Needs,
        Self::Goals,
        Self::Supports,
        Self::Risks,
        Self::Wishes,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::About => "about",
            Self::Needs => "needs",
            Self::Goals => "goals",
            Self::Supports => "supports",
            Self::Risks => "risks",
            Self::Wishes => "wishes",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.key() == key)
    }

    fn picture(self) -> &'static str {
        match self {
            Self::About => "love",
            Self::Needs => "hand-up",
            Self::Goals => "target",
            Self::Supports => "meet",
            Self::Risks => "safe",
            Self::Wishes => "star",
        }
    }

    fn title(self) -> &'static str {
        let i18n = use_i18n();
        match self {
            Self::About => t_string!(i18n, plan_view.steps.about),
            Self::Needs => t_string!(i18n, plan_view.steps.needs),
            Self::Goals => t_string!(i18n, plan_view.steps.goals),
            Self::Supports => t_string!(i18n, plan_view.steps.supports),
            Self::Risks => t_string!(i18n, plan_view.steps.risks),
            Self::Wishes => t_string!(i18n, plan_view.steps.wishes),
        }
    }
}

/// A needs heading, or the goal a support is for: its words and picture.
type Group = (String, Option<String>);

/// One point of a part, with its group, so each screen can say what its points are about.
#[derive(Clone)]
struct Point {
    item: ItemText,
    collection: &'static str,
    group: Option<Group>,
}

/// The parts of this plan that have something in them, with their points. "About me" is
/// always there: the person can write in it.
fn parts(plan: &PlanSummary) -> Vec<(Part, Vec<Point>)> {
    let i18n = use_i18n();
    let grouped = |items: Vec<(ItemText, Group)>, collection: &'static str| {
        items
            .into_iter()
            .map(|(item, group)| Point {
                item,
                collection,
                group: Some(group),
            })
            .collect::<Vec<_>>()
    };
    let needs = plan
        .headings
        .iter()
        .flat_map(|h| {
            let label = crate::labels::needs_heading(h.key.as_deref(), &h.label);
            let heading_picture = h
                .key
                .as_deref()
                .and_then(pictures::for_heading)
                .map(str::to_owned);
            plan.findings
                .iter()
                .filter(move |f| f.heading_id.as_deref() == Some(h.id.as_str()))
                .map(move |f| {
                    let point = ItemText {
                        fallback: heading_picture.clone(),
                        ..f.clone()
                    };
                    (point, (label.clone(), heading_picture.clone()))
                })
        })
        .collect();
    let supports = plan
        .goals
        .iter()
        .flat_map(|goal| {
            let about = t_string!(
                i18n,
                plan_view.steps.supports_for,
                goal = goal.for_the_person().0
            )
            .to_string();
            let goal_picture = goal.picture();
            plan.strategies
                .iter()
                .filter(move |s| s.goal_id.as_deref() == Some(goal.id.as_str()))
                .map(move |s| (s.clone(), (about.clone(), goal_picture.clone())))
        })
        .collect();
    let plain = |items: &[ItemText], collection| {
        items
            .iter()
            .map(|item| Point {
                item: item.clone(),
                collection,
                group: None,
            })
            .collect::<Vec<_>>()
    };
    [
        (Part::About, Vec::new()),
        (Part::Needs, grouped(needs, "findings")),
        (Part::Goals, plain(&plan.goals, "goals")),
        (Part::Supports, grouped(supports, "strategies")),
        (Part::Risks, plain(&plan.risks, "risks")),
        (Part::Wishes, plain(&plan.wishes_not_met, "wishes")),
    ]
    .into_iter()
    .filter(|(part, points)| *part == Part::About || !points.is_empty())
    .collect()
}

/// Moving to another screen is like opening a new page to a screen reader: its heading takes
/// the focus (and so comes into view). Saving on a screen redraws it without moving the focus.
pub fn focus_each_new_screen() {
    let query = use_query_map();
    Effect::new(move |was: Option<(Option<String>, Option<String>)>| {
        let now = query.with(|q| (q.get("part"), q.get("page")));
        if was.is_some_and(|was| was != now) {
            request_animation_frame(|| {
                if let Some(heading) = document()
                    .get_element_by_id("plan-heading")
                    .and_then(|h| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(h).ok())
                {
                    let _ = heading.focus();
                }
            });
        }
        now
    });
}

/// Where a step leads: a part's screen, or the menu.
fn address(person: PersonId, to: Option<(Part, usize)>) -> String {
    match to {
        None => format!("/people/{person}/plan"),
        Some((part, 1)) => format!("/people/{person}/plan?part={}", part.key()),
        Some((part, page)) => format!("/people/{person}/plan?part={}&page={page}", part.key()),
    }
}

/// Screens a part takes.
fn screens(points: &[Point]) -> usize {
    points.len().div_ceil(PER_SCREEN).max(1)
}

/// The person's plan, a part at a time.
pub fn plan_steps(
    document: PlanSummary,
    refresh: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let query = use_query_map();
    let person = document.person.id;
    let all = parts(&document);
    let profile = document.profile.clone();
    move || {
        let (part, page) = query.with(|q| {
            (
                q.get("part").as_deref().and_then(Part::from_key),
                q.get("page")
                    .and_then(|p| p.parse::<usize>().ok())
                    .unwrap_or(1),
            )
        });
        match part.and_then(|p| all.iter().position(|(q, _)| *q == p)) {
            None => menu(person, &all).into_any(),
            Some(index) => {
                let screen = Screen {
                    person,
                    index,
                    page,
                    parts: all.clone(),
                };
                screen.view(&profile, refresh).into_any()
            }
        }
    }
}

/// The first screen: the parts as big picture buttons.
fn menu(person: PersonId, parts: &[(Part, Vec<Point>)]) -> impl IntoView + use<> {
    let i18n = use_i18n();
    let total = parts.len();
    view! {
        <h1 class="app-heading-xl" id="plan-heading" tabindex="-1">
            {t_string!(i18n, plan_view.my_heading)}
        </h1>
        <p class="app-body-l">{t_string!(i18n, plan_view.steps.menu_intro, total).to_string()}</p>
        <ul class="app-picture-buttons" id="plan-parts">
            {parts
                .iter()
                .map(|(part, _)| *part)
                .map(|part| {
                    view! {
                        <li>
                            <A
                                href=address(person, Some((part, 1)))
                                attr:class="app-picture-button"
                                attr:data-part=part.key()
                            >
                                <img
                                    class="app-picture-button__picture"
                                    src=format!("/assets/pictures/{}.svg", part.picture())
                                    alt=""
                                    width="96"
                                    height="96"
                                />
                                <span class="app-picture-button__label">{part.title()}</span>
                            </A>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <PlanDownloads person=person mine=true staff=false />
        // What family suggested, for the person to answer.
        <Contributions person=person owner=true shared=Vec::new() />
    }
}

/// One screen of one part.
struct Screen {
    person: PersonId,
    index: usize,
    page: usize,
    parts: Vec<(Part, Vec<Point>)>,
}

impl Screen {
    fn view<R: Fn() + Copy + Send + Sync + 'static>(
        self,
        profile: &super::ProfileText,
        refresh: R,
    ) -> impl IntoView + use<R> {
        let i18n = use_i18n();
        let (part, points) = self.parts[self.index].clone();
        let pages = screens(&points);
        let page = self.page.clamp(1, pages);
        let total = self.parts.len();
        let back = if page > 1 {
            Some((part, page - 1))
        } else {
            self.index
                .checked_sub(1)
                .map(|i| (self.parts[i].0, screens(&self.parts[i].1)))
        };
        let next = if page < pages {
            Some((part, page + 1))
        } else {
            self.parts.get(self.index + 1).map(|(p, _)| (*p, 1))
        };
        let first = (page - 1) * PER_SCREEN;
        let shown: Vec<Point> = points
            .iter()
            .skip(first)
            .take(PER_SCREEN)
            .cloned()
            .collect();
        let range = (pages > 1).then(|| {
            t_string!(
                i18n,
                plan_view.steps.points,
                from = first + 1,
                to = first + shown.len(),
                total = points.len()
            )
            .to_string()
        });
        let person = self.person;
        let body = if part == Part::About {
            about(profile, person, refresh).into_any()
        } else {
            // A group's heading wherever its points start on this screen.
            let mut last = None;
            shown
                .into_iter()
                .map(|point| {
                    let starts = (point.group != last).then(|| point.group.clone()).flatten();
                    last = point.group;
                    let group = starts.map(|(label, key)| {
                        view! {
                            <h2 class="app-heading-m app-point">
                                {picture(key)} <span class="app-point__text">{label}</span>
                            </h2>
                        }
                    });
                    view! {
                        {group}
                        <ul class="app-items">
                            <MyItem
                                item=point.item
                                collection=point.collection
                                person=person
                                refresh=refresh
                            />
                        </ul>
                    }
                })
                .collect_view()
                .into_any()
        };
        let next_label = if next.is_some() {
            t_string!(i18n, plan_view.steps.next)
        } else {
            t_string!(i18n, plan_view.steps.finish)
        };
        view! {
            <p class="app-body-l app-step-progress" id="plan-progress">
                {t_string!(i18n, plan_view.steps.part_of, number = self.index + 1, total)
                    .to_string()}
            </p>
            <h1 class="app-heading-xl app-part-heading" id="plan-heading" tabindex="-1">
                {picture(Some(part.picture().to_owned()))}
                <span>{part.title()}</span>
            </h1>
            {range
                .map(|r| {
                    view! {
                        <p class="app-body" id="plan-points">
                            {r}
                        </p>
                    }
                })}
            <ReadPage />
            {body}
            <nav class="app-step-nav" aria-label=t_string!(i18n, plan_view.steps.nav_label)>
                <A
                    href=address(self.person, back)
                    attr:class="app-button app-button--secondary app-step-nav__back"
                    attr:id="step-back"
                >
                    {t_string!(i18n, plan_view.steps.back)}
                </A>
                <A
                    href=address(self.person, next)
                    attr:class="app-button app-step-nav__next"
                    attr:id="step-next"
                >
                    {next_label}
                </A>
            </nav>
            <p class="app-body">
                <A href=address(self.person, None) attr:class="app-link" attr:id="all-parts">
                    {t_string!(i18n, plan_view.steps.all_parts)}
                </A>
            </p>
        }
    }
}

/// "About me" on its own screen: what staff wrote with the person, and their own words.
fn about<R: Fn() + Copy + Send + Sync + 'static>(
    profile: &super::ProfileText,
    person: PersonId,
    refresh: R,
) -> impl IntoView + use<R> {
    let i18n = use_i18n();
    let points = super::about_points(profile)
        .into_iter()
        .map(|(index, heading, text, key)| {
            let words =
                t_string!(i18n, plan_view.about_spoken, heading, text = text.clone()).to_string();
            view! {
                <h2 class="app-heading-s">{heading}</h2>
                <div class="app-point">
                    {picture(Some(key.to_owned()))} <p class="app-body-l app-point__text">{text}</p>
                    <SpeakButton id=format!("about-{index}") words=words />
                </div>
            }
        })
        .collect_view();
    let words = profile.own_words.clone().filter(|w| !w.trim().is_empty());
    view! {
        {points}
        <MyProfileWords person=person words=words version=profile.row_version refresh=refresh />
    }
}
