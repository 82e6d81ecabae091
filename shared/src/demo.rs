//! The fictional demo organisation seeded by `cargo xtask run` on first run. Every name here is
//! invented; `.test` addresses can never reach a real mailbox.

use crate::role::Role;

/// The password of every demo account. Demo data only: a real deployment never seeds it.
pub const DEMO_PASSWORD: &str = "ourplan-demo-2026";

pub const ORGANISATION: &str = "Riverside Support (demo)";

/// The person whose plan the demo shows.
pub const PERSON_FULL_NAME: &str = "Alex Rivers";
pub const PERSON_PREFERRED_NAME: &str = "Alex";

pub struct DemoAccount {
    pub email: &'static str,
    pub display_name: &'static str,
    pub role: Role,
}

/// One sign-in for each role.
pub const ACCOUNTS: [DemoAccount; 5] = [
    DemoAccount {
        email: "alex.rivers@demo.ourplan.test",
        display_name: PERSON_FULL_NAME,
        role: Role::Individual,
    },
    DemoAccount {
        email: "morgan.rivers@demo.ourplan.test",
        display_name: "Morgan Rivers",
        role: Role::Family,
    },
    DemoAccount {
        email: "jordan.bell@demo.ourplan.test",
        display_name: "Jordan Bell",
        role: Role::SupportWorker,
    },
    DemoAccount {
        email: "priya.sharma@demo.ourplan.test",
        display_name: "Priya Sharma",
        role: Role::Manager,
    },
    DemoAccount {
        email: "sam.okafor@demo.ourplan.test",
        display_name: "Sam Okafor",
        role: Role::Admin,
    },
];
