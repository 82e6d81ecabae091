//! `/teams`: administrators make and rename teams; they and each team's managers put staff on
//! a team or take them off, change a person's key worker and move a person to another team
//! . The people a team supports see who joins or leaves it.

use leptos::prelude::*;
use leptos_router::components::A;
use ourplan_shared::account::Account;
use ourplan_shared::id::{TeamId, UserId};
use ourplan_shared::organisation::{NewTeam, TeamDetail, TeamMove, TeamPersonRequest};
use ourplan_shared::role::Role;

use crate::api::{self, endpoint};
use crate::components::{ErrorSummary, FormError, PageTitle, TextInput};
use crate::i18n::{t, t_string, use_i18n};
use crate::session::SessionContext;

/// A change to a team: where it goes, what it sends, what to say when done.
#[derive(Clone)]
struct Change {
    method: &'static str,
    path: String,
    body: Option<serde_json::Value>,
    done: String,
}

/// The page's changes, sent as one action: every change button is disabled while a change is
/// on its way, and a press before the page shows that sends nothing more.
#[derive(Clone, Copy)]
struct Changes {
    action: Action<Change, ()>,
    busy: Memo<bool>,
}

impl Changes {
    fn send(self, change: Change) {
        if !self.busy.get_untracked() {
            self.action.dispatch_local(change);
        }
    }
}

#[component]
pub fn TeamsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<SessionContext>();
    let admin = move || session.user.get().is_some_and(|u| u.role == Role::Admin);
    let staff = LocalResource::new(|| async {
        api::get::<Vec<Account>>(&format!("{}?disabled=false", endpoint::users())).await
    });
    let status = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FormError>::new());
    let new_name = RwSignal::new(String::new());

    let action = Action::new_local(move |change: &Change| {
        let change = change.clone();
        async move {
            let path = change.path.as_str();
            let body = change.body.unwrap_or(serde_json::Value::Null);
            let result = match change.method {
                "POST" => api::post::<_, serde_json::Value>(path, &body).await,
                "DELETE" => api::delete(path).await.map(|()| serde_json::Value::Null),
                _ => api::put::<_, serde_json::Value>(path, &body).await,
            };
            match result {
                Ok(_) => {
                    errors.set(Vec::new());
                    status.set(change.done);
                }
                Err(error) => status.set(error.message),
            }
        }
    });
    let changes = Changes {
        action,
        busy: action.pending(),
    };
    // The teams, read again after each change.
    let teams = LocalResource::new(move || {
        action.version().track();
        async { api::get::<Vec<TeamDetail>>(&endpoint::teams()).await }
    });
    let create = Action::new_local(move |body: &NewTeam| {
        let body = body.clone();
        async move {
            match api::post::<_, TeamDetail>(&endpoint::teams(), &body).await {
                Ok(team) => {
                    errors.set(Vec::new());
                    new_name.set(String::new());
                    status.set(t_string!(i18n, teams.created, team = team.name).to_string());
                    teams.refetch();
                }
                Err(error) => errors.set(vec![FormError {
                    field: "new-team".to_owned(),
                    message: error.message,
                }]),
            }
        }
    });
    let creating = create.pending();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if creating.get_untracked() {
            return;
        }
        create.dispatch_local(NewTeam {
            name: new_name.get_untracked(),
        });
    };

    view! {
        <PageTitle text=t_string!(i18n, teams.title) />
        <ErrorSummary errors=errors />
        <h1 class="app-heading-xl">{t!(i18n, teams.title)}</h1>
        <p class="app-body">{t!(i18n, teams.intro)}</p>
        <p class="app-body app-status" role="status" aria-live="polite" id="teams-status">
            {move || status.get()}
        </p>
        <Show when=admin>
            <h2 class="app-heading-l" id="new-team-heading">
                {t!(i18n, teams.new_heading)}
            </h2>
            <form
                class="app-form"
                id="new-team-form"
                novalidate
                on:submit=submit
                aria-labelledby="new-team-heading"
            >
                <TextInput
                    id="new-team"
                    label=t_string!(i18n, teams.new_name_label)
                    autocomplete="off"
                    value=new_name
                    errors=errors
                />
                <button
                    class="app-button"
                    type="submit"
                    id="create-team"
                    prop:disabled=move || creating.get()
                >
                    {t!(i18n, teams.create)}
                </button>
            </form>
        </Show>
        <Suspense fallback=move || {
            view! { <p class="app-body">{t!(i18n, teams.loading)}</p> }
        }>
            {move || {
                teams
                    .get()
                    .map(|result| match result {
                        Err(error) => view! { <p class="app-body">{error.message}</p> }.into_any(),
                        Ok(list) if list.is_empty() => {
                            view! {
                                <p class="app-body" id="no-teams">
                                    {t!(i18n, teams.none)}
                                </p>
                            }
                                .into_any()
                        }
                        Ok(list) => {
                            let all: Vec<(TeamId, String, Vec<UserId>)> = list
                                .iter()
                                .map(|t| (
                                    t.id,
                                    t.name.clone(),
                                    t.members.iter().map(|m| m.user_id).collect(),
                                ))
                                .collect();
                            let accounts: Vec<(UserId, String)> = staff
                                .get()
                                .and_then(Result::ok)
                                .unwrap_or_default()
                                .into_iter()
                                .filter(|a| a.user.role.is_staff())
                                .map(|a| (a.user.id, a.user.display_name))
                                .collect();
                            list.into_iter()
                                .map(|team| {
                                    view! {
                                        <TeamSection
                                            team
                                            all=all.clone()
                                            accounts=accounts.clone()
                                            changes
                                        />
                                    }
                                })
                                .collect_view()
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}

/// One team: its name, its staff and the people it supports.
#[component]
fn TeamSection(
    team: TeamDetail,
    /// Every team shown, with its staff: where a person can move, and with whom.
    all: Vec<(TeamId, String, Vec<UserId>)>,
    /// Staff accounts that can join a team.
    accounts: Vec<(UserId, String)>,
    changes: Changes,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = team.id;
    let name = team.name.clone();
    let heading_id = format!("team-{id}");
    let rename_value = RwSignal::new(team.name.clone());
    let rename = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let new = rename_value.get_untracked();
        changes.send(Change {
            method: "PUT",
            path: endpoint::team(id),
            body: Some(serde_json::json!(NewTeam { name: new.clone() })),
            done: t_string!(i18n, teams.renamed, team = new).to_string(),
        });
    };
    let on_team: Vec<UserId> = team.members.iter().map(|m| m.user_id).collect();
    let joinable: Vec<(UserId, String)> = accounts
        .into_iter()
        .filter(|(user, _)| !on_team.contains(user))
        .collect();
    let to_add = RwSignal::new(String::new());
    let add = {
        let (name, joinable) = (name.clone(), joinable.clone());
        move |_| {
            let chosen = to_add.get_untracked();
            let Some((user, who)) = joinable.iter().find(|(u, _)| u.to_string() == chosen) else {
                return;
            };
            changes.send(Change {
                method: "PUT",
                path: endpoint::team_member(id, *user),
                body: None,
                done: t_string!(i18n, teams.added, name = who.clone(), team = name.clone())
                    .to_string(),
            });
        }
    };
    let labelled_by = heading_id.clone();
    let rename_id = format!("rename-{id}");
    let add_id = format!("add-to-{id}");
    let members = team.members.clone();
    view! {
        <section class="app-team" aria-labelledby=labelled_by>
            <h2 class="app-heading-l" id=heading_id>
                {name.clone()}
            </h2>
            <form class="app-form app-inline-form" novalidate on:submit=rename>
                <div class="app-form-group">
                    <label class="app-label" for=rename_id.clone()>
                        {t_string!(i18n, teams.rename_label, team = name.clone()).to_string()}
                    </label>
                    <input
                        class="app-input"
                        id=rename_id
                        type="text"
                        autocomplete="off"
                        prop:value=move || rename_value.get()
                        on:input=move |e| rename_value.set(event_target_value(&e))
                    />
                </div>
                <button
                    class="app-button app-button--secondary"
                    type="submit"
                    prop:disabled=move || changes.busy.get()
                >
                    {t!(i18n, teams.rename)}
                </button>
            </form>
            <h3 class="app-heading-m">
                {t_string!(i18n, teams.staff_heading, team = name.clone()).to_string()}
            </h3>
            {if members.is_empty() {
                view! { <p class="app-body">{t!(i18n, teams.no_staff)}</p> }.into_any()
            } else {
                view! {
                    <ul class="app-list app-team__staff">
                        {members
                            .into_iter()
                            .map(|member| {
                                let team_name = name.clone();
                                let who = member.display_name.clone();
                                let remove = move |_| {
                                    changes
                                        .send(Change {
                                            method: "DELETE",
                                            path: endpoint::team_member(id, member.user_id),
                                            body: None,
                                            done: t_string!(
                                                i18n, teams.removed, name = who.clone(), team = team_name.clone()
                                            )
                                                .to_string(),
                                        })
                                };
                                view! {
                                    <li class="app-team__member">
                                        <span class="app-body">
                                            {format!(
                                                "{} ({})",
                                                member.display_name,
                                                crate::labels::role(member.role),
                                            )}
                                        </span>
                                        " "
                                        <button
                                            class="app-button app-button--secondary"
                                            type="button"
                                            on:click=remove
                                            prop:disabled=move || changes.busy.get()
                                        >
                                            {t_string!(
                                                i18n, teams.remove_member, name = member.display_name.clone()
                                            )
                                                .to_string()}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            {(!joinable.is_empty())
                .then(|| {
                    view! {
                        <div class="app-form-group">
                            <label class="app-label" for=add_id.clone()>
                                {t_string!(i18n, teams.add_label, team = name.clone()).to_string()}
                            </label>
                            <select
                                class="app-select"
                                id=add_id.clone()
                                on:change=move |e| to_add.set(event_target_value(&e))
                            >
                                <option value="">{t!(i18n, teams.choose_staff)}</option>
                                {joinable
                                    .iter()
                                    .map(|(user, who)| {
                                        view! {
                                            <option value=user.to_string()>{who.clone()}</option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                            <button
                                class="app-button app-button--secondary"
                                type="button"
                                id=format!("{add_id}-button")
                                on:click=add
                                prop:disabled=move || changes.busy.get()
                            >
                                {t!(i18n, teams.add)}
                            </button>
                        </div>
                    }
                })}
            <h3 class="app-heading-m">
                {t_string!(i18n, teams.people_heading, team = name.clone()).to_string()}
            </h3>
            {if team.persons.is_empty() {
                view! { <p class="app-body">{t!(i18n, teams.no_people)}</p> }.into_any()
            } else {
                view! {
                    <ul class="app-list app-team__people">
                        {team
                            .persons
                            .into_iter()
                            .map(|person| {
                                view! {
                                    <PersonOnTeam
                                        team=id
                                        person
                                        staff=team
                                            .members
                                            .iter()
                                            .map(|m| (m.user_id, m.display_name.clone()))
                                            .collect()
                                        all=all.clone()
                                        changes
                                    />
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

/// A person on a team: their key worker, and a move to another team.
#[component]
fn PersonOnTeam(
    team: TeamId,
    person: ourplan_shared::organisation::TeamPerson,
    staff: Vec<(UserId, String)>,
    all: Vec<(TeamId, String, Vec<UserId>)>,
    changes: Changes,
) -> impl IntoView {
    let i18n = use_i18n();
    let who = person.full_name.clone();
    let person_id = person.person_id;
    let key_worker = RwSignal::new(
        person
            .key_worker_user_id
            .map(|u| u.to_string())
            .unwrap_or_default(),
    );
    let destination = RwSignal::new(String::new());
    let key_worker_id = format!("key-worker-{person_id}");
    let move_id = format!("move-{person_id}");
    let save_key_worker = {
        let who = who.clone();
        move |_| {
            let body = TeamPersonRequest {
                key_worker_user_id: UserId::parse(&key_worker.get_untracked()),
            };
            changes.send(Change {
                method: "PUT",
                path: endpoint::team_person(team, person_id),
                body: Some(serde_json::json!(body)),
                done: t_string!(i18n, teams.key_worker_saved, name = who.clone()).to_string(),
            });
        }
    };
    let others: Vec<(TeamId, String, Vec<UserId>)> =
        all.into_iter().filter(|(t, _, _)| *t != team).collect();
    let move_to = {
        let (who, others) = (who.clone(), others.clone());
        move |_| {
            let Some((to, to_name, members)) = others
                .iter()
                .find(|(t, _, _)| t.to_string() == destination.get_untracked())
            else {
                return;
            };
            // The key worker comes along when they are on the new team too.
            let current = UserId::parse(&key_worker.get_untracked());
            let body = TeamMove {
                team_id: *to,
                key_worker_user_id: current.filter(|k| members.contains(k)),
            };
            changes.send(Change {
                method: "PUT",
                path: endpoint::person_team(person_id),
                body: Some(serde_json::json!(body)),
                done: t_string!(
                    i18n,
                    teams.moved,
                    name = who.clone(),
                    team = to_name.clone()
                )
                .to_string(),
            });
        }
    };
    let key_worker_label = t_string!(i18n, teams.key_worker_label, name = who.clone()).to_string();
    let move_label = t_string!(i18n, teams.move_label, name = who.clone()).to_string();
    view! {
        <li class="app-team__person">
            <p class="app-body">
                <A href=format!("/people/{person_id}") attr:class="app-link">
                    {who}
                </A>
            </p>
            <div class="app-form-group">
                <label class="app-label" for=key_worker_id.clone()>
                    {key_worker_label}
                </label>
                <select
                    class="app-select"
                    id=key_worker_id
                    on:change=move |e| key_worker.set(event_target_value(&e))
                >
                    <option value="" prop:selected=move || key_worker.get().is_empty()>
                        {t!(i18n, teams.no_key_worker)}
                    </option>
                    {staff
                        .into_iter()
                        .map(|(user, name)| {
                            let value = user.to_string();
                            let chosen = {
                                let value = value.clone();
                                move || key_worker.get() == value
                            };
                            view! {
                                <option value=value prop:selected=chosen>
                                    {name}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <button
                    class="app-button app-button--secondary"
                    type="button"
                    on:click=save_key_worker
                    prop:disabled=move || changes.busy.get()
                >
                    {t!(i18n, teams.save_key_worker)}
                </button>
            </div>
            {(!others.is_empty())
                .then(|| {
                    view! {
                        <div class="app-form-group">
                            <label class="app-label" for=move_id.clone()>
                                {move_label}
                            </label>
                            <select
                                class="app-select"
                                id=move_id.clone()
                                on:change=move |e| destination.set(event_target_value(&e))
                            >
                                <option value="">{t!(i18n, teams.choose_team)}</option>
                                {others
                                    .iter()
                                    .map(|(t, name, _)| {
                                        view! {
                                            <option value=t.to_string()>{name.clone()}</option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                            <button
                                class="app-button app-button--secondary"
                                type="button"
                                id=format!("{move_id}-button")
                                on:click=move_to
                                prop:disabled=move || changes.busy.get()
                            >
                                {t!(i18n, teams.move_button)}
                            </button>
                        </div>
                    }
                })}
        </li>
    }
}
