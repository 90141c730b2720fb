//! The shape of the source, checked: dependencies point down the rooms (`cli` -> `commands` ->
//! `output` -> `evaluate` -> `model` -> `features` -> `text`, `labeled` -> `io`), no two files
//! of a room import each other in a circle, and no Rust file is over 800 lines. A module that
//! needs something from a room above it is in the wrong room.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The rooms, lowest first: a room may use only itself and the rooms before it.
const ROOMS: &[&str] = &[
    "error",
    "io",
    "labeled",
    "text",
    "features",
    "model",
    "evaluate",
    "output",
    "commands",
    "invariants",
    "cli",
];

const MAX_LINES: usize = 800;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries {
        let path = e.unwrap().path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file under `src/`: `src/model/fast/mod.rs` -> `["model", "fast"]`.
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" {
        parts.push(stem.to_string());
    }
    parts
}

fn room_of(module: &[String]) -> &str {
    match module.first().map(String::as_str) {
        Some("main") | Some("cli") => "cli",
        Some(first) => ROOMS.iter().find(|r| **r == first).copied().unwrap_or("lib"),
        None => "lib",
    }
}

/// The code of a file without its comments (doc links may point anywhere).
fn code(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path `prefix::a::b...` in `code`, as its segments.
fn paths_after(code: &str, prefix: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (i, _) in code.match_indices(prefix) {
        if code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[i + prefix.len()..];
        let end = rest
            .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == ':'))
            .unwrap_or(rest.len());
        let segments: Vec<String> = rest[..end]
            .split("::")
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        out.push(segments);
    }
    out
}

#[test]
fn dependencies_point_down_and_no_files_of_a_room_import_each_other_in_a_circle() {
    let src = root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeMap<Vec<String>, PathBuf> = files
        .iter()
        .map(|f| (module_of(f.strip_prefix(&src).unwrap()), f.clone()))
        .collect();
    let rank = |room: &str| ROOMS.iter().position(|r| *r == room);
    let mut upward = Vec::new();
    let mut edges: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    for (module, file) in &modules {
        let room = room_of(module);
        let text = code(&std::fs::read_to_string(file).unwrap());
        let is_mod = file.ends_with("mod.rs") || module.len() <= 1;
        // `super::` of `a/b.rs` (module `a::b`) and of `a/mod.rs` (module `a`) alike: the module
        // above the file's own.
        let parent: Vec<String> = module[..module.len().saturating_sub(1)].to_vec();
        let mut targets = Vec::new();
        let from_root = if room == "cli" { "stance::" } else { "crate::" };
        targets.extend(paths_after(&text, from_root));
        for p in paths_after(&text, "super::") {
            targets.push([parent.clone(), p].concat());
        }
        for target in targets {
            let Some(found) = (1..=target.len())
                .rev()
                .find_map(|k| modules.get_key_value(&target[..k]))
            else {
                continue;
            };
            let (target_module, target_file) = found;
            if target_file == file {
                continue;
            }
            let target_room = room_of(target_module);
            if let (Some(a), Some(b)) = (rank(room), rank(target_room)) {
                if b > a {
                    upward.push(format!(
                        "{} ({room}) uses {} ({target_room})",
                        file.display(),
                        target_file.display()
                    ));
                }
            }
            // Circles between sibling files; a parent (mod.rs) and its children use each other
            // by design (re-exports), so they are left out.
            let target_is_mod = target_file.ends_with("mod.rs") || target_module.len() <= 1;
            if !is_mod && !target_is_mod {
                edges.entry(file.clone()).or_default().insert(target_file.clone());
            }
        }
    }
    assert!(upward.is_empty(), "imports of a room above:\n{}", upward.join("\n"));
    // A circle: some file reaches itself.
    let mut circles = Vec::new();
    for start in edges.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&PathBuf> = edges[start].iter().collect();
        while let Some(f) = stack.pop() {
            if f == start {
                circles.push(start.display().to_string());
                break;
            }
            if seen.insert(f) {
                stack.extend(edges.get(f).into_iter().flatten());
            }
        }
    }
    assert!(circles.is_empty(), "files in an import circle:\n{}", circles.join("\n"));
}

#[test]
fn no_rust_file_is_over_800_lines() {
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches", "examples", "fuzz", "build.rs"] {
        let path = root().join(dir);
        if path.is_file() {
            files.push(path);
        } else {
            rust_files(&path, &mut files);
        }
    }
    assert!(files.len() > 50, "found only {} Rust files", files.len());
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).unwrap().lines().count();
            (n > MAX_LINES).then(|| format!("{}: {n} lines", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "over {MAX_LINES} lines:\n{}", long.join("\n"));
}
