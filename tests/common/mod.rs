//! Helpers for integration tests: run the real `stance` binary in temporary folders.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Path of a file in the repository.
pub fn repo(rel: &str) -> PathBuf {
    root().join(rel)
}

/// A finished run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(out: Output) -> Self {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// The `stance: warning: ` lines of stderr.
    pub fn warnings(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| l.starts_with("stance: warning: "))
            .collect()
    }

    /// Asserts success and returns self.
    pub fn ok(self) -> Self {
        assert_eq!(
            self.code, 0,
            "stance failed:\nstdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        self
    }

    /// Asserts a clean failure: the exit code, a message naming `needle`, no panic or backtrace.
    pub fn fails(self, code: i32, needle: &str) -> Self {
        assert_eq!(self.code, code, "exit code; stderr: {}", self.stderr);
        assert!(
            self.stderr.contains(needle),
            "stderr should name {needle:?}: {}",
            self.stderr
        );
        assert_no_panic(&self.stderr);
        self
    }
}

pub fn assert_no_panic(stderr: &str) {
    for bad in ["panicked", "RUST_BACKTRACE", "stack backtrace"] {
        assert!(!stderr.contains(bad), "panic in stderr: {stderr}");
    }
}

/// Runs `stance` with `args` in `dir`.
pub fn stance(dir: &Path, args: &[&str]) -> Run {
    stance_stdin(dir, args, None)
}

/// Runs `stance` with `args` in `dir`, feeding `stdin`.
pub fn stance_stdin(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stance"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .env_remove("STANCE_MODEL")
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn stance");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        pipe.write_all(bytes).unwrap();
    }
    Run::from(child.wait_with_output().unwrap())
}

/// A temporary folder holding a copy of `labeled/` (as `labeled/`) and a `models/` folder.
pub fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo("labeled"), &dir.path().join("labeled"));
    std::fs::create_dir(dir.path().join("models")).unwrap();
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let p = entry.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).unwrap();
        }
    }
}

/// A workspace with a model trained from its `labeled/` at `models/stance.model`.
pub fn trained_workspace() -> tempfile::TempDir {
    let dir = workspace();
    // The committed model: `train` reproduces it byte for byte (tests/reproducible.rs), and
    // copying it spares every test a training run on the whole of labeled/.
    std::fs::copy(repo("models/stance.model"), dir.path().join("models/stance.model")).unwrap();
    dir
}

/// What `labeled/` holds: its rows, the rows per label (assertion, background, denial), the
/// CSV files, and the distinct claims. Tests compare the binary's output with these rather
/// than with numbers written down.
pub struct LabeledFacts {
    pub rows: usize,
    pub per_label: [usize; 3],
    pub files: usize,
    pub claims: usize,
}

pub fn labeled_facts() -> LabeledFacts {
    let set = stance::labeled::LabeledSet::read(&[repo("labeled")], None).unwrap();
    let count = |l: &str| set.rows.iter().filter(|r| r.label == l).count();
    LabeledFacts {
        rows: set.rows.len(),
        per_label: [count("assertion"), count("background"), count("denial")],
        files: set.files.len(),
        claims: set.claims().len(),
    }
}

/// `--data` arguments naming the labeled rows of the two seed articles only (labeled/ also
/// holds the disputes of labeled/disputes/).
pub const SEED_DATA: [&str; 4] = [
    "--data",
    "labeled/000_d9e5b95a3f51618a.csv",
    "--data",
    "labeled/004_3593f8da517aa249.csv",
];

/// Parses CSV output into header and rows.
pub fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

/// A folder of `n` articles made from the two seed articles (each rotated at a different cut),
/// spread over three sub-folders.
pub fn corpus(root: &Path, n: usize) {
    let seeds = [
        std::fs::read_to_string(repo("labeled/articles/000_d9e5b95a3f51618a.txt")).unwrap(),
        std::fs::read_to_string(repo("labeled/articles/004_3593f8da517aa249.txt")).unwrap(),
    ];
    for i in 0..n {
        let sub = root.join(format!("part{}", i % 3));
        std::fs::create_dir_all(&sub).unwrap();
        let text = &seeds[i % 2];
        let cut = text.len() * (i % 5) / 10;
        let cut = (cut..text.len()).find(|&c| text.is_char_boundary(c)).unwrap();
        std::fs::write(
            sub.join(format!("a{i:04}.txt")),
            format!("{}\n{}", &text[cut..], &text[..cut]),
        )
        .unwrap();
    }
}
