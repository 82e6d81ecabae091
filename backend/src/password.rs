//! Password hashing with argon2id, and the rule for new passwords: 8 to 128 characters and not
//! one of the most common.
//!
//! The parameters are OWASP's minimum in the form that uses least memory: 7 MiB, 5 iterations,
//! 1 lane, which OWASP lists as an equal defence to 19 MiB and 2 iterations for about the same
//! time. Each hash's block is the largest allocation the server makes; at 19 MiB a sign-in
//! alone lifted its resident memory past 60 MiB under load. A hash stored with other
//! parameters still verifies, and is replaced at the next sign-in.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use ourplan_shared::account::password_length_problem;
use rand_core::OsRng;
use zxcvbn::Score;
use zxcvbn::feedback::Warning;

use crate::error::AppError;

mod queue;
pub use queue::{HashQueue, Verified};

const MEMORY_KIB: u32 = 7 * 1024;
const ITERATIONS: u32 = 5;
const LANES: u32 = 1;

fn argon2() -> Result<Argon2<'static>, AppError> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, LANES, None)
        .map_err(|error| AppError::Internal(format!("argon2 parameters: {error}")))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Why a new password is refused, in plain words; `None` when it is acceptable.
///
/// "Common" means what zxcvbn's frequency lists (30,000 leaked passwords) say: the whole
/// password is one of them, a variant of one (capitals, reversed, l33t), or trivially
/// guessable (`aaaaaaaa`, `12345678`, `qwertyui`).
pub fn policy_problem(password: &str, user_inputs: &[&str]) -> Option<String> {
    if let Some(problem) = password_length_problem(password) {
        return Some(problem);
    }
    let entropy = zxcvbn::zxcvbn(password, user_inputs);
    let common = matches!(
        entropy.feedback().and_then(|f| f.warning()),
        Some(
            Warning::ThisIsATop10Password
                | Warning::ThisIsATop100Password
                | Warning::ThisIsACommonPassword
                | Warning::ThisIsSimilarToACommonlyUsedPassword
        )
    );
    (common || entropy.score() == Score::Zero).then(|| {
        "This password is too common or too easy to guess. Try a few unrelated words together."
            .to_owned()
    })
}

/// Hashes a password into a PHC string that records its own parameters.
pub fn hash(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()?
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| AppError::Internal(format!("argon2 hash: {error}")))
}

/// A hash to check against when there is no such account, so that answer takes as long.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| {
        let random: String = (0..4)
            .map(|_| rand_core::RngCore::next_u64(&mut OsRng).to_string())
            .collect();
        hash(&random).unwrap_or_default()
    })
}

/// True when the stored PHC string was made with today's algorithm and parameters; a hash
/// that is not is made again from the password at the next sign-in.
pub fn is_current(stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return false;
    };
    parsed.algorithm == Algorithm::Argon2id.ident()
        && parsed.version == Some(Version::V0x13.into())
        && (params.m_cost(), params.t_cost(), params.p_cost()) == (MEMORY_KIB, ITERATIONS, LANES)
}

/// True when `password` matches the stored PHC string.
pub fn verify(password: &str, stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    argon2().is_ok_and(|argon2| argon2.verify_password(password.as_bytes(), &parsed).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_with_argon2id_at_the_owasp_minimum_and_verifies() {
        let stored = hash("correct horse battery").unwrap();
        assert!(
            stored.starts_with("$argon2id$v=19$m=7168,t=5,p=1$"),
            "{stored}"
        );
        assert!(verify("correct horse battery", &stored));
        assert!(!verify("correct horse batterY", &stored));
        assert!(!verify("anything", "not a hash"));
        assert!(is_current(&stored));
    }

    #[test]
    fn a_hash_with_other_parameters_still_verifies_and_is_not_current() {
        let params = Params::new(19 * 1024, 2, 1, None).unwrap();
        let older = Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password(b"correct horse battery", &SaltString::generate(&mut OsRng))
            .unwrap()
            .to_string();
        assert!(older.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify("correct horse battery", &older));
        assert!(!is_current(&older));
        assert!(!is_current("not a hash"));
    }

    #[test]
    fn common_and_short_passwords_are_refused_and_long_random_ones_kept() {
        for common in [
            "password",
            "Password1",
            "12345678",
            "iloveyou",
            "qwertyuiop",
            "aaaaaaaa",
            "football",
            "p@ssw0rd",
            "sunshine",
        ] {
            assert!(
                policy_problem(common, &[]).is_some(),
                "{common} should be refused"
            );
        }
        assert!(policy_problem("short", &[]).is_some());
        assert!(
            policy_problem(&"long enough? ".repeat(10), &[]).is_some(),
            "over 128"
        );
        for fine in [
            "correct horse battery staple",
            "Rivers-lantern-42-otter",
            "ourplan-demo-2026",
        ] {
            assert_eq!(policy_problem(fine, &[]), None, "{fine}");
        }
        assert!(
            policy_problem("morgan.rivers", &["morgan.rivers"]).is_some(),
            "the account's own name or address"
        );
    }
}
