//! `/accounts`: administrators invite staff (with a role and teams), people supported and
//! family members, who then choose their own password from the link shown here to copy; find
//! accounts by name, role, team and state; change a member of staff's role; make a new
//! invitation or a password reset link; disable and enable accounts.

use leptos::prelude::*;
use ourplan_shared::account::{Account, AccountLinkIssued, NewAccount, NewUser, RoleChange};
use ourplan_shared::id::{PersonId, TeamId};
use ourplan_shared::organisation::{PersonSummary, TeamDetail, User};
use ourplan_shared::role::Role;

use super::import::ImportSection;
use crate::api::{self, endpoint};
use crate::components::{ErrorSummary, FormError, PageTitle, TextInput};
use crate::dates::local_date_time;
use crate::i18n::{t, t_string, use_i18n};
use crate::labels;
use crate::session::SessionContext;

/// The roles an admin invites, in the order offered.
const ROLES: [Role; 5] = [
    Role::SupportWorker,
    Role::Manager,
    Role::Admin,
    Role::Family,
    Role::Individual,
];
const STAFF: [Role; 3] = [Role::SupportWorker, Role::Manager, Role::Admin];

/// The query string of the search form.
fn search_query(text: &str, role: &str, team: &str, state: &str) -> String {
    let mut parts = Vec::new();
    let text = text.trim();
    if !text.is_empty() {
        let encoded: String = js_sys::encode_uri_component(text).into();
        parts.push(format!("q={encoded}"));
    }
    for (name, value) in [("role", role), ("team", team), ("disabled", state)] {
        if !value.is_empty() {
            parts.push(format!("{name}={value}"));
        }
    }
    parts.join("&")
}

#[component]
pub fn AccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    let teams =
        LocalResource::new(|| async { api::get::<Vec<TeamDetail>>(&endpoint::teams()).await });
    let people =
        LocalResource::new(|| async { api::get::<Vec<PersonSummary>>(&endpoint::persons()).await });
    let status = RwSignal::new(String::new());
    // The newest link made here, for whom: shown once, to copy.
    let issued = RwSignal::new(None::<(String, AccountLinkIssued)>);
    let errors = RwSignal::new(Vec::<FormError>::new());

    // One change to one account, or a new link for it.
    let change = Action::new_local(
        move |(path, body, done): &(String, Option<RoleChange>, String)| {
            let (path, body, done) = (path.clone(), body.clone(), done.clone());
            async move {
                let result = match &body {
                    Some(body) => api::put::<_, User>(&path, body).await,
                    None => api::post::<(), User>(&path, &()).await,
                };
                match result {
                    Ok(_) => status.set(done),
                    Err(error) => status.set(error.message),
                }
            }
        },
    );
    let link = Action::new_local(move |(path, who): &(String, String)| {
        let (path, who) = (path.clone(), who.clone());
        async move {
            match api::post::<(), AccountLinkIssued>(&path, &()).await {
                Ok(link) => {
                    status.set(String::new());
                    issued.set(Some((who, link)));
                }
                Err(error) => status.set(error.message),
            }
        }
    });
    let (changing, linking) = (change.pending(), link.pending());
    let row_actions = RowActions {
        change,
        link,
        busy: Memo::new(move |_| changing.get() || linking.get()),
    };

    // The search asked for; the list follows it, and is read again after each change.
    let query = RwSignal::new(String::new());
    let accounts = LocalResource::new(move || {
        let query = query.get();
        change.version().track();
        link.version().track();
        async move { api::get::<Vec<Account>>(&format!("{}?{query}", endpoint::users())).await }
    });

    // Inviting.
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(Role::SupportWorker);
    let chosen_teams = RwSignal::new(Vec::<String>::new());
    let person = RwSignal::new(String::new());
    let invite = Action::new_local(move |request: &NewUser| {
        let request = request.clone();
        async move {
            match api::post::<_, NewAccount>(&endpoint::users(), &request).await {
                Ok(created) => {
                    errors.set(Vec::new());
                    let who = created.user.display_name.clone();
                    status.set(
                        t_string!(i18n, accounts.invited_done, name = who.clone()).to_string(),
                    );
                    issued.set(created.invitation.map(|link| (who, link)));
                    name.set(String::new());
                    email.set(String::new());
                    chosen_teams.set(Vec::new());
                    accounts.refetch();
                }
                Err(error) => errors.set(vec![FormError {
                    field: match error.field.as_deref() {
                        Some("display_name") => "name".to_owned(),
                        Some(field) => field.to_owned(),
                        None => "email".to_owned(),
                    },
                    message: error.message,
                }]),
            }
        }
    });
    let inviting = invite.pending();
    let submit_invite = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if inviting.get_untracked() {
            return;
        }
        let role = role.get_untracked();
        let request = NewUser {
            email: email.get_untracked(),
            display_name: name.get_untracked(),
            role,
            person_id: (role == Role::Individual)
                .then(|| PersonId::parse(&person.get_untracked()))
                .flatten(),
            password: None,
            team_ids: if role.is_staff() {
                chosen_teams
                    .get_untracked()
                    .iter()
                    .filter_map(|t| TeamId::parse(t))
                    .collect()
            } else {
                Vec::new()
            },
        };
        invite.dispatch_local(request);
    };

    // Finding.
    let search_text = RwSignal::new(String::new());
    let role_filter = RwSignal::new(String::new());
    let team_filter = RwSignal::new(String::new());
    let state_filter = RwSignal::new(String::new());
    let search = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        query.set(search_query(
            &search_text.get_untracked(),
            &role_filter.get_untracked(),
            &team_filter.get_untracked(),
            &state_filter.get_untracked(),
        ));
    };

    view! {
        <PageTitle text=t_string!(i18n, accounts.title) />
        <ErrorSummary errors=errors />
        <h1 class="app-heading-xl">{t!(i18n, accounts.title)}</h1>
        <p class="app-body">{t!(i18n, accounts.intro)}</p>
        <p class="app-body app-status" role="status" aria-live="polite" id="accounts-status">
            {move || status.get()}
        </p>
        {move || {
            issued
                .get()
                .map(|(who, link)| {
                    let when = local_date_time(link.expires_at.timestamp_millis());
                    let hint = match link.emailed_to.clone() {
                        Some(address) => {
                            t_string!(i18n, accounts.link_emailed, address, when).to_string()
                        }
                        None => t_string!(i18n, accounts.link_hint, when).to_string(),
                    };
                    // The address is the account's own: the link's owner, shown so the admin can say
                    // where to look.
                    view! {
                        <div class="app-notice" id="issued-link">
                            <label class="app-label" for="new-link">
                                {t_string!(i18n, accounts.link_for, name = who).to_string()}
                            </label>
                            <p class="app-hint" id="new-link-hint">
                                {hint}
                            </p>
                            <input
                                class="app-input"
                                id="new-link"
                                type="text"
                                readonly
                                prop:value=link.link
                                aria-describedby="new-link-hint"
                                spellcheck="false"
                            />
                        </div>
                    }
                })
        }}

        <h2 class="app-heading-l" id="invite-heading">
            {t!(i18n, accounts.invite_heading)}
        </h2>
        <form
            class="app-form"
            id="invite-form"
            novalidate
            on:submit=submit_invite
            aria-labelledby="invite-heading"
        >
            <TextInput
                id="name"
                label=t_string!(i18n, accounts.name_label)
                autocomplete="off"
                value=name
                errors=errors
            />
            <TextInput
                id="email"
                label=t_string!(i18n, accounts.email_label)
                input_type="email"
                autocomplete="off"
                value=email
                errors=errors
            />
            <div class="app-form-group">
                <fieldset class="app-fieldset">
                    <legend class="app-fieldset__legend">{t!(i18n, accounts.role_legend)}</legend>
                    <div class="app-radios">
                        {ROLES
                            .into_iter()
                            .map(|r| {
                                let id = format!("role-{}", r.key());
                                view! {
                                    <div class="app-radios__item">
                                        <input
                                            class="app-radios__input"
                                            type="radio"
                                            name="role"
                                            id=id.clone()
                                            value=r.key()
                                            prop:checked=move || role.get() == r
                                            on:change=move |_| role.set(r)
                                        />
                                        <label class="app-radios__label" for=id>
                                            {labels::role(r)}
                                        </label>
                                    </div>
                                }
                            })
                            .collect_view()}
                    </div>
                </fieldset>
            </div>
            <Show when=move || role.get().is_staff()>
                <div class="app-form-group">
                    <fieldset class="app-fieldset" aria-describedby="team_ids-hint">
                        <legend class="app-fieldset__legend">
                            {t!(i18n, accounts.teams_legend)}
                        </legend>
                        <p class="app-hint" id="team_ids-hint">
                            {t!(i18n, accounts.teams_hint)}
                        </p>
                        <div class="app-checkboxes">
                            {move || {
                                teams
                                    .get()
                                    .and_then(Result::ok)
                                    .map(|list| {
                                        if list.is_empty() {
                                            return view! {
                                                <p class="app-body">{t!(i18n, accounts.no_teams)}</p>
                                            }
                                                .into_any();
                                        }
                                        list.into_iter()
                                            .map(|team| {
                                                let key = team.id.to_string();
                                                let id = format!("team-{key}");
                                                let on = {
                                                    let key = key.clone();
                                                    move || chosen_teams.get().contains(&key)
                                                };
                                                view! {
                                                    <div class="app-checkboxes__item">
                                                        <input
                                                            class="app-checkboxes__input"
                                                            type="checkbox"
                                                            id=id.clone()
                                                            prop:checked=on
                                                            on:change=move |event| {
                                                                let checked = event_target_checked(&event);
                                                                let key = key.clone();
                                                                chosen_teams
                                                                    .update(|keys| {
                                                                        keys.retain(|k| *k != key);
                                                                        if checked {
                                                                            keys.push(key);
                                                                        }
                                                                    });
                                                            }
                                                        />
                                                        <label class="app-checkboxes__label" for=id>
                                                            {team.name}
                                                        </label>
                                                    </div>
                                                }
                                            })
                                            .collect_view()
                                            .into_any()
                                    })
                            }}
                        </div>
                    </fieldset>
                </div>
            </Show>
            <Show when=move || role.get() == Role::Individual>
                <div class="app-form-group">
                    <label class="app-label" for="person_id">
                        {t!(i18n, accounts.person_label)}
                    </label>
                    <select
                        class="app-select"
                        id="person_id"
                        on:change=move |e| person.set(event_target_value(&e))
                    >
                        <option value="">{t!(i18n, accounts.choose_person)}</option>
                        {move || {
                            people
                                .get()
                                .and_then(Result::ok)
                                .map(|list| {
                                    list.into_iter()
                                        .map(|p| {
                                            let id = p.id.to_string();
                                            let chosen = {
                                                let id = id.clone();
                                                move || person.get() == id
                                            };
                                            view! {
                                                <option value=id prop:selected=chosen>
                                                    {p.full_name}
                                                </option>
                                            }
                                        })
                                        .collect_view()
                                })
                        }}
                    </select>
                </div>
            </Show>
            <button
                class="app-button"
                type="submit"
                id="invite"
                prop:disabled=move || inviting.get()
            >
                {t!(i18n, accounts.invite)}
            </button>
        </form>

        <h2 class="app-heading-l" id="find-heading">
            {t!(i18n, accounts.find_heading)}
        </h2>
        <form
            class="app-form app-filters"
            id="account-filters"
            novalidate
            on:submit=search
            aria-labelledby="find-heading"
        >
            <TextInput
                id="q"
                label=t_string!(i18n, accounts.search_label)
                input_type="search"
                autocomplete="off"
                value=search_text
                errors=errors
            />
            <div class="app-form-group">
                <label class="app-label" for="role-filter">
                    {t!(i18n, accounts.role_filter_label)}
                </label>
                <select
                    class="app-select"
                    id="role-filter"
                    on:change=move |e| role_filter.set(event_target_value(&e))
                >
                    <option value="">{t!(i18n, accounts.any_role)}</option>
                    {Role::ALL
                        .iter()
                        .map(|&r| view! { <option value=r.key()>{labels::role(r)}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="app-form-group">
                <label class="app-label" for="team-filter">
                    {t!(i18n, accounts.team_filter_label)}
                </label>
                <select
                    class="app-select"
                    id="team-filter"
                    on:change=move |e| team_filter.set(event_target_value(&e))
                >
                    <option value="">{t!(i18n, accounts.any_team)}</option>
                    {move || {
                        teams
                            .get()
                            .and_then(Result::ok)
                            .map(|list| {
                                list.into_iter()
                                    .map(|t| {
                                        view! { <option value=t.id.to_string()>{t.name}</option> }
                                    })
                                    .collect_view()
                            })
                    }}
                </select>
            </div>
            <div class="app-form-group">
                <label class="app-label" for="state-filter">
                    {t!(i18n, accounts.state_filter_label)}
                </label>
                <select
                    class="app-select"
                    id="state-filter"
                    on:change=move |e| state_filter.set(event_target_value(&e))
                >
                    <option value="">{t!(i18n, accounts.any_state)}</option>
                    <option value="false">{t!(i18n, accounts.enabled)}</option>
                    <option value="true">{t!(i18n, accounts.disabled)}</option>
                </select>
            </div>
            <button class="app-button app-button--secondary" type="submit" id="search">
                {t!(i18n, accounts.search)}
            </button>
        </form>
        <Suspense fallback=|| ()>
            {move || {
                accounts
                    .get()
                    .map(|result| match result {
                        Err(error) => view! { <p class="app-body">{error.message}</p> }.into_any(),
                        Ok(list) if list.is_empty() => {
                            view! {
                                <p class="app-body" id="no-accounts">
                                    {t!(i18n, accounts.none_found)}
                                </p>
                            }
                                .into_any()
                        }
                        Ok(list) => {
                            view! {
                                <div
                                    class="app-table-wrapper"
                                    tabindex="0"
                                    role="region"
                                    aria-labelledby="accounts-caption"
                                >
                                    <table class="app-table app-table--cards" id="accounts">
                                        <caption class="app-table__caption" id="accounts-caption">
                                            {t_string!(i18n, accounts.count, count = list.len())
                                                .to_string()}
                                        </caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">{t!(i18n, accounts.column.name)}</th>
                                                <th scope="col">{t!(i18n, accounts.column.role)}</th>
                                                <th scope="col">{t!(i18n, accounts.column.teams)}</th>
                                                <th scope="col">{t!(i18n, accounts.column.state)}</th>
                                                <th scope="col">{t!(i18n, accounts.column.actions)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {list
                                                .into_iter()
                                                .map(|account| {
                                                    view! { <AccountRow account actions=row_actions /> }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
        <ImportSection imported=move || {
            accounts.refetch();
            teams.refetch();
        } />
    }
}

/// What an account's line changes, as actions: its buttons are disabled while a change or a
/// link is on its way, and a press before the page shows that sends nothing more. The list is
/// read again after each.
#[derive(Clone, Copy)]
struct RowActions {
    change: Action<(String, Option<RoleChange>, String), ()>,
    link: Action<(String, String), ()>,
    busy: Memo<bool>,
}

impl RowActions {
    fn change(self, path: String, body: Option<RoleChange>, done: String) {
        if !self.busy.get_untracked() {
            self.change.dispatch_local((path, body, done));
        }
    }

    fn link(self, path: String, who: String) {
        if !self.busy.get_untracked() {
            self.link.dispatch_local((path, who));
        }
    }
}

/// One account's line, with what can be changed about it.
#[component]
fn AccountRow(account: Account, actions: RowActions) -> impl IntoView {
    let i18n = use_i18n();
    let session = expect_context::<SessionContext>();
    let user = account.user;
    // An admin's own account is changed by another admin, never locked by its owner.
    let mine = session
        .user
        .get_untracked()
        .is_some_and(|me| me.id == user.id);
    let user_id = user.id;
    let name = user.display_name.clone();
    let staff = user.role.is_staff();
    let state = if user.disabled {
        t_string!(i18n, accounts.state.disabled).to_owned()
    } else if let Some(until) = account.invited_until {
        let when = local_date_time(until.timestamp_millis());
        t_string!(i18n, accounts.state.invited, when).to_string()
    } else if account.has_password {
        t_string!(i18n, accounts.state.active).to_owned()
    } else {
        t_string!(i18n, accounts.state.no_password).to_owned()
    };
    let new_role = RwSignal::new(user.role);
    let role_id = format!("role-of-{}", user.id);
    let role_change = {
        let name = name.clone();
        move |_| {
            let role = new_role.get_untracked();
            let words = labels::role(role).to_lowercase();
            let done = t_string!(
                i18n,
                accounts.role_changed,
                name = name.clone(),
                role = words
            )
            .to_string();
            actions.change(
                endpoint::user_role(user_id),
                Some(RoleChange { role }),
                done,
            );
        }
    };
    let toggle = {
        let name = name.clone();
        let disabled = user.disabled;
        move |_| {
            let (path, done) = if disabled {
                (
                    endpoint::user_enable(user_id),
                    t_string!(i18n, accounts.enabled_done, name = name.clone()).to_string(),
                )
            } else {
                (
                    endpoint::user_disable(user_id),
                    t_string!(i18n, accounts.disabled_done, name = name.clone()).to_string(),
                )
            };
            actions.change(path, None, done);
        }
    };
    let invitation = {
        let name = name.clone();
        move |_| actions.link(endpoint::user_invitation(user_id), name.clone())
    };
    let reset = {
        let name = name.clone();
        move |_| actions.link(endpoint::user_password_reset(user_id), name.clone())
    };
    view! {
        <tr>
            <th scope="row">
                {user.display_name.clone()}<br /><span class="app-hint">{user.email.clone()}</span>
            </th>
            <td data-label=t_string!(i18n, accounts.column.role)>{labels::role(user.role)}</td>
            <td data-label=t_string!(i18n, accounts.column.teams)>{account.teams.join(", ")}</td>
            <td data-label=t_string!(i18n, accounts.column.state)>{state}</td>
            <td data-label=t_string!(
                i18n, accounts.column.actions
            )>
                {(!mine)
                    .then(|| {
                        view! {
                            {(staff && !user.disabled)
                                .then(|| {
                                    view! {
                                        <div class="app-form-group">
                                            <label class="app-label" for=role_id.clone()>
                                                {t_string!(
                                                    i18n, accounts.new_role_label, name = name.clone()
                                                )
                                                    .to_string()}
                                            </label>
                                            <select
                                                class="app-select"
                                                id=role_id.clone()
                                                on:change=move |e| {
                                                    if let Some(r) = Role::from_key(&event_target_value(&e)) {
                                                        new_role.set(r)
                                                    }
                                                }
                                            >
                                                {STAFF
                                                    .into_iter()
                                                    .map(|r| {
                                                        view! {
                                                            <option
                                                                value=r.key()
                                                                prop:selected=move || new_role.get() == r
                                                            >
                                                                {labels::role(r)}
                                                            </option>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </select>
                                            <button
                                                class="app-button app-button--secondary"
                                                type="button"
                                                on:click=role_change
                                                prop:disabled=move || actions.busy.get()
                                            >
                                                {t!(i18n, accounts.change_role)}
                                            </button>
                                        </div>
                                    }
                                })}
                            {(!account.has_password && !user.disabled)
                                .then(|| {
                                    view! {
                                        <button
                                            class="app-button app-button--secondary app-new-invitation"
                                            type="button"
                                            on:click=invitation
                                            prop:disabled=move || actions.busy.get()
                                        >
                                            {t!(i18n, accounts.new_invitation)}
                                        </button>
                                    }
                                })}
                            {(staff && account.has_password && !user.disabled)
                                .then(|| {
                                    view! {
                                        <button
                                            class="app-button app-button--secondary app-password-reset"
                                            type="button"
                                            on:click=reset
                                            prop:disabled=move || actions.busy.get()
                                        >
                                            {t!(i18n, accounts.password_reset)}
                                        </button>
                                    }
                                })}
                            <button
                                class="app-button app-button--secondary app-toggle-account"
                                type="button"
                                on:click=toggle
                                prop:disabled=move || actions.busy.get()
                            >
                                {if user.disabled {
                                    t_string!(i18n, accounts.enable)
                                } else {
                                    t_string!(i18n, accounts.disable)
                                }}
                            </button>
                        }
                    })}
            </td>
        </tr>
    }
}
