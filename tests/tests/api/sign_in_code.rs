//! Sign-in codes for people who cannot manage a password: issued by their team, single use,
//! 7 days, revocable, and a new card replaces the old one.

use chrono::Duration;
use diesel::prelude::*;
use ourplan_backend::db::model::now;
use ourplan_backend::db::model::user::UserRow;
use ourplan_backend::db::schema::sign_in_codes;
use ourplan_shared::account::{SignInCodeIssued, SignInCodeStatus, SignInCodeSummary};
use ourplan_shared::organisation::User;
use ourplan_shared::role::Role;
use ourplan_tests::{TestApp, demo_email};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn code_sign_in(app: &TestApp, code: &str) -> (StatusCode, reqwest::blocking::Client) {
    let device = app.client();
    let status = app
        .post(&device, "/api/v1/session/code", json!({"code": code}))
        .status();
    (status, device)
}

#[test]
fn a_card_signs_the_person_in_once_and_can_be_revoked() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let mut conn = app.database.connect();
    let alex = UserRow::find_by_email(&mut conn, demo_email(Role::Individual))
        .unwrap()
        .unwrap();
    let person = alex.person_id.unwrap();
    let codes = format!("/api/v1/persons/{person}/sign-in-codes");
    let jordan = app.demo(Role::SupportWorker);

    let response = app.post(&jordan, &codes, Value::Null);
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let card: SignInCodeIssued = response.json().unwrap();
    assert_eq!(card.person_name, "Alex");
    assert_eq!(card.code.len(), 14, "ABCD-EFGH-JKMN");
    assert!(card.qr_svg.starts_with("<?xml") && card.qr_svg.contains("<svg"));
    assert!(
        card.sign_in_url
            .ends_with(&format!("/sign-in/code#{}", card.code))
    );
    let days = (card.expires_at - chrono::Utc::now()).num_hours();
    assert!((167..=168).contains(&days), "7 days, was {days} hours");

    // Typed in lower case with spaces, it still works, and only once.
    let typed = card.code.to_lowercase().replace('-', " ");
    let (status, device) = code_sign_in(&app, &typed);
    assert_eq!(status, StatusCode::OK);
    let me: User = app.get(&device, "/api/v1/me").json().unwrap();
    assert_eq!(me.email, demo_email(Role::Individual));
    assert_eq!(code_sign_in(&app, &card.code).0, StatusCode::UNAUTHORIZED);
    assert_eq!(code_sign_in(&app, "not a code").0, StatusCode::UNAUTHORIZED);

    // A new card replaces an unused one; a revoked card does nothing.
    let first: SignInCodeIssued = app.post(&jordan, &codes, Value::Null).json().unwrap();
    let second: SignInCodeIssued = app.post(&jordan, &codes, Value::Null).json().unwrap();
    assert_eq!(code_sign_in(&app, &first.code).0, StatusCode::UNAUTHORIZED);
    let revoke = format!("{codes}/{}", second.id);
    assert_eq!(
        app.send(&jordan, Method::DELETE, &revoke, Value::Null)
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(code_sign_in(&app, &second.code).0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.send(&jordan, Method::DELETE, &revoke, Value::Null)
            .status(),
        StatusCode::CONFLICT
    );

    // An expired card does nothing either.
    let third: SignInCodeIssued = app.post(&jordan, &codes, Value::Null).json().unwrap();
    let past = now() - Duration::days(8);
    diesel::update(sign_in_codes::table.filter(sign_in_codes::id.eq(third.id.to_string())))
        .set((
            sign_in_codes::issued_at.eq(past),
            sign_in_codes::expires_at.eq(past + Duration::days(7)),
        ))
        .execute(&mut conn)
        .unwrap();
    assert_eq!(code_sign_in(&app, &third.code).0, StatusCode::UNAUTHORIZED);

    let listed: Vec<SignInCodeSummary> = app.get(&jordan, &codes).json().unwrap();
    let statuses: Vec<SignInCodeStatus> = listed.iter().map(|c| c.status).collect();
    assert_eq!(
        statuses,
        // Newest first; the expired one was moved back 8 days.
        [
            SignInCodeStatus::Revoked,
            SignInCodeStatus::Revoked,
            SignInCodeStatus::Used,
            SignInCodeStatus::Expired,
        ]
    );
    assert!(listed.iter().all(|c| c.issued_by == "Jordan Bell"));
    let stored: Vec<String> = sign_in_codes::table
        .select(sign_in_codes::code_hash)
        .load(&mut conn)
        .unwrap();
    assert!(
        stored
            .iter()
            .all(|h| h.len() == 64 && !h.contains(&card.code)),
        "only hashes are kept"
    );

    // Only the person's team issues cards.
    for role in [Role::Individual, Role::Family] {
        let client = app.demo(role);
        let status = app.post(&client, &codes, Value::Null).status();
        assert_eq!(status, StatusCode::FORBIDDEN, "{role:?}");
    }
    let sam = app.demo(Role::Admin);
    assert_eq!(
        app.post(&sam, &codes, Value::Null).status(),
        StatusCode::NOT_FOUND,
        "an admin off the team cannot see the person"
    );
}

/// The audit rows of one kind, oldest first: (outcome, actor, object, person, card).
type Audited = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn audited(conn: &mut ourplan_backend::db::DbConnection, entity: &str) -> Vec<Audited> {
    use ourplan_backend::db::schema::audit_events as a;
    a::table
        .filter(a::entity.eq(entity))
        .order(a::seq)
        .select((
            a::outcome,
            a::actor_user_id,
            a::entity_id,
            a::person_id,
            a::card_id,
        ))
        .load(conn)
        .unwrap()
}

#[test]
fn card_sign_ins_are_seen_traced_and_cannot_share_or_set_a_password_at_once() {
    use ourplan_backend::db::schema::{audit_events, sessions, users};
    use ourplan_shared::audit::AccessLogEntry;
    use ourplan_shared::notification::{NotificationKind, Notifications};
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let mut conn = app.database.connect();
    let alex = UserRow::find_by_email(&mut conn, demo_email(Role::Individual))
        .unwrap()
        .unwrap();
    let person = alex.person_id.unwrap();
    let jordan = app.demo(Role::SupportWorker);
    let priya = app.demo(Role::Manager);

    // Password sign-ins, refused and allowed, are audited; a refused one names the account
    // tried, or nothing for an address nobody has.
    let device = app.client();
    let wrong = json!({"email": demo_email(Role::Individual), "password": "not it at all"});
    let nobody = json!({"email": "nobody@example.org", "password": "not it at all"});
    for body in [wrong, nobody] {
        assert_eq!(
            app.post(&device, "/api/v1/session", body).status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let sign_ins = audited(&mut conn, "sign_in");
    let refused: Vec<_> = sign_ins.iter().filter(|r| r.0 == "refused").collect();
    assert_eq!(refused.len(), 2, "{sign_ins:?}");
    assert_eq!(refused[0].2.as_deref(), Some(alex.id.to_string().as_str()));
    assert_eq!((&refused[1].1, &refused[1].2), (&None, &None));
    let jordan_account = UserRow::find_by_email(&mut conn, demo_email(Role::SupportWorker))
        .unwrap()
        .unwrap();
    assert!(
        sign_ins
            .iter()
            .any(|r| r.0 == "allowed"
                && r.1.as_deref() == Some(jordan_account.id.to_string().as_str())),
        "Jordan's own sign-in: {sign_ins:?}"
    );

    // A card is made: the team's manager hears of it.
    let codes = format!("/api/v1/persons/{person}/sign-in-codes");
    let card: SignInCodeIssued = app.post(&jordan, &codes, Value::Null).json().unwrap();
    let told: Notifications = app.get(&priya, "/api/v1/me/notifications").json().unwrap();
    let notice = told
        .items
        .iter()
        .find(|n| n.kind == NotificationKind::SignInCardIssued)
        .expect("the manager is told");
    assert_eq!(notice.text, "Jordan Bell made a sign-in card for Alex.");
    assert_eq!(notice.person_id, person);

    // Whoever holds it signs in as Alex; that sign-in is about Alex and names the card.
    let (status, holder) = code_sign_in(&app, &card.code);
    assert_eq!(status, StatusCode::OK);
    assert_eq!(code_sign_in(&app, &card.code).0, StatusCode::UNAUTHORIZED);
    let card_id = card.id.to_string();
    let card_sign_ins = audited(&mut conn, "card_sign_in");
    assert_eq!(
        card_sign_ins,
        [
            (
                "allowed".to_owned(),
                Some(alex.id.to_string()),
                Some(card_id.clone()),
                Some(person.to_string()),
                Some(card_id.clone())
            ),
            (
                "refused".to_owned(),
                None,
                Some(card_id.clone()),
                None,
                None
            ),
        ]
    );

    // In its first ten minutes the card may not share the plan more widely.
    let consents = format!("/api/v1/persons/{person}/consents");
    let share = json!({"party_name": "Casey (neighbour)", "sections": ["goals"],
                       "access_level": "view", "basis": "person"});
    let refused = app.post(&holder, &consents, share.clone());
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let body: Value = refused.json().unwrap();
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("10 minutes after your sign-in card was made"),
        "{body}"
    );
    // Nor set a first password.
    diesel::update(users::table.find(&alex.id))
        .set(users::password_hash.eq(None::<String>))
        .execute(&mut conn)
        .unwrap();
    let first_password = json!({"current_password": "", "new_password": "Lantern-meadow-river-42"});
    assert_eq!(
        app.post(&holder, "/api/v1/me/password", first_password.clone())
            .status(),
        StatusCode::FORBIDDEN
    );

    // Ten minutes on it may share; every action of the session names the card.
    diesel::update(sign_in_codes::table.find(&card_id))
        .set(sign_in_codes::issued_at.eq(now() - Duration::minutes(11)))
        .execute(&mut conn)
        .unwrap();
    assert_eq!(
        app.post(&holder, &consents, share).status(),
        StatusCode::CREATED
    );
    let traced: Vec<Option<String>> = audit_events::table
        .filter(audit_events::entity.eq("consent"))
        .filter(audit_events::outcome.eq("allowed"))
        .select(audit_events::card_id)
        .load(&mut conn)
        .unwrap();
    assert_eq!(traced.last().unwrap().as_deref(), Some(card_id.as_str()));
    // A first password needs a card used within the hour.
    let session_start = now() - Duration::minutes(61);
    diesel::update(sessions::table.filter(sessions::sign_in_code_id.eq(&card_id)))
        .set(sessions::created_at.eq(session_start))
        .execute(&mut conn)
        .unwrap();
    assert_eq!(
        app.post(&holder, "/api/v1/me/password", first_password.clone())
            .status(),
        StatusCode::FORBIDDEN
    );
    diesel::update(sessions::table.filter(sessions::sign_in_code_id.eq(&card_id)))
        .set(sessions::created_at.eq(now()))
        .execute(&mut conn)
        .unwrap();
    assert_eq!(
        app.post(&holder, "/api/v1/me/password", first_password)
            .status(),
        StatusCode::OK
    );

    // Alex sees the card made and the sign-in with it, and who made the card.
    let alex_client = app.signed_in(demo_email(Role::Individual), "Lantern-meadow-river-42");
    let log: Vec<AccessLogEntry> = app
        .get(
            &alex_client,
            &format!("/api/v1/persons/{person}/access-log"),
        )
        .json()
        .unwrap();
    let signed_in = log
        .iter()
        .find(|e| e.entity == "card_sign_in")
        .expect("the card sign-in is in Alex's log");
    assert_eq!(signed_in.subject_name.as_deref(), Some("Jordan Bell"));
    assert!(signed_in.card_made_at.is_some());
    assert!(
        log.iter()
            .any(|e| e.entity == "sign_in_code" && e.actor_name.as_deref() == Some("Jordan Bell"))
    );
}
