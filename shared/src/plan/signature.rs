//! Agreement and signatures on a plan version.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::id::{PlanId, PlanVersionId, SignatureId, UserId};

crate::keyed_enum! {
    pub enum SignerRole {
        Person = "person",
        Representative = "representative",
        Staff = "staff",
        Manager = "manager",
    }
}

impl SignerRole {
    /// Signed by the person, or by their representative for them.
    pub fn is_the_persons(self) -> bool {
        matches!(self, Self::Person | Self::Representative)
    }

    /// Signed by staff, whatever their role.
    pub fn is_staffs(self) -> bool {
        !self.is_the_persons()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Signature {
    pub id: SignatureId,
    pub plan_id: PlanId,
    /// The agreed version signed; `None` while the draft awaits agreement.
    pub plan_version_id: Option<PlanVersionId>,
    pub signer_user_id: Option<UserId>,
    pub signer_name: String,
    pub signer_role: SignerRole,
    pub signed_at: DateTime<Utc>,
    /// For a representative: why the person could not sign themselves.
    #[serde(default)]
    pub reason: Option<String>,
}

/// `POST /api/v1/persons/{id}/plan/signatures`: sign the draft. The person signs as
/// `person`; staff sign as `staff` (or `manager`), or record a representative's signature
/// with their name and the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignRequest {
    pub role: SignerRole,
    /// A representative's name (staff record it); others sign as themselves.
    #[serde(default)]
    pub signer_name: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
}

/// What signing did: the signature, and the version it completed, if it did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignOutcome {
    pub signature: Signature,
    pub agreed_version: Option<crate::plan::PlanVersionSummary>,
}
