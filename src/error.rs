//! The library's one error type. Every variant that comes from an input names the file (and
//! the line, for CSV), so the command line can print a single self-explaining line.

use std::path::PathBuf;

/// Result alias used throughout the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

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

    /// A file is not valid UTF-8 text.
    #[error("{}{}: not valid UTF-8 text (byte {byte})", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    NotUtf8 {
        path: PathBuf,
        line: Option<u64>,
        byte: u64,
    },

    /// A file holds NUL bytes: it is binary, not text.
    #[error("{}:{line}: binary file (NUL byte at byte {byte}), not text", path.display())]
    Binary { path: PathBuf, line: u64, byte: u64 },

    /// A file is larger than the limit for its kind (see `data::MAX_ARTICLE_BYTES` and its
    /// siblings); `size` is unknown when reading from a stream.
    #[error("{}: {what} too large ({}; the limit is {max} bytes)", path.display(), size.map_or_else(|| format!("more than {max} bytes"), |s| format!("{s} bytes")))]
    TooLarge {
        path: PathBuf,
        what: &'static str,
        size: Option<u64>,
        max: u64,
    },

    /// An input holds no text to classify or learn from.
    #[error("{}: {what}", path.display())]
    Empty { path: PathBuf, what: String },

    /// A CSV file is malformed.
    #[error("{}:{line}: {message}", path.display())]
    Csv { path: PathBuf, line: u64, message: String },

    /// A record of a JSON-lines article stream is malformed.
    #[error("{}:{line}: {message}", path.display())]
    Record { path: PathBuf, line: u64, message: String },

    /// A CSV file lacks a column the task needs.
    #[error("{}: missing required column `{column}` (header has: {found})", path.display())]
    MissingColumn {
        path: PathBuf,
        column: String,
        found: String,
    },

    /// Evaluation data holds a label the model was not trained on.
    #[error("{}:{line}: unknown label `{label}` (the model knows: {known})", path.display())]
    UnknownLabel {
        path: PathBuf,
        line: u64,
        label: String,
        known: String,
    },

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

    /// An interactive command was run without a terminal.
    #[error("`stance label` needs a terminal: standard input or output is not a terminal (use `stance suggest` for sentences as CSV)")]
    NoTerminal,

    /// The optimizer failed.
    #[error("fitting the classifier failed: {0}")]
    Fit(String),
}

impl Error {
    /// Whether the error is the user's input (bad file, bad value) rather than a failure of the
    /// program or the machine. The command line maps input errors to exit code 2.
    pub fn is_input_error(&self) -> bool {
        match self {
            Error::Io { source, .. } => matches!(
                source.kind(),
                std::io::ErrorKind::NotFound
                    | std::io::ErrorKind::InvalidData
                    | std::io::ErrorKind::InvalidInput
                    | std::io::ErrorKind::IsADirectory
                    | std::io::ErrorKind::NotADirectory
            ),
            Error::Fit(_) => false,
            _ => true,
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
