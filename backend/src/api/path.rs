//! Typed ids from a request's path, so a handler never holds an id as a string:
//! [`PersonPath`] for `/persons/{person_id}/…`, [`ItemPath`] for
//! `/persons/{person_id}/<things>/{id}`, and [`IdPath`] / [`IdPairPath`] for the one or two
//! ids of any other path. Text that is not an id is simply not found, as an id
//! nobody has would be: the refusal says nothing about what exists.

use std::future::{Ready, ready};
use std::str::FromStr;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use ourplan_shared::error::ErrorCode;
use ourplan_shared::id::PersonId;

use crate::access;
use crate::error::AppError;

/// The person a request is about.
#[derive(Debug, Clone, Copy)]
pub struct PersonPath(pub PersonId);

/// One thing of the person's: the person, and the id in the path after theirs.
#[derive(Debug, Clone, Copy)]
pub struct ItemPath<T> {
    pub person: PersonId,
    pub item: T,
}

/// The id in a path that has one.
#[derive(Debug, Clone, Copy)]
pub struct IdPath<T>(pub T);

/// The two ids in a path that has two, in order.
#[derive(Debug, Clone, Copy)]
pub struct IdPairPath<A, B>(pub A, pub B);

fn segment<T: FromStr>(req: &HttpRequest, at: usize) -> Result<T, AppError> {
    req.match_info()
        .iter()
        .nth(at)
        .and_then(|(_, text)| text.parse().ok())
        .ok_or_else(|| AppError::client(ErrorCode::NotFound, "There is nothing at this address."))
}

impl FromRequest for PersonPath {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            req.match_info()
                .get("person_id")
                .and_then(PersonId::parse)
                .map(Self)
                .ok_or_else(access::not_found),
        )
    }
}

impl<T: FromStr> FromRequest for ItemPath<T> {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            PersonPath::from_request(req, &mut Payload::None)
                .into_inner()
                .and_then(|PersonPath(person)| {
                    Ok(Self {
                        person,
                        item: segment(req, 1)?,
                    })
                }),
        )
    }
}

impl<T: FromStr> FromRequest for IdPath<T> {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(segment(req, 0).map(Self))
    }
}

impl<A: FromStr, B: FromStr> FromRequest for IdPairPath<A, B> {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(segment(req, 0).and_then(|a| Ok(Self(a, segment(req, 1)?))))
    }
}
