//! scripts/install.sh installs a release archive from a local folder or a file:// URL,
//! or over HTTP, after checking its SHA-256, and the installed binary runs.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::BIN;

/// The release's name for this machine, as the installer works it out.
fn target() -> String {
    let os = match std::env::consts::OS {
        "linux" => "unknown-linux-musl",
        "macos" => "apple-darwin",
        other => panic!("no release archive for {other}"),
    };
    format!("{}-{os}", std::env::consts::ARCH)
}

/// A folder laid out as a GitHub release: `circlekit-<target>.tar.xz`, holding
/// `circlekit-<target>/circlekit` (the debug binary) and the licences, and its `.sha256`.
fn release_folder(tmp: &Path) -> PathBuf {
    release_folder_of(tmp, Path::new(BIN))
}

/// The same, with a small script standing in for the binary (the debug binary is large
/// and slow to compress), for tests about the installer's choices, not the binary.
fn stand_in_release_folder(tmp: &Path) -> PathBuf {
    let script = tmp.join("stand-in");
    std::fs::write(&script, "#!/bin/sh\necho circlekit 0.0.0-stand-in\n").expect("write");
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("make it executable");
    release_folder_of(tmp, &script)
}

fn release_folder_of(tmp: &Path, binary: &Path) -> PathBuf {
    let release = tmp.join("release");
    let name = format!("circlekit-{}", target());
    let inner = tmp.join("stage").join(&name);
    std::fs::create_dir_all(&inner).expect("stage folder");
    std::fs::create_dir_all(&release).expect("release folder");
    std::fs::copy(binary, inner.join("circlekit")).expect("copy the binary");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    for f in ["README.md", "LICENSE-MIT", "LICENSE-APACHE"] {
        std::fs::copy(repo.join(f), inner.join(f)).expect("copy a licence");
    }
    let archive = release.join(format!("{name}.tar.xz"));
    let status = Command::new("tar")
        .arg("-cJf")
        .arg(&archive)
        .arg("-C")
        .arg(tmp.join("stage"))
        .arg(&name)
        .env("XZ_OPT", "-0 -T0") // fastest: the debug binary is large
        .status()
        .expect("run tar");
    assert!(status.success(), "tar failed");
    let sum = Command::new("sha256sum")
        .arg("-b")
        .arg(format!("{name}.tar.xz"))
        .current_dir(&release)
        .output()
        .expect("run sha256sum");
    assert!(sum.status.success());
    std::fs::write(release.join(format!("{name}.tar.xz.sha256")), sum.stdout).expect("write");
    release
}

/// Runs the installer with `args` and the given environment; returns (success, stderr).
fn install(args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/install.sh");
    let mut c = Command::new("sh");
    c.arg(script).args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.output().expect("run sh");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn version_of(bin: &Path) -> String {
    let out = Command::new(bin)
        .arg("--version")
        .output()
        .expect("run the installed circlekit");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .expect("UTF-8")
        .trim()
        .to_owned()
}

#[test]
fn installer_installs_a_release_archive_from_a_file_url() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let release = release_folder(tmp.path());
    let bin_dir = tmp.path().join("prefix/bin");
    let from = format!("file://{}", release.display());
    let (ok, stderr) = install(
        &["--from", &from, "--to", bin_dir.to_str().expect("UTF-8")],
        &[],
    );
    assert!(ok, "installer failed:\n{stderr}");
    assert_eq!(
        version_of(&bin_dir.join("circlekit")),
        format!("circlekit {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn installer_takes_a_local_folder_from_the_environment() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let release = stand_in_release_folder(tmp.path());
    let bin_dir = tmp.path().join("bin");
    let (ok, stderr) = install(
        &[],
        &[
            ("CIRCLEKIT_INSTALL_URL", release.to_str().expect("UTF-8")),
            ("CIRCLEKIT_INSTALL_DIR", bin_dir.to_str().expect("UTF-8")),
        ],
    );
    assert!(ok, "installer failed:\n{stderr}");
    assert_eq!(
        version_of(&bin_dir.join("circlekit")),
        "circlekit 0.0.0-stand-in"
    );
}

#[test]
fn installer_refuses_an_archive_whose_checksum_differs() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let release = stand_in_release_folder(tmp.path());
    let sum = release.join(format!("circlekit-{}.tar.xz.sha256", target()));
    std::fs::write(&sum, format!("{}  x\n", "0".repeat(64))).expect("write");
    let bin_dir = tmp.path().join("bin");
    let from = format!("file://{}", release.display());
    let (ok, stderr) = install(
        &["--from", &from, "--to", bin_dir.to_str().expect("UTF-8")],
        &[],
    );
    assert!(!ok, "a wrong checksum was accepted");
    assert!(stderr.contains("checksum mismatch"), "{stderr}");
    assert!(!bin_dir.join("circlekit").exists(), "installed anyway");
}

#[test]
fn installer_downloads_over_http() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let release = release_folder(tmp.path());
    let server = tiny_http::Server::http("127.0.0.1:0").expect("a free port");
    let port = server.server_addr().to_ip().expect("an IP address").port();
    // The installer asks for two files: the archive and its checksum; then the host stops.
    let host = std::thread::spawn(move || {
        let mut asked = Vec::new();
        for _ in 0..2 {
            let Ok(Some(request)) = server.recv_timeout(std::time::Duration::from_secs(120)) else {
                break;
            };
            let name = request.url().trim_start_matches("/releases/").to_owned();
            let reply = match std::fs::read(release.join(&name)) {
                Ok(bytes) => tiny_http::Response::from_data(bytes),
                Err(_) => tiny_http::Response::from_data(Vec::new()).with_status_code(404),
            };
            asked.push(name);
            let _ = request.respond(reply);
        }
        asked
    });
    let bin_dir = tmp.path().join("bin");
    let from = format!("http://127.0.0.1:{port}/releases");
    let (ok, stderr) = install(
        &["--from", &from, "--to", bin_dir.to_str().expect("UTF-8")],
        &[],
    );
    let asked = host.join().expect("the host thread");
    assert!(ok, "installer failed:\n{stderr}");
    let archive = format!("circlekit-{}.tar.xz", target());
    assert_eq!(asked, [archive.clone(), format!("{archive}.sha256")]);
    assert!(version_of(&bin_dir.join("circlekit")).starts_with("circlekit "));
}
