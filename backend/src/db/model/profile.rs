use chrono::NaiveDateTime;
use diesel::prelude::*;
use ourplan_shared::id::PlanId;
use ourplan_shared::plan::Profile;

use super::{insert_rows, versioned_update};
use crate::db::DbConnection;
use crate::db::schema::profiles;

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = profiles)]
pub struct ProfileRow {
    pub plan_id: PlanId,
    pub important_to_me: String,
    pub like_about_me: String,
    pub how_to_support_me: String,
    pub culture_and_beliefs: String,
    pub lifestyle: String,
    pub aspirations: String,
    pub medical_history: String,
    pub own_words: Option<String>,
    pub picture: Option<String>,
    pub row_version: i64,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, AsChangeset)]
#[diesel(table_name = profiles, treat_none_as_null = true)]
pub struct ProfileChanges {
    pub important_to_me: String,
    pub like_about_me: String,
    pub how_to_support_me: String,
    pub culture_and_beliefs: String,
    pub lifestyle: String,
    pub aspirations: String,
    pub medical_history: String,
    pub own_words: Option<String>,
    pub picture: Option<String>,
}

impl ProfileRow {
    pub fn from_wire(plan_id: PlanId, profile: &Profile, at: NaiveDateTime) -> Self {
        Self {
            plan_id: plan_id.to_owned(),
            important_to_me: profile.important_to_me.clone(),
            like_about_me: profile.like_about_me.clone(),
            how_to_support_me: profile.how_to_support_me.clone(),
            culture_and_beliefs: profile.culture_and_beliefs.clone(),
            lifestyle: profile.lifestyle.clone(),
            aspirations: profile.aspirations.clone(),
            medical_history: profile.medical_history.clone(),
            own_words: profile.own_words.clone(),
            picture: profile.picture.clone(),
            row_version: profile.row_version,
            updated_at: at,
        }
    }

    pub fn into_wire(self) -> QueryResult<Profile> {
        Ok(Profile {
            plan_id: Some(self.plan_id),
            important_to_me: self.important_to_me,
            like_about_me: self.like_about_me,
            how_to_support_me: self.how_to_support_me,
            culture_and_beliefs: self.culture_and_beliefs,
            lifestyle: self.lifestyle,
            aspirations: self.aspirations,
            medical_history: self.medical_history,
            own_words: self.own_words,
            picture: self.picture,
            row_version: self.row_version,
        })
    }

    pub fn for_plan(conn: &mut DbConnection, plan_id: PlanId) -> QueryResult<Option<Self>> {
        profiles::table
            .find(plan_id)
            .select(Self::as_select())
            .first(conn)
            .optional()
    }

    pub fn for_plans(conn: &mut DbConnection, plan_ids: &[PlanId]) -> QueryResult<Vec<Self>> {
        profiles::table
            .filter(profiles::plan_id.eq_any(plan_ids))
            .select(Self::as_select())
            .load(conn)
    }

    pub fn insert_all(conn: &mut DbConnection, rows: &[Self]) -> QueryResult<usize> {
        insert_rows!(conn, profiles::table, rows)
    }
}

impl ProfileChanges {
    pub fn from_wire(profile: &Profile) -> Self {
        Self {
            important_to_me: profile.important_to_me.clone(),
            like_about_me: profile.like_about_me.clone(),
            how_to_support_me: profile.how_to_support_me.clone(),
            culture_and_beliefs: profile.culture_and_beliefs.clone(),
            lifestyle: profile.lifestyle.clone(),
            aspirations: profile.aspirations.clone(),
            medical_history: profile.medical_history.clone(),
            own_words: profile.own_words.clone(),
            picture: profile.picture.clone(),
        }
    }
}

versioned_update!(profiles, ProfileChanges, plan_id: PlanId);
