//! Live streams: articles fed slowly to `classify` through standard input or a FIFO get their
//! records as soon as each is done, not after a batch fills or the stream ends; the closing line.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use common::*;

/// Long enough for a loaded machine; the test fails only if records never come.
const WAIT: Duration = Duration::from_secs(60);

const TEXT: &str = "Sheinbaum denied any agreement with the DEA. The DEA announced the joint initiative.";

fn article(id: &str) -> String {
    format!("{}\n", serde_json::json!({"id": id, "text": TEXT}))
}

/// Starts `stance classify --format jsonl --input-format jsonl INPUT` with stdout read line by
/// line on a thread.
fn start(input: &str, stdin: Stdio) -> (Child, Receiver<String>) {
    start_with(&["--input-format", "jsonl", input], stdin)
}

fn start_with(args: &[&str], stdin: Stdio) -> (Child, Receiver<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stance"))
        .args(["classify", "--format", "jsonl", "--model"])
        .arg(repo("models/stance.model"))
        .args(args)
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    (child, rx)
}

fn doc(line: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(line).unwrap();
    v["doc"].as_str().unwrap().to_string()
}

/// Sends the first article, waits for both of its records while the stream stays open, then
/// sends the second and ends the stream.
fn first_records_before_second(feed: &mut dyn Write, rx: &Receiver<String>) -> Vec<String> {
    first_then_second(feed, rx, &article("first"), &article("second"))
}

fn first_then_second(feed: &mut dyn Write, rx: &Receiver<String>, first: &str, second: &str) -> Vec<String> {
    feed.write_all(first.as_bytes()).unwrap();
    feed.flush().unwrap();
    let mut lines = Vec::new();
    for _ in 0..2 {
        let line = rx
            .recv_timeout(WAIT)
            .expect("the first article's records come before the second article is sent");
        assert_eq!(doc(&line), "first");
        lines.push(line);
    }
    feed.write_all(second.as_bytes()).unwrap();
    feed.flush().unwrap();
    lines
}

fn finish(mut child: Child, rx: Receiver<String>, mut lines: Vec<String>) {
    let status = child.wait().unwrap();
    lines.extend(rx.iter());
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(status.success(), "{stderr}");
    assert_no_panic(&stderr);
    let docs: Vec<String> = lines.iter().map(|l| doc(l)).collect();
    assert_eq!(docs, ["first", "first", "second", "second"]);
}

#[test]
fn standard_input_gets_each_articles_records_before_the_next_arrives() {
    let (mut child, rx) = start("-", Stdio::piped());
    let mut stdin = child.stdin.take().unwrap();
    let lines = first_records_before_second(&mut stdin, &rx);
    drop(stdin);
    finish(child, rx, lines);
}

#[test]
fn a_csv_stream_on_standard_input_is_live_too() {
    let (mut child, rx) = start_with(&["--input-format", "csv", "--id-column", "id", "-"], Stdio::piped());
    let mut stdin = child.stdin.take().unwrap();
    let first = format!("id,text\nfirst,{TEXT}\n");
    let lines = first_then_second(&mut stdin, &rx, &first, &format!("second,{TEXT}\n"));
    drop(stdin);
    finish(child, rx, lines);
}

#[cfg(unix)]
#[test]
fn a_fifo_gets_each_articles_records_before_the_next_arrives() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("feed");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let (child, rx) = start(fifo.to_str().unwrap(), Stdio::null());
    // Opening for writing waits until stance opens it for reading.
    let mut feed = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    let lines = first_records_before_second(&mut feed, &rx);
    drop(feed);
    finish(child, rx, lines);
}

#[test]
fn the_closing_line_says_what_was_done_and_where_it_went() {
    let dir = tempfile::tempdir().unwrap();
    let m = repo("models/stance.model").display().to_string();
    let seeds = repo("labeled/articles").display().to_string();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let run = stance(dir.path(), &["classify", "--model", &m, "--verbose", &seeds]).ok();
    assert!(
        run.stderr
            .contains("stance: 2 articles, 63 sentences, 0 failed; records written to standard output"),
        "{}",
        run.stderr
    );
    let run = stance(
        dir.path(),
        &[
            "classify",
            "--model",
            &m,
            "-v",
            "--output",
            "out.csv",
            &seeds,
            "empty.txt",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("stance: 2 articles, 63 sentences, 1 failed; records written to out.csv"),
        "{}",
        run.stderr
    );
    // Without --verbose, with stderr not a terminal: no closing line.
    let run = stance(dir.path(), &["classify", "--model", &m, &seeds]).ok();
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}
