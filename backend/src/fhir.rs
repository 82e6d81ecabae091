//! FHIR R4 export of one person's plan: a `collection` Bundle of the Patient, the
//! CarePlan (activities from the strategies, with performer and schedule), a Goal per goal
//! (lifecycle and achievement, target measure, detail and due date, expressed by the person),
//! a Consent per consent record (withdrawn ones as inactive, never left out) with the parties
//! as RelatedPerson, and a Provenance per agreed version with its signatures.
//! Built from the same `PlanDocument` the pages read, so the same scoping applies; checked in
//! the tests against the official R4 JSON schema.

use chrono::{DateTime, NaiveDate, Utc};
use ourplan_shared::consent::{Consent, ConsentBasis, ConsentPurpose};
use ourplan_shared::plan::{
    Goal, GoalStatus, PlanDocument, PlanStatus, ResponsibleParty, SignerRole, Strategy,
};
use serde_json::{Value, json};
use uuid::Uuid;

/// Our own code system for the parts of a plan a consent covers.
pub const SECTION_SYSTEM: &str = "urn:ourplan:plan-section";

fn urn(id: impl std::fmt::Display) -> String {
    format!("urn:uuid:{id}")
}

/// A stable id for a resource we make that has no row of its own (a consent's party).
fn derived(namespace: &str, id: impl std::fmt::Display) -> Uuid {
    Uuid::new_v5(
        &Uuid::NAMESPACE_URL,
        format!("urn:ourplan:{namespace}:{id}").as_bytes(),
    )
}

fn instant(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn entry(full_url: String, resource: Value) -> Value {
    json!({"fullUrl": full_url, "resource": resource})
}

/// The whole bundle; `today` decides whether a strategy has started or ended.
pub fn bundle(doc: &PlanDocument, today: NaiveDate, now: DateTime<Utc>) -> Value {
    let patient_url = urn(doc.person.id);
    let patient = json!({"reference": patient_url, "display": doc.person.full_name});
    let mut entries = vec![entry(patient_url.clone(), patient_resource(doc))];
    entries.push(entry(urn(doc.plan.id), care_plan(doc, &patient, today)));
    for goal in &doc.goals {
        entries.push(entry(urn(goal.id), goal_resource(doc, goal, &patient)));
    }
    for consent in &doc.consents {
        let party = derived("related-person", consent.id);
        entries.push(entry(urn(party), related_person(consent, &patient)));
        entries.push(entry(
            urn(consent.id),
            consent_resource(consent, &patient, party, today),
        ));
    }
    for version in &doc.versions {
        entries.push(entry(urn(version.id), provenance(doc, version, &patient)));
    }
    json!({
        "resourceType": "Bundle",
        "id": derived("bundle", format!("{}:{}", doc.plan.id, instant(now))).to_string(),
        "type": "collection",
        "timestamp": instant(now),
        "entry": entries,
    })
}

fn patient_resource(doc: &PlanDocument) -> Value {
    let person = &doc.person;
    let mut name = json!({"use": "official", "text": person.full_name});
    if let Some((given, family)) = person.full_name.trim().rsplit_once(' ') {
        name["family"] = json!(family);
        name["given"] = json!(given.split_whitespace().collect::<Vec<_>>());
    }
    let mut names = vec![name];
    if let Some(preferred) = person
        .preferred_name
        .as_deref()
        .filter(|n| !n.trim().is_empty())
    {
        names.push(json!({"use": "usual", "text": preferred, "given": [preferred]}));
    }
    let mut patient = json!({
        "resourceType": "Patient",
        "id": person.id.to_string(),
        "identifier": [{"system": "urn:ietf:rfc:3986", "value": urn(person.id)}],
        "name": names,
        "communication": [{
            "language": {
                "coding": [{"system": "urn:ietf:bcp:47", "code": person.preferred_language}],
                "text": person.preferred_language,
            },
            "preferred": true,
        }],
    });
    if let Some(born) = person.date_of_birth {
        patient["birthDate"] = json!(born.to_string());
    }
    patient
}

fn care_plan(doc: &PlanDocument, patient: &Value, today: NaiveDate) -> Value {
    let status = match doc.plan.status {
        PlanStatus::Draft => "draft",
        PlanStatus::Agreed | PlanStatus::UnderReview => "active",
    };
    let mut plan = json!({
        "resourceType": "CarePlan",
        "id": doc.plan.id.to_string(),
        "status": status,
        "intent": "plan",
        "title": format!("Support plan: {}", doc.person.full_name),
        "subject": patient,
        "period": {"start": doc.person.support_started_on.to_string()},
        "created": instant(doc.plan.created_at),
        "goal": doc.goals.iter().map(|g| json!({"reference": urn(g.id)})).collect::<Vec<_>>(),
        "activity": doc.strategies.iter().map(|s| activity(s, patient, today)).collect::<Vec<_>>(),
    });
    if let Some(version) = doc.plan.current_version {
        plan["identifier"] =
            json!([{"system": "urn:ourplan:plan-version", "value": version.to_string()}]);
    }
    if !doc.profile.important_to_me.trim().is_empty() {
        plan["description"] = json!(format!(
            "What is important to me: {}",
            doc.profile.important_to_me.trim()
        ));
    }
    plan
}

fn activity(strategy: &Strategy, patient: &Value, today: NaiveDate) -> Value {
    let status = if strategy.start_on > today {
        "not-started"
    } else if strategy.end_on.is_some_and(|end| end < today) {
        "completed"
    } else {
        "in-progress"
    };
    let performer = match strategy.responsible {
        ResponsibleParty::Person => patient.clone(),
        _ if strategy.responsible_name.trim().is_empty() => {
            json!({"display": strategy.responsible.label()})
        }
        _ => json!({"display": strategy.responsible_name.trim()}),
    };
    let mut bounds = json!({"start": strategy.start_on.to_string()});
    if let Some(end) = strategy.end_on {
        bounds["end"] = json!(end.to_string());
    }
    let detail = json!({
        "status": status,
        "description": strategy.text,
        "goal": [{"reference": urn(strategy.goal_id)}],
        "performer": [performer],
        "scheduledTiming": {
            "repeat": {"boundsPeriod": bounds},
            "code": {"text": strategy.frequency},
        },
    });
    let mut activity = json!({"detail": detail});
    if let Some(words) = strategy
        .own_words
        .as_deref()
        .filter(|w| !w.trim().is_empty())
    {
        activity["progress"] = json!([{"text": format!("In my words: {words}")}]);
    }
    activity
}

/// Lifecycle and achievement, from the goal's status.
fn goal_status(status: GoalStatus) -> (&'static str, Option<&'static str>) {
    match status {
        GoalStatus::NotStarted => ("accepted", None),
        GoalStatus::InProgress => ("active", Some("in-progress")),
        GoalStatus::Achieved => ("completed", Some("achieved")),
        GoalStatus::PartlyAchieved => ("completed", Some("improving")),
        GoalStatus::NotAchieved => ("completed", Some("not-achieved")),
        GoalStatus::Discontinued => ("cancelled", None),
    }
}

fn goal_resource(doc: &PlanDocument, goal: &Goal, patient: &Value) -> Value {
    let (lifecycle, achievement) = goal_status(goal.status);
    let mut resource = json!({
        "resourceType": "Goal",
        "id": goal.id.to_string(),
        "lifecycleStatus": lifecycle,
        "category": [{"text": goal.term.label()}],
        "description": {"text": goal.text},
        "subject": patient,
        "startDate": goal.start_on.to_string(),
        "target": [{
            "measure": {"text": goal.measure},
            "detailString": goal.target,
            "dueDate": goal.due_on.to_string(),
        }],
        "expressedBy": patient,
    });
    let mut achievement_status = json!({"text": goal.status.label()});
    if let Some(code) = achievement {
        achievement_status["coding"] = json!([{
            "system": "http://terminology.hl7.org/CodeSystem/goal-achievement",
            "code": code,
        }]);
    }
    resource["achievementStatus"] = achievement_status;
    let mut notes = Vec::new();
    if let Some(words) = goal.own_words.as_deref().filter(|w| !w.trim().is_empty()) {
        notes.push(json!({"text": format!("In my words: {words}")}));
    }
    if !goal.baseline.trim().is_empty() {
        notes.push(json!({"text": format!("Starting point: {}", goal.baseline.trim())}));
    }
    if !notes.is_empty() {
        resource["note"] = json!(notes);
    }
    let needs: Vec<Value> = doc
        .findings
        .iter()
        .filter(|f| goal.addresses.contains(&f.id))
        .map(|f| json!({"display": f.text}))
        .collect();
    if !needs.is_empty() {
        resource["addresses"] = json!(needs);
    }
    resource
}

/// "Morgan Rivers (sister)" → ("Morgan Rivers", Some("sister")).
fn party(name: &str) -> (&str, Option<&str>) {
    match name
        .trim()
        .strip_suffix(')')
        .and_then(|n| n.rsplit_once(" ("))
    {
        Some((who, relationship)) => (who.trim(), Some(relationship.trim())),
        None => (name.trim(), None),
    }
}

fn related_person(consent: &Consent, patient: &Value) -> Value {
    let (name, relationship) = party(&consent.party_name);
    let mut resource = json!({
        "resourceType": "RelatedPerson",
        "id": derived("related-person", consent.id).to_string(),
        "active": consent.withdrawn_at.is_none(),
        "patient": patient,
        "name": [{"text": name}],
    });
    if let Some(relationship) = relationship {
        resource["relationship"] = json!([{"text": relationship}]);
    }
    resource
}

fn consent_resource(consent: &Consent, patient: &Value, party: Uuid, today: NaiveDate) -> Value {
    let expired = consent.expires_on.is_some_and(|end| end < today);
    let status = if consent.withdrawn_at.is_some() || expired {
        "inactive"
    } else {
        "active"
    };
    let performer = match consent.basis {
        ConsentBasis::Person => patient.clone(),
        ConsentBasis::BestInterests => json!({
            "display": consent.decision_maker.clone().unwrap_or_else(|| "The decision maker".to_owned())
        }),
    };
    let policy = match consent.basis {
        ConsentBasis::Person => "Given by the person".to_owned(),
        ConsentBasis::BestInterests => format!(
            "Best-interests decision (Mental Capacity Act 2005): {}",
            consent
                .best_interests_reason
                .as_deref()
                .unwrap_or("reason not recorded")
        ),
    };
    let mut period = json!({"start": instant(consent.given_at)});
    let end = consent
        .withdrawn_at
        .map(instant)
        .or_else(|| consent.expires_on.map(|d| d.to_string()));
    if let Some(end) = end {
        period["end"] = json!(end);
    }
    let action = match consent.purpose {
        ConsentPurpose::ShareWith => "access",
        ConsentPurpose::CollectFrom => "collect",
    };
    let sections: Vec<Value> = consent
        .sections
        .iter()
        .map(|s| json!({"coding": [{"system": SECTION_SYSTEM, "code": s.key(), "display": s.label()}]}))
        .collect();
    json!({
        "resourceType": "Consent",
        "id": consent.id.to_string(),
        "status": status,
        "scope": {"coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/consentscope",
            "code": "patient-privacy",
        }]},
        "category": [{"coding": [{"system": "http://loinc.org", "code": "59284-0", "display": "Patient Consent"}]}],
        "patient": patient,
        "dateTime": instant(consent.given_at),
        "performer": [performer],
        "policyRule": {"text": policy},
        // Nothing but what is named: deny, with the named parts permitted to the party.
        "provision": {
            "type": "deny",
            "period": period,
            "provision": [{
                "type": "permit",
                "period": period,
                "actor": [{
                    "role": {"coding": [{
                        "system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                        "code": if action == "access" { "IRCP" } else { "INF" },
                    }]},
                    "reference": {"reference": urn(party), "display": party_name_only(&consent.party_name)},
                }],
                "action": [{
                    "coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentaction", "code": action}],
                    "text": consent.access_level.label(),
                }],
                "code": sections,
            }],
        },
    })
}

fn party_name_only(name: &str) -> String {
    party(name).0.to_owned()
}

fn provenance(
    doc: &PlanDocument,
    version: &ourplan_shared::plan::PlanVersionSummary,
    patient: &Value,
) -> Value {
    let signed: Vec<_> = doc
        .signatures
        .iter()
        .filter(|s| s.plan_version_id == Some(version.id))
        .collect();
    let who = |role: SignerRole, name: &str| match role {
        SignerRole::Person => patient.clone(),
        _ => json!({"display": name}),
    };
    let agents: Vec<Value> = signed
        .iter()
        .map(|s| {
            json!({
                "type": {"coding": [{
                    "system": "http://terminology.hl7.org/CodeSystem/provenance-participant-type",
                    "code": "attester",
                }], "text": s.signer_role.label()},
                "who": who(s.signer_role, &s.signer_name),
            })
        })
        .collect();
    let signatures: Vec<Value> = signed
        .iter()
        .map(|s| json!({
            "type": [{"system": "urn:iso-astm:E1762-95:2013", "code": "1.2.840.10065.1.12.1.7", "display": "Consent Signature"}],
            "when": instant(s.signed_at),
            "who": who(s.signer_role, &s.signer_name),
        }))
        .collect();
    let mut resource = json!({
        "resourceType": "Provenance",
        "id": version.id.to_string(),
        "target": [{"reference": urn(doc.plan.id), "display": format!("Version {} of the support plan", version.number)}],
        "recorded": instant(version.agreed_at),
        "activity": {"text": if version.change_summary.trim().is_empty() { "Plan agreed".to_owned() } else { format!("Plan agreed: {}", version.change_summary.trim()) }},
        "agent": if agents.is_empty() { vec![json!({"who": {"display": "The support team"}})] } else { agents },
    });
    if !signatures.is_empty() {
        resource["signature"] = json!(signatures);
    }
    resource
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_party_name_splits_into_name_and_relationship() {
        assert_eq!(
            party("Morgan Rivers (sister)"),
            ("Morgan Rivers", Some("sister"))
        );
        assert_eq!(party("Dr Hughes"), ("Dr Hughes", None));
        assert_eq!(
            party(" Ola (friend, advocate) "),
            ("Ola", Some("friend, advocate"))
        );
    }

    #[test]
    fn every_goal_status_has_a_lifecycle_and_ended_ones_are_completed() {
        use GoalStatus::*;
        for status in [
            NotStarted,
            InProgress,
            Achieved,
            PartlyAchieved,
            NotAchieved,
            Discontinued,
        ] {
            let (lifecycle, achievement) = goal_status(status);
            assert!(!lifecycle.is_empty());
            if matches!(status, Achieved | PartlyAchieved | NotAchieved) {
                assert_eq!(lifecycle, "completed");
                assert!(achievement.is_some());
            }
        }
    }

    #[test]
    fn derived_ids_are_stable_and_distinct() {
        assert_eq!(
            derived("related-person", "a"),
            derived("related-person", "a")
        );
        assert_ne!(
            derived("related-person", "a"),
            derived("related-person", "b")
        );
    }
}
