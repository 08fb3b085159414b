//! The published crate: `cargo package --list` holds what the binary compiles in (the
//! built-in theme, the bundled program for `init --example`), the licences and README, and
//! none of the test fixtures, fuzz corpora or CI files, well under crates.io's 10 MB.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

/// The files `cargo package` would publish, relative to the repository root.
fn packaged_files() -> BTreeSet<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["package", "--no-verify", "--list", "--allow-dirty"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run cargo package");
    assert!(
        out.status.success(),
        "cargo package --list failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| l.trim().replace('\\', "/"))
        .filter(|l| !l.is_empty())
        .collect()
}

/// Every file under `dir` of the repository, skipping hidden files and editor backups as
/// build.rs does when it embeds the bundled program.
fn files_under(dir: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    let mut stack = vec![root.join(dir)];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read folder").flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") {
                continue;
            }
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(root).expect("under the root");
                found.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found
}

#[test]
fn package_holds_the_bundled_program_theme_and_licences() {
    let files = packaged_files();
    for must in [
        "Cargo.toml",
        "Cargo.lock",
        "build.rs",
        "book.toml",
        "README.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "src/main.rs",
    ] {
        assert!(files.contains(must), "{must} is not packaged");
    }
    for dir in ["content", "themes", "assets"] {
        let on_disk = files_under(dir);
        assert!(!on_disk.is_empty(), "{dir}/ is empty");
        for f in on_disk {
            assert!(files.contains(&f), "{f} is not packaged");
        }
    }
}

#[test]
fn package_leaves_out_tests_fuzz_corpora_and_ci_files() {
    let files = packaged_files();
    for f in &files {
        for prefix in [
            "tests/", "fuzz/", "benches/", "scripts/", ".ci/", ".github/", "target/",
        ] {
            assert!(!f.starts_with(prefix), "{f} should not be packaged");
        }
    }
}

#[test]
fn package_is_well_under_the_registry_size_limit() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = packaged_files();
    // Files cargo writes itself (.cargo_vcs_info.json, Cargo.toml.orig) are not on disk.
    let total: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(root.join(f)).ok())
        .map(|m| m.len())
        .sum();
    // crates.io refuses a .crate over 10 MB; uncompressed, this one is about 1.6 MB.
    assert!(
        total < 5 * 1024 * 1024,
        "the package holds {total} bytes uncompressed, too close to the 10 MB limit"
    );
}
