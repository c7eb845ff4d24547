//! One run at a time per output folder, and output that survives kills (issue 14), with real
//! processes: a second run is refused naming the first, a killed run's lock never blocks,
//! a build during a send loses no log line, and a build killed at any moment leaves a
//! complete month: at random moments, and at each point of the commit for sure (issue 25:
//! the crash hook `BRIEFING_CRASH_AT` of debug builds, both ways of flushing), and every
//! staged file is on disk before the swap (seen in the system calls, with strace).

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use briefing::output::{manifest, sha256_hex};

use crate::support::*;

const STAND: &str = "2026-11-28";

fn spawn(project: &Project, args: &[String]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .current_dir(project.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|arg| arg.to_string()).collect()
}

/// Waits until the send log shows that `send` is with the server (it holds the lock).
fn wait_for_attempt(project: &Project) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let log = std::fs::read_to_string(project.out("versand-2026-11.log")).unwrap_or_default();
        if log.contains(",versand,") {
            return;
        }
        assert!(Instant::now() < deadline, "send did not start");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The month folder is complete: every briefing of `versand.csv` is there with its checksum,
/// with its calendar file and the overview.
pub fn assert_complete(project: &Project) {
    assert_complete_folder(&project.out("2026-11"));
}

/// [`assert_complete`] for any folder (the month folder, or its copy aside).
fn assert_complete_folder(folder: &std::path::Path) {
    let rows = manifest::read(&folder.join("versand.csv")).unwrap();
    assert!(!rows.is_empty());
    for row in &rows {
        let bytes = std::fs::read(folder.join(&row.file)).unwrap();
        assert_eq!(sha256_hex(&bytes), row.sha256, "{}", row.file);
        assert!(folder.join(format!("termine-{}.ics", row.id)).is_file());
    }
    assert!(folder.join("uebersicht.docx").is_file());
}

#[test]
fn a_second_run_is_refused_naming_the_first_and_a_build_during_send_loses_no_log_line() {
    let project = Project::shipped_example();
    assert!(project.run(&["build", "--stand", STAND]).status.success());
    let server = SmtpServer::start();
    server.set(r#"{"slow_after_data": 1.5}"#);
    let mut send_args = server.send_args();
    send_args.extend(args(&["--only", "manke", "--only", "sauer"]));
    let mut send = spawn(&project, &send_args);
    wait_for_attempt(&project);

    for command in [
        &["build", "--stand", STAND][..],
        &send_args.iter().map(String::as_str).collect::<Vec<_>>(),
    ] {
        let output = project.run(command);
        assert_eq!(output.status.code(), Some(1), "{command:?}");
        let message = stderr(&output);
        assert!(
            message.contains(&format!("`briefing send` (Prozess {}, seit ", send.id())),
            "{message}"
        );
    }
    assert!(send.wait().unwrap().success());
    let after = project.run(&["build", "--stand", "2026-11-29"]);
    assert!(after.status.success(), "{}", stderr(&after));
    let log = std::fs::read_to_string(project.out("versand-2026-11.log")).unwrap();
    assert_eq!(log.matches(",gesendet,").count(), 2, "{log}");
    assert_complete(&project);
    let again = server.send(&project, &["--only", "manke", "--only", "sauer"]);
    assert!(
        stdout(&again).contains("0 gesendet, 2 bereits erhalten"),
        "{}",
        stdout(&again)
    );
    assert_eq!(server.received().len(), 2);
}

#[cfg(unix)]
#[test]
fn a_killed_sends_lock_does_not_block_and_its_message_is_unknown() {
    let project = Project::shipped_example();
    assert!(project.run(&["build", "--stand", STAND]).status.success());
    let server = SmtpServer::start();
    server.set(r#"{"slow_after_data": 5}"#);
    let mut send = spawn(&project, &server.send_args());
    wait_for_attempt(&project);
    std::thread::sleep(Duration::from_millis(300));
    send.kill().unwrap();
    send.wait().unwrap();
    assert!(
        project.out(".briefing.lock").exists(),
        "the lock file stays"
    );

    server.set("{}");
    let started = Instant::now();
    let output = server.send(&project, &[]);
    assert!(started.elapsed() < Duration::from_secs(15));
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let message = stderr(&output);
    assert!(message.contains("unklar, ob "), "{message}");
    let received = server.received();
    assert_eq!(
        received.len(),
        12,
        "11 new and the one that was with the server"
    );
    let mut recipients: Vec<&String> = received.iter().map(|(to, _)| to).collect();
    recipients.sort();
    recipients.dedup();
    assert_eq!(recipients.len(), 12, "nobody twice: {received:?}");
}

#[test]
fn concurrent_builds_never_leave_a_broken_month() {
    let project = Project::shipped_example();
    for round in 0..4 {
        let stand = format!("2026-11-{}", 20 + round);
        let build = args(&["build", "--stand", &stand]);
        let children: Vec<Child> = (0..3).map(|_| spawn(&project, &build)).collect();
        let mut succeeded = 0;
        for child in children {
            let output = child.wait_with_output().unwrap();
            if output.status.success() {
                succeeded += 1;
            } else {
                let message = stderr(&output);
                assert!(
                    message.contains("arbeitet gerade mit diesem Ausgabeordner"),
                    "{message}"
                );
            }
        }
        assert!(succeeded >= 1, "round {round}");
        assert_complete(&project);
    }
}

#[cfg(unix)]
#[test]
fn a_build_killed_at_any_moment_leaves_a_complete_month() {
    let project = Project::shipped_example();
    assert!(project.run(&["build", "--stand", STAND]).status.success());
    let build = args(&["build", "--stand", "2026-11-29"]);
    for delay_ms in (0..400).step_by(25) {
        let mut child = spawn(&project, &build);
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        child.wait().unwrap();
        // What a kill left is put right by the next run before anything else.
        let check = project.run(&["send", "--dry-run"]);
        assert!(check.status.success(), "{delay_ms} ms: {}", stderr(&check));
        assert_complete(&project);
    }
    let names: Vec<String> = std::fs::read_dir(project.path().join("out"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".alt"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn watch_waits_for_the_lock() {
    let project = Project::shipped_example();
    assert!(project.run(&["build", "--stand", STAND]).status.success());
    let server = SmtpServer::start();
    server.set(r#"{"slow_after_data": 2}"#);
    let mut send_args = server.send_args();
    send_args.extend(args(&["--only", "manke"]));
    let mut send = spawn(&project, &send_args);
    wait_for_attempt(&project);
    let started = Instant::now();
    let mut watch = spawn(
        &project,
        &args(&["watch", "--stand", STAND, "--poll-ms", "100"]),
    );
    let mut stdout = watch.stdout.take().unwrap();
    let mut first = [0u8; 12];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    let waited = started.elapsed();
    let _ = watch.kill();
    watch.wait().unwrap();
    assert_eq!(&first, b"Neu erstellt");
    assert!(send.wait().unwrap().success());
    assert!(waited > Duration::from_millis(800), "{waited:?}");
    assert_complete(&project);
}

/// The Stand of the build that made a month folder (every manifest row carries it).
fn stand_of(folder: &std::path::Path) -> chrono::NaiveDate {
    let rows = manifest::read(&folder.join("versand.csv")).unwrap();
    let stand = rows[0].stand;
    assert!(rows.iter().all(|row| row.stand == stand), "{folder:?}");
    stand
}

/// Both ways a month reaches the disk: `syncfs` where it is safe (here), per file elsewhere.
const FLUSHES: [&str; 2] = ["auto", "files"];

#[cfg(unix)]
#[test]
fn a_build_crashed_at_each_point_of_the_commit_leaves_the_old_or_the_new_month() {
    use std::os::unix::process::ExitStatusExt;
    let (old, new) = (date(STAND), date("2026-11-29"));
    // Where the crash hook sits in `MonthWriter::commit`, and which month survives it.
    let points = [
        ("staged", old),  // every file written, nothing flushed
        ("flushed", old), // every file on disk, nothing renamed
        ("aside", old),   // the month folder aside, the new one not yet in
        ("swapped", new), // the new one in, the old one still aside
    ];
    for flush in FLUSHES {
        for (point, survivor) in points {
            let project = Project::shipped_example();
            assert!(project.run(&["build", "--stand", STAND]).status.success());
            let crashed = project.run_with_env(
                &["build", "--stand", "2026-11-29"],
                &[("BRIEFING_CRASH_AT", point), ("BRIEFING_FLUSH", flush)],
            );
            assert_eq!(
                crashed.status.signal(),
                Some(6),
                "{flush} {point}: the hook must abort (a debug build): {}",
                stderr(&crashed)
            );
            let (month, aside) = (project.out("2026-11"), project.out(".2026-11.alt"));
            if point == "aside" {
                assert!(!month.exists(), "{flush} {point}");
                assert_complete_folder(&aside);
                assert_eq!(stand_of(&aside), old, "{flush} {point}");
            } else {
                assert_complete_folder(&month);
                assert_eq!(stand_of(&month), survivor, "{flush} {point}");
                assert_eq!(aside.exists(), point == "swapped", "{flush} {point}");
            }
            // The next run puts a complete month in place before anything else.
            let check = project.run(&["send", "--dry-run"]);
            assert!(
                check.status.success(),
                "{flush} {point}: {}",
                stderr(&check)
            );
            assert_complete(&project);
            assert_eq!(stand_of(&month), survivor, "{flush} {point}");
            assert!(!aside.exists(), "{flush} {point}");
            // And a build then replaces it as usual.
            let again = project.run_with_env(
                &["build", "--stand", "2026-11-30"],
                &[("BRIEFING_FLUSH", flush)],
            );
            assert!(
                again.status.success(),
                "{flush} {point}: {}",
                stderr(&again)
            );
            assert_eq!(stand_of(&month), date("2026-11-30"));
            assert!(!project.out(".2026-11.neu").exists());
        }
    }
}

/// The system calls of `briefing ARGS` under strace, one per line.
#[cfg(target_os = "linux")]
fn traced(project: &Project, args: &[&str], flush: &str) -> Vec<String> {
    let trace = project.path().join("trace.txt");
    let output = Command::new("strace")
        .args(["-f", "-qq", "-y", "-o"])
        .arg(&trace)
        .args([
            "-e",
            "trace=syncfs,fsync,fdatasync,rename,renameat,renameat2",
        ])
        .arg(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .env("BRIEFING_FLUSH", flush)
        .current_dir(project.path())
        .output()
        .expect("strace (apt install strace)");
    assert!(output.status.success(), "{}", stderr(&output));
    // With threads, strace splits a call into "PID call(args <unfinished ...>" and
    // "PID <... call resumed>) = RESULT": join them back into one line per call.
    let mut calls = Vec::new();
    let mut pending = std::collections::HashMap::new();
    for line in std::fs::read_to_string(trace).unwrap().lines() {
        let (pid, call) = line.split_once(' ').unwrap_or(("", line));
        if let Some(start) = call.strip_suffix(" <unfinished ...>") {
            pending.insert(pid.to_string(), start.to_string());
        } else if let Some((_, rest)) = call.split_once(" resumed>") {
            let start = pending.remove(pid).unwrap_or_default();
            calls.push(format!("{start}{rest}"));
        } else {
            calls.push(call.to_string());
        }
    }
    calls
}

#[cfg(target_os = "linux")]
#[test]
#[ignore = "needs strace (apt install strace); run by .ci/run"]
fn every_staged_file_is_on_disk_before_the_swap() {
    for flush in FLUSHES {
        let project = Project::shipped_example();
        assert!(project.run(&["build", "--stand", STAND]).status.success());
        // A whole month, and an update (whose other files are copies of the month's).
        for args in [
            &["build", "--stand", "2026-11-29"][..],
            &["build", "--stand", "2026-11-30", "--only", "manke"][..],
        ] {
            let calls = traced(&project, args, flush);
            // strace -y shows a handle's path as the kernel has it (absolute, no links).
            let out = std::fs::canonicalize(project.out("")).unwrap();
            let staging = out.join(".2026-11.neu").display().to_string();
            let swap = calls
                .iter()
                .position(|call| call.contains("rename") && call.contains(".2026-11.neu\", "))
                .unwrap_or_else(|| panic!("{flush} {args:?}: no swap in {calls:#?}"));
            let before = &calls[..swap];
            let ok = |call: &&String| call.ends_with("= 0");
            let syncfs = before
                .iter()
                .filter(ok)
                .any(|call| call.contains("syncfs(") && call.contains(&format!("<{staging}>)")));
            let synced_dir = before
                .iter()
                .filter(ok)
                .any(|call| call.contains("fsync(") && call.contains(&format!("<{staging}>)")));
            assert!(
                synced_dir,
                "{flush} {args:?}: the staging folder is synced before the swap"
            );
            let files: Vec<String> = std::fs::read_dir(project.out("2026-11"))
                .unwrap()
                .map(|entry| entry.unwrap())
                .filter(|entry| entry.file_type().unwrap().is_file())
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .collect();
            assert!(files.len() > 20, "{files:?}");
            let synced_files = files
                .iter()
                .filter(|name| {
                    before.iter().filter(ok).any(|call| {
                        call.contains("fsync(") && call.contains(&format!("<{staging}/{name}>)"))
                    })
                })
                .count();
            if flush == "files" {
                assert!(!syncfs, "{flush} {args:?}");
                assert_eq!(synced_files, files.len(), "{flush} {args:?}: {calls:#?}");
            } else if syncfs {
                // One flush for the batch (ext4, xfs, btrfs, tmpfs on Linux 5.8+), none per file.
                assert_eq!(synced_files, 0, "{flush} {args:?}");
            } else {
                // Any other file system: every file, as with `files`.
                assert_eq!(synced_files, files.len(), "{flush} {args:?}: {calls:#?}");
            }
        }
    }
}
