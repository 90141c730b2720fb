//! The library's one error type. Every error that comes from an input carries a [`Location`]:
//! the file, and where it is known the line and the byte offset (named as from the start of the
//! file or of the record's text), so the command line can print a single self-explaining line.

use std::fmt;
use std::path::{Path, PathBuf};

/// Result alias used throughout the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where in the inputs something is: a file (or `<stdin>`), a line of it, a byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    /// 1-based line (of the file; for a record, the line where the record starts).
    pub line: Option<u64>,
    pub byte: Option<Byte>,
}

/// A 0-based byte offset, and what it counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Byte {
    /// From the start of the file.
    InFile(u64),
    /// From the start of a record's text (a CSV field, a JSON string).
    InText(u64),
}

impl Location {
    /// A whole file.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Location {
            path: path.into(),
            line: None,
            byte: None,
        }
    }

    /// A line of a file.
    pub fn line(path: impl Into<PathBuf>, line: u64) -> Self {
        Location {
            path: path.into(),
            line: Some(line),
            byte: None,
        }
    }

    /// This location, at `byte`.
    pub fn at_byte(mut self, byte: Byte) -> Self {
        self.byte = Some(byte);
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// ` (byte N of the file)`, ` (byte N of the text)`, or nothing.
    fn byte_note(&self) -> String {
        match self.byte {
            Some(Byte::InFile(b)) => format!(" (byte {b} of the file)"),
            Some(Byte::InText(b)) => format!(" (byte {b} of the text)"),
            None => String::new(),
        }
    }
}

/// `PATH` or `PATH:LINE` (the byte, when known, is said by the message itself).
impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong in `stance`.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder could not be read or written (the cause is the source).
    #[error("{}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A file could not be written (the cause is the source). Never the input's fault.
    #[error("cannot write {}", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// An input is not valid UTF-8 text.
    #[error("{at}: not valid UTF-8 text{}", at.byte_note())]
    NotUtf8 { at: Location },

    /// An input holds NUL bytes: it is binary, not text.
    #[error("{at}: binary data, not text (a NUL byte{})", at.byte_note().replace(" (byte", " at byte").replace(')', ""))]
    Binary { at: Location },

    /// An input is larger than the limit for its kind (see `io::read::MAX_ARTICLE_BYTES` and
    /// its siblings); `size` is unknown when reading from a stream.
    #[error("{at}: {what} too large ({}; the limit is {max} bytes)", size.map_or_else(|| format!("more than {max} bytes"), |s| format!("{s} bytes")))]
    TooLarge {
        at: Location,
        what: &'static str,
        size: Option<u64>,
        max: u64,
    },

    /// An input holds no text to classify or learn from.
    #[error("{at}: {what}")]
    Empty { at: Location, what: String },

    /// A CSV file is malformed.
    #[error("{at}: {message}")]
    Csv { at: Location, message: String },

    /// A record of a JSON-lines article stream is malformed.
    #[error("{at}: {message}")]
    Record { at: Location, message: String },

    /// A CSV file lacks a column the task needs.
    #[error("{at}: missing required column `{column}` (header has: {found})")]
    MissingColumn {
        at: Location,
        column: String,
        found: String,
    },

    /// Evaluation data holds a label the model was not trained on.
    #[error("{at}: unknown label `{label}` (the model knows: {known})")]
    UnknownLabel { at: Location, label: String, known: String },

    /// Training data does not allow a model to be fitted.
    #[error("{what}")]
    BadTrainingData { what: String },

    /// A model file could not be used.
    #[error("{}: {message}", path.display())]
    Model { path: PathBuf, message: String },

    /// A model file of another format version.
    #[error("{}: model format version {found}, this stance reads version {expected}; retrain with `stance train`", path.display())]
    ModelVersion { path: PathBuf, found: u64, expected: u64 },

    /// A parameter outside its valid range.
    #[error("invalid value {value} for {name}: {expected}")]
    InvalidParam {
        name: &'static str,
        value: String,
        expected: String,
    },

    /// Options that cannot be used together, or an option that needs another.
    #[error("{0}")]
    Usage(String),

    /// The optimizer failed (its error is the source).
    #[error("fitting the classifier failed")]
    Fit {
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl Error {
    /// Whether the error is the user's input (bad file, bad value) rather than a failure of the
    /// program or the machine. The command line maps input errors to exit code 2.
    pub fn is_input_error(&self) -> bool {
        match self {
            Error::Io { source, .. } => matches!(
                source.kind(),
                std::io::ErrorKind::NotFound
                    | std::io::ErrorKind::PermissionDenied
                    | std::io::ErrorKind::InvalidData
                    | std::io::ErrorKind::InvalidInput
                    | std::io::ErrorKind::IsADirectory
                    | std::io::ErrorKind::NotADirectory
            ),
            Error::Fit { .. } | Error::Write { .. } => false,
            _ => true,
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub fn write(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Write {
            path: path.into(),
            source,
        }
    }

    /// The file an error is about, when it is about one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Error::Io { path, .. }
            | Error::Write { path, .. }
            | Error::Model { path, .. }
            | Error::ModelVersion { path, .. } => Some(path),
            Error::NotUtf8 { at }
            | Error::Binary { at }
            | Error::TooLarge { at, .. }
            | Error::Empty { at, .. }
            | Error::Csv { at, .. }
            | Error::Record { at, .. }
            | Error::MissingColumn { at, .. }
            | Error::UnknownLabel { at, .. } => Some(&at.path),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_kinds_and_locations() {
        let denied = Error::io("a.txt", std::io::ErrorKind::PermissionDenied.into());
        assert!(denied.is_input_error(), "an unreadable input is the input's fault");
        let write = Error::write("out.csv", std::io::ErrorKind::PermissionDenied.into());
        assert!(!write.is_input_error(), "a failed write is not");
        assert_eq!(write.to_string(), "cannot write out.csv");
        let at = Location::line("t.csv", 4).at_byte(Byte::InText(3));
        assert_eq!(at.to_string(), "t.csv:4");
        assert_eq!(
            Error::NotUtf8 { at }.to_string(),
            "t.csv:4: not valid UTF-8 text (byte 3 of the text)"
        );
        let fit = Error::Fit {
            source: "no convergence".into(),
        };
        assert_eq!(std::error::Error::source(&fit).unwrap().to_string(), "no convergence");
    }
}
