//! The audit chain's key, kept in a file outside the database (`OURPLAN_AUDIT_KEY_FILE`).
//! From the entry named in the file on, each entry's hash is an HMAC-SHA-256 under this key,
//! so whoever can write to the database, the server's own role included, cannot rewrite an
//! entry and recompute the chain after it: without the key the hashes do not come out. The
//! file also says where keying began, so that cannot be moved from inside the database.

use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The key and the first entry it signs.
#[derive(Clone)]
pub struct AuditKey {
    key: Vec<u8>,
    pub from_seq: i64,
}

impl std::fmt::Debug for AuditKey {
    // The key itself is never printed.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuditKey")
            .field("from_seq", &self.from_seq)
            .finish_non_exhaustive()
    }
}

static INSTALLED: OnceLock<AuditKey> = OnceLock::new();

/// The key this process signs and verifies with, if one was installed at start.
pub fn installed() -> Option<&'static AuditKey> {
    INSTALLED.get()
}

/// Installs the key for this process; a second, different one is refused.
pub fn install(key: AuditKey) -> Result<(), String> {
    let installed = INSTALLED.get_or_init(|| key.clone());
    if installed.key == key.key && installed.from_seq == key.from_seq {
        Ok(())
    } else {
        Err("a different audit key is already in use by this process".to_owned())
    }
}

impl AuditKey {
    /// HMAC-SHA-256 of `text` under the key, as 64 hex characters.
    pub fn sign(&self, text: &str) -> String {
        // HMAC takes a key of any length; the error cannot happen.
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.key) else {
            return String::new();
        };
        mac.update(text.as_bytes());
        mac.finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// Reads the key file, or writes a new one (readable by its owner only) whose keying
    /// begins at `next_seq` when there is none yet.
    pub fn load_or_create(path: &Path, next_seq: i64) -> Result<Self, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => Self::parse(&text)
                .ok_or_else(|| format!("{} is not an Ourplan audit key file", path.display())),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                let key = Self {
                    key: crate::auth::secret::random_hex().into_bytes(),
                    from_seq: next_seq,
                };
                key.write(path)
                    .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
                log::info!(
                    "wrote a new audit key to {}; keep it with the server, away from the database",
                    path.display()
                );
                Ok(key)
            }
            Err(error) => Err(format!("cannot read {}: {error}", path.display())),
        }
    }

    /// Reads an existing key file: to check a backup or a restored database.
    pub fn load(path: &Path) -> Result<Self, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
        Self::parse(&text)
            .ok_or_else(|| format!("{} is not an Ourplan audit key file", path.display()))
    }

    fn parse(text: &str) -> Option<Self> {
        let value = |name: &str| {
            text.lines()
                .find_map(|line| line.strip_prefix(name)?.strip_prefix('='))
                .map(str::trim)
        };
        let key = value("key")?;
        let from_seq = value("from_seq")?.parse().ok()?;
        (key.len() == 64 && key.chars().all(|c| c.is_ascii_hexdigit())).then(|| Self {
            key: key.as_bytes().to_vec(),
            from_seq,
        })
    }

    fn write(&self, path: &Path) -> std::io::Result<()> {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(path)?;
        writeln!(
            file,
            "# Ourplan's audit key. Keep it with the server and its configuration, never with\n\
             # the database: whoever has both could rewrite the audit trail unseen."
        )?;
        writeln!(file, "from_seq={}", self.from_seq)?;
        writeln!(file, "key={}", String::from_utf8_lossy(&self.key))?;
        file.sync_all()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_key_file_is_written_once_read_back_and_signs_like_hmac() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("audit.key");
        let made = AuditKey::load_or_create(&path, 42).unwrap();
        let read = AuditKey::load_or_create(&path, 7).unwrap();
        assert_eq!(read.from_seq, 42, "an existing file is kept as it is");
        assert_eq!(made.sign("row"), read.sign("row"));
        assert_eq!(made.sign("row").len(), 64);
        assert_ne!(made.sign("row"), crate::auth::secret::sha256_hex("row"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(&path, "nonsense").unwrap();
        assert!(AuditKey::load_or_create(&path, 1).is_err());
    }
}
