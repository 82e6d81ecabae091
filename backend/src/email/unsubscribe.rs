//! One-click unsubscribe links (RFC 8058): `<user id>.<kind>.<signature>`, signed with a key
//! kept in the database, so a link works without signing in and nobody can make one for
//! someone else.

use hmac::{Hmac, Mac};
use ourplan_shared::email::EmailKind;
use ourplan_shared::id::UserId;
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

fn mac(key: &[u8], user_id: UserId, kind: EmailKind) -> HmacSha256 {
    // HMAC takes a key of any length.
    let mut mac = HmacSha256::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(user_id.to_string().as_bytes());
    mac.update(b".");
    mac.update(kind.key().as_bytes());
    mac
}

/// The token for stopping `kind` for `user_id`.
pub fn token(key: &[u8], user_id: UserId, kind: EmailKind) -> String {
    let signature = mac(key, user_id, kind).finalize().into_bytes();
    let hex: String = signature.iter().map(|b| format!("{b:02x}")).collect();
    format!("{user_id}.{}.{hex}", kind.key())
}

/// Whose and which kind a token stops, if it is genuine.
pub fn read(key: &[u8], token: &str) -> Option<(UserId, EmailKind)> {
    let mut parts = token.trim().splitn(3, '.');
    let (user, kind, hex) = (parts.next()?, parts.next()?, parts.next()?);
    let user_id = UserId::parse(user)?;
    let kind = EmailKind::from_key(kind).filter(|k| k.is_chosen())?;
    if hex.len() != 64 || !hex.is_ascii() {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..32)
        .map(|i| u8::from_str_radix(&hex[i * 2..i * 2 + 2], 16).ok())
        .collect();
    // Compared in constant time.
    mac(key, user_id, kind).verify_slice(&bytes?).ok()?;
    Some((user_id, kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    const USER: &str = "0192f0a4-7c1e-7b3a-9d2e-1a2b3c4d5e6f";

    #[test]
    fn a_token_reads_back_and_a_changed_one_does_not() {
        let key = b"a key of the server";
        let token = token(key, UserId::parse(USER).unwrap(), EmailKind::ReviewDue);
        let (user, kind) = read(key, &token).unwrap();
        assert_eq!(user.to_string(), USER);
        assert_eq!(kind, EmailKind::ReviewDue);
        let other_kind = token.replace("review_due", "consent_ending");
        assert_eq!(read(key, &other_kind), None);
        assert_eq!(read(b"another key", &token), None);
        assert_eq!(read(key, "nonsense"), None);
        assert_eq!(
            read(key, &format!("{USER}.invitation.{}", "0".repeat(64))),
            None
        );
    }
}
