//! PDF exports read back with poppler: the seeded plan in both layouts, its
//! review record and the decisions report carry the headings, goals, names and signatures, a
//! title and today's creation date, "Page 1 of N", real text and the embedded, subset fonts; a
//! family member's copy holds only what is shared with them; every export is audited.

use ourplan_shared::plan::PlanDocument;
use ourplan_shared::role::Role;
use ourplan_tests::TestApp;
use ourplan_tests::pdf::PdfFile;
use reqwest::StatusCode;
use reqwest::blocking::Client;
use serde_json::Value;

fn export(app: &TestApp, client: &Client, path: &str) -> PdfFile {
    let response = app.get(client, path);
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let disposition = response.headers()["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    assert!(disposition.contains(".pdf"), "{disposition}");
    PdfFile::new(&response.bytes().unwrap())
}

/// Every document: a title, an author, a creation date of today (not 1970), "Page 1 of N" with
/// N the real page count, Atkinson Hyperlegible Next embedded and subset with a Unicode map,
/// and ink on page 1.
fn check_every_document(pdf: &PdfFile, title_starts: &str) -> String {
    let info = pdf.info();
    assert!(info["Title"].starts_with(title_starts), "{info:?}");
    assert_eq!(info["Author"], "Riverside Support (demo)");
    let today = chrono::Utc::now().date_naive();
    let created = chrono::NaiveDate::parse_from_str(&info["CreationDate"][..10], "%Y-%m-%d")
        .unwrap_or_else(|_| panic!("creation date {:?}", info["CreationDate"]));
    assert!(
        (today - created).num_days().abs() <= 1,
        "created {created}, today {today}"
    );
    let pages = pdf.pages();
    let text = pdf.text();
    assert!(text.contains(&format!("Page 1 of {pages}")), "{text}");
    assert!(text.contains(&format!("Page {pages} of {pages}")));
    let fonts = pdf.fonts();
    assert!(!fonts.is_empty());
    for font in &fonts {
        assert!(font.embedded && font.subset && font.unicode, "{font:?}");
    }
    assert!(
        fonts
            .iter()
            .any(|f| f.name.ends_with("+AtkinsonHyperlegibleNext-Regular"))
    );
    assert!(
        fonts
            .iter()
            .any(|f| f.name.ends_with("+AtkinsonHyperlegibleNext-Bold"))
    );
    let ink = pdf.ink_on_page_one();
    assert!(ink > 0.01, "page 1 looks blank: {ink}");
    text
}

fn assert_contains_all(text: &str, expected: &[&str]) {
    // pdftotext breaks lines where the PDF does; compare with whitespace folded.
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for phrase in expected {
        assert!(folded.contains(phrase), "missing {phrase:?} in:\n{folded}");
    }
}

#[test]
fn the_seeded_plan_review_and_decisions_export_with_what_they_must_say() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let jordan = app.demo(Role::SupportWorker);
    let plan: PlanDocument = app
        .get(&jordan, &format!("/api/v1/persons/{alex}/plan"))
        .json()
        .unwrap();
    assert_eq!(plan.plan.current_version, Some(2));
    let goals: Vec<&str> = plan.goals.iter().map(|g| g.text.as_str()).collect();
    let agreed = "Version 2, agreed on";
    let signatures = [
        "Alex Rivers, the person, signed on",
        "Jordan Bell, staff, signed on",
    ];

    let standard = export(
        &app,
        &jordan,
        &format!("/api/v1/persons/{alex}/plan.pdf?layout=standard"),
    );
    let text = check_every_document(&standard, "Support plan: Alex Rivers");
    assert_contains_all(
        &text,
        &[
            "Support plan: Alex Rivers",
            agreed,
            "One-page profile",
            "Needs and strengths",
            "Goals",
            "Risk plans",
            "Taking the bus to college alone",
            "Actions, decisions and disagreements",
            "Signatures",
            "Jordan Bell (Support worker, key worker)",
        ],
    );
    assert_contains_all(&text, &goals);
    assert_contains_all(&text, &signatures);
    assert!(standard.pages() >= 3);

    let easy = export(
        &app,
        &jordan,
        &format!("/api/v1/persons/{alex}/plan.pdf?layout=easy-read"),
    );
    let text = check_every_document(&easy, "My support plan: Alex Rivers");
    assert_contains_all(
        &text,
        &[
            "My support plan",
            agreed,
            "About me",
            "In my own words",
            "What I need help with",
            "My goals",
            "Staying safe",
            "Who signed my plan",
        ],
    );
    assert_contains_all(&text, &goals);
    assert_contains_all(&text, &signatures);
    // A picture beside every point: each is a vector form in the file.
    let bytes = std::fs::read(&easy.path).unwrap();
    let forms = bytes
        .windows(b"/Subtype /Form".len())
        .filter(|w| *w == b"/Subtype /Form")
        .count()
        + bytes
            .windows(b"/Subtype/Form".len())
            .filter(|w| *w == b"/Subtype/Form")
            .count();
    assert!(forms >= 10, "{forms} pictures");

    let review = plan.reviews.first().unwrap();
    let record = export(
        &app,
        &jordan,
        &format!("/api/v1/persons/{alex}/reviews/{}/record.pdf", review.id),
    );
    let text = check_every_document(&record, "Review record: Alex Rivers");
    let part_one = review.part_one.as_ref().unwrap();
    let part_two = review.part_two.as_ref().unwrap();
    assert_contains_all(
        &text,
        &[
            "Review record: Alex Rivers",
            "First review, due on",
            "Part 1: how the plan is working",
            part_one.what_is_working.trim(),
            "Progress on each goal",
            "Part 2: the manager's review",
            part_two.outcome.trim(),
            "The plan after the review",
            "Signatures",
        ],
    );

    let decisions = export(
        &app,
        &jordan,
        &format!("/api/v1/persons/{alex}/plan/decisions.pdf"),
    );
    let text = check_every_document(&decisions, "Actions, decisions and disagreements");
    let mut expected = vec![
        "Disagreements",
        "Decisions",
        "Actions",
        "How it was resolved",
    ];
    expected.extend(plan.decisions.iter().map(|d| d.text.as_str()));
    expected.extend(
        plan.decisions
            .iter()
            .filter_map(|d| d.resolution.as_deref()),
    );
    assert_contains_all(&text, &expected);
    assert_contains_all(&text, &signatures);

    // The care-standard evidence report: the criteria and what evidences them.
    let evidence = export(
        &app,
        &jordan,
        &format!("/api/v1/persons/{alex}/plan/evidence.pdf"),
    );
    let text = check_every_document(&evidence, "Care-standard evidence: Alex Rivers");
    assert_contains_all(
        &text,
        &[
            "Evidenced by the records",
            "P1: Agree the roles and responsibilities",
            "P38: Manage records of revisions",
            "28-day plan",
            "To evidence outside the records",
        ],
    );

    // An agreed version, exactly as agreed.
    let first = export(
        &app,
        &jordan,
        &format!("/api/v1/persons/{alex}/plan.pdf?version=1"),
    );
    assert_contains_all(&first.text(), &["Version 1, agreed on"]);

    // Every export is in the person's access log as a download.
    let log: Vec<Value> = app
        .get(&jordan, &format!("/api/v1/persons/{alex}/access-log"))
        .json()
        .unwrap();
    let exports: Vec<&str> = log
        .iter()
        .filter(|e| e["action"] == "export")
        .map(|e| e["entity"].as_str().unwrap())
        .collect();
    assert_eq!(
        exports.iter().filter(|e| **e == "plan").count(),
        3,
        "{log:?}"
    );
    assert!(exports.contains(&"review") && exports.contains(&"decisions"));
    assert!(exports.contains(&"plan_evidence"));
}

#[test]
fn a_family_members_copy_holds_only_what_is_shared() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let morgan = app.demo(Role::Family);
    let jordan = app.demo(Role::SupportWorker);
    let plan: PlanDocument = app
        .get(&jordan, &format!("/api/v1/persons/{alex}/plan"))
        .json()
        .unwrap();

    for layout in ["standard", "easy-read"] {
        let copy = export(
            &app,
            &morgan,
            &format!("/api/v1/persons/{alex}/plan.pdf?layout={layout}"),
        );
        let text = copy.text();
        let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
        // Shared with Morgan: the profile and the goals.
        for goal in &plan.goals {
            assert!(folded.contains(&goal.text), "{layout}: {}", goal.text);
        }
        // Not shared: needs, strategies, risks, decisions, the team (who is staff information).
        let hidden = plan
            .risks
            .iter()
            .map(|r| r.activity.as_str())
            .chain(plan.findings.iter().map(|f| f.text.as_str()))
            .chain(plan.strategies.iter().map(|s| s.text.as_str()))
            .chain(plan.decisions.iter().map(|d| d.text.as_str()))
            .chain(["Jordan Bell (Support worker", "Support team"]);
        for secret in hidden {
            assert!(!folded.contains(secret), "{layout} shows {secret:?}");
        }
        assert!(
            folded.contains("Who signed is not in the parts of the plan shared with you."),
            "{layout}: says why no signatures, not that nobody signed"
        );
    }
    let refused = |path: String| app.get(&morgan, &path).status();
    assert_eq!(
        refused(format!("/api/v1/persons/{alex}/plan/decisions.pdf")),
        StatusCode::FORBIDDEN
    );
    let review = &plan.reviews[0].id;
    assert_eq!(
        refused(format!(
            "/api/v1/persons/{alex}/reviews/{review}/record.pdf"
        )),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        refused(format!("/api/v1/persons/{alex}/plan.pdf?version=1")),
        StatusCode::FORBIDDEN
    );
}

#[test]
fn the_person_downloads_their_own_copy_and_a_draft_says_so() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let person = app.demo(Role::Individual);
    let own = export(
        &app,
        &person,
        &format!("/api/v1/persons/{alex}/plan.pdf?layout=easy-read"),
    );
    assert_contains_all(
        &own.text(),
        &["My support plan", "This is the plan of Alex Rivers"],
    );

    // Beata's plan is a draft with no risks, wishes or decisions: those sections are left out.
    let jordan = app.demo(Role::SupportWorker);
    let people: Vec<Value> = app.get(&jordan, "/api/v1/persons").json().unwrap();
    let beata = people
        .iter()
        .find(|p| p["full_name"] == "Beata Wiśniewska")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let draft = export(&app, &jordan, &format!("/api/v1/persons/{beata}/plan.pdf"));
    let text = draft.text();
    assert_contains_all(
        &text,
        &[
            "Support plan: Beata Wiśniewska",
            "Draft, not agreed yet",
            "Nobody has signed this version yet.",
        ],
    );
    for left_out in [
        "Risk plans",
        "Wishes not met",
        "Actions, decisions and disagreements",
    ] {
        assert!(!text.contains(left_out), "{left_out}");
    }
}

#[test]
fn accents_other_alphabets_and_very_long_words_print() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let jordan = app.demo(Role::SupportWorker);
    let path = format!("/api/v1/persons/{alex}/profile");
    let read = app.get(&jordan, &path);
    let etag = read.headers()["etag"].to_str().unwrap().to_owned();
    let mut profile: Value = read.json().unwrap();
    let long_word = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch".repeat(3);
    profile["important_to_me"] = Value::from(format!(
        "Visiting Taid in Llanfair ym Muallt with Siân and Gwenllïan; ŵyr and ŷd. Łucja from Łódź. \
         Олена and Δήμητρα from college. {long_word}"
    ));
    let saved = app.send_if_match(&jordan, reqwest::Method::PUT, &path, Some(&etag), &profile);
    assert_eq!(saved.status(), StatusCode::OK, "{:?}", saved.text());

    for layout in ["standard", "easy-read"] {
        let pdf = export(
            &app,
            &jordan,
            &format!("/api/v1/persons/{alex}/plan.pdf?layout={layout}"),
        );
        let text = pdf.text();
        for phrase in [
            "Siân",
            "Gwenllïan",
            "ŵyr",
            "ŷd",
            "Łucja",
            "Łódź",
            "Олена",
            "Δήμητρα",
        ] {
            assert!(text.contains(phrase), "{layout}: {phrase} missing");
        }
        // The long word is broken across lines, never lost.
        let joined: String = text.split_whitespace().collect();
        assert!(joined.contains(&long_word), "{layout}: the long word");
        assert!(
            pdf.fonts()
                .iter()
                .any(|f| f.name.ends_with("+NotoSans-Regular") && f.embedded && f.subset),
            "the fallback font for Cyrillic and Greek"
        );
    }
}

#[test]
fn bad_export_requests_get_clear_errors() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let jordan = app.demo(Role::SupportWorker);
    let cases = [
        (
            format!("/api/v1/persons/{alex}/plan.pdf?layout=glossy"),
            StatusCode::BAD_REQUEST,
        ),
        (
            format!("/api/v1/persons/{alex}/plan.pdf?version=first"),
            StatusCode::BAD_REQUEST,
        ),
        (
            format!("/api/v1/persons/{alex}/plan.pdf?version=99"),
            StatusCode::NOT_FOUND,
        ),
        (
            format!(
                "/api/v1/persons/{alex}/reviews/{}/record.pdf",
                uuid::Uuid::nil()
            ),
            StatusCode::NOT_FOUND,
        ),
        (
            format!("/api/v1/persons/{}/plan.pdf", uuid::Uuid::nil()),
            StatusCode::NOT_FOUND,
        ),
    ];
    for (path, status) in cases {
        let response = app.get(&jordan, &path);
        assert_eq!(response.status(), status, "{path}");
        let body: Value = response.json().unwrap();
        assert!(
            body["error"]["message"].as_str().unwrap().len() > 10,
            "{body}"
        );
    }
    let anonymous = app.client();
    assert_eq!(
        app.get(&anonymous, &format!("/api/v1/persons/{alex}/plan.pdf"))
            .status(),
        StatusCode::UNAUTHORIZED
    );
}
