use chrono::NaiveDateTime;
use diesel::prelude::*;
use ourplan_shared::id::{PlanId, PlanVersionId, SignatureId, UserId};
use ourplan_shared::plan::{Signature, SignerRole};

use super::{insert_rows, naive, utc};
use crate::db::DbConnection;
use crate::db::schema::signatures;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = signatures)]
pub struct SignatureRow {
    pub id: SignatureId,
    pub plan_id: PlanId,
    pub plan_version_id: Option<PlanVersionId>,
    pub signer_user_id: Option<UserId>,
    pub signer_name: String,
    pub signer_role: SignerRole,
    pub signed_at: NaiveDateTime,
    pub reason: Option<String>,
    /// The plan's row version when signed: a later edit voids the signature.
    pub plan_row_version: Option<i64>,
}

impl SignatureRow {
    pub fn from_wire(s: &Signature) -> Self {
        Self {
            id: s.id,
            plan_id: s.plan_id,
            plan_version_id: s.plan_version_id,
            signer_user_id: s.signer_user_id,
            signer_name: s.signer_name.clone(),
            signer_role: s.signer_role,
            signed_at: naive(s.signed_at),
            reason: s.reason.clone(),
            plan_row_version: None,
        }
    }

    pub fn into_wire(self) -> QueryResult<Signature> {
        Ok(Signature {
            id: self.id,
            plan_id: self.plan_id,
            plan_version_id: self.plan_version_id,
            signer_user_id: self.signer_user_id,
            signer_name: self.signer_name,
            signer_role: self.signer_role,
            signed_at: utc(self.signed_at),
            reason: self.reason,
        })
    }

    super::plan_rows!(signatures, Self, (signed_at, id));

    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, signatures::table, rows)
    }

    /// Signatures given for the draft as it is now (not voided by a later edit).
    pub fn pending(
        conn: &mut DbConnection,
        plan_id: PlanId,
        plan_row_version: i64,
    ) -> QueryResult<Vec<Self>> {
        signatures::table
            .filter(signatures::plan_id.eq(plan_id))
            .filter(signatures::plan_version_id.is_null())
            .filter(signatures::plan_row_version.eq(plan_row_version))
            .select(Self::as_select())
            .load(conn)
    }

    /// The pending signatures become signatures of the agreed version.
    pub fn attach(
        conn: &mut DbConnection,
        plan_id: PlanId,
        plan_row_version: i64,
        version_id: PlanVersionId,
    ) -> QueryResult<usize> {
        diesel::update(
            signatures::table
                .filter(signatures::plan_id.eq(plan_id))
                .filter(signatures::plan_version_id.is_null())
                .filter(signatures::plan_row_version.eq(plan_row_version)),
        )
        .set(signatures::plan_version_id.eq(version_id))
        .execute(conn)
    }
}
