//! The editors' workbench: `init` writes a working project, `watch` rebuilds on changes.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::*;

#[test]
fn init_writes_a_project_that_passes_check_and_build() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("neues-projekt");
    let init = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["init"])
        .arg(&target)
        .output()
        .unwrap();
    assert!(init.status.success(), "{}", stderr(&init));
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(args)
            .current_dir(&target)
            .output()
            .unwrap()
    };
    let check = run(&["check", "--stand", "2026-11-28"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let build = run(&["build", "--stand", "2026-11-28"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(target.join("out/2026-11/briefing-manke.docx").exists());
    assert!(target.join("out/2026-11/uebersicht.docx").exists());

    // A second init into the same folder refuses and changes nothing.
    std::fs::write(target.join("templates/briefing.md.j2"), "geändert").unwrap();
    let again = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("init")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("vorhandene Dateien werden nicht überschrieben"));
    assert_eq!(
        std::fs::read_to_string(target.join("templates/briefing.md.j2")).unwrap(),
        "geändert"
    );
}

#[test]
fn the_scaffold_holds_every_file_of_the_shipped_example() {
    let mut shipped = Vec::new();
    for folder in ["inputs", "templates"] {
        collect(&repo(), &repo().join(folder), &mut shipped);
    }
    shipped.push("briefing.yaml".to_string());
    shipped.sort();
    let mut embedded: Vec<String> = briefing::commands::init::FILES
        .iter()
        .map(|(path, _)| path.to_string())
        .collect();
    embedded.sort();
    assert_eq!(
        embedded, shipped,
        "commands/init.rs FILES must list every shipped file"
    );
    for (path, bytes) in briefing::commands::init::FILES {
        assert_eq!(&std::fs::read(repo().join(path)).unwrap(), bytes, "{path}");
    }
}

fn collect(root: &std::path::Path, dir: &std::path::Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(root, &path, out);
        } else {
            let relative = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push(relative);
        }
    }
}

/// Polls `condition` until it holds or `limit` passes.
fn wait_for(limit: Duration, mut condition: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if condition() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

#[test]
fn watch_rebuilds_after_a_template_change_and_survives_an_error() {
    let project = Project::shipped_example();
    let log = project.path().join("watch.log");
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["watch", "--stand", "2026-11-28", "--poll-ms", "100"])
        .current_dir(project.path())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let briefing = project.out("2026-11/briefing-manke.docx");
    let overview = project.out("2026-11/uebersicht.docx");
    let limit = Duration::from_secs(20);
    let outcome = (|| {
        if !wait_for(limit, || briefing.exists() && overview.exists()) {
            return Err("the first build did not happen".to_string());
        }
        let overview_before = std::fs::read(&overview).unwrap();
        let template = project.path().join("templates/briefing.md.j2");
        let text = std::fs::read_to_string(&template).unwrap();
        std::fs::write(
            &template,
            text.replace("# Briefing für", "# Neues Briefing für"),
        )
        .unwrap();
        let rebuilt = wait_for(limit, || {
            std::fs::read(&briefing)
                .is_ok_and(|bytes| docx_text_of(&bytes).starts_with("Neues Briefing für"))
        });
        if !rebuilt {
            return Err("the briefing was not rebuilt after the template changed".to_string());
        }
        if std::fs::read(&overview).unwrap() != overview_before {
            return Err("the overview should not be rebuilt for a briefing change".to_string());
        }
        // An error is reported and the watch goes on.
        std::fs::write(&template, "{{ sprecher.nmae }}").unwrap();
        let reported = wait_for(limit, || {
            std::fs::read_to_string(&log)
                .is_ok_and(|log| log.contains("Fehler: templates/briefing.md.j2:1:13"))
        });
        if !reported {
            return Err("the template error was not reported".to_string());
        }
        std::fs::write(&template, text.replace("# Briefing für", "# Repariert für")).unwrap();
        let repaired = wait_for(limit, || {
            std::fs::read(&briefing)
                .is_ok_and(|bytes| docx_text_of(&bytes).starts_with("Repariert für"))
        });
        if !repaired {
            return Err("watch did not keep running after the error".to_string());
        }
        Ok(())
    })();
    child.kill().unwrap();
    child.wait().unwrap();
    if let Err(problem) = outcome {
        panic!(
            "{problem}\n--- watch log ---\n{}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }
}
