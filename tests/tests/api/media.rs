//! The person's own photos and recordings (issue 24): known by their bytes, photos re-encoded
//! without their metadata, recordings no longer than two minutes, served only to readers of
//! their part of the plan, and bad files refused with a clear error and nothing kept.

use diesel::prelude::*;
use ourplan_backend::db::schema::{findings, goals, media, plans};
use ourplan_shared::id::PersonId;
use ourplan_shared::media::{Media, MediaKind};
use ourplan_shared::role::Role;
use ourplan_tests::TestApp;
use ourplan_tests::media::{EXIF_SECRET, jpeg_with_gps, ogg_opus, png};
use reqwest::StatusCode;
use reqwest::blocking::{Client, Response};
use serde_json::Value;

fn upload(
    app: &TestApp,
    client: &Client,
    person: PersonId,
    query: &str,
    bytes: Vec<u8>,
) -> Response {
    client
        .post(app.url(&format!("/api/v1/persons/{person}/media?{query}")))
        .header("x-ourplan-csrf", "1")
        // What the browser claims counts for nothing.
        .header("content-type", "image/jpeg")
        .body(bytes)
        .send()
        .unwrap()
}

fn fetch(app: &TestApp, client: &Client, person: PersonId, id: &str) -> Response {
    client
        .get(app.url(&format!("/api/v1/persons/{person}/media/{id}")))
        .send()
        .unwrap()
}

fn list(app: &TestApp, client: &Client, person: PersonId) -> Vec<Media> {
    let response = client
        .get(app.url(&format!("/api/v1/persons/{person}/media")))
        .send()
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.json().unwrap()
}

fn rows(app: &TestApp) -> i64 {
    media::table
        .count()
        .get_result(&mut app.database.connect())
        .unwrap()
}

/// The demo plan's first need (not shared with the demo family) and first goal (shared).
fn points(app: &TestApp) -> (String, String) {
    let mut conn = app.database.connect();
    let plan: String = plans::table
        .filter(plans::person_id.eq(app.demo_person()))
        .select(plans::id)
        .first(&mut conn)
        .unwrap();
    let need = findings::table
        .filter(findings::plan_id.eq(&plan))
        .select(findings::id)
        .first(&mut conn)
        .unwrap();
    let goal = goals::table
        .filter(goals::plan_id.eq(&plan))
        .select(goals::id)
        .first(&mut conn)
        .unwrap();
    (need, goal)
}

fn error(response: Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let body: Value = response.json().unwrap();
    (status, body["error"].clone())
}

#[test]
fn photos_and_recordings_are_kept_clean_and_shown_only_to_readers_of_their_part() {
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let (need, goal) = points(&app);
    let person = app.demo(Role::Individual);
    let worker = app.demo(Role::SupportWorker);
    let family = app.demo(Role::Family);
    // The demo plan's own: a photo on About me, a photo and a recording on the first goal.
    let demo: Vec<Media> = list(&app, &person, alex);
    assert_eq!(demo.len(), 3);
    let before = rows(&app);

    // A photo from a phone: on its side in the file, with where it was taken.
    let sent = upload(
        &app,
        &person,
        alex,
        "section=profile&words=My%20bus%20stop",
        jpeg_with_gps(64, 32),
    );
    assert_eq!(sent.status(), StatusCode::CREATED);
    let photo: Media = sent.json().unwrap();
    assert_eq!(photo.kind, MediaKind::Photo);
    assert_eq!(photo.words.as_deref(), Some("My bus stop"));
    assert_eq!(
        (photo.width, photo.height),
        (Some(32), Some(64)),
        "turned upright"
    );

    let served = fetch(&app, &person, alex, &photo.id);
    assert_eq!(served.status(), StatusCode::OK);
    let header = |r: &Response, name: &str| {
        r.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    assert_eq!(header(&served, "content-type"), "image/jpeg");
    assert_eq!(header(&served, "x-content-type-options"), "nosniff");
    assert!(header(&served, "content-disposition").starts_with("inline; filename=\"photo-"));
    assert!(header(&served, "cache-control").contains("no-store"));
    let bytes = served.bytes().unwrap().to_vec();
    let contains = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(!contains(b"Exif"), "the EXIF block is gone");
    assert!(
        !contains(EXIF_SECRET.as_bytes()),
        "nothing of the metadata is left"
    );
    let decoded = image::load_from_memory(&bytes).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (32, 64));

    // The team records what the person says about a need; the person adds a photo to a goal.
    let sent = upload(
        &app,
        &worker,
        alex,
        &format!("section=needs&item={need}"),
        ogg_opus(5),
    );
    assert_eq!(sent.status(), StatusCode::CREATED);
    let recording: Media = sent.json().unwrap();
    assert_eq!(recording.kind, MediaKind::Recording);
    assert!((4_900..=5_100).contains(&recording.duration_ms.unwrap()));
    let served = fetch(&app, &person, alex, &recording.id);
    assert_eq!(header(&served, "content-type"), "audio/ogg");
    assert_eq!(
        served.bytes().unwrap().to_vec(),
        ogg_opus(5),
        "kept as recorded"
    );
    let sent = upload(
        &app,
        &person,
        alex,
        &format!("section=goals&item={goal}"),
        png(20, 10),
    );
    assert_eq!(sent.status(), StatusCode::CREATED);
    let goal_photo: Media = sent.json().unwrap();

    // Family see only the parts shared with them: About me and goals, not needs.
    let seen: Vec<String> = list(&app, &family, alex)
        .into_iter()
        .map(|m| m.id)
        .collect();
    let mut shared: Vec<String> = demo.iter().map(|m| m.id.clone()).collect();
    shared.extend([photo.id.clone(), goal_photo.id.clone()]);
    assert_eq!(seen, shared);
    assert_eq!(
        fetch(&app, &family, alex, &photo.id).status(),
        StatusCode::OK
    );
    assert_eq!(
        fetch(&app, &family, alex, &recording.id).status(),
        StatusCode::NOT_FOUND,
        "a part not shared is as if it were not there"
    );
    // Family may look, not add.
    let refused = upload(&app, &family, alex, "section=profile", png(4, 4));
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);

    // The person's easy-read copy shows their photos and says when they recorded; a family
    // member's copy only what is shared with them.
    let easy_read = |client: &Client| {
        let response = client
            .get(app.url(&format!("/api/v1/persons/{alex}/plan.pdf?layout=easy-read")))
            .send()
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        ourplan_tests::pdf::PdfFile::new(&response.bytes().unwrap())
    };
    let mine = easy_read(&person);
    let text = mine.text();
    assert!(text.contains("I recorded this on"), "{text}");
    assert!(text.contains("My own photos and recordings"));
    assert_eq!(mine.images(), 4, "the demo's two photos and these two");
    let theirs = easy_read(&family);
    assert_eq!(
        theirs.text().matches("I recorded this on").count(),
        1,
        "the goal's recording, not the need's"
    );
    assert_eq!(theirs.images(), 4, "About me and goals are shared");

    // Taking a photo away hides it; the record stays.
    let removed = person
        .delete(app.url(&format!("/api/v1/persons/{alex}/media/{}", photo.id)))
        .header("x-ourplan-csrf", "1")
        .send()
        .unwrap();
    assert_eq!(removed.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        fetch(&app, &person, alex, &photo.id).status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(list(&app, &person, alex).len(), 5);
    assert_eq!(rows(&app), before + 3, "removed, not deleted");
}

#[test]
fn bad_files_are_refused_by_their_bytes_with_a_clear_error_and_nothing_kept() {
    if std::env::var_os("OURPLAN_TEST_POSTGRES").is_some() {
        return;
    }
    let app = TestApp::start_with(&[("OURPLAN_DEMO", "1")]);
    let alex = app.demo_person();
    let (need, _) = points(&app);
    let person = app.demo(Role::Individual);
    let on_profile = "section=profile";
    let before = rows(&app);

    let pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".to_vec();
    let (status, body) = error(upload(&app, &person, alex, on_profile, pdf));
    assert_eq!(
        (status, body["code"].as_str()),
        (415, Some("unsupported_media_type"))
    );
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("JPEG, PNG, WebP")
    );

    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
    let (status, _) = error(upload(&app, &person, alex, on_profile, svg.to_vec()));
    assert_eq!(status, 415);

    let mut huge = jpeg_with_gps(8, 8);
    huge.resize(50 * 1024 * 1024, 0);
    let (status, body) = error(upload(&app, &person, alex, on_profile, huge));
    assert_eq!(
        (status, body["code"].as_str()),
        (413, Some("payload_too_large"))
    );

    let (status, body) = error(upload(&app, &person, alex, on_profile, ogg_opus(600)));
    assert_eq!((status, body["field"].as_str()), (422, Some("file")));
    let message = body["message"].as_str().unwrap();
    assert!(
        message.contains("10 minutes") && message.contains("2 minutes"),
        "{message}"
    );

    let mut broken = jpeg_with_gps(8, 8);
    broken.truncate(40);
    let (status, body) = error(upload(&app, &person, alex, on_profile, broken));
    assert_eq!((status, body["field"].as_str()), (422, Some("file")));

    let (status, body) = error(upload(&app, &person, alex, on_profile, Vec::new()));
    assert_eq!((status, body["field"].as_str()), (422, Some("file")));

    // Where it goes is checked too.
    let (status, body) = error(upload(&app, &person, alex, "section=needs", png(4, 4)));
    assert_eq!((status, body["field"].as_str()), (422, Some("item")));
    let (status, body) = error(upload(&app, &person, alex, "section=reviews", png(4, 4)));
    assert_eq!((status, body["field"].as_str()), (422, Some("section")));
    let (status, _) = error(upload(&app, &person, alex, "", png(4, 4)));
    assert_eq!(status, 422);
    let elsewhere = uuid::Uuid::now_v7();
    let (status, _) = error(upload(
        &app,
        &person,
        alex,
        &format!("section=needs&item={elsewhere}"),
        png(4, 4),
    ));
    assert_eq!(status, 404);
    let (status, _) = error(upload(
        &app,
        &person,
        alex,
        &format!("section=goals&item={need}"),
        png(4, 4),
    ));
    assert_eq!(status, 404, "a need is not a goal");

    assert_eq!(rows(&app), before, "nothing was kept");
}

#[test]
fn a_media_directory_holds_the_files_and_a_backup_copies_them() {
    if std::env::var_os("OURPLAN_TEST_POSTGRES").is_some() {
        return;
    }
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path().join("media");
    let app = TestApp::start_with(&[
        ("OURPLAN_DEMO", "1"),
        ("OURPLAN_MEDIA_DIR", dir.to_str().unwrap()),
    ]);
    let alex = app.demo_person();
    let person = app.demo(Role::Individual);
    let sent = upload(&app, &person, alex, "section=profile", ogg_opus(3));
    assert_eq!(sent.status(), StatusCode::CREATED);
    let recording: Media = sent.json().unwrap();
    assert_eq!(
        std::fs::read(dir.join(&recording.id)).unwrap(),
        ogg_opus(3),
        "the file is in the directory"
    );
    let in_row: Option<Vec<u8>> = media::table
        .find(&recording.id)
        .select(media::bytes)
        .first(&mut app.database.connect())
        .unwrap();
    assert_eq!(in_row, None, "not in the database as well");
    assert_eq!(
        fetch(&app, &person, alex, &recording.id)
            .bytes()
            .unwrap()
            .to_vec(),
        ogg_opus(3)
    );

    let backup = folder.path().join("ourplan.backup");
    let copied = ourplan_backend::db::backup::backup_media(Some(&dir), &backup).unwrap();
    assert!(copied > 0);
    let restored = folder.path().join("restored");
    ourplan_backend::db::backup::restore_media(&backup, Some(&restored)).unwrap();
    assert_eq!(
        std::fs::read(restored.join(&recording.id)).unwrap(),
        ogg_opus(3)
    );
    assert!(
        ourplan_backend::db::backup::restore_media(&backup, None).is_err(),
        "a backup with media files says where they must go"
    );
}
