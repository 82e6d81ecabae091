//! The words for each choice the shared model offers (roles, statuses, sections…), in the
//! reader's language: one function per kind, so a page never shows the English `label()`.

use ourplan_shared::consent::{AccessLevel, PlanSection};
use ourplan_shared::feedback::{FeedbackAbout, FeedbackKind};
use ourplan_shared::plan::{
    DecisionKind, DecisionStatus, FindingKind, FindingSource, GoalStatus, GoalTerm,
    ResponsibleParty, RiskLevel, SignerRole,
};
use ourplan_shared::programme::Attention;
use ourplan_shared::review::{ReviewKind, ReviewStatus};
use ourplan_shared::role::Role;

use crate::i18n::{t_string, use_i18n};

pub fn finding_kind(value: FindingKind) -> &'static str {
    let i18n = use_i18n();
    match value {
        FindingKind::Strength => t_string!(i18n, labels.finding_kind.strength),
        FindingKind::Need => t_string!(i18n, labels.finding_kind.need),
        FindingKind::Preference => t_string!(i18n, labels.finding_kind.preference),
    }
}

pub fn finding_source(value: FindingSource) -> &'static str {
    let i18n = use_i18n();
    match value {
        FindingSource::Individual => t_string!(i18n, labels.finding_source.individual),
        FindingSource::FamilyOrAdvocate => {
            t_string!(i18n, labels.finding_source.family_or_advocate)
        }
        FindingSource::PreviousRecords => t_string!(i18n, labels.finding_source.previous_records),
        FindingSource::StaffObservation => t_string!(i18n, labels.finding_source.staff_observation),
        FindingSource::OtherProfessional => {
            t_string!(i18n, labels.finding_source.other_professional)
        }
    }
}

pub fn goal_term(value: GoalTerm) -> &'static str {
    let i18n = use_i18n();
    match value {
        GoalTerm::Short => t_string!(i18n, labels.goal_term.short),
        GoalTerm::Long => t_string!(i18n, labels.goal_term.long),
    }
}

pub fn goal_status(value: GoalStatus) -> &'static str {
    let i18n = use_i18n();
    match value {
        GoalStatus::NotStarted => t_string!(i18n, labels.goal_status.not_started),
        GoalStatus::InProgress => t_string!(i18n, labels.goal_status.in_progress),
        GoalStatus::Achieved => t_string!(i18n, labels.goal_status.achieved),
        GoalStatus::PartlyAchieved => t_string!(i18n, labels.goal_status.partly_achieved),
        GoalStatus::NotAchieved => t_string!(i18n, labels.goal_status.not_achieved),
        GoalStatus::Discontinued => t_string!(i18n, labels.goal_status.discontinued),
    }
}

pub fn responsible_party(value: ResponsibleParty) -> &'static str {
    let i18n = use_i18n();
    match value {
        ResponsibleParty::Staff => t_string!(i18n, labels.responsible_party.staff),
        ResponsibleParty::Person => t_string!(i18n, labels.responsible_party.person),
        ResponsibleParty::Family => t_string!(i18n, labels.responsible_party.family),
        ResponsibleParty::OtherAgency => t_string!(i18n, labels.responsible_party.other_agency),
    }
}

pub fn risk_level(value: RiskLevel) -> &'static str {
    let i18n = use_i18n();
    match value {
        RiskLevel::Low => t_string!(i18n, labels.risk_level.low),
        RiskLevel::Medium => t_string!(i18n, labels.risk_level.medium),
        RiskLevel::High => t_string!(i18n, labels.risk_level.high),
    }
}

pub fn decision_kind(value: DecisionKind) -> &'static str {
    let i18n = use_i18n();
    match value {
        DecisionKind::Action => t_string!(i18n, labels.decision_kind.action),
        DecisionKind::Decision => t_string!(i18n, labels.decision_kind.decision),
        DecisionKind::Disagreement => t_string!(i18n, labels.decision_kind.disagreement),
    }
}

pub fn decision_status(value: DecisionStatus) -> &'static str {
    let i18n = use_i18n();
    match value {
        DecisionStatus::Open => t_string!(i18n, labels.decision_status.open),
        DecisionStatus::Resolved => t_string!(i18n, labels.decision_status.resolved),
    }
}

pub fn signer_role(value: SignerRole) -> &'static str {
    let i18n = use_i18n();
    match value {
        SignerRole::Person => t_string!(i18n, labels.signer_role.person),
        SignerRole::Representative => t_string!(i18n, labels.signer_role.representative),
        SignerRole::Staff => t_string!(i18n, labels.signer_role.staff),
        SignerRole::Manager => t_string!(i18n, labels.signer_role.manager),
    }
}

pub fn plan_section(value: PlanSection) -> &'static str {
    let i18n = use_i18n();
    match value {
        PlanSection::Profile => t_string!(i18n, labels.plan_section.profile),
        PlanSection::Needs => t_string!(i18n, labels.plan_section.needs),
        PlanSection::Goals => t_string!(i18n, labels.plan_section.goals),
        PlanSection::Strategies => t_string!(i18n, labels.plan_section.strategies),
        PlanSection::Risks => t_string!(i18n, labels.plan_section.risks),
        PlanSection::WishesNotMet => t_string!(i18n, labels.plan_section.wishes_not_met),
        PlanSection::Decisions => t_string!(i18n, labels.plan_section.decisions),
        PlanSection::Progress => t_string!(i18n, labels.plan_section.progress),
        PlanSection::Reviews => t_string!(i18n, labels.plan_section.reviews),
    }
}

pub fn access_level(value: AccessLevel) -> &'static str {
    let i18n = use_i18n();
    match value {
        AccessLevel::View => t_string!(i18n, labels.access_level.view),
        AccessLevel::Comment => t_string!(i18n, labels.access_level.comment),
        AccessLevel::Suggest => t_string!(i18n, labels.access_level.suggest),
    }
}

pub fn feedback_kind(value: FeedbackKind) -> &'static str {
    let i18n = use_i18n();
    match value {
        FeedbackKind::Compliment => t_string!(i18n, labels.feedback_kind.compliment),
        FeedbackKind::Comment => t_string!(i18n, labels.feedback_kind.comment),
        FeedbackKind::Challenge => t_string!(i18n, labels.feedback_kind.challenge),
        FeedbackKind::Complaint => t_string!(i18n, labels.feedback_kind.complaint),
    }
}

pub fn feedback_about(value: FeedbackAbout) -> &'static str {
    let i18n = use_i18n();
    match value {
        FeedbackAbout::Plan => t_string!(i18n, labels.feedback_about.plan),
        FeedbackAbout::Implementation => t_string!(i18n, labels.feedback_about.implementation),
    }
}

pub fn role(value: Role) -> &'static str {
    let i18n = use_i18n();
    match value {
        Role::Individual => t_string!(i18n, labels.role.individual),
        Role::Family => t_string!(i18n, labels.role.family),
        Role::SupportWorker => t_string!(i18n, labels.role.support_worker),
        Role::Manager => t_string!(i18n, labels.role.manager),
        Role::Admin => t_string!(i18n, labels.role.admin),
    }
}

pub fn attention(value: Attention) -> &'static str {
    let i18n = use_i18n();
    match value {
        Attention::PlanMissing => t_string!(i18n, labels.attention.plan_missing),
        Attention::FirstReviewDue => t_string!(i18n, labels.attention.first_review_due),
        Attention::Overdue => t_string!(i18n, labels.attention.overdue),
        Attention::DueSoon => t_string!(i18n, labels.attention.due_soon),
        Attention::PartTwoWaiting => t_string!(i18n, labels.attention.part_two_waiting),
        Attention::NotRead => t_string!(i18n, labels.attention.not_read),
    }
}

pub fn review_kind(value: ReviewKind) -> &'static str {
    let i18n = use_i18n();
    match value {
        ReviewKind::First => t_string!(i18n, labels.review_kind.first),
        ReviewKind::Scheduled => t_string!(i18n, labels.review_kind.scheduled),
        ReviewKind::Requested => t_string!(i18n, labels.review_kind.requested),
        ReviewKind::SignificantChange => t_string!(i18n, labels.review_kind.significant_change),
    }
}

pub fn review_status(value: ReviewStatus) -> &'static str {
    let i18n = use_i18n();
    match value {
        ReviewStatus::PartOne => t_string!(i18n, labels.review_status.part_one),
        ReviewStatus::AwaitingPartTwo => t_string!(i18n, labels.review_status.awaiting_part_two),
        ReviewStatus::Completed => t_string!(i18n, labels.review_status.completed),
    }
}

/// A needs heading in the reader's language: one of the standard headings, as the
/// organisation left it, is the catalogue's; a heading the organisation named or renamed
/// itself is shown as written.
pub fn needs_heading(key: Option<&str>, label: &str) -> String {
    let i18n = use_i18n();
    let standard = ourplan_shared::needs::DEFAULT_HEADINGS
        .iter()
        .any(|&(k, l)| Some(k) == key && l == label);
    if !standard {
        return label.to_owned();
    }
    let text = match key.unwrap_or_default() {
        "health" => t_string!(i18n, labels.needs_heading.health),
        "medication" => t_string!(i18n, labels.needs_heading.medication),
        "personal_care" => t_string!(i18n, labels.needs_heading.personal_care),
        "eating_and_drinking" => t_string!(i18n, labels.needs_heading.eating_and_drinking),
        "communication" => t_string!(i18n, labels.needs_heading.communication),
        "mobility" => t_string!(i18n, labels.needs_heading.mobility),
        "daily_living" => t_string!(i18n, labels.needs_heading.daily_living),
        "money" => t_string!(i18n, labels.needs_heading.money),
        "home" => t_string!(i18n, labels.needs_heading.home),
        "work_and_learning" => t_string!(i18n, labels.needs_heading.work_and_learning),
        "relationships" => t_string!(i18n, labels.needs_heading.relationships),
        "social_and_community" => t_string!(i18n, labels.needs_heading.social_and_community),
        "culture_and_beliefs" => t_string!(i18n, labels.needs_heading.culture_and_beliefs),
        "safety" => t_string!(i18n, labels.needs_heading.safety),
        _ => label,
    };
    text.to_owned()
}
