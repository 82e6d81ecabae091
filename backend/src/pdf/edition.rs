//! What every export says about the plan it comes from: which version, when it was agreed, who
//! signed, and dates in the organisation's own time zone; names for the people in the records.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use ourplan_shared::id::{PlanVersionId, UserId};
use ourplan_shared::media::Media;
use ourplan_shared::plan::{PlanDocument, PlanStatus, Signature, SignerRole};

pub struct Edition {
    pub doc: PlanDocument,
    pub organisation: String,
    pub zone: Tz,
    /// Display names of the users the records mention.
    pub names: HashMap<UserId, String>,
    /// The agreed version asked for, when it is not the current plan.
    pub version: Option<i32>,
    /// False in a family member's copy: signatures and versions are not among what is shared.
    pub signatures_shared: bool,
    /// The person's own photos (with their JPEG) and recordings, of the parts the reader may
    /// see; only in the easy-read copy of the current plan.
    pub media: Vec<PdfMedia>,
    /// The person's picture sorts for the review a record is of, newest first.
    pub picture_sorts: Vec<ourplan_shared::picture_sort::PictureSort>,
}

/// A photo or recording as a document shows it.
pub struct PdfMedia {
    pub media: Media,
    /// A photo's JPEG, as kept.
    pub jpeg: Option<Vec<u8>>,
}

impl Edition {
    /// The agreed version the document is, when it is one (not a draft with changes).
    pub fn agreed_version(&self) -> Option<i32> {
        if self.version.is_some() {
            return self.version;
        }
        match self.doc.plan.status {
            PlanStatus::Draft => None,
            PlanStatus::Agreed | PlanStatus::UnderReview => self.doc.plan.current_version,
        }
    }

    fn agreed_on(&self, number: i32) -> Option<DateTime<Utc>> {
        self.doc
            .versions
            .iter()
            .find(|v| v.number == number)
            .map(|v| v.agreed_at)
    }

    /// "Version 2, agreed on 3 March 2026", or what a draft is.
    pub fn version_line(&self) -> String {
        match self.agreed_version() {
            Some(number) => match self.agreed_on(number) {
                Some(at) => format!("Version {number}, agreed on {}", self.day_of(at)),
                None => format!("Version {number}"),
            },
            None => match self.doc.plan.current_version {
                Some(last) => match self.agreed_on(last) {
                    Some(at) => format!(
                        "Draft, not agreed yet (version {last} was agreed on {})",
                        self.day_of(at)
                    ),
                    None => "Draft, not agreed yet".to_owned(),
                },
                None => "Draft, not agreed yet".to_owned(),
            },
        }
    }

    /// The signatures of the version shown, or those given so far for a draft.
    pub fn signatures(&self) -> Vec<&Signature> {
        self.signatures_of(self.version_id(self.agreed_version()))
    }

    /// The id of an agreed version, by number.
    pub fn version_id(&self, number: Option<i32>) -> Option<PlanVersionId> {
        let number = number?;
        self.doc
            .versions
            .iter()
            .find(|v| v.number == number)
            .map(|v| v.id)
    }

    /// The signatures of one agreed version (`None`: of the draft).
    pub fn signatures_of(&self, version: Option<PlanVersionId>) -> Vec<&Signature> {
        self.doc
            .signatures
            .iter()
            .filter(|s| s.plan_version_id == version)
            .collect()
    }

    /// "Beata Nowak, the person, signed on 3 March 2026 at 14:05", with a representative's reason
    /// and who on the team recorded it.
    pub fn signature_line(&self, signature: &Signature) -> String {
        let mut line = format!(
            "{}, {}, signed on {}",
            signature.signer_name,
            signature.signer_role.label(),
            self.moment(signature.signed_at)
        );
        if signature.signer_role == SignerRole::Representative
            && let Some(reason) = signature.reason.as_deref().filter(|r| !r.trim().is_empty())
        {
            line.push_str(&format!(" (why: {})", reason.trim()));
            let recorder = signature
                .signer_user_id
                .and_then(|user| self.doc.team.iter().find(|m| m.user_id == user));
            if let Some(recorder) = recorder {
                line.push_str(&format!(", recorded by {}", recorder.display_name));
            }
        }
        line
    }

    pub fn day(&self, day: NaiveDate) -> String {
        day.format("%-d %B %Y").to_string()
    }

    pub fn day_of(&self, at: DateTime<Utc>) -> String {
        self.day(at.with_timezone(&self.zone).date_naive())
    }

    pub fn moment(&self, at: DateTime<Utc>) -> String {
        at.with_timezone(&self.zone)
            .format("%-d %B %Y at %H:%M")
            .to_string()
    }

    pub fn name_of(&self, user: Option<UserId>) -> String {
        user.and_then(|id| self.names.get(&id).cloned())
            .unwrap_or_else(|| "not recorded".to_owned())
    }

    /// The person as the documents name them: "Beata Nowak (Bea)".
    pub fn person_name(&self) -> String {
        let person = &self.doc.person;
        match person
            .preferred_name
            .as_deref()
            .filter(|n| !n.trim().is_empty())
        {
            Some(preferred) if preferred != person.full_name => {
                format!("{} ({preferred})", person.full_name)
            }
            _ => person.full_name.clone(),
        }
    }
}
