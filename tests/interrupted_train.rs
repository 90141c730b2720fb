//! A failed or interrupted `train` keeps the previous model, driven through the real binary: a
//! failed or killed `train` leaves the previous model byte for byte, or the complete new one,
//! never anything else, and no stray file beside it.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::*;

const HEADER: &str = "doc,sentence,label,text\n";

fn csv(body: &[u8]) -> Vec<u8> {
    [HEADER.as_bytes(), body].concat()
}

/// The files in `dir` other than `keep`, each of which must be a hidden temporary model file
/// (never something that looks like a model); returns how many there are.
fn temporaries(dir: &Path, keep: &[&str]) -> usize {
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if keep.contains(&name.as_str()) {
            continue;
        }
        assert!(
            name.starts_with(".stance.model.") && name.ends_with(".tmp"),
            "stray file {name:?} beside the model"
        );
        n += 1;
    }
    n
}

#[test]
fn a_failed_train_keeps_the_previous_model_byte_for_byte() {
    let ws = trained_workspace();
    let model = ws.path().join("models/stance.model");
    let before = std::fs::read(&model).unwrap();
    std::fs::write(ws.path().join("bad.csv"), csv(b"a,0,denial,No deal.\na,1\n")).unwrap();
    stance(
        ws.path(),
        &["train", "--data", "bad.csv", "--model", "models/stance.model"],
    )
    .fails(2, "bad.csv:3");
    stance(ws.path(), &["train", "--data", "labeled", "--c=-1"]).fails(2, "C");
    stance(ws.path(), &["train", "--data", "labeled", "--min-df", "1000000"]).fails(2, "min_df");
    assert!(std::fs::read(&model).unwrap() == before, "the model changed");
    assert_eq!(temporaries(&ws.path().join("models"), &["stance.model"]), 0);
    // A model path that is a folder: the rename fails, the temporary file is removed.
    std::fs::create_dir(ws.path().join("models/sub.model")).unwrap();
    stance(ws.path(), &["train", "--model", "models/sub.model"]).fails(2, "models/sub.model");
    assert!(ws.path().join("models/sub.model").is_dir());
    assert_eq!(
        temporaries(&ws.path().join("models"), &["stance.model", "sub.model"]),
        0
    );
}

/// Runs `stance train` under a file-size limit far below the model's size: the kernel kills it
/// (SIGXFSZ) in the middle of writing the model.
#[cfg(unix)]
#[test]
fn a_train_killed_while_writing_keeps_the_previous_model() {
    let ws = workspace();
    let models = ws.path().join("models");
    let model = models.join("stance.model");
    stance(ws.path(), &["train", "--max-iter", "1"]).ok();
    let before = std::fs::read(&model).unwrap();
    let out = Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 16 && exec \"$0\" train")
        .arg(env!("CARGO_BIN_EXE_stance"))
        .current_dir(ws.path())
        .output()
        .unwrap();
    assert!(out.status.code().is_none(), "train was not killed: {out:?}");
    assert!(
        std::fs::read(&model).unwrap() == before,
        "the killed train changed the model"
    );
    assert_eq!(
        temporaries(&models, &["stance.model"]),
        1,
        "the killed write left its temporary"
    );
    // The next train replaces the model and removes the dead run's temporary file.
    stance(ws.path(), &["train"]).ok();
    let after = std::fs::read(&model).unwrap();
    assert!(after != before);
    assert!(after == std::fs::read(repo("models/stance.model")).unwrap());
    assert_eq!(temporaries(&models, &["stance.model"]), 0);
}

/// Starts `stance` with `args` in `dir`, its output discarded.
fn spawn_quiet(dir: &Path, args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_stance"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Starts `stance train` on a generated set with a large vocabulary (a model of a few MB) and
/// SIGKILLs it at several points of its run; after each kill the model is the previous one or
/// the complete new one.
#[cfg(unix)]
#[test]
fn a_train_killed_at_any_time_leaves_the_old_or_the_new_model() {
    use std::time::{Duration, Instant};

    let ws = workspace();
    let models = ws.path().join("models");
    let model = models.join("stance.model");
    let labels = ["assertion", "background", "denial"];
    let mut data = String::from(HEADER);
    for i in 0..30 {
        let words: Vec<String> = (0..600).map(|j| format!("w{i}x{j}")).collect();
        data.push_str(&format!("d,{i},{},{}\n", labels[i % 3], words.join(" ")));
    }
    std::fs::write(ws.path().join("wide.csv"), data).unwrap();
    let base = ["train", "--no-reference", "--data", "wide.csv", "--max-iter", "2"];
    let args = [&base[..], &["--model", "models/stance.model"]].concat();

    stance(ws.path(), &["train", "--max-iter", "1"]).ok();
    let old = std::fs::read(&model).unwrap();
    // One complete run into another file gives the new model's bytes and the run's length.
    let start = Instant::now();
    stance(ws.path(), &[&base[..], &["--model", "models/full.model"]].concat()).ok();
    let full = start.elapsed();
    let new = std::fs::read(models.join("full.model")).unwrap();
    assert!(new != old);

    let keep = ["stance.model", "full.model"];
    for percent in [5, 25, 50, 75, 90, 95, 98, 100, 102, 110] {
        let mut child = spawn_quiet(ws.path(), &args);
        std::thread::sleep(full * percent / 100);
        child.kill().unwrap(); // SIGKILL; an error only if it has already been reaped
        child.wait().unwrap();
        let now = std::fs::read(&model).unwrap();
        assert!(
            now == old || now == new,
            "after a kill at {percent}%: the model is neither old nor new"
        );
        let left = temporaries(&models, &keep);
        let which = if now == old { "old" } else { "new" };
        eprintln!("kill at {percent}%: the {which} model, {left} temporary files");
        // Back to the old model for the next round.
        std::fs::write(&model, &old).unwrap();
        if Instant::now() - start > Duration::from_secs(120) {
            break;
        }
    }
    // Kills the moment the temporary model file appears: in the middle of writing it.
    let mut caught = 0;
    for _ in 0..5 {
        let mut child = spawn_quiet(ws.path(), &args);
        let seen = loop {
            if temporaries(&models, &keep) > 0 {
                child.kill().unwrap();
                break true;
            }
            if child.try_wait().unwrap().is_some() {
                break false;
            }
        };
        child.wait().unwrap();
        let now = std::fs::read(&model).unwrap();
        assert!(
            now == old || now == new,
            "after a kill mid-write: the model is neither old nor new"
        );
        if seen && now == old {
            caught += 1;
        }
        eprintln!(
            "kill on seeing the temporary file (seen: {seen}): the {} model",
            if now == old { "old" } else { "new" }
        );
        std::fs::write(&model, &old).unwrap();
    }
    eprintln!("{caught} of 5 runs killed mid-write");
    assert!(caught >= 1, "no run was killed while writing the model");
    // A complete run cleans up after the killed ones.
    stance(ws.path(), &args).ok();
    assert!(std::fs::read(&model).unwrap() == new);
    assert_eq!(temporaries(&models, &keep), 0);
}
