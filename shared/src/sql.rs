//! How typed ids and keyed enums are stored (the `diesel` feature, for the server only): as
//! the text they travel as on the wire, in the same `TEXT` columns, so nothing in the
//! database changes. A value the column cannot hold as its type (a key this build does not
//! know, text that is not a UUID) fails the read instead of passing on as a string.
//!
//! Reading is generic over every backend whose text reads as a `String`, the server's
//! `MultiBackend` included; writing an id formats it, which SQLite and PostgreSQL each do their
//! own way, so the server adds its `MultiBackend` write with `multi_backend_ids!` (in `id`).

/// Stores an id type as its hyphenated text.
macro_rules! id_sql {
    ($name:ident) => {
        impl diesel::serialize::ToSql<diesel::sql_types::Text, diesel::sqlite::Sqlite> for $name {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, diesel::sqlite::Sqlite>,
            ) -> diesel::serialize::Result {
                out.set_value(self.to_string());
                Ok(diesel::serialize::IsNull::No)
            }
        }

        impl diesel::serialize::ToSql<diesel::sql_types::Text, diesel::pg::Pg> for $name {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, diesel::pg::Pg>,
            ) -> diesel::serialize::Result {
                use std::io::Write as _;
                write!(out, "{}", self.0.hyphenated())?;
                Ok(diesel::serialize::IsNull::No)
            }
        }

        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                let text = String::from_sql(bytes)?;
                Ok(Self(uuid::Uuid::parse_str(&text)?))
            }
        }
    };
}
pub(crate) use id_sql;

/// Stores a keyed enum as its key.
#[macro_export]
#[doc(hidden)]
macro_rules! keyed_sql {
    ($name:ident) => {
        impl<DB> diesel::serialize::ToSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            str: diesel::serialize::ToSql<diesel::sql_types::Text, DB>,
        {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, DB>,
            ) -> diesel::serialize::Result {
                self.key().to_sql(out)
            }
        }

        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $name
        where
            DB: diesel::backend::Backend,
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                let key = String::from_sql(bytes)?;
                Self::from_key(&key).ok_or_else(|| {
                    format!("{key:?} is not a {} this build knows", stringify!($name)).into()
                })
            }
        }
    };
}
