//! The authorization matrix, built from the server's own route table: every endpoint × every
//! kind of actor (anonymous, the person, family with an active, expired, withdrawn or
//! out-of-scope grant, support worker, manager, admin) × {their own person or team, another
//! team's} → the expected status. An endpoint added to the table without a row here fails.
//!
//! Writes are aimed so that an allowed request proves it got past the access check without
//! changing the world for the next row: an invalid body (422), an already-withdrawn consent
//! or already-decided suggestion (409), an idempotent PUT or DELETE (200).

use ourplan_backend::api::endpoints;
use ourplan_backend::db::DatabaseUrl;
use ourplan_backend::db::backup;
use ourplan_shared::organisation::User;
use ourplan_shared::role::Role;
use ourplan_tests::authorization::{ACTORS, Actor, FAMILY_PASSWORD, Fixture, Grant, fixture};
use ourplan_tests::{TestApp, TestDatabase};
use reqwest::Method;
use serde_json::{Value, json};

/// Whose record the path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    /// The path names nothing.
    None,
    /// The actor's own person (Alex), team (Riverside North) or organisation's account.
    Own,
    /// Another organisation's person, team or account.
    Other,
}

/// What the actor is to the person in the path, as the server should work it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    Nothing,
    Owner,
    Team,
    /// A grant covering goals at "suggest" (the demo consent).
    GrantInScope,
    /// A grant covering only reviews, at "view".
    GrantOutOfScope,
}

fn relation(actor: Actor, subject: Subject) -> Relation {
    if subject != Subject::Own {
        return Relation::Nothing;
    }
    match actor {
        Actor::Individual | Actor::CardHolder => Relation::Owner,
        Actor::Family(Grant::Active) => Relation::GrantInScope,
        Actor::Family(Grant::OutOfScope) => Relation::GrantOutOfScope,
        Actor::SupportWorker | Actor::Manager => Relation::Team,
        // Admins are not on Alex's team; lapsed grants give nothing.
        Actor::Family(_) | Actor::Admin | Actor::Anonymous => Relation::Nothing,
    }
}

fn signed_in(actor: Actor) -> bool {
    actor != Actor::Anonymous
}

/// The expected status of one cell. Anonymous is 401 everywhere but the public routes.
type Expect = Box<dyn Fn(Actor, Subject) -> u16>;

/// The body a row sends, made for each actor.
type BodyFor = Box<dyn Fn(&Fixture, Actor) -> Value>;

struct Row {
    method: Method,
    path: String,
    body: BodyFor,
    if_match: bool,
    expect: Expect,
}

fn none(_: &Fixture, _: Actor) -> Value {
    Value::Null
}

fn row(
    method: Method,
    path: &str,
    body: impl Fn(&Fixture, Actor) -> Value + 'static,
    expect: impl Fn(Actor, Subject) -> u16 + 'static,
) -> Row {
    Row {
        method,
        path: path.to_owned(),
        body: Box::new(body),
        if_match: false,
        expect: Box::new(expect),
    }
}

/// Person-scoped: 401 anonymous, 404 without a relation, else by relation.
fn person_scoped(actor: Actor, subject: Subject, by: impl Fn(Relation, Actor) -> u16) -> u16 {
    if !signed_in(actor) {
        return 401;
    }
    match relation(actor, subject) {
        Relation::Nothing => 404,
        relation => by(relation, actor),
    }
}

/// Team-scoped: 401 anonymous; admins of the organisation and managers on the team may;
/// a support worker on it gets 403; anyone else 404.
fn team_scoped(actor: Actor, subject: Subject, allowed: u16) -> u16 {
    match (actor, subject) {
        (Actor::Anonymous, _) => 401,
        (_, Subject::Other) => 404,
        (Actor::Admin | Actor::Manager, _) => allowed,
        (Actor::SupportWorker, _) => 403,
        _ => 404,
    }
}

/// The rows of one kind of plan item: staff on the team write it; the person and family do
/// not; a grant lets family read it only if it covers the item's part of the plan.
fn item_rows(
    collection: &'static str,
    in_demo_scope: bool,
    delete: Option<u16>,
    invalid: Value,
) -> Vec<Row> {
    let one = format!("/persons/{{person_id}}/{collection}/{{item_id}}");
    let write = move |r: Relation, _: Actor| if r == Relation::Team { 422 } else { 403 };
    let body = move |_: &Fixture, _: Actor| invalid.clone();
    let mut rows = vec![
        row(
            Method::POST,
            &format!("/persons/{{person_id}}/{collection}"),
            body.clone(),
            move |a, s| person_scoped(a, s, write),
        ),
        row(Method::GET, &one, none, move |a, s| {
            person_scoped(a, s, move |r, _| match r {
                Relation::GrantOutOfScope => 403,
                Relation::GrantInScope if !in_demo_scope => 403,
                _ => 200,
            })
        }),
        Row {
            if_match: true,
            ..row(Method::PUT, &one, body, move |a, s| {
                person_scoped(a, s, write)
            })
        },
        // The demo item is at version 1, so "v2" is stale: allowed shows as 412, nothing changes.
        Row {
            if_match: true,
            ..row(
                Method::PUT,
                &format!("{one}/own-words"),
                |_, _| json!({"own_words": "In my words"}),
                |a, s| person_scoped(a, s, own_words),
            )
        },
        // Agreeing adds an opinion and changes nothing else.
        row(
            Method::POST,
            &format!("{one}/opinion"),
            |_, _| json!({"agrees": true}),
            |a, s| person_scoped(a, s, |r, _| if r == Relation::Owner { 201 } else { 403 }),
        ),
    ];
    if let Some(team) = delete {
        rows.push(Row {
            if_match: true,
            ..row(Method::DELETE, &one, none, move |a, s| {
                person_scoped(
                    a,
                    s,
                    move |r, _| if r == Relation::Team { team } else { 403 },
                )
            })
        });
    }
    rows
}

/// For the person's support team only.
fn team_only(r: Relation, _: Actor) -> u16 {
    if r == Relation::Team { 200 } else { 403 }
}

/// Earlier versions hold the whole plan: the person and their team only.
fn whole_plan(r: Relation, _: Actor) -> u16 {
    match r {
        Relation::Owner | Relation::Team => 200,
        _ => 403,
    }
}

/// The person and their team write the person's own words; family do not.
fn own_words(r: Relation, _: Actor) -> u16 {
    match r {
        Relation::Owner | Relation::Team => 412,
        _ => 403,
    }
}

/// Reviews: the person, their team, and a grant that covers reviews.
fn reviews_readable(r: Relation, _: Actor) -> u16 {
    match r {
        Relation::Owner | Relation::Team | Relation::GrantOutOfScope => 200,
        _ => 403,
    }
}

/// Part 2 of a review: managers on the team; everyone else who may see the plan is refused.
fn managers_only(r: Relation, a: Actor, allowed: u16) -> u16 {
    match (r, a) {
        (Relation::Team, Actor::Manager) => allowed,
        _ => 403,
    }
}

fn matrix() -> Vec<Row> {
    use Method as M;
    let uuid = "0192f0a4-7c1e-7b3a-9d2e-1a2b3c4d5e6f";
    let mut rows = Vec::new();
    // Deleting the demo items: goals and the needs they address stay as evidence (409); the
    // others were read at version 1, so `If-Match: "v2"` is stale (412). Nothing is deleted.
    rows.extend(item_rows(
        "findings",
        false,
        Some(409),
        json!({"heading_id": uuid, "kind": "need", "text": "", "source": "individual"}),
    ));
    rows.extend(item_rows("goals", true, Some(409), json!({"term": "short", "text": "", "measure": "", "target": "", "start_on": "2026-12-01", "due_on": "2027-01-01", "addresses": []})));
    rows.extend(item_rows("strategies", false, Some(412), json!({"goal_id": uuid, "text": "", "responsible": "staff", "responsible_name": "", "frequency": "", "start_on": "2026-12-01", "least_intrusive_reason": ""})));
    rows.extend(item_rows("risks", false, Some(412), json!({"activity": "", "hazards": "", "likelihood": "low", "impact": "low", "persons_choice": "", "safety_measures": "", "review_on": "2027-01-01"})));
    rows.extend(item_rows(
        "wishes",
        false,
        None,
        json!({"text": "", "reason": "", "next_steps": "", "recorded_on": "2026-12-01"}),
    ));
    rows.extend(item_rows(
        "decisions",
        false,
        None,
        json!({"kind": "decision", "text": "", "who": "", "occurred_on": "2026-12-01"}),
    ));
    // Resolving is for the person's disagreements: the entry named is not one, so staff on
    // the team get 409 and nothing changes.
    rows.push(row(
        M::POST,
        "/persons/{person_id}/decisions/{item_id}/resolution",
        |_, _| json!({"resolution": "", "who": "", "resolved_on": "2026-12-01"}),
        |a, s| person_scoped(a, s, |r, _| if r == Relation::Team { 409 } else { 403 }),
    ));
    rows.extend(vec![
        row(M::GET, "/health", none, |_, _| 200),
        row(M::GET, "/openapi.json", none, |_, _| 200),
        // One address per actor, so the throttle (5 failures) never answers instead.
        row(
            M::POST,
            "/session",
            |_, a| json!({"email": format!("{a:?}@nowhere.test"), "password": "wrong-password"}),
            |_, _| 401,
        ),
        row(M::DELETE, "/session", none, |a, _| {
            if signed_in(a) { 204 } else { 401 }
        }),
        row(M::POST, "/session/refresh", none, |a, _| {
            if signed_in(a) { 200 } else { 401 }
        }),
        row(
            M::POST,
            "/session/code",
            |_, _| json!({"code": "AAAA-BBBB-CCCC"}),
            |_, _| 401,
        ),
        // Setup is over once there is an organisation, for everyone.
        row(M::GET, "/setup", none, |_, _| 200),
        row(
            M::POST,
            "/setup/link",
            |_, _| json!({"token": "0".repeat(64)}),
            |_, _| 404,
        ),
        row(
            M::POST,
            "/setup",
            |_, _| {
                json!({"token": "0".repeat(64), "organisation_name": "Matrix", "time_zone": "Europe/London",
                    "admin_name": "Matrix Admin", "admin_email": "matrix@nowhere.test",
                    "password": FAMILY_PASSWORD})
            },
            |_, _| 404,
        ),
        // Nobody signed in, with no session to renew: 204, not a failure in the console.
        row(
            M::GET,
            "/me",
            none,
            |a, _| if signed_in(a) { 200 } else { 204 },
        ),
        row(
            M::POST,
            "/me/password",
            |_, _| json!({"current_password": "not it", "new_password": "Whatever-lamp-77"}),
            |a, _| if signed_in(a) { 422 } else { 401 },
        ),
        row(M::GET, "/organisation", none, |a, _| {
            if signed_in(a) { 200 } else { 401 }
        }),
        // 13 months is too long between reviews: allowed shows as 422.
        Row {
            if_match: true,
            ..row(
                M::PUT,
                "/organisation",
                |_, _| json!({"review_interval_months": 13, "time_zone": "Europe/London"}),
                |a, _| match a {
                    Actor::Anonymous => 401,
                    Actor::Admin => 422,
                    _ => 403,
                },
            )
        },
        // Managers see staff accounts, to put on their teams.
        row(M::GET, "/users", none, |a, _| match a {
            Actor::Anonymous => 401,
            Actor::Admin | Actor::Manager => 200,
            _ => 403,
        }),
        row(
            M::POST,
            "/users",
            |_, _| json!({"email": "", "display_name": "", "role": "family"}),
            |a, _| match a {
                Actor::Anonymous => 401,
                Actor::Admin => 422,
                _ => 403,
            },
        ),
        // Enabled, then disabled again by the next row: the account ends as it was.
        row(M::POST, "/users/{user_id}/enable", none, |a, s| {
            match (a, s) {
                (Actor::Anonymous, _) => 401,
                (Actor::Admin, Subject::Own) => 200,
                _ => 404,
            }
        }),
        row(M::POST, "/users/{user_id}/disable", none, |a, s| {
            match (a, s) {
                (Actor::Anonymous, _) => 401,
                (Actor::Admin, Subject::Own) => 200,
                _ => 404,
            }
        }),
        // Nobody becomes a person supported by a change of role: allowed shows as 422.
        row(
            M::PUT,
            "/users/{user_id}/role",
            |_, _| json!({"role": "individual"}),
            |a, s| match (a, s) {
                (Actor::Anonymous, _) => 401,
                (Actor::Admin, Subject::Own) => 422,
                _ => 404,
            },
        ),
        // The admin's own account in reach is disabled: allowed shows as 409, no link is made.
        row(M::POST, "/users/{user_id}/invitation", none, |a, s| match (a, s) {
            (Actor::Anonymous, _) => 401,
            (Actor::Admin, Subject::Own) => 409,
            _ => 404,
        }),
        row(M::POST, "/users/{user_id}/password-reset", none, |a, s| match (a, s) {
            (Actor::Anonymous, _) => 401,
            (Actor::Admin, Subject::Own) => 409,
            _ => 404,
        }),
        row(
            M::POST,
            "/account-links/check",
            |_, _| json!({"token": "0".repeat(64)}),
            |_, _| 404,
        ),
        row(
            M::POST,
            "/account-links/use",
            |_, _| json!({"token": "0".repeat(64), "password": FAMILY_PASSWORD}),
            |_, _| 404,
        ),
        row(
            M::GET,
            "/teams",
            none,
            |a, _| if signed_in(a) { 200 } else { 401 },
        ),
        // An empty name: allowed shows as 422.
        row(M::PUT, "/teams/{team_id}", |_, _| json!({"name": " "}), |a, s| {
            team_scoped(a, s, 422)
        }),
        row(
            M::POST,
            "/teams",
            |_, _| json!({"name": ""}),
            |a, _| match a {
                Actor::Anonymous => 401,
                Actor::Admin => 422,
                _ => 403,
            },
        ),
        row(
            M::PUT,
            "/teams/{team_id}/members/{user_id}",
            none,
            |a, s| team_scoped(a, s, 200),
        ),
        row(
            M::DELETE,
            "/teams/{team_id}/members/{user_id}",
            none,
            |a, s| team_scoped(a, s, 200),
        ),
        row(
            M::PUT,
            "/teams/{team_id}/persons/{person_id}",
            |f, _| json!({"key_worker_user_id": f.jordan}),
            |a, s| team_scoped(a, s, 200),
        ),
        row(
            M::DELETE,
            "/teams/{team_id}/persons/{person_id}",
            none,
            |a, s| team_scoped(a, s, 200),
        ),
        // A key worker who is not on the team: allowed shows as 422, nobody moves.
        row(
            M::PUT,
            "/persons/{person_id}/team",
            |f, _| json!({"team_id": f.own_team, "key_worker_user_id": "0192f0a4-7c1e-7b3a-9d2e-1a2b3c4d5e6f"}),
            |a, s| match (a, s) {
                (Actor::Anonymous, _) => 401,
                (Actor::SupportWorker, _) => 403,
                (Actor::Admin | Actor::Manager, Subject::Own) => 422,
                _ => 404,
            },
        ),
        // Ending support: a manager on the team or an admin of the organisation gets past the
        // check to an empty reason (422), or to nothing to undo (409); nobody leaves.
        row(
            M::POST,
            "/persons/{person_id}/leaving",
            |_, _| json!({"left_on": "2026-12-01", "reason": " "}),
            |a, s| match (a, s) {
                (Actor::Anonymous, _) => 401,
                (Actor::Admin | Actor::Manager, Subject::Own) => 422,
                (Actor::SupportWorker, Subject::Own) => 403,
                _ => 404,
            },
        ),
        row(
            M::DELETE,
            "/persons/{person_id}/leaving",
            none,
            |a, s| match (a, s) {
                (Actor::Anonymous, _) => 401,
                (Actor::Admin | Actor::Manager, Subject::Own) => 409,
                (Actor::SupportWorker, Subject::Own) => 403,
                _ => 404,
            },
        ),
        // An import with no rows: an admin gets past the check to 422, nothing is written.
        row(
            M::POST,
            "/import",
            |_, _| json!({"csv": "kind,full_name\n"}),
            |a, _| match a {
                Actor::Anonymous => 401,
                Actor::Admin => 422,
                _ => 403,
            },
        ),
        row(M::GET, "/caseload", none, |a, _| match a {
            Actor::Anonymous => 401,
            Actor::SupportWorker | Actor::Manager | Actor::Admin => 200,
            _ => 403,
        }),
        row(M::GET, "/persons", none, |a, _| {
            if signed_in(a) { 200 } else { 401 }
        }),
        // Admitting: staff on the team and admins get past the check to an empty name (422).
        row(
            M::POST,
            "/persons",
            |f, _| {
                json!({"person": {"full_name": " ", "support_started_on": "2026-12-01",
                    "preferred_language": "en"}, "team_id": f.own_team})
            },
            |a, _| match a {
                Actor::Anonymous => 401,
                Actor::SupportWorker | Actor::Manager | Actor::Admin => 422,
                _ => 403,
            },
        ),
        row(M::GET, "/persons/{person_id}", none, |a, s| {
            person_scoped(a, s, |r, _| if r == Relation::GrantOutOfScope { 403 } else { 200 })
        }),
        Row {
            if_match: true,
            ..row(
                M::PUT,
                "/persons/{person_id}",
                |_, _| json!({"full_name": "", "support_started_on": "2026-12-01", "preferred_language": "en"}),
                |a, s| person_scoped(a, s, |r, _| if r == Relation::Team { 422 } else { 403 }),
            )
        },
        row(M::GET, "/persons/{person_id}/plan", none, |a, s| {
            person_scoped(a, s, |_, _| 200)
        }),
        // The demo plan is agreed and nothing has changed: whoever may sign is told so (409).
        row(
            M::POST,
            "/persons/{person_id}/plan/signatures",
            |_, a| match a {
                Actor::SupportWorker | Actor::Manager | Actor::Admin => json!({"role": "staff"}),
                _ => json!({"role": "person"}),
            },
            |a, s| {
                person_scoped(a, s, |r, _| match r {
                    Relation::Owner | Relation::Team => 409,
                    _ => 403,
                })
            },
        ),
        // Exports: the plan as far as it is shared; the decisions report with the decisions.
        row(M::GET, "/persons/{person_id}/plan.pdf", none, |a, s| {
            person_scoped(a, s, |_, _| 200)
        }),
        row(M::GET, "/persons/{person_id}/fhir", none, |a, s| {
            person_scoped(a, s, |_, _| 200)
        }),
        row(M::GET, "/persons/{person_id}/plan/decisions.pdf", none, |a, s| {
            person_scoped(a, s, |r, _| match r {
                Relation::Owner | Relation::Team => 200,
                _ => 403,
            })
        }),
        row(M::GET, "/persons/{person_id}/plan/evidence", none, |a, s| {
            person_scoped(a, s, team_only)
        }),
        row(M::GET, "/persons/{person_id}/plan/evidence.pdf", none, |a, s| {
            person_scoped(a, s, team_only)
        }),
        row(M::GET, "/persons/{person_id}/plan/plain-language", none, |a, s| {
            person_scoped(a, s, team_only)
        }),
        row(M::GET, "/persons/{person_id}/plan/versions", none, |a, s| {
            person_scoped(a, s, whole_plan)
        }),
        row(M::GET, "/persons/{person_id}/plan/versions/{number}", none, |a, s| {
            person_scoped(a, s, whole_plan)
        }),
        row(M::GET, "/persons/{person_id}/plan/compare", none, |a, s| {
            person_scoped(a, s, whole_plan)
        }),
        row(M::GET, "/persons/{person_id}/plan/acknowledgements", none, |a, s| {
            person_scoped(a, s, team_only)
        }),
        // Reading the agreed version again changes nothing.
        row(M::POST, "/persons/{person_id}/plan/acknowledgements", none, |a, s| {
            person_scoped(a, s, team_only)
        }),
        row(M::GET, "/persons/{person_id}/profile", none, |a, s| {
            person_scoped(a, s, |r, _| if r == Relation::GrantOutOfScope { 403 } else { 200 })
        }),
        Row {
            if_match: true,
            ..row(
                M::PUT,
                "/persons/{person_id}/profile",
                |_, _| json!({"important_to_me": "x".repeat(10_001)}),
                |a, s| person_scoped(a, s, |r, _| if r == Relation::Team { 422 } else { 403 }),
            )
        },
        Row {
            if_match: true,
            ..row(
                M::PUT,
                "/persons/{person_id}/profile/own-words",
                |_, _| json!({"own_words": "In my words"}),
                |a, s| person_scoped(a, s, own_words),
            )
        },
        // The person and their team add photos and recordings; without a target it goes nowhere.
        row(M::POST, "/persons/{person_id}/media", none, |a, s| {
            person_scoped(a, s, |r, _| match r {
                Relation::Owner | Relation::Team => 422,
                _ => 403,
            })
        }),
        row(M::GET, "/persons/{person_id}/media", none, |a, s| {
            person_scoped(a, s, |_, _| 200)
        }),
        // No such photo: not found to all who may read the plan, as for what is not shared.
        row(M::GET, "/persons/{person_id}/media/{media_id}", none, |a, s| {
            person_scoped(a, s, |_, _| 404)
        }),
        row(M::DELETE, "/persons/{person_id}/media/{media_id}", none, |a, s| {
            person_scoped(a, s, |r, _| match r {
                Relation::Owner | Relation::Team => 404,
                _ => 403,
            })
        }),
        row(
            M::GET,
            "/me/notifications",
            none,
            |a, _| if signed_in(a) { 200 } else { 401 },
        ),
        // Nobody has a notification with the fixture's id.
        row(M::POST, "/me/notifications/{notification_id}/read", none, |a, _| {
            if signed_in(a) { 404 } else { 401 }
        }),
        row(
            M::GET,
            "/me/email-preferences",
            none,
            |a, _| if signed_in(a) { 200 } else { 401 },
        ),
        row(
            M::PUT,
            "/me/email-preferences",
            |_, _| json!({"language": "en", "kinds": [{"kind": "review_due", "delivery": "daily"}]}),
            |a, _| if signed_in(a) { 200 } else { 401 },
        ),
        // Authorised by the token in the link, never by a session: without one, nobody.
        row(M::POST, "/email/unsubscribe", none, |_, _| 400),
        row(M::GET, "/admin/outbox", none, |a, _| match a {
            Actor::Anonymous => 401,
            Actor::Admin => 200,
            _ => 403,
        }),
        // The matrix's server has no SMTP settings: email is off.
        row(
            M::POST,
            "/admin/outbox/test",
            |_, _| json!({"to": "someone@example.org"}),
            |a, _| match a {
                Actor::Anonymous => 401,
                Actor::Admin => 409,
                _ => 403,
            },
        ),
        row(M::POST, "/admin/outbox/{email_id}/retry", none, |a, _| match a {
            Actor::Anonymous => 401,
            Actor::Admin => 409,
            _ => 403,
        }),
        // The demo grant covers progress; the out-of-scope one only reviews.
        row(
            M::GET,
            "/persons/{person_id}/goals/{goal_id}/progress",
            none,
            |a, s| {
                person_scoped(a, s, |r, _| match r {
                    Relation::GrantOutOfScope => 403,
                    _ => 200,
                })
            },
        ),
        row(
            M::POST,
            "/persons/{person_id}/goals/{goal_id}/progress",
            |_, _| json!({"recorded_on": "2026-11-01", "progress": ""}),
            |a, s| {
                person_scoped(a, s, |r, _| match r {
                    Relation::Owner | Relation::Team => 422,
                    _ => 403,
                })
            },
        ),
        row(M::GET, "/persons/{person_id}/reviews", none, |a, s| {
            person_scoped(a, s, reviews_readable)
        }),
        row(M::GET, "/persons/{person_id}/reviews/{review_id}", none, |a, s| {
            person_scoped(a, s, reviews_readable)
        }),
        row(M::GET, "/persons/{person_id}/reviews/{review_id}/record.pdf", none, |a, s| {
            person_scoped(a, s, reviews_readable)
        }),
        // A significant change needs what changed: allowed shows as 422.
        row(
            M::POST,
            "/persons/{person_id}/reviews",
            |_, _| json!({"significant_change": true}),
            |a, s| person_scoped(a, s, |r, _| if r == Relation::Team { 422 } else { 403 }),
        ),
        row(
            M::POST,
            "/persons/{person_id}/review-requests",
            |_, _| json!({"reason": "x".repeat(2001)}),
            |a, s| {
                person_scoped(a, s, |r, _| match r {
                    Relation::Owner | Relation::Team => 422,
                    _ => 403,
                })
            },
        ),
        // The demo review is completed: whoever may change it is refused for its stage (409).
        Row {
            if_match: true,
            ..row(
                M::PUT,
                "/persons/{person_id}/reviews/{review_id}/part-one",
                |_, _| json!({"what_is_working": "Cooking"}),
                |a, s| person_scoped(a, s, |r, _| if r == Relation::Team { 409 } else { 403 }),
            )
        },
        Row {
            if_match: true,
            ..row(
                M::POST,
                "/persons/{person_id}/reviews/{review_id}/part-one/submit",
                none,
                |a, s| person_scoped(a, s, |r, _| if r == Relation::Team { 409 } else { 403 }),
            )
        },
        Row {
            if_match: true,
            ..row(
                M::PUT,
                "/persons/{person_id}/reviews/{review_id}/part-two",
                |_, _| json!({"outcome": "It works"}),
                |a, s| person_scoped(a, s, |r, a| managers_only(r, a, 409)),
            )
        },
        Row {
            if_match: true,
            ..row(
                M::POST,
                "/persons/{person_id}/reviews/{review_id}/complete",
                none,
                |a, s| person_scoped(a, s, |r, a| managers_only(r, a, 409)),
            )
        },
        // Feedback: anyone who may see the plan gives it; the team answers.
        // Picture sorts are the person's views for their reviews.
        row(M::GET, "/persons/{person_id}/picture-sorts", none, |a, s| {
            person_scoped(a, s, reviews_readable)
        }),
        // The person and their team keep them; one card is too few to sort.
        row(
            M::POST,
            "/persons/{person_id}/picture-sorts",
            |_, _| json!({"topic": "home", "cards": [{"picture": "bed", "label": "My bedroom", "placed": "good"}]}),
            |a, s| {
                person_scoped(a, s, |r, _| match r {
                    Relation::Owner | Relation::Team => 422,
                    _ => 403,
                })
            },
        ),
        row(M::GET, "/persons/{person_id}/feedback", none, |a, s| {
            person_scoped(a, s, |_, _| 200)
        }),
        row(
            M::POST,
            "/persons/{person_id}/feedback",
            |_, _| json!({"kind": "comment", "about": "plan", "text": ""}),
            |a, s| person_scoped(a, s, |_, _| 422),
        ),
        Row {
            if_match: true,
            ..row(
                M::POST,
                "/persons/{person_id}/feedback/{feedback_id}/response",
                |_, _| json!({"response": ""}),
                |a, s| person_scoped(a, s, |r, _| if r == Relation::Team { 422 } else { 403 }),
            )
        },
        row(M::GET, "/persons/{person_id}/consents", none, |a, s| {
            person_scoped(a, s, |r, _| match r {
                Relation::Owner | Relation::Team => 200,
                _ => 403,
            })
        }),
        row(
            M::POST,
            "/persons/{person_id}/consents",
            |_, _| json!({"party_name": "Someone", "sections": [], "access_level": "view", "basis": "person"}),
            |a, s| {
                person_scoped(a, s, |r, a| match r {
                    // A card session may not share more in the card's first 10 minutes.
                    Relation::Owner if a == Actor::CardHolder => 403,
                    Relation::Owner | Relation::Team => 422,
                    _ => 403,
                })
            },
        ),
        row(
            M::POST,
            "/persons/{person_id}/consents/{consent_id}/change",
            |_, _| json!({"sections": ["goals"], "access_level": "view", "basis": "person"}),
            |a, s| {
                person_scoped(a, s, |r, _| match r {
                    Relation::Owner | Relation::Team => 409,
                    _ => 403,
                })
            },
        ),
        row(
            M::POST,
            "/persons/{person_id}/consents/{consent_id}/withdraw",
            none,
            |a, s| {
                person_scoped(a, s, |r, _| match r {
                    Relation::Owner | Relation::Team => 409,
                    _ => 403,
                })
            },
        ),
        row(
            M::GET,
            "/persons/{person_id}/contributions",
            none,
            |a, s| person_scoped(a, s, |_, _| 200),
        ),
        row(
            M::POST,
            "/persons/{person_id}/contributions",
            |_, _| json!({"section": "goals", "kind": "comment", "text": ""}),
            |a, s| {
                person_scoped(a, s, |r, _| match r {
                    Relation::GrantInScope => 422,
                    _ => 403,
                })
            },
        ),
        Row {
            if_match: true,
            ..row(
                M::POST,
                "/persons/{person_id}/contributions/{contribution_id}/decision",
                |_, _| json!({"status": "agreed"}),
                |a, s| {
                    person_scoped(a, s, |r, _| match r {
                        Relation::Owner => 409,
                        _ => 403,
                    })
                },
            )
        },
        row(
            M::GET,
            "/persons/{person_id}/sign-in-codes",
            none,
            |a, s| {
                person_scoped(a, s, |r, _| match r {
                    Relation::Team => 200,
                    _ => 403,
                })
            },
        ),
        row(
            M::POST,
            "/persons/{person_id}/sign-in-codes",
            none,
            |a, s| {
                person_scoped(a, s, |r, _| match r {
                    Relation::Team => 201,
                    _ => 403,
                })
            },
        ),
        row(
            M::DELETE,
            "/persons/{person_id}/sign-in-codes/{code_id}",
            none,
            |a, s| {
                person_scoped(a, s, |r, _| match r {
                    Relation::Team => 409,
                    _ => 403,
                })
            },
        ),
        row(M::GET, "/persons/{person_id}/access-log", none, |a, s| {
            person_scoped(a, s, |r, _| match r {
                Relation::Owner | Relation::Team => 200,
                _ => 404,
            })
        }),
        row(
            M::GET,
            "/persons/{person_id}/access-log/export",
            none,
            |a, s| {
                person_scoped(a, s, |r, a| match (r, a) {
                    (Relation::Team, Actor::Manager) => 200,
                    (Relation::Owner | Relation::Team, _) => 403,
                    _ => 404,
                })
            },
        ),
        row(M::GET, "/review-programme", none, |a, _| match a {
            Actor::Anonymous => 401,
            Actor::Manager => 200,
            _ => 403,
        }),
        row(M::GET, "/review-programme/evidence", none, |a, _| match a {
            Actor::Anonymous => 401,
            Actor::Manager => 200,
            _ => 403,
        }),
        row(M::GET, "/audit/verify", none, |a, _| match a {
            Actor::Anonymous => 401,
            Actor::Admin => 200,
            _ => 403,
        }),
        row(
            M::POST,
            "/csp-reports",
            |_, _| json!({"csp-report": {"document-uri": "http://127.0.0.1/", "violated-directive": "script-src"}}),
            |_, _| 204,
        ),
    ]);
    rows
}

/// The path with its placeholders filled for this subject.
fn path(f: &Fixture, row: &Row, subject: Subject) -> String {
    let own = subject == Subject::Own;
    let team_route = row.path.starts_with("/teams/");
    let person = match (team_route, row.method == Method::DELETE, own) {
        (true, true, _) => &f.loose_person,
        (_, _, true) => &f.alex,
        (false, _, false) => &f.other_person,
        (true, false, false) => &f.alex,
    };
    let user = if row.path.starts_with("/users/") {
        if own { &f.disabled_user } else { &f.other_user }
    } else if row.method == Method::DELETE {
        // Not on the team: removing them changes nothing.
        &f.sam
    } else {
        &f.jordan
    };
    let team = if own { &f.own_team } else { &f.other_team };
    format!("/api/v1{}", row.path)
        .replace("{person_id}", &person.to_string())
        .replace("{user_id}", user)
        .replace("{team_id}", team)
        .replace("{consent_id}", &f.withdrawn_consent)
        .replace("{contribution_id}", &f.decided_contribution)
        .replace("{code_id}", &f.used_code)
        .replace("{item_id}", &f.item(&row.path))
        .replace("{goal_id}", &f.item(&row.path))
        .replace("{review_id}", &f.review)
        .replace("{notification_id}", "0192f0a4-7c1e-7b3a-9d2e-1a2b3c4d5e6f")
        .replace("{email_id}", "0192f0a4-7c1e-7b3a-9d2e-1a2b3c4d5e6f")
        .replace("{feedback_id}", "0192f0a4-7c1e-7b3a-9d2e-1a2b3c4d5e6f")
        .replace("{media_id}", "0192f0a4-7c1e-7b3a-9d2e-1a2b3c4d5e6f")
        .replace("{number}", "1")
        + if row.path.ends_with("/plan/compare") {
            "?from=1&to=2"
        } else {
            ""
        }
}

#[test]
fn every_endpoint_answers_every_actor_as_the_matrix_says() {
    let f = fixture();
    let rows = matrix();

    // The matrix covers the route table exactly.
    let table: Vec<(Method, &str)> = endpoints()
        .iter()
        .map(|e| {
            (
                Method::from_bytes(e.method.as_str().as_bytes()).unwrap(),
                e.path,
            )
        })
        .collect();
    let missing: Vec<String> = table
        .iter()
        .filter(|(m, p)| !rows.iter().any(|r| r.method == *m && r.path == *p))
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    assert!(
        missing.is_empty(),
        "endpoints with no row in the authorization matrix: {missing:?}"
    );
    let stale: Vec<String> = rows
        .iter()
        .filter(|r| !table.iter().any(|(m, p)| r.method == *m && r.path == *p))
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert!(
        stale.is_empty(),
        "matrix rows for endpoints that do not exist: {stale:?}"
    );

    let (mismatches, cells) = cells_that_differ(&f, &rows);
    assert!(
        mismatches.is_empty(),
        "{} of {cells} cells differ:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
    assert!(cells > 400, "{cells} cells");
}

/// Sends every cell of the matrix to the fixture's server; the cells that answered otherwise,
/// and how many were sent.
fn cells_that_differ(f: &Fixture, rows: &[Row]) -> (Vec<String>, usize) {
    let mut mismatches = Vec::new();
    let mut cells = 0;
    for actor in ACTORS {
        let client = f.client(actor);
        for row in rows {
            let subjects: &[Subject] = if row.path.contains('{') {
                &[Subject::Own, Subject::Other]
            } else {
                &[Subject::None]
            };
            for &subject in subjects {
                // Signing out ends the session: do it on a session of its own.
                let client = if row.method == Method::DELETE && row.path == "/session" {
                    f.client(actor)
                } else {
                    client.clone()
                };
                let path = path(f, row, subject);
                let mut request = client
                    .request(row.method.clone(), f.app.url(&path))
                    .header("x-ourplan-csrf", "1");
                if row.if_match {
                    request = request.header("if-match", "\"v2\"");
                }
                let body = (row.body)(f, actor);
                if !body.is_null() {
                    request = request.json(&body);
                }
                let got = request.send().unwrap().status().as_u16();
                let want = (row.expect)(actor, subject);
                cells += 1;
                if got != want {
                    mismatches.push(format!(
                        "{actor:?} {} {path} ({subject:?}): got {got}, want {want}",
                        row.method
                    ));
                }
            }
        }
    }
    (mismatches, cells)
}

/// A backup of the running fixture, restored into a fresh database, decides every cell
/// exactly as the original did (issue: prove it holds).
#[test]
fn the_matrix_holds_on_a_restored_backup() {
    let f = fixture();
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("matrix.backup");
    let url = DatabaseUrl::parse(&f.app.database.url()).unwrap();
    backup::backup(&url, &file).unwrap();
    let fresh = TestDatabase::create();
    backup::restore(&file, &DatabaseUrl::parse(&fresh.url()).unwrap()).unwrap();
    let restored = Fixture {
        app: TestApp::start_on(fresh, &[]),
        ..f
    };
    let (mismatches, cells) = cells_that_differ(&restored, &matrix());
    assert!(
        mismatches.is_empty(),
        "{} of {cells} cells differ after the restore:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

/// The rules the route table alone cannot show, as cells of their own: a grant's level applies
/// to its own sections only, and an agreed version needs two different people. (Card sessions
/// are an actor of the matrix above.)
#[test]
fn per_section_levels_and_distinct_signers_hold_cell_by_cell() {
    use ourplan_shared::plan::PlanDocument;
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let person = app.demo(Role::Individual);
    let jordan = app.demo(Role::SupportWorker);
    let priya = app.demo(Role::Manager);
    let admin = app.demo(Role::Admin);
    let at = |path: &str| format!("/api/v1/persons/{alex}/{path}");
    let plan: PlanDocument = app.get(&jordan, &at("plan")).json().unwrap();

    // Goals at "suggest" and risks at "view", by two consents.
    let email = "mixed.family@demo.ourplan.test";
    let _: User = app.invited_account(
        &admin,
        json!({"email": email, "display_name": "Mixed Relative", "role": "family"}),
        FAMILY_PASSWORD,
    );
    for (section, level) in [("goals", "suggest"), ("risks", "view")] {
        let given = app.post(
            &person,
            &at("consents"),
            json!({"party_email": email, "sections": [section], "access_level": level, "basis": "person"}),
        );
        assert_eq!(given.status(), 201);
    }
    let mixed = app.signed_in(email, FAMILY_PASSWORD);
    let say = |section: &str, kind: &str| {
        app.post(
            &mixed,
            &at("contributions"),
            json!({"section": section, "kind": kind, "text": ""}),
        )
        .status()
        .as_u16()
    };
    let risk = at(&format!("risks/{}", plan.risks[0].id));
    let strategy = at(&format!("strategies/{}", plan.strategies[0].id));
    let cells = [
        ("suggest on goals", say("goals", "suggestion"), 422),
        ("comment on risks", say("risks", "comment"), 403),
        ("suggest on risks", say("risks", "suggestion"), 403),
        ("read risks", app.get(&mixed, &risk).status().as_u16(), 200),
        (
            "read strategies",
            app.get(&mixed, &strategy).status().as_u16(),
            403,
        ),
    ];

    // A draft: whoever records a representative's signature cannot also sign as staff.
    let mut body = serde_json::to_value(&plan.risks[0]).unwrap();
    body["safety_measures"] = json!("A text message on arrival");
    let etag = format!("\"v{}\"", plan.risks[0].row_version);
    let changed = app.send_if_match(&jordan, Method::PUT, &risk, Some(&etag), &body);
    assert_eq!(changed.status(), 200);
    let sign = at("plan/signatures");
    let representative = json!({"role": "representative", "signer_name": "Morgan Rivers",
                                "reason": "Alex asked Morgan to sign"});
    let signed = [
        (
            "Jordan records the representative",
            app.post(&jordan, &sign, representative.clone())
                .status()
                .as_u16(),
            201,
        ),
        (
            "Jordan signs as staff too",
            app.post(&jordan, &sign, json!({"role": "staff"}))
                .status()
                .as_u16(),
            409,
        ),
        (
            "Jordan records a representative again",
            app.post(&jordan, &sign, representative).status().as_u16(),
            409,
        ),
        (
            "Priya signs as manager",
            app.post(&priya, &sign, json!({"role": "manager"}))
                .status()
                .as_u16(),
            201,
        ),
    ];
    let wrong: Vec<String> = cells
        .into_iter()
        .chain(signed)
        .filter(|(_, got, want)| got != want)
        .map(|(what, got, want)| format!("{what}: {got}, want {want}"))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
