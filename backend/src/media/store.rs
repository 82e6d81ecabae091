//! Where the bytes of photos and recordings are kept: in the database (the default, so a
//! backup of the database holds them), or as one file each in `OURPLAN_MEDIA_DIR`. Either way
//! the row keeps the SHA-256 of the bytes, and a file that no longer matches is not served.

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::AppError;

#[derive(Debug, Clone)]
pub enum MediaStore {
    Database,
    Directory(PathBuf),
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

impl MediaStore {
    /// The store the configuration names; a directory is made if it is missing.
    pub fn open(dir: Option<&Path>) -> std::io::Result<Self> {
        match dir {
            None => Ok(Self::Database),
            Some(dir) => {
                std::fs::create_dir_all(dir)?;
                Ok(Self::Directory(dir.to_path_buf()))
            }
        }
    }

    /// Ids are UUIDs the server made, so a path from one stays inside the directory.
    fn file(dir: &Path, id: &str) -> PathBuf {
        dir.join(id)
    }

    /// Keeps the bytes of the new item `id`, before its row is written: returns what the row's
    /// `bytes` column holds (the bytes themselves, or nothing when they are in a file).
    pub fn put(&self, id: &str, bytes: &[u8]) -> Result<Option<Vec<u8>>, AppError> {
        match self {
            Self::Database => Ok(Some(bytes.to_vec())),
            Self::Directory(dir) => {
                let part = dir.join(format!("{id}.part"));
                let written = (|| {
                    let mut file = std::fs::File::create(&part)?;
                    file.write_all(bytes)?;
                    file.sync_all()?;
                    std::fs::rename(&part, Self::file(dir, id))
                })();
                written.map_err(|error| {
                    let _ = std::fs::remove_file(&part);
                    AppError::Internal(format!("writing a media file: {error}"))
                })?;
                Ok(None)
            }
        }
    }

    /// Removes the file of an item whose row was never written (or was purged).
    pub fn discard(&self, id: &str) {
        if let Self::Directory(dir) = self {
            let _ = std::fs::remove_file(Self::file(dir, id));
        }
    }

    /// The bytes of item `id`, checked against the hash its row keeps.
    pub fn get(
        &self,
        id: &str,
        stored: Option<Vec<u8>>,
        sha256: &str,
    ) -> Result<Vec<u8>, AppError> {
        let bytes = match (self, stored) {
            (_, Some(bytes)) => bytes,
            (Self::Directory(dir), None) => std::fs::read(Self::file(dir, id))
                .map_err(|error| AppError::Internal(format!("reading media file {id}: {error}")))?,
            (Self::Database, None) => {
                return Err(AppError::Internal(format!(
                    "media {id} is kept in a file, but OURPLAN_MEDIA_DIR is not set"
                )));
            }
        };
        if sha256_hex(&bytes) != sha256 {
            return Err(AppError::Internal(format!(
                "media {id} does not match the hash it was kept with"
            )));
        }
        Ok(bytes)
    }
}

/// Copies every file of the media directory `from` into the new directory `to` (a backup
/// beside the database's, or a restore into an empty directory). Returns the bytes copied.
pub fn copy_dir(from: &Path, to: &Path) -> Result<u64, String> {
    if to.exists() && std::fs::read_dir(to).map_or(true, |mut d| d.next().is_some()) {
        return Err(format!(
            "{} already exists and is not empty; choose a new place so nothing is overwritten",
            to.display()
        ));
    }
    std::fs::create_dir_all(to).map_err(|e| format!("making {}: {e}", to.display()))?;
    let mut bytes = 0;
    let entries =
        std::fs::read_dir(from).map_err(|e| format!("reading {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("reading {}: {e}", from.display()))?;
        let name = entry.file_name();
        // A file still being written is not part of any committed row.
        if name.to_string_lossy().ends_with(".part") || !entry.path().is_file() {
            continue;
        }
        bytes += std::fs::copy(entry.path(), to.join(&name))
            .map_err(|e| format!("copying {}: {e}", entry.path().display()))?;
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_store_keeps_files_and_refuses_a_changed_one() -> Result<(), String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let store = MediaStore::open(Some(&dir.path().join("media"))).map_err(|e| e.to_string())?;
        let id = "0190d3c4-0000-7000-8000-000000000001";
        let hash = sha256_hex(b"my voice");
        assert_eq!(store.put(id, b"my voice").map_err(|e| e.to_string())?, None);
        assert_eq!(
            store.get(id, None, &hash).map_err(|e| e.to_string())?,
            b"my voice"
        );
        std::fs::write(dir.path().join("media").join(id), b"changed").map_err(|e| e.to_string())?;
        assert!(
            store.get(id, None, &hash).is_err(),
            "a changed file is not served"
        );
        let copy = dir.path().join("backup.media");
        assert_eq!(copy_dir(&dir.path().join("media"), &copy)?, 7);
        assert!(
            copy_dir(&dir.path().join("media"), &copy).is_err(),
            "never over a copy"
        );
        Ok(())
    }
}
