//! Accounts on a database that was never seeded (R-25, issue 21): staff are invited with a
//! role and teams and choose their own password from a single-use link valid 7 days; people
//! supported and family members are never given a password by an admin; staff who forgot
//! theirs get a reset link valid 1 hour that ends every session; roles change among staff;
//! accounts are disabled and enabled again; the list is searched and filtered.

use chrono::{Duration, Utc};
use diesel::prelude::*;
use ourplan_backend::db::model::naive;
use ourplan_backend::db::schema::account_links;
use ourplan_shared::account::{Account, AccountLinkDetails, LinkPurpose, NewAccount};
use ourplan_shared::error::ErrorBody;
use ourplan_shared::organisation::{Person, TeamDetail, User};
use ourplan_tests::{NEW_PASSWORD, TestApp};
use reqwest::blocking::Client;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const CHOSEN: &str = "marble orchard kettle";

fn token(link: &str) -> String {
    let (_, token) = link.split_once("/welcome#").unwrap();
    token.to_owned()
}

fn field(response: reqwest::blocking::Response) -> (StatusCode, Option<String>) {
    let status = response.status();
    (status, response.json::<ErrorBody>().unwrap().error.field)
}

struct Org {
    app: TestApp,
    admin: Client,
    team: TeamDetail,
}

fn org() -> Org {
    let app = TestApp::start();
    let admin = app.set_up_organisation("ada@brookside.example");
    let team: TeamDetail = app
        .post(&admin, "/api/v1/teams", json!({"name": "Hillside"}))
        .json()
        .unwrap();
    Org { app, admin, team }
}

fn invite(org: &Org, body: Value) -> NewAccount {
    let response = org.app.post(&org.admin, "/api/v1/users", body);
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().unwrap()
}

fn use_link(
    app: &TestApp,
    client: &Client,
    link: &str,
    password: &str,
) -> reqwest::blocking::Response {
    app.post(
        client,
        "/api/v1/account-links/use",
        json!({"token": token(link), "password": password}),
    )
}

#[test]
fn staff_are_invited_with_a_role_and_teams_and_choose_their_password() {
    let org = org();
    let app = &org.app;
    let jo = invite(
        &org,
        json!({"email": "Jo@Brookside.example", "display_name": "Jo Mensah",
            "role": "support_worker", "team_ids": [org.team.id]}),
    );
    let invitation = jo.invitation.unwrap();
    assert_eq!(invitation.purpose, LinkPurpose::Invitation);
    let days = (invitation.expires_at - Utc::now()).num_hours();
    assert!((167..=168).contains(&days), "7 days, not {days} hours");
    assert!(invitation.link.starts_with(&app.url("/welcome#")));
    // Only the hash is kept.
    let hashes: Vec<String> = account_links::table
        .select(account_links::token_hash)
        .load(&mut app.database.connect())
        .unwrap();
    assert!(!hashes.contains(&token(&invitation.link)));

    let anyone = app.client();
    let details: AccountLinkDetails = app
        .post(
            &anyone,
            "/api/v1/account-links/check",
            json!({"token": token(&invitation.link)}),
        )
        .json()
        .unwrap();
    assert_eq!(details.display_name, "Jo Mensah");
    assert_eq!(details.email, "jo@brookside.example");
    assert_eq!(
        field(use_link(app, &anyone, &invitation.link, "password1")),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("password".to_owned())
        )
    );
    let me: User = use_link(app, &anyone, &invitation.link, CHOSEN)
        .json()
        .unwrap();
    assert_eq!(me.id, jo.user.id);
    let teams: Vec<TeamDetail> = app.get(&anyone, "/api/v1/teams").json().unwrap();
    assert_eq!(teams.len(), 1, "on the team they were invited to");
    app.signed_in("jo@brookside.example", CHOSEN);
    // Single use.
    assert_eq!(
        use_link(
            app,
            &app.client(),
            &invitation.link,
            "another fine password"
        )
        .status(),
        StatusCode::NOT_FOUND
    );
    let accounts: Vec<Account> = app.get(&org.admin, "/api/v1/users").json().unwrap();
    let listed = accounts.iter().find(|a| a.user.id == jo.user.id).unwrap();
    assert!(listed.has_password);
    assert_eq!(listed.teams, ["Hillside"]);
    assert_eq!(listed.invited_until, None);
}

#[test]
fn nobody_chooses_a_password_for_a_person_or_their_family() {
    let org = org();
    let app = &org.app;
    let person: Person = app
        .post(
            &org.admin,
            "/api/v1/persons",
            json!({"person": {"full_name": "Nia Jones", "support_started_on": "2026-12-01",
                "preferred_language": "cy"}, "team_id": org.team.id}),
        )
        .json()
        .unwrap();
    for (role, extra) in [
        ("individual", json!({"person_id": person.id})),
        ("family", json!({})),
    ] {
        let mut body = json!({"email": format!("{role}@brookside.example"),
            "display_name": "Someone", "role": role, "password": NEW_PASSWORD});
        body.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        assert_eq!(
            field(app.post(&org.admin, "/api/v1/users", body.clone())),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                Some("password".to_owned())
            ),
            "{role}"
        );
        body.as_object_mut().unwrap().remove("password");
        let account = invite(&org, body);
        let first = account.invitation.unwrap();
        // Sent again: the new link works, the old one no longer does.
        let path = format!("/api/v1/users/{}/invitation", account.user.id);
        let again = app.send(&org.admin, Method::POST, &path, Value::Null);
        assert_eq!(again.status(), StatusCode::CREATED);
        let second: ourplan_shared::account::AccountLinkIssued = again.json().unwrap();
        let check = |link: &str| {
            app.post(
                &app.client(),
                "/api/v1/account-links/check",
                json!({"token": token(link)}),
            )
            .status()
        };
        assert_eq!(check(&first.link), StatusCode::NOT_FOUND);
        assert_eq!(check(&second.link), StatusCode::OK);
        // A person's or family member's password is never reset by an admin.
        let reset = format!("/api/v1/users/{}/password-reset", account.user.id);
        assert_eq!(
            app.send(&org.admin, Method::POST, &reset, Value::Null)
                .status(),
            StatusCode::UNPROCESSABLE_ENTITY
        );
        let their_device = app.client();
        assert_eq!(
            use_link(app, &their_device, &second.link, CHOSEN).status(),
            StatusCode::OK
        );
        // With a password, there is nothing to invite to.
        assert_eq!(
            app.send(&org.admin, Method::POST, &path, Value::Null)
                .status(),
            StatusCode::CONFLICT
        );
    }
}

#[test]
fn a_reset_link_lasts_an_hour_and_ends_every_session() {
    let org = org();
    let app = &org.app;
    let jo = invite(
        &org,
        json!({"email": "jo@brookside.example", "display_name": "Jo Mensah",
            "role": "support_worker", "password": NEW_PASSWORD}),
    );
    assert!(
        jo.invitation.is_none(),
        "staff given a password need no invitation"
    );
    let laptop = app.signed_in("jo@brookside.example", NEW_PASSWORD);
    let reset = format!("/api/v1/users/{}/password-reset", jo.user.id);
    let issue = || -> ourplan_shared::account::AccountLinkIssued {
        let response = app.send(&org.admin, Method::POST, &reset, Value::Null);
        assert_eq!(response.status(), StatusCode::CREATED);
        response.json().unwrap()
    };
    let link = issue();
    assert_eq!(link.purpose, LinkPurpose::PasswordReset);
    assert!((link.expires_at - Utc::now()) <= Duration::hours(1));
    // An hour later it is refused.
    let past = naive(Utc::now() - Duration::hours(2));
    diesel::update(account_links::table)
        .set((
            account_links::created_at.eq(past),
            account_links::expires_at.eq(past + Duration::hours(1)),
        ))
        .execute(&mut app.database.connect())
        .unwrap();
    assert_eq!(
        use_link(app, &app.client(), &link.link, CHOSEN).status(),
        StatusCode::NOT_FOUND
    );

    let link = issue();
    let phone = app.client();
    assert_eq!(
        use_link(app, &phone, &link.link, CHOSEN).status(),
        StatusCode::OK
    );
    assert_eq!(
        app.get(&laptop, "/api/v1/me").status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(app.get(&phone, "/api/v1/me").status(), StatusCode::OK);
    app.signed_in("jo@brookside.example", CHOSEN);
}

#[test]
fn roles_change_among_staff_and_accounts_are_disabled_and_enabled() {
    let org = org();
    let app = &org.app;
    let jo = invite(
        &org,
        json!({"email": "jo@brookside.example", "display_name": "Jo Mensah",
            "role": "support_worker", "password": NEW_PASSWORD, "team_ids": [org.team.id]}),
    );
    invite(
        &org,
        json!({"email": "sam@brookside.example", "display_name": "Sam Reyes", "role": "manager"}),
    );
    invite(
        &org,
        json!({"email": "zofia@family.example", "display_name": "Zofia Nowak", "role": "family"}),
    );
    let role = format!("/api/v1/users/{}/role", jo.user.id);
    let changed: User = app
        .send(&org.admin, Method::PUT, &role, json!({"role": "manager"}))
        .json()
        .unwrap();
    assert_eq!(changed.role, ourplan_shared::role::Role::Manager);
    assert_eq!(
        field(app.send(&org.admin, Method::PUT, &role, json!({"role": "family"}))),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("role".to_owned()))
    );

    let disable = format!("/api/v1/users/{}/disable", jo.user.id);
    let enable = format!("/api/v1/users/{}/enable", jo.user.id);
    assert_eq!(
        app.send(&org.admin, Method::POST, &disable, Value::Null)
            .status(),
        StatusCode::OK
    );
    let listed = |query: &str| -> Vec<String> {
        app.get(&org.admin, &format!("/api/v1/users{query}"))
            .json::<Vec<Account>>()
            .unwrap()
            .into_iter()
            .map(|a| a.user.display_name)
            .collect()
    };
    assert_eq!(listed("?disabled=true"), ["Jo Mensah"]);
    assert_eq!(listed("?q=JO%20MEN"), ["Jo Mensah"]);
    assert_eq!(listed("?q=family.example"), ["Zofia Nowak"]);
    assert_eq!(listed("?role=manager"), ["Jo Mensah", "Sam Reyes"]);
    assert_eq!(listed(&format!("?team={}", org.team.id)), ["Jo Mensah"]);
    assert_eq!(
        listed("?q=%25"),
        Vec::<String>::new(),
        "a % typed is a % searched"
    );
    assert_eq!(
        app.get(&org.admin, "/api/v1/users?role=captain").status(),
        StatusCode::BAD_REQUEST
    );
    let refused = app.post(
        &app.client(),
        "/api/v1/session",
        json!({"email": "jo@brookside.example", "password": NEW_PASSWORD}),
    );
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.send(&org.admin, Method::POST, &enable, Value::Null)
            .status(),
        StatusCode::OK
    );
    app.signed_in("jo@brookside.example", NEW_PASSWORD);
    assert_eq!(listed("?disabled=true"), Vec::<String>::new());
}
