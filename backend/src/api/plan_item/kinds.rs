//! Each kind of plan item: how it is made from what the client sent, what it must refer to,
//! and how it is stored.

use diesel::QueryResult;
use ourplan_shared::consent::PlanSection;
use ourplan_shared::error::ErrorCode;
use ourplan_shared::id::{
    DecisionId, FindingId, GoalId, OrganisationId, PlanId, RiskPlanId, StrategyId, WishId,
};
use ourplan_shared::plan::{
    Decision, DecisionInput, Finding, FindingInput, Goal, GoalInput, RiskPlan, RiskPlanInput,
    Strategy, StrategyInput, WishInput, WishNotMet,
};

use super::{Item, ItemFields, NewItem, Removable};
use crate::db::DbConnection;
use crate::db::model::decision::{self as decisions, DecisionChanges, DecisionRow};
use crate::db::model::finding::{self as findings, FindingChanges, FindingRow};
use crate::db::model::goal::{self as goals, GoalChanges, GoalNeedRow, GoalRow};
use crate::db::model::needs_heading::NeedsHeadingRow;
use crate::db::model::person::PersonRow;
use crate::db::model::plan::PlanRow;
use crate::db::model::risk_plan::{self as risks, RiskPlanChanges, RiskPlanRow};
use crate::db::model::strategy::{self as strategies, StrategyChanges, StrategyRow};
use crate::db::model::wish::{self as wishes, WishChanges, WishRow};
use crate::db::model::{UpdateOutcome, now};
use crate::error::AppError;

fn new_uuid() -> uuid::Uuid {
    uuid::Uuid::now_v7()
}

/// The fields every kind of item has in the same shape; `summary` names the field of words
/// that names the item.
macro_rules! item_fields {
    ($($kind:ty => $id:ty, $summary:ident);+ $(;)?) => {$(
        impl ItemFields for $kind {
            type Id = $id;
            fn id(&self) -> $id {
                self.id
            }
            fn row_version(&self) -> i64 {
                self.row_version
            }
            fn summary(&self) -> &str {
                &self.$summary
            }
            fn with_own_words(
                self,
                own_words: Option<String>,
                picture: Option<String>,
                row_version: i64,
            ) -> Self {
                Self {
                    own_words,
                    picture: picture.or(self.picture),
                    row_version,
                    ..self
                }
            }
        }
    )+};
}

item_fields!(
    Goal => GoalId, text;
    Finding => FindingId, text;
    Strategy => StrategyId, text;
    RiskPlan => RiskPlanId, activity;
    WishNotMet => WishId, text;
    Decision => DecisionId, text;
);

impl Item for Goal {
    type Input = GoalInput;
    const ENTITY: &'static str = "goal";
    const SECTION: PlanSection = PlanSection::Goals;
    const NOT_FOUND: &'static str = "There is no such goal in this plan.";

    fn create(input: GoalInput, new: NewItem<'_>) -> Result<Self, AppError> {
        Ok(input.into_goal(GoalId(new_uuid()), new.plan_id, new.position, 1))
    }
    fn revise(input: GoalInput, stored: Self, row_version: i64) -> Self {
        input.into_goal(stored.id, stored.plan_id, stored.position, row_version)
    }
    fn next_position(conn: &mut DbConnection, plan_id: PlanId) -> QueryResult<i32> {
        GoalRow::next_position(conn, plan_id)
    }
    /// A goal addresses needs of its own plan.
    fn check_refs(&self, conn: &mut DbConnection, plan_id: PlanId) -> Result<(), AppError> {
        let mut ids: Vec<String> = self.addresses.iter().map(ToString::to_string).collect();
        ids.sort();
        ids.dedup();
        if FindingRow::count_in_plan(conn, plan_id, &ids)? != ids.len() as i64 {
            return Err(AppError::invalid(
                "addresses",
                "Choose needs from this person's plan.",
            ));
        }
        Ok(())
    }
    fn find(
        conn: &mut DbConnection,
        plan_id: PlanId,
        item_id: Self::Id,
    ) -> QueryResult<Option<Self>> {
        GoalRow::find_in_plan(conn, plan_id, item_id)
    }
    fn insert(&self, conn: &mut DbConnection) -> QueryResult<()> {
        GoalRow::insert_all(conn, &[GoalRow::from_wire(self, now())])?;
        GoalNeedRow::replace(conn, self.id, &self.addresses)
    }
    fn update(&self, conn: &mut DbConnection, read_version: i64) -> QueryResult<UpdateOutcome> {
        let outcome = goals::update(conn, self.id, read_version, &GoalChanges::from_wire(self))?;
        if matches!(outcome, UpdateOutcome::Updated { .. }) {
            GoalNeedRow::replace(conn, self.id, &self.addresses)?;
        }
        Ok(outcome)
    }
}

impl Removable for Goal {
    fn delete(
        conn: &mut DbConnection,
        item_id: Self::Id,
        read_version: i64,
    ) -> QueryResult<UpdateOutcome> {
        GoalRow::delete(conn, item_id, read_version)
    }
    fn kept_as_evidence(conn: &mut DbConnection, item_id: Self::Id) -> Result<(), AppError> {
        if GoalRow::has_records(conn, item_id)? {
            return Err(AppError::client(
                ErrorCode::Conflict,
                "Support or progress is recorded against this goal, so it stays as evidence. Mark it as discontinued instead.",
            ));
        }
        Ok(())
    }
}

impl Item for Finding {
    type Input = FindingInput;
    const ENTITY: &'static str = "finding";
    const SECTION: PlanSection = PlanSection::Needs;
    const NOT_FOUND: &'static str = "There is no such finding in this plan.";

    fn create(input: FindingInput, new: NewItem<'_>) -> Result<Self, AppError> {
        Ok(input.into_finding(FindingId(new_uuid()), new.plan_id, new.position, 1))
    }
    fn revise(input: FindingInput, stored: Self, row_version: i64) -> Self {
        input.into_finding(stored.id, stored.plan_id, stored.position, row_version)
    }
    fn next_position(conn: &mut DbConnection, plan_id: PlanId) -> QueryResult<i32> {
        findings::next_position(conn, plan_id)
    }
    /// The heading is one of the organisation's, still in use.
    fn check_refs(&self, conn: &mut DbConnection, plan_id: PlanId) -> Result<(), AppError> {
        let organisation = plan_organisation(conn, plan_id)?;
        if !NeedsHeadingRow::is_current(conn, self.heading_id, organisation)? {
            return Err(AppError::invalid(
                "heading_id",
                "Choose one of the needs headings of this organisation.",
            ));
        }
        Ok(())
    }
    fn find(
        conn: &mut DbConnection,
        plan_id: PlanId,
        item_id: Self::Id,
    ) -> QueryResult<Option<Self>> {
        findings::find_in_plan(conn, plan_id, item_id)?
            .map(FindingRow::into_wire)
            .transpose()
    }
    fn insert(&self, conn: &mut DbConnection) -> QueryResult<()> {
        FindingRow::insert_all(conn, &[FindingRow::from_wire(self, now())]).map(drop)
    }
    fn update(&self, conn: &mut DbConnection, read_version: i64) -> QueryResult<UpdateOutcome> {
        findings::update(
            conn,
            self.id,
            read_version,
            &FindingChanges::from_wire(self),
        )
    }
}

impl Removable for Finding {
    fn delete(
        conn: &mut DbConnection,
        item_id: Self::Id,
        read_version: i64,
    ) -> QueryResult<UpdateOutcome> {
        findings::delete(conn, item_id, read_version)
    }
    fn kept_as_evidence(conn: &mut DbConnection, item_id: Self::Id) -> Result<(), AppError> {
        if GoalNeedRow::addressed(conn, item_id)? {
            return Err(AppError::client(
                ErrorCode::Conflict,
                "A goal addresses this need. Change the goal first.",
            ));
        }
        Ok(())
    }
}

/// The organisation whose plan this is.
fn plan_organisation(conn: &mut DbConnection, plan_id: PlanId) -> Result<OrganisationId, AppError> {
    let person_id = PlanRow::person_of(conn, plan_id)?;
    Ok(PersonRow::find(conn, person_id)?
        .ok_or_else(crate::access::not_found)?
        .organisation_id)
}

impl Item for Strategy {
    type Input = StrategyInput;
    const ENTITY: &'static str = "strategy";
    const SECTION: PlanSection = PlanSection::Strategies;
    const NOT_FOUND: &'static str = "There is no such strategy in this plan.";

    fn create(input: StrategyInput, new: NewItem<'_>) -> Result<Self, AppError> {
        Ok(input.into_strategy(StrategyId(new_uuid()), new.plan_id, new.position, 1))
    }
    fn revise(input: StrategyInput, stored: Self, row_version: i64) -> Self {
        input.into_strategy(stored.id, stored.plan_id, stored.position, row_version)
    }
    fn next_position(conn: &mut DbConnection, plan_id: PlanId) -> QueryResult<i32> {
        strategies::next_position(conn, plan_id)
    }
    /// A strategy serves a goal of its own plan.
    fn check_refs(&self, conn: &mut DbConnection, plan_id: PlanId) -> Result<(), AppError> {
        if GoalRow::find_in_plan(conn, plan_id, self.goal_id)?.is_none() {
            return Err(AppError::invalid(
                "goal_id",
                "Choose a goal from this person's plan.",
            ));
        }
        Ok(())
    }
    fn find(
        conn: &mut DbConnection,
        plan_id: PlanId,
        item_id: Self::Id,
    ) -> QueryResult<Option<Self>> {
        strategies::find_in_plan(conn, plan_id, item_id)?
            .map(StrategyRow::into_wire)
            .transpose()
    }
    fn insert(&self, conn: &mut DbConnection) -> QueryResult<()> {
        StrategyRow::insert_all(conn, &[StrategyRow::from_wire(self, now())]).map(drop)
    }
    fn update(&self, conn: &mut DbConnection, read_version: i64) -> QueryResult<UpdateOutcome> {
        strategies::update(
            conn,
            self.id,
            read_version,
            &StrategyChanges::from_wire(self),
        )
    }
}

impl Removable for Strategy {
    fn delete(
        conn: &mut DbConnection,
        item_id: Self::Id,
        read_version: i64,
    ) -> QueryResult<UpdateOutcome> {
        strategies::delete(conn, item_id, read_version)
    }
}

impl Item for RiskPlan {
    type Input = RiskPlanInput;
    const ENTITY: &'static str = "risk_plan";
    const SECTION: PlanSection = PlanSection::Risks;
    const NOT_FOUND: &'static str = "There is no such risk plan in this plan.";

    fn create(input: RiskPlanInput, new: NewItem<'_>) -> Result<Self, AppError> {
        Ok(input.into_risk_plan(RiskPlanId(new_uuid()), new.plan_id, new.position, 1))
    }
    fn revise(input: RiskPlanInput, stored: Self, row_version: i64) -> Self {
        input.into_risk_plan(stored.id, stored.plan_id, stored.position, row_version)
    }
    fn next_position(conn: &mut DbConnection, plan_id: PlanId) -> QueryResult<i32> {
        risks::next_position(conn, plan_id)
    }
    fn find(
        conn: &mut DbConnection,
        plan_id: PlanId,
        item_id: Self::Id,
    ) -> QueryResult<Option<Self>> {
        risks::find_in_plan(conn, plan_id, item_id)?
            .map(RiskPlanRow::into_wire)
            .transpose()
    }
    fn insert(&self, conn: &mut DbConnection) -> QueryResult<()> {
        RiskPlanRow::insert_all(conn, &[RiskPlanRow::from_wire(self, now())]).map(drop)
    }
    fn update(&self, conn: &mut DbConnection, read_version: i64) -> QueryResult<UpdateOutcome> {
        risks::update(
            conn,
            self.id,
            read_version,
            &RiskPlanChanges::from_wire(self),
        )
    }
}

impl Removable for RiskPlan {
    fn delete(
        conn: &mut DbConnection,
        item_id: Self::Id,
        read_version: i64,
    ) -> QueryResult<UpdateOutcome> {
        risks::delete(conn, item_id, read_version)
    }
}

impl Item for WishNotMet {
    type Input = WishInput;
    const ENTITY: &'static str = "wish";
    const SECTION: PlanSection = PlanSection::WishesNotMet;
    const NOT_FOUND: &'static str = "There is no such wish in this plan.";

    fn create(input: WishInput, new: NewItem<'_>) -> Result<Self, AppError> {
        Ok(input.into_wish(WishId(new_uuid()), new.plan_id, 1))
    }
    fn revise(input: WishInput, stored: Self, row_version: i64) -> Self {
        input.into_wish(stored.id, stored.plan_id, row_version)
    }
    fn find(
        conn: &mut DbConnection,
        plan_id: PlanId,
        item_id: Self::Id,
    ) -> QueryResult<Option<Self>> {
        wishes::find_in_plan(conn, plan_id, item_id)?
            .map(WishRow::into_wire)
            .transpose()
    }
    fn insert(&self, conn: &mut DbConnection) -> QueryResult<()> {
        WishRow::insert_all(conn, &[WishRow::from_wire(self, now())]).map(drop)
    }
    fn update(&self, conn: &mut DbConnection, read_version: i64) -> QueryResult<UpdateOutcome> {
        wishes::update(conn, self.id, read_version, &WishChanges::from_wire(self))
    }
}

impl Item for Decision {
    type Input = DecisionInput;
    const ENTITY: &'static str = "decision";
    const SECTION: PlanSection = PlanSection::Decisions;
    const NOT_FOUND: &'static str = "There is no such entry in the decisions log.";

    fn create(input: DecisionInput, new: NewItem<'_>) -> Result<Self, AppError> {
        let recorded_by = Some(new.actor.user.id);
        Ok(input.into_decision(DecisionId(new_uuid()), new.plan_id, recorded_by, 1))
    }
    /// Who first recorded the entry stays.
    fn revise(input: DecisionInput, stored: Self, row_version: i64) -> Self {
        input.into_decision(stored.id, stored.plan_id, stored.recorded_by, row_version)
    }
    fn find(
        conn: &mut DbConnection,
        plan_id: PlanId,
        item_id: Self::Id,
    ) -> QueryResult<Option<Self>> {
        decisions::find_in_plan(conn, plan_id, item_id)?
            .map(DecisionRow::into_wire)
            .transpose()
    }
    fn insert(&self, conn: &mut DbConnection) -> QueryResult<()> {
        DecisionRow::insert_all(conn, &[DecisionRow::from_wire(self, now())]).map(drop)
    }
    fn update(&self, conn: &mut DbConnection, read_version: i64) -> QueryResult<UpdateOutcome> {
        decisions::update(
            conn,
            self.id,
            read_version,
            &DecisionChanges::from_wire(self),
        )
    }
    /// The person's disagreement, and the entry that resolved one, stay as they were said;
    /// the database refuses it too.
    fn kept_as_said(&self) -> Result<(), AppError> {
        if self.is_kept_as_said() {
            return Err(AppError::client(
                ErrorCode::Conflict,
                "A disagreement is kept as the person said it. Record how it was resolved instead.",
            ));
        }
        Ok(())
    }
    fn scoped_to(self, sections: &[PlanSection]) -> Self {
        Decision::scoped_to(self, sections)
    }
}
