//! A subcommand whose output file lies among its inputs does not read it.

use std::fs::File;
use std::process::{Command, Stdio};

/// Runs `crossread ARGS > stdout` and returns its exit status and stderr.
fn run(args: &[&std::ffi::OsStr], stdout: File) -> (std::process::ExitStatus, String) {
    let out = Command::new(assert_cmd::cargo::cargo_bin("crossread"))
        .args(args)
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    (
        out.status,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_output_file_among_the_inputs_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    std::fs::write(
        &a,
        "The harbour board voted on Monday to dredge the north channel before the autumn storms.\n",
    )
    .unwrap();
    // `.jsonl` is an input format: without the guard, the output would be
    // read back while it is written.
    let out = dir.path().join("out.jsonl");
    let (status, stderr) = run(
        &["extract".as_ref(), dir.path().as_os_str()],
        File::create(&out).unwrap(),
    );
    assert!(status.success(), "{stderr}");
    assert!(
        stderr.contains("out.jsonl: skipped, it is this command's own output"),
        "{stderr}"
    );
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["id"], "a");
    // Named on the command line (and appended to), it is skipped too.
    let again = dir.path().join("again.jsonl");
    std::fs::write(&again, "").unwrap();
    let (status, stderr) = run(
        &["extract".as_ref(), a.as_os_str(), again.as_os_str()],
        File::options().append(true).open(&again).unwrap(),
    );
    assert!(status.success(), "{stderr}");
    assert_eq!(std::fs::read_to_string(&again).unwrap().lines().count(), 1);
}
