//! Random secrets and their one-way hashes.

use rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

/// 32 random bytes as 64 hex characters.
pub fn random_hex() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

/// SHA-256 as 64 hex characters: how refresh tokens and throttled emails are stored.
pub fn sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_long_and_fresh_and_hashes_stable() {
        let a = random_hex();
        assert_eq!(a.len(), 64);
        assert_ne!(a, random_hex());
        assert_eq!(
            sha256_hex("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
