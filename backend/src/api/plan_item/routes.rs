//! The documented handlers for each kind of item: thin wrappers around the generic ones, so
//! each operation appears in the OpenAPI document with its own path, types and answers.

macro_rules! item_routes {
    (
        $module:ident, $item:ty, $input:ty, $id:ty,
        $collection:tt, $single:tt, $own:tt, $opinion:tt,
        add: $add:tt, one: $one:tt, change: $change:tt $(, remove: $remove:tt)?
    ) => {
        pub mod $module {
            use actix_web::{HttpRequest, HttpResponse, web};
            use ourplan_shared::error::ErrorBody;
            use ourplan_shared::id::PersonId;
            #[allow(unused_imports)]
            use ourplan_shared::plan::*;

            use crate::api::path::{ItemPath, PersonPath};
            use crate::auth::CurrentUser;
            use crate::error::AppError;
            use crate::http::body::Body;
            use crate::server::AppState;

            #[utoipa::path(
                post, path = $collection, tag = "plan", summary = $add,
                params(
                    ("person_id" = PersonId, Path, description = "The person the plan is about"),
                    ("Idempotency-Key" = Option<String>, Header, description = "Send the same key again and you get the same answer, never a second item"),
                ),
                request_body = $input,
                responses(
                    (status = 201, body = $item, headers(("ETag" = String), ("Location" = String))),
                    (status = 401, description = "Not signed in", body = ErrorBody),
                    (status = 403, description = "May see the plan but not change it", body = ErrorBody),
                    (status = 404, description = "No such person, or out of reach", body = ErrorBody),
                    (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
                )
            )]
            pub async fn create(
                state: web::Data<AppState>,
                actor: CurrentUser,
                req: HttpRequest,
                path: PersonPath,
                body: Body<$input>,
            ) -> Result<HttpResponse, AppError> {
                super::super::create::<$item>(state, actor, req, path, body).await
            }

            #[utoipa::path(
                get, path = $single, tag = "plan", summary = $one,
                params(
                    ("person_id" = PersonId, Path, description = "The person the plan is about"),
                    ("item_id" = $id, Path, description = "The item"),
                ),
                responses(
                    (status = 200, body = $item, headers(("ETag" = String))),
                    (status = 401, description = "Not signed in", body = ErrorBody),
                    (status = 403, description = "This part of the plan is not shared with you", body = ErrorBody),
                    (status = 404, description = "No such person or item, or out of reach", body = ErrorBody),
                )
            )]
            pub async fn get(
                state: web::Data<AppState>,
                actor: CurrentUser,
                path: ItemPath<$id>,
            ) -> Result<HttpResponse, AppError> {
                super::super::get::<$item>(state, actor, path).await
            }

            #[utoipa::path(
                put, path = $single, tag = "plan", summary = $change,
                params(
                    ("person_id" = PersonId, Path, description = "The person the plan is about"),
                    ("item_id" = $id, Path, description = "The item"),
                    ("If-Match" = String, Header, description = "The ETag you read"),
                ),
                request_body = $input,
                responses(
                    (status = 200, body = $item, headers(("ETag" = String))),
                    (status = 401, description = "Not signed in", body = ErrorBody),
                    (status = 403, description = "May see the plan but not change it", body = ErrorBody),
                    (status = 404, description = "No such person or item, or out of reach", body = ErrorBody),
                    (status = 412, description = "Someone saved first: nothing changed; `current` is their version", body = ErrorBody),
                    (status = 422, description = "A field is invalid; `field` names it", body = ErrorBody),
                    (status = 428, description = "If-Match is missing", body = ErrorBody),
                )
            )]
            pub async fn update(
                state: web::Data<AppState>,
                actor: CurrentUser,
                req: HttpRequest,
                path: ItemPath<$id>,
                body: Body<$input>,
            ) -> Result<HttpResponse, AppError> {
                super::super::update::<$item>(state, actor, req, path, body).await
            }

            #[utoipa::path(
                put, path = $own, tag = "plan",
                summary = "The person's own words for this item (the person, or staff writing for them)",
                params(
                    ("person_id" = PersonId, Path, description = "The person the plan is about"),
                    ("item_id" = $id, Path, description = "The item"),
                    ("If-Match" = String, Header, description = "The ETag you read"),
                ),
                request_body = OwnWords,
                responses(
                    (status = 200, body = $item, headers(("ETag" = String))),
                    (status = 401, description = "Not signed in", body = ErrorBody),
                    (status = 403, description = "Only the person or their team writes their own words", body = ErrorBody),
                    (status = 404, description = "No such person or item, or out of reach", body = ErrorBody),
                    (status = 412, description = "Someone saved first: nothing changed; `current` is their version", body = ErrorBody),
                    (status = 422, description = "Too long; `field` names it", body = ErrorBody),
                    (status = 428, description = "If-Match is missing", body = ErrorBody),
                )
            )]
            pub async fn own_words(
                state: web::Data<AppState>,
                actor: CurrentUser,
                req: HttpRequest,
                path: ItemPath<$id>,
                body: Body<OwnWords>,
            ) -> Result<HttpResponse, AppError> {
                super::super::own_words::<$item>(state, actor, req, path, body).await
            }

            #[utoipa::path(
                post, path = $opinion, tag = "plan",
                summary = "The person says \"I agree\" or \"I don't agree\"; not agreeing opens a disagreement staff must resolve",
                params(
                    ("person_id" = PersonId, Path, description = "The person the plan is about"),
                    ("item_id" = $id, Path, description = "The item"),
                ),
                request_body = OpinionRequest,
                responses(
                    (status = 201, body = ItemOpinion),
                    (status = 401, description = "Not signed in", body = ErrorBody),
                    (status = 403, description = "Only the person says whether they agree", body = ErrorBody),
                    (status = 404, description = "No such person or item, or out of reach", body = ErrorBody),
                    (status = 422, description = "The comment is too long", body = ErrorBody),
                )
            )]
            pub async fn opinion(
                state: web::Data<AppState>,
                actor: CurrentUser,
                path: ItemPath<$id>,
                body: Body<OpinionRequest>,
            ) -> Result<HttpResponse, AppError> {
                super::super::opinion::<$item>(state, actor, path, body).await
            }

            $(
            #[utoipa::path(
                delete, path = $single, tag = "plan", summary = $remove,
                params(
                    ("person_id" = PersonId, Path, description = "The person the plan is about"),
                    ("item_id" = $id, Path, description = "The item"),
                    ("If-Match" = String, Header, description = "The ETag you read"),
                ),
                responses(
                    (status = 204, description = "Removed from the draft; agreed versions keep it"),
                    (status = 401, description = "Not signed in", body = ErrorBody),
                    (status = 403, description = "May see the plan but not change it", body = ErrorBody),
                    (status = 404, description = "No such person or item, or out of reach", body = ErrorBody),
                    (status = 409, description = "Other records depend on it", body = ErrorBody),
                    (status = 412, description = "Someone saved first: nothing changed; `current` is their version", body = ErrorBody),
                    (status = 428, description = "If-Match is missing", body = ErrorBody),
                )
            )]
            pub async fn delete(
                state: web::Data<AppState>,
                actor: CurrentUser,
                req: HttpRequest,
                path: ItemPath<$id>,
            ) -> Result<HttpResponse, AppError> {
                super::super::delete::<$item>(state, actor, req, path).await
            }
            )?
        }
    };
}

item_routes!(
    finding, Finding, FindingInput, ourplan_shared::id::FindingId,
    "/api/v1/persons/{person_id}/findings", "/api/v1/persons/{person_id}/findings/{item_id}",
    "/api/v1/persons/{person_id}/findings/{item_id}/own-words",
    "/api/v1/persons/{person_id}/findings/{item_id}/opinion",
    add: "Record a finding of the needs assessment under one heading",
    one: "One finding, with its ETag (audited)",
    change: "Change a finding, naming the version you read",
    remove: "Remove a finding no goal addresses"
);
item_routes!(
    goal, Goal, GoalInput, ourplan_shared::id::GoalId,
    "/api/v1/persons/{person_id}/goals", "/api/v1/persons/{person_id}/goals/{item_id}",
    "/api/v1/persons/{person_id}/goals/{item_id}/own-words",
    "/api/v1/persons/{person_id}/goals/{item_id}/opinion",
    add: "Add a goal (staff on the person's team)",
    one: "One goal, with its ETag (audited)",
    change: "Change a goal, naming the version you read",
    remove: "Remove a goal that has no support or progress recorded against it"
);
item_routes!(
    strategy, Strategy, StrategyInput, ourplan_shared::id::StrategyId,
    "/api/v1/persons/{person_id}/strategies", "/api/v1/persons/{person_id}/strategies/{item_id}",
    "/api/v1/persons/{person_id}/strategies/{item_id}/own-words",
    "/api/v1/persons/{person_id}/strategies/{item_id}/opinion",
    add: "Add a strategy under a goal",
    one: "One strategy, with its ETag (audited)",
    change: "Change a strategy, naming the version you read",
    remove: "Remove a strategy"
);
item_routes!(
    risk_plan, RiskPlan, RiskPlanInput, ourplan_shared::id::RiskPlanId,
    "/api/v1/persons/{person_id}/risks", "/api/v1/persons/{person_id}/risks/{item_id}",
    "/api/v1/persons/{person_id}/risks/{item_id}/own-words",
    "/api/v1/persons/{person_id}/risks/{item_id}/opinion",
    add: "Add a risk plan (positive risk-taking)",
    one: "One risk plan, with its ETag (audited)",
    change: "Change a risk plan, naming the version you read",
    remove: "Remove a risk plan"
);
item_routes!(
    wish, WishNotMet, WishInput, ourplan_shared::id::WishId,
    "/api/v1/persons/{person_id}/wishes", "/api/v1/persons/{person_id}/wishes/{item_id}",
    "/api/v1/persons/{person_id}/wishes/{item_id}/own-words",
    "/api/v1/persons/{person_id}/wishes/{item_id}/opinion",
    add: "Record a wish that could not be met, why, what happens next and how to appeal",
    one: "One wish not met, with its ETag (audited)",
    change: "Change a wish not met, naming the version you read"
);
item_routes!(
    decision, Decision, DecisionInput, ourplan_shared::id::DecisionId,
    "/api/v1/persons/{person_id}/decisions", "/api/v1/persons/{person_id}/decisions/{item_id}",
    "/api/v1/persons/{person_id}/decisions/{item_id}/own-words",
    "/api/v1/persons/{person_id}/decisions/{item_id}/opinion",
    add: "Add to the decisions and disagreements log",
    one: "One entry of the log, with its ETag (audited)",
    change: "Change or resolve an entry, naming the version you read"
);
