//! The diesel schema, written by hand because one schema serves both databases (the column
//! types are those both support: `Text`, `Timestamp`, `Date`, `Integer`, `BigInt`, `Bool`).
//! Keep it in step with `migrations/`; the migration tests load every table through it.

diesel::table! {
    organisations (id) {
        id -> Text,
        name -> Text,
        review_interval_months -> Integer,
        created_at -> Timestamp,
        time_zone -> Text,
        row_version -> BigInt,
        retention_years -> Integer,
    }
}

diesel::table! {
    persons (id) {
        id -> Text,
        organisation_id -> Text,
        full_name -> Text,
        preferred_name -> Nullable<Text>,
        date_of_birth -> Nullable<Date>,
        support_started_on -> Date,
        preferred_format -> Text,
        preferred_language -> Text,
        communication_needs -> Text,
        communication_aids -> Text,
        row_version -> BigInt,
        created_at -> Timestamp,
        left_on -> Nullable<Date>,
        leaving_reason -> Nullable<Text>,
        left_recorded_at -> Nullable<Timestamp>,
        left_recorded_by -> Nullable<Text>,
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
        language -> Text,
    }
}

diesel::table! {
    plans (id) {
        id -> Text,
        person_id -> Text,
        status -> Text,
        current_version -> Nullable<Integer>,
        row_version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        next_review_on -> Nullable<Date>,
        next_review_kind -> Nullable<Text>,
        review_stage -> Nullable<Text>,
        staff_not_read -> Nullable<Integer>,
    }
}

diesel::table! {
    teams (id) {
        id -> Text,
        organisation_id -> Text,
        name -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    team_members (team_id, user_id) {
        team_id -> Text,
        user_id -> Text,
    }
}

diesel::table! {
    team_persons (team_id, person_id) {
        team_id -> Text,
        person_id -> Text,
        key_worker_user_id -> Nullable<Text>,
    }
}

diesel::table! {
    plan_versions (id) {
        id -> Text,
        plan_id -> Text,
        number -> Integer,
        agreed_at -> Timestamp,
        agreed_by -> Nullable<Text>,
        change_summary -> Text,
        document -> Text,
    }
}

diesel::table! {
    profiles (plan_id) {
        plan_id -> Text,
        important_to_me -> Text,
        like_about_me -> Text,
        how_to_support_me -> Text,
        culture_and_beliefs -> Text,
        lifestyle -> Text,
        aspirations -> Text,
        medical_history -> Text,
        own_words -> Nullable<Text>,
        picture -> Nullable<Text>,
        row_version -> BigInt,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    needs_headings (id) {
        id -> Text,
        organisation_id -> Text,
        key -> Text,
        label -> Text,
        position -> Integer,
        archived -> Bool,
        row_version -> BigInt,
    }
}

diesel::table! {
    findings (id) {
        id -> Text,
        plan_id -> Text,
        heading_id -> Text,
        kind -> Text,
        position -> Integer,
        text -> Text,
        own_words -> Nullable<Text>,
        picture -> Nullable<Text>,
        source -> Text,
        with_consent -> Bool,
        row_version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        easy_read -> Nullable<Text>,
    }
}

diesel::table! {
    goals (id) {
        id -> Text,
        plan_id -> Text,
        position -> Integer,
        term -> Text,
        text -> Text,
        own_words -> Nullable<Text>,
        picture -> Nullable<Text>,
        measure -> Text,
        baseline -> Text,
        target -> Text,
        start_on -> Date,
        due_on -> Date,
        status -> Text,
        row_version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        easy_read -> Nullable<Text>,
    }
}

diesel::table! {
    goal_needs (goal_id, finding_id) {
        goal_id -> Text,
        finding_id -> Text,
    }
}

diesel::table! {
    strategies (id) {
        id -> Text,
        plan_id -> Text,
        goal_id -> Text,
        position -> Integer,
        text -> Text,
        own_words -> Nullable<Text>,
        picture -> Nullable<Text>,
        responsible -> Text,
        responsible_name -> Text,
        frequency -> Text,
        start_on -> Date,
        end_on -> Nullable<Date>,
        resources -> Text,
        least_intrusive_reason -> Text,
        community_resource -> Nullable<Text>,
        budget_pence_per_month -> Nullable<BigInt>,
        self_managed -> Bool,
        information_shared -> Bool,
        row_version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        easy_read -> Nullable<Text>,
    }
}

diesel::table! {
    risk_plans (id) {
        id -> Text,
        plan_id -> Text,
        position -> Integer,
        activity -> Text,
        own_words -> Nullable<Text>,
        picture -> Nullable<Text>,
        hazards -> Text,
        likelihood -> Text,
        impact -> Text,
        persons_choice -> Text,
        safety_measures -> Text,
        review_on -> Date,
        safeguarding_concern -> Bool,
        row_version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        easy_read -> Nullable<Text>,
    }
}

diesel::table! {
    wishes_not_met (id) {
        id -> Text,
        plan_id -> Text,
        text -> Text,
        own_words -> Nullable<Text>,
        picture -> Nullable<Text>,
        reason -> Text,
        next_steps -> Text,
        appeal_explained -> Bool,
        recorded_on -> Date,
        row_version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        easy_read -> Nullable<Text>,
    }
}

diesel::table! {
    decisions (id) {
        id -> Text,
        plan_id -> Text,
        kind -> Text,
        text -> Text,
        own_words -> Nullable<Text>,
        picture -> Nullable<Text>,
        who -> Text,
        occurred_on -> Date,
        evidence -> Text,
        status -> Text,
        resolution -> Nullable<Text>,
        resolved_on -> Nullable<Date>,
        recorded_by -> Nullable<Text>,
        row_version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        about_section -> Nullable<Text>,
        about_kind -> Nullable<Text>,
        about_id -> Nullable<Text>,
        about_words -> Nullable<Text>,
        resolves -> Nullable<Text>,
    }
}

diesel::table! {
    signatures (id) {
        id -> Text,
        plan_id -> Text,
        plan_version_id -> Nullable<Text>,
        signer_user_id -> Nullable<Text>,
        signer_name -> Text,
        signer_role -> Text,
        signed_at -> Timestamp,
        reason -> Nullable<Text>,
        plan_row_version -> Nullable<BigInt>,
    }
}

diesel::table! {
    plan_acknowledgements (plan_version_id, user_id) {
        plan_version_id -> Text,
        user_id -> Text,
        acknowledged_at -> Timestamp,
    }
}

diesel::table! {
    progress_notes (id) {
        id -> Text,
        plan_id -> Text,
        goal_id -> Text,
        recorded_on -> Date,
        recorded_by -> Nullable<Text>,
        progress -> Text,
        measure_value -> Nullable<Text>,
        positive_changes -> Text,
        negative_changes -> Text,
        barriers -> Text,
        own_words -> Nullable<Text>,
        picture -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    reviews (id) {
        id -> Text,
        plan_id -> Text,
        kind -> Text,
        status -> Text,
        due_on -> Date,
        requested_by -> Nullable<Text>,
        request_reason -> Nullable<Text>,
        what_is_working -> Nullable<Text>,
        what_is_not_working -> Nullable<Text>,
        persons_views -> Nullable<Text>,
        proposed_changes -> Nullable<Text>,
        part_one_by -> Nullable<Text>,
        part_one_submitted_at -> Nullable<Timestamp>,
        outcome -> Nullable<Text>,
        changes_agreed -> Nullable<Text>,
        effectiveness_evidence -> Nullable<Text>,
        part_two_by -> Nullable<Text>,
        completed_at -> Nullable<Timestamp>,
        resulting_version_id -> Nullable<Text>,
        row_version -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    review_goal_progress (review_id, goal_id) {
        review_id -> Text,
        goal_id -> Text,
        progress -> Text,
        own_words -> Nullable<Text>,
    }
}

diesel::table! {
    feedback (id) {
        id -> Text,
        plan_id -> Text,
        author_user_id -> Nullable<Text>,
        author_name -> Text,
        kind -> Text,
        about -> Text,
        text -> Text,
        picture -> Nullable<Text>,
        status -> Text,
        response -> Nullable<Text>,
        responded_by -> Nullable<Text>,
        responded_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        row_version -> BigInt,
    }
}

diesel::table! {
    consents (id) {
        id -> Text,
        person_id -> Text,
        purpose -> Text,
        party_name -> Text,
        party_user_id -> Nullable<Text>,
        sections -> Text,
        access_level -> Text,
        basis -> Text,
        decision_maker -> Nullable<Text>,
        best_interests_reason -> Nullable<Text>,
        given_at -> Timestamp,
        expires_on -> Nullable<Date>,
        recorded_by -> Nullable<Text>,
        withdrawn_at -> Nullable<Timestamp>,
        withdrawn_by -> Nullable<Text>,
        withdrawal_reason -> Nullable<Text>,
        given_how -> Nullable<Text>,
        witness -> Nullable<Text>,
    }
}

diesel::table! {
    access_grants (id) {
        id -> Text,
        consent_id -> Text,
        person_id -> Text,
        grantee_user_id -> Text,
        sections -> Text,
        access_level -> Text,
        starts_at -> Timestamp,
        expires_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    family_contributions (id) {
        id -> Text,
        plan_id -> Text,
        author_user_id -> Text,
        section -> Text,
        item_id -> Nullable<Text>,
        kind -> Text,
        text -> Text,
        status -> Text,
        decided_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        row_version -> BigInt,
    }
}

diesel::table! {
    audit_events (id) {
        id -> Text,
        seq -> BigInt,
        organisation_id -> Nullable<Text>,
        occurred_at -> Timestamp,
        actor_user_id -> Nullable<Text>,
        actor_role -> Nullable<Text>,
        action -> Text,
        entity -> Text,
        entity_id -> Nullable<Text>,
        person_id -> Nullable<Text>,
        outcome -> Text,
        grant_id -> Nullable<Text>,
        prev_hash -> Text,
        hash -> Text,
        card_id -> Nullable<Text>,
    }
}

diesel::table! {
    pending_audit_events (id) {
        id -> Text,
        organisation_id -> Nullable<Text>,
        occurred_at -> Timestamp,
        actor_user_id -> Nullable<Text>,
        actor_role -> Nullable<Text>,
        action -> Text,
        entity -> Text,
        entity_id -> Nullable<Text>,
        person_id -> Nullable<Text>,
        outcome -> Text,
        grant_id -> Nullable<Text>,
        card_id -> Nullable<Text>,
    }
}

diesel::table! {
    audit_chain (id) {
        id -> Integer,
        last_seq -> BigInt,
        last_hash -> Text,
    }
}

diesel::joinable!(persons -> organisations (organisation_id));
diesel::joinable!(users -> organisations (organisation_id));
diesel::joinable!(users -> persons (person_id));
diesel::joinable!(plans -> persons (person_id));
diesel::joinable!(teams -> organisations (organisation_id));
diesel::joinable!(team_members -> teams (team_id));
diesel::joinable!(team_members -> users (user_id));
diesel::joinable!(team_persons -> teams (team_id));
diesel::joinable!(team_persons -> persons (person_id));
diesel::joinable!(findings -> needs_headings (heading_id));
diesel::joinable!(goal_needs -> goals (goal_id));
diesel::joinable!(goal_needs -> findings (finding_id));
diesel::joinable!(strategies -> goals (goal_id));
diesel::joinable!(review_goal_progress -> reviews (review_id));

diesel::allow_tables_to_appear_in_same_query!(
    organisations,
    persons,
    users,
    plans,
    teams,
    team_members,
    team_persons,
    plan_versions,
    profiles,
    needs_headings,
    findings,
    goals,
    goal_needs,
    strategies,
    risk_plans,
    wishes_not_met,
    decisions,
    signatures,
    plan_acknowledgements,
    progress_notes,
    reviews,
    review_goal_progress,
    feedback,
    consents,
    access_grants,
    family_contributions,
    audit_events,
);

diesel::table! {
    sessions (id) {
        id -> Text,
        user_id -> Text,
        created_at -> Timestamp,
        last_used_at -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        revoked_reason -> Nullable<Text>,
        sign_in_code_id -> Nullable<Text>,
    }
}

diesel::table! {
    refresh_tokens (token_hash) {
        token_hash -> Text,
        session_id -> Text,
        issued_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    sign_in_throttles (email_hash) {
        email_hash -> Text,
        failures -> Integer,
        locked_until -> Nullable<Timestamp>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    server_secrets (name) {
        name -> Text,
        value -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    sign_in_codes (id) {
        id -> Text,
        user_id -> Text,
        code_hash -> Text,
        issued_by -> Text,
        issued_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    idempotency_keys (user_id, idempotency_key) {
        user_id -> Text,
        idempotency_key -> Text,
        request_hash -> Text,
        response_status -> Integer,
        response_body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    item_opinions (id) {
        id -> Text,
        plan_id -> Text,
        item_kind -> Text,
        item_id -> Text,
        user_id -> Text,
        agrees -> Bool,
        comment -> Nullable<Text>,
        decision_id -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(refresh_tokens -> sessions (session_id));
diesel::allow_tables_to_appear_in_same_query!(sessions, users, refresh_tokens, sign_in_codes);
diesel::allow_tables_to_appear_in_same_query!(audit_events, sign_in_codes);
diesel::joinable!(access_grants -> consents (consent_id));

diesel::table! {
    notifications (id) {
        id -> Text,
        user_id -> Text,
        kind -> Text,
        person_id -> Text,
        review_id -> Nullable<Text>,
        text -> Text,
        created_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    setup_links (id) {
        id -> Text,
        token_hash -> Text,
        organisation_name -> Nullable<Text>,
        time_zone -> Nullable<Text>,
        admin_name -> Nullable<Text>,
        admin_email -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    installation (id) {
        id -> Integer,
        organisation_id -> Text,
        set_up_at -> Timestamp,
    }
}

diesel::table! {
    account_links (id) {
        id -> Text,
        user_id -> Text,
        purpose -> Text,
        token_hash -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::allow_tables_to_appear_in_same_query!(account_links, users);

diesel::table! {
    purges (id) {
        id -> Text,
        person_id -> Text,
        user_id -> Nullable<Text>,
        started_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    emails (id) {
        id -> Text,
        organisation_id -> Text,
        user_id -> Nullable<Text>,
        to_address -> Text,
        kind -> Text,
        language -> Text,
        subject -> Text,
        text_body -> Text,
        html_body -> Text,
        unsubscribe_url -> Nullable<Text>,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claimed_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    email_preferences (user_id, kind) {
        user_id -> Text,
        kind -> Text,
        delivery -> Text,
    }
}

diesel::table! {
    reminders (key) {
        key -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    media (id) {
        id -> Text,
        plan_id -> Text,
        section -> Text,
        item_id -> Nullable<Text>,
        kind -> Text,
        content_type -> Text,
        words -> Nullable<Text>,
        bytes -> Nullable<Binary>,
        byte_size -> BigInt,
        sha256 -> Text,
        width -> Nullable<Integer>,
        height -> Nullable<Integer>,
        duration_ms -> Nullable<Integer>,
        created_by -> Text,
        created_at -> Timestamp,
        removed_at -> Nullable<Timestamp>,
        removed_by -> Nullable<Text>,
    }
}

diesel::joinable!(media -> plans (plan_id));
diesel::allow_tables_to_appear_in_same_query!(media, plans);
diesel::allow_tables_to_appear_in_same_query!(media, users);

diesel::table! {
    picture_sorts (id) {
        id -> Text,
        plan_id -> Text,
        review_id -> Nullable<Text>,
        topic -> Text,
        goal_id -> Nullable<Text>,
        topic_words -> Text,
        cards -> Text,
        sorted_by -> Text,
        sorted_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(picture_sorts, users);
