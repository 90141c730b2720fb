//! One folder walker: depth first, each folder's entries in name order (which is path order),
//! files with chosen endings, each with its path relative to the folder walked (the name it goes
//! by in outputs: `wire/may/story.txt`). It holds one folder listing per level at a time.

use std::path::{Path, PathBuf};

use crate::error::Location;
use crate::{Error, Result};

/// A file found by a [`Walker`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    /// The path relative to the folder walked, `/`-separated.
    pub doc: String,
}

/// The files of a folder with chosen endings (recursively). A folder with none yields one
/// error, as does a folder that cannot be listed.
pub struct Walker {
    root: PathBuf,
    extensions: Vec<String>,
    stack: Vec<std::vec::IntoIter<(PathBuf, bool)>>,
    started: bool,
    found: bool,
}

impl Walker {
    /// Walks `root` for files ending in one of `extensions` (without the dot, any case).
    pub fn new(root: PathBuf, extensions: &[String]) -> Self {
        Walker {
            root,
            extensions: extensions.to_vec(),
            stack: Vec::new(),
            started: false,
            found: false,
        }
    }

    fn found(&self, path: PathBuf) -> Found {
        let rel = path.strip_prefix(&self.root).unwrap_or(&path);
        let doc = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        Found { path, doc }
    }
}

impl Iterator for Walker {
    type Item = Result<Found>;

    fn next(&mut self) -> Option<Result<Found>> {
        if !self.started {
            self.started = true;
            match list_dir(&self.root) {
                Ok(entries) => self.stack.push(entries),
                Err(e) => {
                    self.found = true; // reported; no "empty folder" error on top
                    return Some(Err(e));
                }
            }
        }
        loop {
            let Some(top) = self.stack.last_mut() else {
                if !self.found {
                    self.found = true;
                    let endings: Vec<String> = self.extensions.iter().map(|e| format!(".{e}")).collect();
                    return Some(Err(Error::Empty {
                        at: Location::file(&self.root),
                        what: format!("folder holds no {} files", endings.join(" or ")),
                    }));
                }
                return None;
            };
            match top.next() {
                None => {
                    self.stack.pop();
                }
                Some((path, true)) => match list_dir(&path) {
                    Ok(entries) => self.stack.push(entries),
                    Err(e) => return Some(Err(e)),
                },
                Some((path, false)) if has_extension(&path, &self.extensions) => {
                    self.found = true;
                    return Some(Ok(self.found(path)));
                }
                Some(_) => {}
            }
        }
    }
}

/// A folder's entries in name order, each with whether it is a folder (from the listing itself
/// where the file system says so, saving a `stat` per file; symbolic links are followed).
fn list_dir(dir: &Path) -> Result<std::vec::IntoIter<(PathBuf, bool)>> {
    let mut entries = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        let is_dir = match entry.file_type() {
            Ok(t) if !t.is_symlink() => t.is_dir(),
            _ => path.is_dir(),
        };
        entries.push((path, is_dir));
    }
    entries.sort();
    Ok(entries.into_iter())
}

/// Whether `path` ends in one of `extensions` (without the dot, any case).
pub fn has_extension(path: &Path, extensions: &[String]) -> bool {
    path.extension()
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x.as_str())))
}

/// The name a file named directly goes by: its path as given.
pub fn given_name(path: &Path) -> String {
    path.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_in_path_order_with_relative_names() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for f in ["wire/may/story.txt", "local/story.txt", "a.TXT", "wire/z.md"] {
            std::fs::create_dir_all(d.join(f).parent().unwrap()).unwrap();
            std::fs::write(d.join(f), "x").unwrap();
        }
        let docs: Vec<String> = Walker::new(d.to_owned(), &["txt".into()])
            .map(|f| f.unwrap().doc)
            .collect();
        assert_eq!(docs, ["a.TXT", "local/story.txt", "wire/may/story.txt"]);
        let none: Vec<_> = Walker::new(d.join("local"), &["csv".into()]).collect();
        assert_eq!(none.len(), 1);
        assert!(none[0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .ends_with("folder holds no .csv files"));
    }
}
