//! One atomic writer for everything `stance` writes (models, `--output`, plots): bytes go to a
//! temporary file beside the target, which is flushed to disk, renamed into place, and the
//! folder synced, so a reader sees the previous file or the complete new one, never a part.
//!
//! The temporary file is named `.<file name>.<random>.tmp` and locked while it is written. A
//! run that is killed leaves it behind; the next write to the same file removes every such file
//! no longer locked (its writer is gone).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// Ending of temporary files.
pub const TEMP_SUFFIX: &str = ".tmp";

/// A file being written atomically; [`AtomicFile::commit`] puts it in place. Dropped without
/// it, the temporary file is removed and any previous file is left as it was.
pub struct AtomicFile {
    path: PathBuf,
    tmp: std::io::BufWriter<tempfile::NamedTempFile>,
}

impl AtomicFile {
    /// Starts writing `path`. With `create_dirs`, missing folders on the way are created;
    /// without, a missing folder is an error naming `path`. A `path` that is a folder is the
    /// caller's mistake (an input error), any other failure is not.
    pub fn create(path: &Path, create_dirs: bool) -> Result<Self> {
        if path.is_dir() {
            return Err(Error::io(path, std::io::ErrorKind::IsADirectory.into()));
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let name = path
            .file_name()
            .ok_or_else(|| Error::write(path, std::io::Error::other("not a file name")))?
            .to_string_lossy()
            .into_owned();
        if create_dirs {
            std::fs::create_dir_all(dir).map_err(|e| Error::write(path, e))?;
        } else if !dir.is_dir() {
            let e = std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("folder {} does not exist", dir.display()),
            );
            return Err(Error::write(path, e));
        }
        let prefix = format!(".{name}.");
        remove_stale_temporaries(dir, &prefix);
        let tmp = tempfile::Builder::new()
            .prefix(&prefix)
            .suffix(TEMP_SUFFIX)
            .tempfile_in(dir)
            .map_err(|e| Error::write(path, e))?;
        // Best effort: where locks are not supported, nobody can take the lock to remove it.
        let _ = tmp.as_file().lock();
        Ok(AtomicFile {
            path: path.to_owned(),
            tmp: std::io::BufWriter::with_capacity(1 << 16, tmp),
        })
    }

    /// Where bytes go until [`AtomicFile::commit`].
    pub fn writer(&mut self) -> &mut (dyn Write + Send) {
        &mut self.tmp
    }

    /// Flushes to disk, renames the file into place and syncs its folder.
    pub fn commit(self) -> Result<()> {
        let path = self.path;
        let tmp = self.tmp.into_inner().map_err(|e| Error::write(&path, e.into_error()))?;
        tmp.as_file().sync_all().map_err(|e| Error::write(&path, e))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::Permissions::from_mode(0o644);
            tmp.as_file()
                .set_permissions(mode)
                .map_err(|e| Error::write(&path, e))?;
        }
        tmp.persist(&path).map_err(|e| Error::write(&path, e.error))?;
        // Make the rename itself durable; a failure here leaves a complete file in place.
        #[cfg(unix)]
        if let Some(dir) = path.parent() {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }
}

/// Writes `bytes` to `path` atomically (see [`AtomicFile`]).
pub fn write_atomic(path: &Path, bytes: &[u8], create_dirs: bool) -> Result<()> {
    let mut file = AtomicFile::create(path, create_dirs)?;
    file.writer().write_all(bytes).map_err(|e| Error::write(path, e))?;
    file.commit()
}

/// Removes the temporary files (`<prefix>*.tmp`) in `dir` left by writers that were killed:
/// those nobody holds a lock on. Best effort: errors are ignored.
fn remove_stale_temporaries(dir: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(prefix) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let path = entry.path();
        if let Ok(file) = std::fs::File::open(&path) {
            if file.try_lock().is_ok() {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replace_cleans_stale_temporaries_and_name_the_target() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.csv");
        std::fs::write(dir.path().join(".out.csv.stale.tmp"), "old").unwrap();
        write_atomic(&p, b"one", false).unwrap();
        write_atomic(&p, b"two", false).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out.csv"]);
        let missing = dir.path().join("no/such/x.csv");
        let e = write_atomic(&missing, b"x", false).unwrap_err();
        assert!(e.to_string().contains(&missing.display().to_string()), "{e}");
        assert!(!e.is_input_error());
        // Dropped without commit: nothing left.
        drop(AtomicFile::create(&dir.path().join("gone.csv"), false).unwrap());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
