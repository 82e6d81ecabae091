//! Writing one email: a subject, a plain-text part and an HTML part, from the catalogue in the
//! reader's language. A person supported gets easy read: short lines, a big picture and one
//! button. Nothing of a plan is ever written into an email, only that something waits and a
//! link to it.

use html_escape::{encode_double_quoted_attribute, encode_text};
use ourplan_shared::email::{EmailKind, EmailLanguage};

use super::catalogue::{self, text};

/// Who reads the email.
pub struct Reader<'a> {
    pub name: &'a str,
    pub language: EmailLanguage,
    /// A person supported: easy-read words and a picture.
    pub easy_read: bool,
}

/// What the email says: its kind, a variant of the wording (`soon`/`overdue`,
/// `agreed`/`declined`), values for the catalogue's `{{ … }}` and where the button goes.
pub struct News {
    pub kind: EmailKind,
    pub variant: Option<&'static str>,
    pub values: Vec<(&'static str, String)>,
    pub link: String,
}

/// The links at the foot of an email.
pub struct Footer {
    /// The reader's email settings page.
    pub settings: String,
    /// One click stops this kind (none for invitations and tests).
    pub unsubscribe: Option<String>,
}

/// An email ready for the outbox.
#[derive(Debug, Clone)]
pub struct Letter {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// A picture for each kind, for easy read. An emoji is drawn by every mail program without
/// loading anything, so the picture is there even when remote images are blocked.
fn picture(kind: EmailKind) -> &'static str {
    match kind {
        EmailKind::Invitation | EmailKind::PasswordReset => "🔑",
        EmailKind::Test | EmailKind::Digest => "✉️",
        EmailKind::ReviewDue | EmailKind::PartTwoWaiting | EmailKind::ReviewRequested => "📅",
        EmailKind::SuggestionMade | EmailKind::SuggestionDecided => "💡",
        EmailKind::ConsentEnding | EmailKind::SignInCardIssued => "🔒",
    }
}

/// The catalogue key for one part of one kind's email: the easy-read text when the reader
/// needs it and there is one.
fn key(news: &News, easy_read: bool, part: &str) -> String {
    let plain = match news.variant {
        Some(variant) => format!("{}_{variant}_{part}", news.kind.key()),
        None => format!("{}_{part}", news.kind.key()),
    };
    let easy = format!("easy_{plain}");
    if easy_read && catalogue::has(&easy) {
        easy
    } else {
        plain
    }
}

/// Writes one email.
pub fn write(reader: &Reader<'_>, news: &News, footer: &Footer) -> Letter {
    let language = reader.language;
    let values: Vec<(&str, &str)> = news.values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let subject = text(language, &key(news, reader.easy_read, "subject"), &values);
    let body = text(language, &key(news, reader.easy_read, "body"), &values);
    let lines: Vec<&str> = body.lines().filter(|l| !l.trim().is_empty()).collect();
    compose(
        reader,
        Some(picture(news.kind)),
        &subject,
        &lines,
        &news.link,
        footer,
    )
}

/// One email listing the subjects of the news held for the day's digest.
pub fn digest(reader: &Reader<'_>, subjects: &[String], link: &str, footer: &Footer) -> Letter {
    let language = reader.language;
    let prefix = if reader.easy_read { "easy_" } else { "" };
    let subject = text(language, &format!("{prefix}digest_subject"), &[]);
    let intro = text(language, &format!("{prefix}digest_body"), &[]);
    let mut lines = vec![intro.as_str()];
    let bullets: Vec<String> = subjects.iter().map(|s| format!("• {s}")).collect();
    lines.extend(bullets.iter().map(String::as_str));
    compose(reader, None, &subject, &lines, link, footer)
}

fn compose(
    reader: &Reader<'_>,
    picture: Option<&str>,
    subject: &str,
    lines: &[&str],
    link: &str,
    footer: &Footer,
) -> Letter {
    let language = reader.language;
    let easy = reader.easy_read;
    let greeting = text(
        language,
        if easy { "easy_greeting" } else { "greeting" },
        &[("name", reader.name)],
    );
    let open = text(language, if easy { "easy_open" } else { "open" }, &[]);
    let no_content = text(language, "no_content", &[]);
    let choose = text(language, "choose", &[("link", &footer.settings)]);
    let stop = footer.unsubscribe.as_deref().map(|url| {
        text(
            language,
            if easy { "easy_stop" } else { "stop" },
            &[("link", url)],
        )
    });

    let mut plain = format!("{greeting}\n\n");
    for line in lines {
        plain.push_str(line);
        plain.push('\n');
    }
    plain.push_str(&format!(
        "\n{open}: {link}\n\n-- \n{no_content}\n{choose}\n"
    ));
    if let Some(stop) = &stop {
        plain.push_str(stop);
        plain.push('\n');
    }

    let size = if easy { 22 } else { 16 };
    let mut html = format!(
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\"><title>{}</title></head>\n\
         <body style=\"margin:0;padding:24px;background:#ffffff;color:#0b0c0c;\
         font-family:Arial,Helvetica,sans-serif;font-size:{size}px;line-height:1.5\">\n\
         <div style=\"max-width:600px\">\n",
        language.key(),
        encode_text(subject)
    );
    if let (true, Some(picture)) = (easy, picture) {
        // Decorative: the words beside it say the same.
        html.push_str(&format!(
            "<p aria-hidden=\"true\" style=\"font-size:72px;line-height:1;margin:0 0 16px\">{picture}</p>\n"
        ));
    }
    html.push_str(&format!("<p>{}</p>\n", encode_text(&greeting)));
    for line in lines {
        html.push_str(&format!("<p>{}</p>\n", encode_text(line)));
    }
    html.push_str(&format!(
        "<p style=\"margin:24px 0\"><a href=\"{}\" style=\"display:inline-block;\
         background:#00703c;color:#ffffff;padding:12px 20px;font-weight:bold;\
         text-decoration:underline;border-radius:4px\">{}</a></p>\n",
        encode_double_quoted_attribute(link),
        encode_text(&open)
    ));
    html.push_str(&format!(
        "<hr>\n<p style=\"font-size:16px\">{}</p>\n<p style=\"font-size:16px\">{}</p>\n",
        encode_text(&no_content),
        linked(
            &text(language, "choose", &[("link", "\u{1}")]),
            &footer.settings
        )
    ));
    if let Some(url) = &footer.unsubscribe {
        let key = if easy { "easy_stop" } else { "stop" };
        html.push_str(&format!(
            "<p style=\"font-size:16px\">{}</p>\n",
            linked(&text(language, key, &[("link", "\u{1}")]), url)
        ));
    }
    html.push_str("</div>\n</body></html>\n");
    Letter {
        subject: subject.to_owned(),
        text: plain,
        html,
    }
}

/// A sentence whose `\u{1}` marks where its link goes, as escaped HTML with the link.
fn linked(sentence: &str, url: &str) -> String {
    let (before, after) = sentence.split_once('\u{1}').unwrap_or((sentence, ""));
    format!(
        "{}<a href=\"{}\">{}</a>{}",
        encode_text(before.trim_end_matches(": ").trim_end_matches(':')),
        encode_double_quoted_attribute(url),
        encode_text(url),
        encode_text(after)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn footer() -> Footer {
        Footer {
            settings: "https://plans.example.org/account/email".to_owned(),
            unsubscribe: Some("https://plans.example.org/unsubscribe/t".to_owned()),
        }
    }

    #[test]
    fn a_person_gets_easy_read_with_a_picture_and_staff_get_plain_words() {
        let news = News {
            kind: EmailKind::SuggestionMade,
            variant: None,
            values: vec![],
            link: "https://plans.example.org/".to_owned(),
        };
        let person = Reader {
            name: "Alex",
            language: EmailLanguage::English,
            easy_read: true,
        };
        let letter = write(&person, &news, &footer());
        assert_eq!(letter.subject, "Someone has an idea for your plan");
        assert!(letter.html.contains("💡"));
        assert!(letter.html.contains("font-size:22px"));
        assert!(letter.text.contains("You can say yes or no."));
        let staff = Reader {
            name: "Jordan",
            language: EmailLanguage::Polish,
            easy_read: false,
        };
        let letter = write(&staff, &news, &footer());
        assert_eq!(letter.subject, "Członek rodziny coś zaproponował");
        assert!(!letter.html.contains("💡"));
        assert!(letter.html.contains("lang=\"pl\""));
    }

    #[test]
    fn values_are_escaped_in_html() {
        let news = News {
            kind: EmailKind::Invitation,
            variant: None,
            values: vec![
                ("organisation", "<b>Oak & Ash</b>".to_owned()),
                ("date", "1 May".to_owned()),
            ],
            link: "https://plans.example.org/account/link#t=1&x=\"2\"".to_owned(),
        };
        let reader = Reader {
            name: "Sam",
            language: EmailLanguage::English,
            easy_read: false,
        };
        let letter = write(&reader, &news, &footer());
        assert!(letter.html.contains("&lt;b&gt;Oak &amp; Ash&lt;/b&gt;"));
        assert!(!letter.html.contains("\"2\"\""));
        assert!(
            letter
                .text
                .contains("<b>Oak & Ash</b> made an Ourplan account")
        );
        assert!(
            letter
                .text
                .contains("Stop emails like this one: https://plans.example.org/unsubscribe/t")
        );
    }
}
