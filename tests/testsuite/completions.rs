//! `circlekit completions SHELL` and `circlekit man`: scripts and pages generated from the
//! command line's own definition.

use std::process::Command;

use crate::support::run_in;

/// What bash offers after `circlekit <typed>` (the words in COMPREPLY), using the script
/// `circlekit completions bash` prints, sourced the way bash-completion would.
fn bash_completes(typed: &str) -> Vec<String> {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let run = run_in(tmp.path(), &["completions", "bash"]);
    run.code(0);
    let script = tmp.path().join("circlekit.bash");
    std::fs::write(&script, &run.stdout).expect("write the completion script");
    let probe = format!(
        "source '{}'\nCOMP_WORDS=(circlekit {typed})\nCOMP_CWORD=1\nCOMP_LINE='circlekit {typed}'\nCOMP_POINT=${{#COMP_LINE}}\n_circlekit circlekit '{typed}' circlekit 2>/dev/null\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script.display()
    );
    let out = Command::new("bash")
        .args(["--noprofile", "--norc", "-c", &probe])
        .output()
        .expect("run bash");
    assert!(out.status.success(), "bash failed: {out:?}");
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn bash_completion_completes_bu_to_build() {
    assert_eq!(bash_completes("bu"), ["build"]);
}

#[test]
fn bash_completion_offers_every_command_starting_with_the_typed_letters() {
    let words = bash_completes("c");
    for name in ["check", "clean", "completions"] {
        assert!(
            words.iter().any(|w| w == name),
            "{name} missing in {words:?}"
        );
    }
    assert!(!words.iter().any(|w| w == "build"), "{words:?}");
}

#[test]
fn completions_are_printed_for_zsh_fish_and_powershell() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    for (shell, marker) in [
        ("zsh", "#compdef circlekit"),
        ("fish", "complete -c circlekit"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let run = run_in(tmp.path(), &["completions", shell]);
        run.code(0);
        assert!(run.stdout.contains(marker), "{shell}: {}", run.stdout);
        assert!(
            run.stdout.contains("build"),
            "{shell} names no build command"
        );
    }
}

#[test]
fn completions_reject_an_unknown_shell() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let run = run_in(tmp.path(), &["completions", "tcsh"]);
    run.code(2);
    assert!(run.stderr.contains("bash"), "{}", run.stderr);
}

#[test]
fn man_prints_a_roff_page_that_names_the_commands() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let run = run_in(tmp.path(), &["man"]);
    run.code(0);
    // clap_mangen first defines the apostrophe string (`.ie`/`.el`), then the title.
    let first = run
        .stdout
        .lines()
        .find(|l| !l.starts_with(".ie ") && !l.starts_with(".el "))
        .unwrap_or("");
    assert!(first.starts_with(".TH circlekit 1"), "{}", run.stdout);
    for word in ["build", "serve", "check", "init", "completions"] {
        assert!(run.stdout.contains(word), "the page does not name {word}");
    }
}

#[test]
fn man_out_writes_a_page_per_command() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let dir = tmp.path().join("man1");
    run_in(
        tmp.path(),
        &["man", "--out", dir.to_str().expect("UTF-8 path")],
    )
    .code(0);
    for page in ["circlekit.1", "circlekit-build.1", "circlekit-serve.1"] {
        let text = std::fs::read_to_string(dir.join(page)).expect(page);
        assert!(text.contains(".TH "), "{page} has no title");
    }
    let build = std::fs::read_to_string(dir.join("circlekit-build.1")).expect("build page");
    assert!(
        build.contains("base\\-url"),
        "the build page lists --base-url"
    );
}
