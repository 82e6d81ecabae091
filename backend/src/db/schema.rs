//! The diesel schema, written by hand because one schema serves both databases (the column
//! types are those both support: `Text`, `Timestamp`, `Date`, `BigInt`).

diesel::table! {
    organisations (id) {
        id -> Text,
        name -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    persons (id) {
        id -> Text,
        organisation_id -> Text,
        full_name -> Text,
        preferred_name -> Nullable<Text>,
        support_started_on -> Date,
        preferred_format -> Text,
        preferred_language -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        organisation_id -> Text,
        email -> Text,
        display_name -> Text,
        role -> Text,
        person_id -> Nullable<Text>,
        password_hash -> Nullable<Text>,
        created_at -> Timestamp,
        disabled_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    plans (id) {
        id -> Text,
        person_id -> Text,
        status -> Text,
        row_version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(persons -> organisations (organisation_id));
diesel::joinable!(users -> organisations (organisation_id));
diesel::joinable!(users -> persons (person_id));
diesel::joinable!(plans -> persons (person_id));

diesel::allow_tables_to_appear_in_same_query!(organisations, persons, users, plans);
