//! Failures of the machine, not of the content: a full disk, a read-only folder. The build
//! names the file and the operating system's reason, says what to do, and ends with exit
//! code 3 (content problems are 1).

use super::fs::in_mount_namespace;
use crate::support::TestSite;

/// Runs a build whose output lies on a small or read-only tmpfs mounted at `small/`;
/// `None` when this machine cannot make a mount namespace. Returns the exit code, stderr
/// and what was left in `small/`.
fn build_on_tmpfs(site: &TestSite, mount_options: &str) -> Option<(String, String, String)> {
    let script = format!(
        r#"
        mkdir -p small
        mount -t tmpfs -o {mount_options} circlekit-test small || exit 90
        "$CIRCLEKIT" build --no-pdf --output small/public 2>../stderr; echo "$?" > ../code
        ls -A small > ../left
        "#
    );
    let out = in_mount_namespace(site, &script)?;
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let read = |name: &str| std::fs::read_to_string(site.tmp().join(name)).unwrap_or_default();
    Some((
        read("code").trim().to_string(),
        read("stderr"),
        read("left"),
    ))
}

fn assert_names_a_file(stderr: &str) {
    assert!(
        stderr.lines().any(|l| l.trim_start().starts_with("--> ")
            && l.contains("small/")
            && l.trim().len() > "--> ".len()),
        "names a file in the output's folder:\n{stderr}"
    );
    assert!(
        !stderr.lines().any(|l| l.trim() == "-->"),
        "no empty location line:\n{stderr}"
    );
}

#[test]
fn a_full_disk_ends_the_build_with_exit_code_3_naming_the_file_and_the_reason() {
    let site = TestSite::minimal();
    let Some((code, stderr, left)) = build_on_tmpfs(&site, "size=24k") else {
        return;
    };
    assert_eq!(code, "3", "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert!(
        stderr.contains("free some space"),
        "says what to do:\n{stderr}"
    );
    assert_names_a_file(&stderr);
    assert!(
        !left.lines().any(|f| f == "public" || f.contains("staging")),
        "nothing half-written is left behind: {left}"
    );
}

#[test]
fn a_read_only_folder_ends_the_build_with_exit_code_3() {
    let site = TestSite::minimal();
    let Some((code, stderr, _)) = build_on_tmpfs(&site, "ro") else {
        return;
    };
    assert_eq!(code, "3", "{stderr}");
    assert!(stderr.contains("Read-only file system"), "{stderr}");
    assert!(
        stderr.contains("check that you may write there"),
        "{stderr}"
    );
    assert_names_a_file(&stderr);
}

#[test]
fn content_errors_still_end_with_exit_code_1() {
    let site = TestSite::minimal();
    site.write("content/en/broken.md", "---\ntitle: [unclosed\n---\n");
    site.run(&["build", "--no-pdf"]).code(1);
}
