//! The release's pieces agree: cargo-dist builds archives for the five targets, and the
//! installers and `cargo binstall` ask for archives by the names dist gives them.

use std::path::Path;

fn repo_file(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const TARGETS: [&str; 5] = [
    "x86_64-unknown-linux-musl",
    "aarch64-unknown-linux-musl",
    "x86_64-apple-darwin",
    "aarch64-apple-darwin",
    "x86_64-pc-windows-msvc",
];

#[test]
fn release_builds_the_five_targets() {
    let dist: toml::Table = toml::from_str(&repo_file("dist-workspace.toml")).expect("TOML");
    let targets: Vec<&str> = dist["dist"]["targets"]
        .as_array()
        .expect("dist.targets")
        .iter()
        .filter_map(|t| t.as_str())
        .collect();
    let mut want = TARGETS.to_vec();
    want.sort_unstable();
    let mut got = targets.clone();
    got.sort_unstable();
    assert_eq!(got, want);
    let workflow = repo_file(".github/workflows/release.yml");
    assert!(workflow.contains("dist build"), "release.yml is not dist's");
}

#[test]
fn installers_and_binstall_ask_for_the_archives_dist_makes() {
    // dist names archives circlekit-<target>.tar.xz (.zip on Windows), with a root folder
    // circlekit-<target>/ in the tarballs and none in the zip.
    let sh = repo_file("scripts/install.sh");
    assert!(sh.contains("archive=\"circlekit-$target.tar.xz\""));
    assert!(sh.contains("--strip-components 1"));
    for suffix in ["-unknown-linux-musl", "-apple-darwin"] {
        assert!(sh.contains(suffix), "install.sh lacks {suffix}");
    }
    let ps = repo_file("scripts/install.ps1");
    assert!(ps.contains("$Target = \"x86_64-pc-windows-msvc\""));
    assert!(ps.contains("circlekit-$Target.zip"));
    let manifest: toml::Table = toml::from_str(&repo_file("Cargo.toml")).expect("TOML");
    let binstall = &manifest["package"]["metadata"]["binstall"];
    assert_eq!(
        binstall["pkg-url"].as_str(),
        Some("{ repo }/releases/download/v{ version }/{ name }-{ target }{ archive-suffix }")
    );
    assert_eq!(
        binstall["bin-dir"].as_str(),
        Some("{ name }-{ target }/{ bin }{ binary-ext }")
    );
    let windows = &binstall["overrides"]["x86_64-pc-windows-msvc"];
    assert_eq!(windows["pkg-fmt"].as_str(), Some("zip"));
    assert_eq!(windows["bin-dir"].as_str(), Some("{ bin }{ binary-ext }"));
}
