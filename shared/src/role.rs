//! Who a user is to the plan (see "People and roles" in the requirements).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The person the plan is about.
    Individual,
    /// Family, friend, carer or advocate: sees only what the person consented to.
    Family,
    SupportWorker,
    Manager,
    /// Manages users and settings; sees no plan content unless also on the team.
    Admin,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Individual,
        Role::Family,
        Role::SupportWorker,
        Role::Manager,
        Role::Admin,
    ];

    /// The stable key stored in the database and sent on the wire.
    pub fn key(self) -> &'static str {
        match self {
            Self::Individual => "individual",
            Self::Family => "family",
            Self::SupportWorker => "support_worker",
            Self::Manager => "manager",
            Self::Admin => "admin",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.key() == key)
    }

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
        for role in Role::ALL {
            assert_eq!(Role::from_key(role.key()), Some(role));
            assert_eq!(
                serde_json::to_string(&role).unwrap(),
                format!("\"{}\"", role.key())
            );
        }
        assert_eq!(Role::from_key("Admin"), None);
    }
}
