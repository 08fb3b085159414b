//! What the dev server answers to a request path: decoding, normalising, lookup, content types.
//!
//! Pure functions over the in-memory site, so every rule is unit-tested without a socket.

use crate::output::MemoryFiles;

/// The answer to one GET or HEAD, before it is written to the socket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// HTTP status code.
    pub status: u16,
    /// The `Content-Type` header.
    pub content_type: &'static str,
    /// The body (left out on the wire for HEAD).
    pub body: Vec<u8>,
    /// A `Location` header, for redirects.
    pub location: Option<String>,
}

impl Reply {
    /// A short plain-text answer, for errors that have no page of their own.
    pub fn text(status: u16, text: &str) -> Reply {
        Reply {
            status,
            content_type: "text/plain; charset=utf-8",
            body: text.as_bytes().to_vec(),
            location: None,
        }
    }

    /// True when the body is an HTML page (where the live-reload script goes).
    pub fn is_html(&self) -> bool {
        self.content_type.starts_with("text/html")
    }
}

/// Why a request path is refused before any lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadPath {
    /// Not an origin-form path (`/…`), or a `%` not followed by two hex digits.
    Malformed,
    /// Not UTF-8 once decoded, or holding a NUL byte or a backslash.
    Forbidden,
    /// `..` climbs above the site's root.
    OutsideSite,
}

/// Decodes `%XX` escapes, then normalises `.` and `..` segments. Returns the site-relative
/// path (no leading `/`, `""` for the root) and whether it ended with `/`.
///
/// Decoding comes first, so `%2e%2e%2f` is a `..` segment like any other and is refused
/// when it climbs out; backslashes and NUL bytes are refused outright.
pub fn normalise(raw: &str) -> Result<(String, bool), BadPath> {
    let path = raw.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return Err(BadPath::Malformed);
    }
    let bytes = percent_decode(path)?;
    let decoded = String::from_utf8(bytes).map_err(|_| BadPath::Forbidden)?;
    if decoded.contains(['\0', '\\']) {
        return Err(BadPath::Forbidden);
    }
    let mut parts: Vec<&str> = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(BadPath::OutsideSite);
                }
            }
            s => parts.push(s),
        }
    }
    let folder = decoded.ends_with('/') || decoded.ends_with("/.") || decoded.ends_with("/..");
    Ok((parts.join("/"), folder || parts.is_empty()))
}

fn percent_decode(s: &str) -> Result<Vec<u8>, BadPath> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = |c: u8| (c as char).to_digit(16);
            match (
                b.get(i + 1).and_then(|&c| hex(c)),
                b.get(i + 2).and_then(|&c| hex(c)),
            ) {
                (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
                _ => return Err(BadPath::Malformed),
            }
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Ok(out)
}

/// Percent-encodes a decoded site path for a `Location` header: every byte but letters,
/// digits, `/` and `-._~!$&'()*+,;=:@` is escaped, so the result reads back as the same path.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The content type of a file, from its extension. Default: `application/octet-stream`.
pub fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit('/')
        .next()
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// Answers a GET for `raw` (the request target as sent) from the site's files: the file,
/// `index.html` for a folder, a redirect to add a missing `/` to a folder, else the site's
/// 404 page with status 404. Never touches the disk.
pub fn lookup(files: &MemoryFiles, raw: &str) -> Reply {
    let (path, folder) = match normalise(raw) {
        Ok(p) => p,
        Err(BadPath::OutsideSite) => return Reply::text(400, "400 Bad Request: outside the site"),
        Err(_) => return Reply::text(400, "400 Bad Request: malformed path"),
    };
    let found = |p: &str| files.get(p).map(|b| (p.to_string(), b));
    let hit = if folder {
        let index = if path.is_empty() {
            "index.html".to_string()
        } else {
            format!("{path}/index.html")
        };
        found(&index)
    } else {
        found(&path)
    };
    if let Some((p, bytes)) = hit {
        return Reply {
            status: 200,
            content_type: content_type(&p),
            body: bytes.bytes().into_owned(),
            location: None,
        };
    }
    if !folder && files.contains_key(&format!("{path}/index.html")) {
        // Links between pages are relative, so a folder must be served with its `/`. The
        // target is the normalised path, never the path as sent: `//host/..//weeks` must
        // not become `//host/…`, which a browser reads as another host.
        let query = raw
            .split('#')
            .next()
            .and_then(|r| r.find('?').map(|i| &r[i..]));
        let mut r = Reply::text(301, "301 Moved Permanently");
        r.location = Some(format!("/{}/{}", encode_path(&path), query.unwrap_or("")));
        return r;
    }
    not_found(files, &path)
}

/// The site's 404 page for `path`: the language's own (`de/404.html`) when there is one.
fn not_found(files: &MemoryFiles, path: &str) -> Reply {
    let lang_page = path
        .split_once('/')
        .map(|(first, _)| format!("{first}/404.html"));
    let page = lang_page
        .as_deref()
        .and_then(|p| files.get(p))
        .or_else(|| files.get("404.html"));
    match page {
        Some(bytes) => Reply {
            status: 404,
            content_type: "text/html; charset=utf-8",
            body: bytes.bytes().into_owned(),
            location: None,
        },
        None => Reply {
            status: 404,
            content_type: "text/html; charset=utf-8",
            body: b"<!doctype html><html><head><title>Not found</title></head><body><h1>Not found</h1></body></html>".to_vec(),
            location: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::collections::BTreeMap;

    fn site() -> MemoryFiles {
        [
            ("index.html", "home"),
            ("404.html", "missing"),
            ("de/404.html", "fehlt"),
            ("weeks/index.html", "weeks"),
            ("theme/style.css", "css"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.as_bytes().to_vec().into()))
        .collect()
    }

    #[test]
    fn normalises_dots_and_decodes_before_that() {
        assert_eq!(normalise("/"), Ok((String::new(), true)));
        assert_eq!(normalise("/a/./b/../c?x=1"), Ok(("a/c".into(), false)));
        assert_eq!(normalise("/weeks/"), Ok(("weeks".into(), true)));
        assert_eq!(normalise("/%61%62"), Ok(("ab".into(), false)));
        assert_eq!(normalise("/a/.."), Ok((String::new(), true)));
    }

    #[test]
    fn refuses_traversal_nul_backslash_and_bad_escapes() {
        for bad in [
            "/..",
            "/../book.toml",
            "/%2e%2e/book.toml",
            "/a/%2e%2e%2f%2e%2e%2fx",
        ] {
            assert_eq!(normalise(bad), Err(BadPath::OutsideSite), "{bad}");
        }
        for bad in ["/a%00b", "/..%5cbook.toml", "/a\\b", "/%ff"] {
            assert_eq!(normalise(bad), Err(BadPath::Forbidden), "{bad}");
        }
        for bad in ["a", "http://x/", "/%", "/%zz", "/%4"] {
            assert_eq!(normalise(bad), Err(BadPath::Malformed), "{bad}");
        }
    }

    #[test]
    fn serves_index_for_folders_and_redirects_without_slash() {
        let s = site();
        assert_eq!(lookup(&s, "/").body, b"home");
        assert_eq!(lookup(&s, "/weeks/").body, b"weeks");
        let r = lookup(&s, "/weeks?a=1");
        assert_eq!(
            (r.status, r.location.as_deref()),
            (301, Some("/weeks/?a=1"))
        );
        for raw in ["//evil.example/..//weeks", "/./weeks", "/x/../weeks#f"] {
            let r = lookup(&s, raw);
            assert_eq!(
                (r.status, r.location.as_deref()),
                (301, Some("/weeks/")),
                "{raw}"
            );
        }
        let mut odd = site();
        odd.insert("a b%/index.html".into(), b"odd".to_vec().into());
        let r = lookup(&odd, "/a%20b%25?q=1");
        assert_eq!(r.location.as_deref(), Some("/a%20b%25/?q=1"));
        assert_eq!(lookup(&odd, "/a%20b%25/").body, b"odd");
        assert_eq!(
            lookup(&s, "/theme/style.css").content_type,
            "text/css; charset=utf-8"
        );
    }

    #[test]
    fn redirects_stay_on_this_host() {
        let s = site();
        let r = lookup(&s, "//evil.example/..//weeks");
        assert_eq!((r.status, r.location.as_deref()), (301, Some("/weeks/")));
        let r = lookup(&site_with("a b/ü/index.html"), "/a%20b/./%C3%BC?q");
        assert_eq!(r.location.as_deref(), Some("/a%20b/%C3%BC/?q"));
    }

    fn site_with(path: &str) -> MemoryFiles {
        BTreeMap::from([(path.to_string(), b"page".to_vec().into())])
    }

    #[test]
    fn answers_missing_paths_with_the_languages_404_page() {
        let s = site();
        let r = lookup(&s, "/nope/");
        assert_eq!((r.status, r.body.as_slice()), (404, b"missing".as_slice()));
        assert_eq!(lookup(&s, "/de/nope").body, b"fehlt");
        assert_eq!(lookup(&s, "/../x").status, 400);
    }

    #[test]
    fn knows_common_content_types() {
        assert_eq!(content_type("a/b.SVG"), "image/svg+xml");
        assert_eq!(content_type("x.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("noext"), "application/octet-stream");
        assert_eq!(content_type("dir.d/noext"), "application/octet-stream");
    }
}
