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
}
