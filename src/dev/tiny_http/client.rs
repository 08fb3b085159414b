//! Reading one request head from a client, within limits of size, count and time.
//!
//! Replaces tiny_http 0.12's `ClientConnection`, which read a head of any size, waited for
//! it forever and read a declared body into memory. Here the head is read into a buffer of
//! at most [`Limits::max_head`] bytes, each read bounded by what is left of the deadline,
//! and a request that declares a body is refused without reading it.

use std::io::{ErrorKind, Read};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use super::request::{Header, Method};

/// What one connection may cost the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most bytes of request line and headers (431 beyond).
    pub max_head: usize,
    /// The most header lines (431 beyond).
    pub max_headers: usize,
    /// How long a new connection may stay silent before it is closed.
    pub idle: Duration,
    /// How long a client may take to send its whole request head (408 beyond).
    pub head: Duration,
    /// How long one write of the answer may block (a client that does not read).
    pub write: Duration,
    /// The most connections open at once, event streams aside (503 beyond).
    pub max_connections: usize,
}

/// A request head that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// `GET` or `HEAD`.
    pub method: Method,
    /// The request target as sent.
    pub url: String,
    /// The headers, in order.
    pub headers: Vec<Header>,
}

/// Why a request is answered with an error and the connection closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    /// The HTTP status.
    pub status: u16,
    /// Its reason phrase.
    pub reason: &'static str,
    /// The plain-text body.
    pub text: &'static str,
}

const fn refusal(status: u16, reason: &'static str, text: &'static str) -> Refusal {
    Refusal {
        status,
        reason,
        text,
    }
}

/// A request line or header that is not HTTP/1.x.
pub const MALFORMED: Refusal = refusal(400, "Bad Request", "400 Bad Request: malformed request\n");
/// A GET or HEAD that declares a body (a `Content-Length` above 0 or a `Transfer-Encoding`).
pub const BODY: Refusal = refusal(
    400,
    "Bad Request",
    "400 Bad Request: this server reads no request bodies\n",
);
/// Any method but GET and HEAD.
pub const METHOD: Refusal = refusal(
    405,
    "Method Not Allowed",
    "405 Method Not Allowed: this server only reads\n",
);
/// A head too large or with too many headers.
pub const TOO_LARGE: Refusal = refusal(
    431,
    "Request Header Fields Too Large",
    "431 Request Header Fields Too Large\n",
);
/// A head not sent in time.
pub const TIMEOUT: Refusal = refusal(408, "Request Timeout", "408 Request Timeout\n");
/// HTTP/2 or later over plain TCP.
pub const VERSION: Refusal = refusal(
    505,
    "HTTP Version Not Supported",
    "505 HTTP Version Not Supported: use HTTP/1.1\n",
);
/// Every connection slot is taken.
pub const BUSY: Refusal = refusal(
    503,
    "Service Unavailable",
    "503 Service Unavailable: too many connections\n",
);

/// How reading a head ended when it gave no request.
#[derive(Debug)]
pub(super) enum Failure {
    /// Closed, failed or silent until the idle limit: closed without an answer.
    Silent,
    /// Answered with this error, then closed.
    Refuse(Refusal),
}

/// Reads one request head from `stream`, which was accepted at `start`. Returns the head
/// and whether the client sent anything after it.
pub(super) fn read_head(
    stream: &mut TcpStream,
    limits: &Limits,
    start: Instant,
) -> Result<(Head, bool), Failure> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    loop {
        let limit = if buf.is_empty() {
            limits.idle
        } else {
            limits.head
        };
        let timed_out = || {
            if buf.is_empty() {
                Failure::Silent
            } else {
                Failure::Refuse(TIMEOUT)
            }
        };
        let left = (start + limit).saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(timed_out());
        }
        if stream.set_read_timeout(Some(left)).is_err() {
            return Err(Failure::Silent);
        }
        let n = match stream.read(&mut chunk) {
            Ok(0) => return Err(Failure::Silent),
            Ok(n) => n,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return Err(timed_out());
            }
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => return Err(Failure::Silent),
        };
        let from = buf.len().saturating_sub(2);
        buf.extend_from_slice(&chunk[..n]);
        if let Some((end, rest)) = find_end(&buf, from) {
            if end > limits.max_head {
                return Err(Failure::Refuse(TOO_LARGE));
            }
            let head = parse_head(&buf[..end], limits.max_headers).map_err(Failure::Refuse)?;
            return Ok((head, buf.len() > rest));
        }
        if buf.len() > limits.max_head {
            return Err(Failure::Refuse(TOO_LARGE));
        }
    }
}

/// Where the head ends (the blank line, `\r\n` or bare `\n`), searching from `from`:
/// the head's length without its last line break, and where what follows it starts.
fn find_end(buf: &[u8], from: usize) -> Option<(usize, usize)> {
    let mut i = from;
    while let Some(off) = buf.get(i..)?.iter().position(|&b| b == b'\n') {
        let at = i + off;
        match buf.get(at + 1..) {
            Some([b'\n', ..]) => return Some((at, at + 2)),
            Some([b'\r', b'\n', ..]) => return Some((at, at + 3)),
            _ => i = at + 1,
        }
    }
    None
}

/// Checks a request head (request line and headers, without the blank line) and returns
/// the request, or the error to answer with. Pure, so any byte sequence can be tried.
pub fn parse_head(head: &[u8], max_headers: usize) -> Result<Head, Refusal> {
    let mut lines = head
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l));
    let first = lines.next().unwrap_or_default();
    let line = std::str::from_utf8(first).map_err(|_| MALFORMED)?;
    let mut parts = line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(MALFORMED);
    };
    if !matches!(version, "HTTP/1.0" | "HTTP/1.1") {
        return Err(if version.starts_with("HTTP/") {
            VERSION
        } else {
            MALFORMED
        });
    }
    if method.is_empty() || !method.bytes().all(is_token) {
        return Err(MALFORMED);
    }
    if target.is_empty() || target.chars().any(char::is_control) {
        return Err(MALFORMED);
    }
    let mut headers = Vec::new();
    for l in lines {
        if headers.len() >= max_headers {
            return Err(TOO_LARGE);
        }
        headers.push(parse_header(l)?);
    }
    let method = match method {
        "GET" => Method::Get,
        "HEAD" => Method::Head,
        _ => return Err(METHOD),
    };
    if declares_body(&headers)? {
        return Err(BODY);
    }
    Ok(Head {
        method,
        url: target.to_string(),
        headers,
    })
}

fn parse_header(line: &[u8]) -> Result<Header, Refusal> {
    let colon = line.iter().position(|&b| b == b':').ok_or(MALFORMED)?;
    let (name, value) = (&line[..colon], &line[colon + 1..]);
    // A name with blanks around it, or a folded line (starting with a blank), is refused.
    if name.is_empty() || !name.iter().copied().all(is_token) {
        return Err(MALFORMED);
    }
    if value.iter().any(|&b| b != b'\t' && (b < 0x20 || b == 0x7f)) {
        return Err(MALFORMED);
    }
    Ok(Header {
        field: String::from_utf8_lossy(name).into_owned(),
        value: String::from_utf8_lossy(value)
            .trim_matches([' ', '\t'])
            .to_string(),
    })
}

/// Whether the headers announce a body: any `Transfer-Encoding`, or a `Content-Length`
/// other than 0 (a value that is not a number is malformed; a huge one is just "a body").
fn declares_body(headers: &[Header]) -> Result<bool, Refusal> {
    let mut body = false;
    for h in headers {
        if h.field.eq_ignore_ascii_case("transfer-encoding") {
            body = true;
        } else if h.field.eq_ignore_ascii_case("content-length") {
            let v = h.value.as_bytes();
            if v.is_empty() || !v.iter().all(u8::is_ascii_digit) {
                return Err(MALFORMED);
            }
            body |= v.iter().any(|&d| d != b'0');
        }
    }
    Ok(body)
}

/// A `tchar` of RFC 9110: what a method or header name is made of.
fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Head, Refusal> {
        parse_head(s.as_bytes(), 100)
    }

    #[test]
    fn reads_a_get_with_headers() {
        let h = parse("GET /a?b HTTP/1.1\r\nHost: x\r\nAccept:  */* \r").expect("a request");
        assert_eq!((h.method, h.url.as_str()), (Method::Get, "/a?b"));
        assert_eq!(h.headers[1].value, "*/*");
        assert_eq!(parse("HEAD / HTTP/1.0").map(|h| h.method), Ok(Method::Head));
    }

    #[test]
    fn refuses_bodies_other_methods_and_bad_syntax() {
        assert_eq!(
            parse("GET / HTTP/1.1\nContent-Length: 99999999999"),
            Err(BODY)
        );
        assert_eq!(
            parse("GET / HTTP/1.1\nTransfer-Encoding: chunked"),
            Err(BODY)
        );
        assert!(parse("GET / HTTP/1.1\nContent-Length: 000").is_ok());
        assert_eq!(parse("GET / HTTP/1.1\nContent-Length: -1"), Err(MALFORMED));
        assert_eq!(parse("POST / HTTP/1.1\nContent-Length: 5"), Err(METHOD));
        assert_eq!(parse("GET / HTTP/2.0"), Err(VERSION));
        for bad in [
            "",
            "GET /",
            "GET  / HTTP/1.1",
            "GET / HTTP/1.1 x",
            "G(T / HTTP/1.1",
            "GET / HTTP/1.1\nNo colon",
            "GET / HTTP/1.1\n folded: x",
            "GET / HTTP/1.1\nName : x",
            "GET / HTTP/1.1\nX: a\x00b",
        ] {
            assert_eq!(parse(bad), Err(MALFORMED), "{bad:?}");
        }
    }

    #[test]
    fn counts_headers() {
        let many = format!("GET / HTTP/1.1{}", "\r\nX: 1".repeat(101));
        assert_eq!(parse(&many), Err(TOO_LARGE));
    }

    #[test]
    fn finds_the_blank_line_with_or_without_carriage_returns() {
        assert_eq!(find_end(b"GET / HTTP/1.1\r\n\r\nrest", 0), Some((15, 18)));
        assert_eq!(find_end(b"GET / HTTP/1.1\n\n", 0), Some((14, 16)));
        assert_eq!(find_end(b"GET / HTTP/1.1\r\nX: 1\r\n", 0), None);
        assert_eq!(find_end(b"\n", 0), None);
    }

    #[test]
    fn any_bytes_give_a_request_or_a_refusal() {
        let mut x: u32 = 1;
        for len in 0..400 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    b"GET /HTP1.\r\n:\x00\xff9"[(x % 15) as usize]
                })
                .collect();
            let _ = parse_head(&bytes, 10);
            let _ = find_end(&bytes, len / 2);
        }
    }
}
