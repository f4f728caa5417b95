//! Helpers shared by the end-to-end tests: run the real binary, read the demo
//! corpus's hand-written expectations.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("crates/cli lives two levels down")
        .to_path_buf()
}

/// The demo corpus folder.
pub fn corpus() -> PathBuf {
    repo().join("examples/corpus")
}

/// A file of the demo corpus, as a path argument.
pub fn corpus_file(name: &str) -> String {
    corpus().join(name).to_string_lossy().into_owned()
}

/// A store file in a temporary folder that lives as long as this value.
pub struct TempStore {
    _dir: tempfile::TempDir,
    /// The store's path.
    pub path: PathBuf,
}

impl TempStore {
    /// A store named `name` in a fresh temporary folder (not created yet).
    pub fn new(name: &str) -> TempStore {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        TempStore { _dir: dir, path }
    }

    /// The path as a command-line argument.
    pub fn arg(&self) -> &str {
        self.path.to_str().expect("temporary paths are UTF-8")
    }
}

/// The corpus's `expected.json`, written from its design, not from crossread.
pub fn expected() -> serde_json::Value {
    let text = std::fs::read_to_string(corpus().join("expected.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The binary under test.
pub fn crossread() -> Command {
    let mut cmd = Command::cargo_bin("crossread").unwrap();
    cmd.env_remove("RUST_LOG");
    cmd
}

/// Output of a finished run.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs crossread with `args` and returns its exit code and output.
pub fn run(args: &[&str]) -> Run {
    let out = crossread().args(args).output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Parses JSON Lines.
pub fn json_lines(s: &str) -> Vec<serde_json::Value> {
    s.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

/// Collapses runs of white space, as expected.json's conventions ask.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
