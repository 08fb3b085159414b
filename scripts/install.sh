#!/bin/sh
# Installs a released circlekit binary: picks the archive for this machine, checks its
# SHA-256 against the .sha256 file published beside it, and puts `circlekit` in a folder.
#
#   curl -LsSf https://raw.githubusercontent.com/circlekit/circlekit/main/scripts/install.sh | sh
#   sh install.sh --version 0.2.0 --to ~/bin
#   sh install.sh --from ./dist          (archives in a local folder, or a file:// or https:// URL)
#
# Options, or the environment variables in brackets:
#   --version V   a released version, e.g. 0.2.0 [CIRCLEKIT_VERSION]; default: the latest
#   --to DIR      where to put the binary [CIRCLEKIT_INSTALL_DIR]; default: ~/.local/bin
#   --from SRC    a folder or URL that holds circlekit-<target>.tar.xz and its .sha256,
#                 instead of the GitHub release [CIRCLEKIT_INSTALL_URL]
set -eu

REPO_URL="https://github.com/circlekit/circlekit"

say() { printf 'circlekit-installer: %s\n' "$*" >&2; }
die() {
    say "error: $*"
    exit 1
}

version="${CIRCLEKIT_VERSION:-latest}"
to="${CIRCLEKIT_INSTALL_DIR:-${HOME:-}/.local/bin}"
from="${CIRCLEKIT_INSTALL_URL:-}"

while [ $# -gt 0 ]; do
    case "$1" in
    --version) [ $# -ge 2 ] || die "--version needs a value"; version="$2"; shift 2 ;;
    --to) [ $# -ge 2 ] || die "--to needs a folder"; to="$2"; shift 2 ;;
    --from) [ $# -ge 2 ] || die "--from needs a folder or URL"; from="$2"; shift 2 ;;
    -h | --help)
        echo "usage: install.sh [--version V] [--to DIR] [--from DIR|URL]"
        exit 0
        ;;
    *) die "unknown option $1 (try --help)" ;;
    esac
done

# The release's name for this machine (Linux binaries are static, so any distribution works).
detect_target() {
    os="$(uname -s)"
    arch="$(uname -m)"
    case "$arch" in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=aarch64 ;;
    *) die "no prebuilt circlekit for the $arch processor; install it with: cargo install circlekit" ;;
    esac
    case "$os" in
    Linux) echo "$arch-unknown-linux-musl" ;;
    Darwin) echo "$arch-apple-darwin" ;;
    MINGW* | MSYS* | CYGWIN*) die "on Windows use the PowerShell installer, scripts/install.ps1" ;;
    *) die "no prebuilt circlekit for $os; install it with: cargo install circlekit" ;;
    esac
}

# Copies SRC (a local path, file://, http:// or https:// URL) to the file DEST.
fetch() {
    case "$1" in
    file://*) cp "${1#file://}" "$2" 2>/dev/null || die "cannot read $1" ;;
    http://* | https://*)
        if command -v curl >/dev/null 2>&1; then
            curl --proto '=https,http' -fsSL "$1" -o "$2" || die "cannot download $1"
        elif command -v wget >/dev/null 2>&1; then
            wget -q -O "$2" "$1" || die "cannot download $1"
        else
            die "neither curl nor wget is installed"
        fi
        ;;
    *) cp "$1" "$2" 2>/dev/null || die "cannot read $1" ;;
    esac
}

sha256_of() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum "$1" | awk '{print $1}'
    elif command -v shasum >/dev/null 2>&1; then
        shasum -a 256 "$1" | awk '{print $1}'
    else
        die "neither sha256sum nor shasum is installed, so the download cannot be checked"
    fi
}

target="$(detect_target)"
archive="circlekit-$target.tar.xz"
if [ -z "$from" ]; then
    if [ "$version" = latest ]; then
        from="$REPO_URL/releases/latest/download"
    else
        from="$REPO_URL/releases/download/v${version#v}"
    fi
fi
from="${from%/}"

tmp="$(mktemp -d 2>/dev/null || mktemp -d -t circlekit)"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

say "downloading $from/$archive"
fetch "$from/$archive" "$tmp/$archive"
fetch "$from/$archive.sha256" "$tmp/$archive.sha256"
expected="$(awk '{print $1; exit}' "$tmp/$archive.sha256")"
actual="$(sha256_of "$tmp/$archive")"
[ -n "$expected" ] || die "$archive.sha256 is empty"
[ "$expected" = "$actual" ] || die "checksum mismatch for $archive: expected $expected, got $actual (an incomplete or altered download)"

mkdir -p "$tmp/unpacked"
tar -xJf "$tmp/$archive" -C "$tmp/unpacked" --strip-components 1 || die "cannot unpack $archive"
[ -f "$tmp/unpacked/circlekit" ] || die "$archive holds no circlekit binary"
mkdir -p "$to" || die "cannot create $to"
# Through a temporary name, so a running circlekit is never half overwritten.
cp "$tmp/unpacked/circlekit" "$to/.circlekit.new"
chmod 755 "$to/.circlekit.new"
mv -f "$to/.circlekit.new" "$to/circlekit"

installed="$("$to/circlekit" --version)" || die "the installed $to/circlekit does not run on this machine"
say "installed $installed to $to/circlekit"
case ":${PATH:-}:" in
*":$to:"*) ;;
*) say "$to is not on your PATH: add it, e.g. echo 'export PATH=\"$to:\$PATH\"' >> ~/.profile" ;;
esac
