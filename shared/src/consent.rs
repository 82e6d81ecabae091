//! Consent records (R-21, append-only) and the access grants that follow from them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::id::{AccessGrantId, ConsentId, PersonId, UserId};

crate::keyed_enum! {
    /// The parts of a plan a consent or grant can cover.
    pub enum PlanSection {
        Profile = "profile",
        Needs = "needs",
        Goals = "goals",
        Strategies = "strategies",
        Risks = "risks",
        WishesNotMet = "wishes_not_met",
        Decisions = "decisions",
        Progress = "progress",
        Reviews = "reviews",
    }
}

impl PlanSection {
    /// The part's name in the person's own words, for easy read.
    pub fn label(self) -> &'static str {
        match self {
            Self::Profile => "About me",
            Self::Needs => "What I need help with",
            Self::Goals => "My goals",
            Self::Strategies => "How I am supported",
            Self::Risks => "Staying safe",
            Self::WishesNotMet => "Wishes not met yet",
            Self::Decisions => "Decisions and disagreements",
            Self::Progress => "How I am getting on",
            Self::Reviews => "Reviews of my plan",
        }
    }
}

crate::keyed_enum! {
    /// What a grantee may do, each level including the ones before it.
    pub enum AccessLevel {
        View = "view",
        Comment = "comment",
        Suggest = "suggest",
    }
}

impl AccessLevel {
    /// What the level lets someone do, in plain words.
    pub fn label(self) -> &'static str {
        match self {
            Self::View => "Look at it",
            Self::Comment => "Look at it and write comments",
            Self::Suggest => "Look at it, write comments and suggest changes",
        }
    }
}

crate::keyed_enum! {
    pub enum ConsentPurpose {
        /// Share the plan with someone.
        ShareWith = "share_with",
        /// Collect information about the person from someone.
        CollectFrom = "collect_from",
    }
}

crate::keyed_enum! {
    /// How the person gave a consent that staff wrote down for them.
    pub enum ConsentGivenHow {
        /// They said it out loud.
        Spoken = "spoken",
        /// They signed: a signature, or in sign language.
        Signed = "signed",
        /// With their advocate beside them.
        WithAdvocate = "with_advocate",
    }
}

impl ConsentGivenHow {
    /// In plain words, for staff and the PDFs.
    pub fn label(self) -> &'static str {
        match self {
            Self::Spoken => "Said it out loud",
            Self::Signed => "Signed (a signature or sign language)",
            Self::WithAdvocate => "With their advocate",
        }
    }
}

crate::keyed_enum! {
    pub enum ConsentBasis {
        /// The person gave it.
        Person = "person",
        /// A recorded best-interests decision, where the person lacks capacity for this.
        BestInterests = "best_interests",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Consent {
    pub id: ConsentId,
    pub person_id: PersonId,
    pub purpose: ConsentPurpose,
    /// Who the consent is about, in words: "Morgan Rivers (sister)".
    pub party_name: String,
    /// The party's account, when they have one.
    pub party_user_id: Option<UserId>,
    pub sections: Vec<PlanSection>,
    pub access_level: AccessLevel,
    pub basis: ConsentBasis,
    pub decision_maker: Option<String>,
    pub best_interests_reason: Option<String>,
    pub given_at: DateTime<Utc>,
    pub expires_on: Option<NaiveDate>,
    pub recorded_by: Option<UserId>,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub withdrawn_by: Option<UserId>,
    pub withdrawal_reason: Option<String>,
    /// How the person gave it, when staff wrote it down for them.
    #[serde(default)]
    pub given_how: Option<ConsentGivenHow>,
    /// Who else saw the person give it, when staff wrote it down for them.
    #[serde(default)]
    pub witness: Option<String>,
}

impl Consent {
    /// In force at `now`, when it is `today` in the organisation's calendar: not withdrawn
    /// and not past its last day.
    pub fn is_active(&self, now: DateTime<Utc>, today: NaiveDate) -> bool {
        self.withdrawn_at.is_none_or(|at| at > now)
            && self.expires_on.is_none_or(|day| day >= today)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessGrant {
    pub id: AccessGrantId,
    pub consent_id: ConsentId,
    pub person_id: PersonId,
    pub grantee_user_id: UserId,
    pub sections: Vec<PlanSection>,
    pub access_level: AccessLevel,
    pub starts_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// What a consent allows: sent to give a consent and to change one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentTerms {
    pub sections: Vec<PlanSection>,
    pub access_level: AccessLevel,
    /// The last day it applies; none for "until I change my mind".
    #[serde(default)]
    pub expires_on: Option<NaiveDate>,
    /// `person` when the person gives it; `best_interests` only staff may record.
    pub basis: ConsentBasis,
    #[serde(default)]
    pub decision_maker: Option<String>,
    #[serde(default)]
    pub best_interests_reason: Option<String>,
    /// When staff write down a consent the person gave: how they gave it.
    #[serde(default)]
    pub given_how: Option<ConsentGivenHow>,
    /// When staff write down a consent the person gave: who else saw it, by name.
    #[serde(default)]
    pub witness: Option<String>,
}

/// `POST /api/v1/persons/{id}/consents`: give a consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentRequest {
    #[serde(default = "share_with")]
    pub purpose: ConsentPurpose,
    /// Who, in words; may be left empty when `party_email` names an account.
    #[serde(default)]
    pub party_name: String,
    /// The email address of the family member's or advocate's account: their access follows
    /// from this consent.
    #[serde(default)]
    pub party_email: Option<String>,
    #[serde(flatten)]
    pub terms: ConsentTerms,
}

impl ConsentTerms {
    /// Whether these terms share more than `old` did: another section, a higher level, or a
    /// later end (or none). Only narrowing is safe to do without a second look.
    pub fn widens(&self, old: &Consent) -> bool {
        let more_sections = self.sections.iter().any(|s| !old.sections.contains(s));
        let longer = match (self.expires_on, old.expires_on) {
            (None, Some(_)) => true,
            (Some(new), Some(old)) => new > old,
            (_, None) => false,
        };
        more_sections || self.access_level > old.access_level || longer
    }

    /// A consent given today may not already have ended.
    pub fn expiry_problem(&self, today: NaiveDate) -> Option<&'static str> {
        self.expires_on
            .filter(|day| *day < today)
            .map(|_| "The last day cannot be in the past.")
    }
}

fn share_with() -> ConsentPurpose {
    ConsentPurpose::ShareWith
}

/// `POST /api/v1/persons/{id}/consents/{id}/withdraw`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Withdrawal {
    #[serde(default)]
    pub reason: Option<String>,
}

/// A consent as listed, with whether it is in force right now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentRecord {
    pub consent: Consent,
    pub active: bool,
    /// Who recorded it, by name.
    pub recorded_by_name: Option<String>,
}

/// Sections as stored: comma-separated keys in declaration order.
pub fn sections_to_text(sections: &[PlanSection]) -> String {
    let mut sorted = sections.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted.iter().map(|s| s.key()).collect::<Vec<_>>().join(",")
}

/// Reads stored sections; `None` if any key is unknown.
pub fn sections_from_text(text: &str) -> Option<Vec<PlanSection>> {
    if text.is_empty() {
        return Some(Vec::new());
    }
    text.split(',').map(PlanSection::from_key).collect()
}
