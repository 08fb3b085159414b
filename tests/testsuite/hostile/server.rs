//! Hostile requests to a real `circlekit serve` on 127.0.0.1: huge declared bodies, heads
//! too large or too slow, silent connections, too many connections or event streams,
//! redirects to other hosts, and arbitrary bytes. Every loop and wait is bounded.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::dev_server::{DevServer, PATIENCE, edit};
use crate::serve::site;

/// Longer than the server's idle limit for a silent connection (5 s).
const PAST_IDLE: Duration = Duration::from_secs(6);

fn connect(server: &DevServer) -> TcpStream {
    let s = TcpStream::connect(server.base.trim_start_matches("http://")).expect("connect");
    s.set_read_timeout(Some(PATIENCE)).expect("read timeout");
    s.set_write_timeout(Some(PATIENCE)).expect("write timeout");
    s
}

/// Reads until the server closes the connection; `None` when it is still open after
/// [`PATIENCE`] (or was reset).
fn read_until_closed(s: &mut TcpStream) -> Option<String> {
    let mut out = Vec::new();
    s.read_to_end(&mut out).ok()?;
    Some(String::from_utf8_lossy(&out).into_owned())
}

/// Sends `raw`, leaves the connection open for writing, and returns the whole answer once
/// the server closes (`None` if it does not within [`PATIENCE`]).
fn exchange(server: &DevServer, raw: &[u8]) -> Option<String> {
    let mut s = connect(server);
    let _ = s.write_all(raw);
    read_until_closed(&mut s)
}

fn status(answer: &str) -> &str {
    answer.get(9..12).unwrap_or("")
}

fn still_serves(server: &DevServer) {
    assert_eq!(server.get("/").0, 200, "{}", server.output());
}

#[test]
fn a_huge_declared_body_is_refused_without_being_read() {
    let site = site();
    let server = DevServer::start(&site.root, &[]);
    for method in ["GET", "HEAD", "POST"] {
        let raw =
            format!("{method} / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\nsome");
        let answer = exchange(&server, raw.as_bytes())
            .unwrap_or_else(|| panic!("{method}: no answer, or the connection stayed open"));
        let expected = if method == "POST" { "405" } else { "400" };
        assert_eq!(status(&answer), expected, "{method}: {answer}");
        assert!(answer.contains("Connection: close"), "{answer}");
    }
    let chunked = exchange(
        &server,
        b"GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nffffffffff\r\n",
    );
    assert_eq!(chunked.as_deref().map(status), Some("400"), "{chunked:?}");
    still_serves(&server);
}

#[test]
fn requests_that_never_send_their_body_do_not_freeze_the_server() {
    let site = site();
    let server = DevServer::start(&site.root, &[]);
    // More than the eight workers the server once had; each declares a body and sends none.
    let mut held = Vec::new();
    for i in 0..20 {
        let mut s = connect(&server);
        let method = if i % 2 == 0 { "GET" } else { "POST" };
        s.write_all(
            format!("{method} /faq/ HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n")
                .as_bytes(),
        )
        .expect("send a head");
        held.push(s);
    }
    for _ in 0..20 {
        assert_eq!(server.get("/faq/").0, 200);
    }
    for s in &mut held {
        let mut head = [0u8; 12];
        s.read_exact(&mut head).expect("an answer without the body");
        let head = String::from_utf8_lossy(&head).into_owned();
        assert!(head == "HTTP/1.1 400" || head == "HTTP/1.1 405", "{head}");
    }
}

#[test]
fn an_oversized_head_or_too_many_headers_are_refused() {
    let site = site();
    let server = DevServer::start(&site.root, &[]);
    // 40 KiB of one header that never ends.
    let mut s = connect(&server);
    let _ = s.write_all(b"GET / HTTP/1.1\r\nX-Long: ");
    let _ = s.write_all(&vec![b'a'; 40 * 1024]);
    let answer = read_until_closed(&mut s).unwrap_or_default();
    assert_eq!(status(&answer), "431", "{answer:?}");
    let many: String = (0..200).map(|i| format!("X-{i}: 1\r\n")).collect();
    let answer = exchange(&server, format!("GET / HTTP/1.1\r\n{many}\r\n").as_bytes());
    assert_eq!(answer.as_deref().map(status), Some("431"), "{answer:?}");
    still_serves(&server);
}

#[test]
fn a_silent_connection_is_closed_after_the_idle_limit() {
    let site = site();
    let server = DevServer::start(&site.root, &[]);
    let mut s = connect(&server);
    assert_eq!(
        read_until_closed(&mut s).as_deref(),
        Some(""),
        "the server should close a connection that sends nothing"
    );
}

#[test]
fn a_head_sent_too_slowly_is_answered_408() {
    let site = site();
    let server = DevServer::start(&site.root, &[]);
    let mut s = connect(&server);
    s.write_all(b"GET / HTTP/1.1\r\n")
        .expect("send the request line");
    let mut writer = s.try_clone().expect("clone the socket");
    let answered = Arc::new(AtomicBool::new(false));
    let stop = answered.clone();
    // One byte of a header every half second, for at most 25 seconds.
    let trickle = std::thread::spawn(move || {
        for _ in 0..50 {
            if stop.load(Ordering::Acquire) || writer.write_all(b"a").is_err() {
                return;
            }
            std::thread::sleep(Duration::from_millis(500));
        }
    });
    s.set_read_timeout(Some(Duration::from_secs(30)))
        .expect("read timeout");
    let mut head = [0u8; 12];
    let got = s.read_exact(&mut head);
    answered.store(true, Ordering::Release);
    let _ = trickle.join();
    assert!(got.is_ok(), "no answer: {got:?}");
    assert_eq!(&head, b"HTTP/1.1 408");
}

#[test]
fn connections_are_bounded_yet_a_hundred_at_once_are_served() {
    let site = site();
    let server = DevServer::start(&site.root, &[]);
    // What a load generator with 2 threads × 50 connections does.
    std::thread::scope(|scope| {
        let answers: Vec<_> = (0..100)
            .map(|_| scope.spawn(|| server.get("/faq/").0))
            .collect();
        for a in answers {
            assert_eq!(a.join().expect("a request thread"), 200);
        }
    });
    // Silent connections, more than the server holds at once.
    let silent: Vec<TcpStream> = (0..300).map(|_| connect(&server)).collect();
    // Refused at once, before it sends anything.
    let answer = read_until_closed(&mut connect(&server)).unwrap_or_default();
    assert_eq!(status(&answer), "503", "{answer:?}");
    drop(silent);
    server.wait_until("a free connection slot", || {
        let answer = exchange(&server, b"GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        answer.as_deref().map(status) == Some("200")
    });
}

#[test]
fn every_answer_closes_its_connection() {
    let site = site();
    let server = DevServer::start(&site.root, &[]);
    for raw in [
        "GET /faq/ HTTP/1.1\r\nHost: x\r\n\r\n",
        "GET /faq/ HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n",
        "GET /faq/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "HEAD /faq/ HTTP/1.0\r\n\r\n",
        "GET /no/such/page HTTP/1.1\r\nHost: x\r\n\r\n",
    ] {
        let answer = exchange(&server, raw.as_bytes())
            .unwrap_or_else(|| panic!("still open after answering {raw:?}"));
        assert!(answer.contains("\r\nConnection: close\r\n"), "{answer}");
    }
}

#[test]
fn no_redirect_leads_to_another_host() {
    let site = site();
    let server = DevServer::start(&site.root, &[]);
    for target in [
        "//evil.example/..//weeks",
        "//evil.example/%2e%2e//weeks",
        "///evil.example/../weeks",
        "/.//evil.example/../weeks",
        "/weeks/..//evil.example/../weeks",
    ] {
        let answer = exchange(
            &server,
            format!("GET {target} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes(),
        )
        .unwrap_or_default();
        assert_eq!(status(&answer), "301", "{target}: {answer}");
        let location = answer
            .lines()
            .find_map(|l| l.strip_prefix("Location: "))
            .unwrap_or_default();
        assert_eq!(location, "/weeks/", "{target}");
    }
}

/// Byte sequences from a fixed seed: valid requests cut, mutated and padded, plus noise.
fn hostile_inputs() -> Vec<Vec<u8>> {
    let base: &[&[u8]] = &[
        b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
        b"GET / HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n",
        b"GET /%ff%00/../..%2f HTTP/1.1\r\n\r\n",
        b"HEAD //x/..//weeks?%%#\xff HTTP/1.0\r\n\r\n",
        b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
    ];
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut out: Vec<Vec<u8>> = base.iter().map(|b| b.to_vec()).collect();
    for i in 0..240 {
        let mut b = base[i % base.len()].to_vec();
        for _ in 0..(next() % 6) {
            let at = (next() as usize) % (b.len() + 1);
            match next() % 4 {
                0 => b.insert(at, next() as u8),
                1 if at < b.len() => b[at] = next() as u8,
                2 => b.truncate(at),
                _ => b
                    .splice(
                        at..at,
                        b"\r\nContent-Length: 18446744073709551616".iter().copied(),
                    )
                    .for_each(drop),
            }
        }
        out.push(b);
    }
    out.push((0..=255u8).cycle().take(20_000).collect());
    out
}

#[test]
fn no_byte_sequence_crashes_the_server() {
    let site = site();
    let server = DevServer::start(&site.root, &[]);
    for input in hostile_inputs() {
        let mut s = connect(&server);
        let _ = s.write_all(&input);
        let _ = s.shutdown(Shutdown::Write);
        let answer = read_until_closed(&mut s);
        if let Some(a) = answer.filter(|a| !a.is_empty()) {
            assert!(a.starts_with("HTTP/1.1 "), "{input:?} → {a}");
        }
    }
    still_serves(&server);
    assert!(!server.output().contains("panicked"), "{}", server.output());
}

#[test]
fn event_streams_outlive_the_idle_limit_and_have_a_cap_of_their_own() {
    let site = site();
    let server = DevServer::start(&site.root, &[]);
    let streams: Vec<_> = (0..64).map(|_| server.events()).collect();
    let answer = exchange(
        &server,
        b"GET /__circlekit/events HTTP/1.1\r\nHost: x\r\n\r\n",
    )
    .unwrap_or_default();
    assert_eq!(status(&answer), "503", "{answer:?}");
    still_serves(&server);
    std::thread::sleep(PAST_IDLE);
    edit(
        &site,
        "content/en/faq.md",
        "Anyone in the circle.",
        "Whoever volunteers.",
    );
    for events in &streams {
        events.next("reload");
    }
}
