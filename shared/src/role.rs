//! Who a user is to the plan (see "People and roles" in the requirements).

crate::keyed_enum! {
    pub enum Role {
        /// The person the plan is about.
        Individual = "individual",
        /// Family, friend, carer or advocate: sees only what the person consented to.
        Family = "family",
        SupportWorker = "support_worker",
        Manager = "manager",
        /// Manages users and settings; sees no plan content unless also on the team.
        Admin = "admin",
    }
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Self::Individual => "Person supported",
            Self::Family => "Family member or advocate",
            Self::SupportWorker => "Support worker",
            Self::Manager => "Manager",
            Self::Admin => "Administrator",
        }
    }

    pub fn is_staff(self) -> bool {
        matches!(self, Self::SupportWorker | Self::Manager | Self::Admin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_match_serde() {
        for &role in Role::ALL {
            assert_eq!(Role::from_key(role.key()), Some(role));
            assert_eq!(
                serde_json::to_string(&role).unwrap(),
                format!("\"{}\"", role.key())
            );
        }
        assert_eq!(Role::from_key("Admin"), None);
    }
}
