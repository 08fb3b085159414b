//! A headless Chromium for browser tests, driven through chromedriver's WebDriver protocol
//! (plain HTTP on 127.0.0.1, spoken with ureq): open a page, run a script, wait for a condition.
//!
//! Uses Debian's `chromium` and `chromedriver` (found on `PATH`) only, never a downloaded
//! browser, with a fresh profile and the flags that keep it from reaching other hosts. A test
//! that opens a browser starts with `skip_unless!(Tool::Chromium)`.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::on_path;

/// How long a browser step may take.
const PATIENCE: Duration = Duration::from_secs(20);

/// Flags for a quiet, isolated headless Chromium.
const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1024,768",
];

/// One browser session; the browser and its driver stop when this is dropped.
pub struct Browser {
    driver: Child,
    base: String,
    session: String,
    agent: ureq::Agent,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts chromedriver on a free port of 127.0.0.1 and opens a headless Chromium.
    pub fn start() -> Browser {
        Browser::try_start().unwrap_or_else(|missing| panic!("{missing}"))
    }

    /// [`Browser::start`], or which program is missing (for the latency benchmark, which
    /// skips its browser rows then).
    pub fn try_start() -> Result<Browser, String> {
        // Debian's Chromium and its chromedriver (package `chromium-driver`).
        let [chromium, chromedriver] = ["chromium", "chromedriver"].map(|tool| {
            on_path(tool).ok_or_else(|| {
                format!("{tool} is missing: browser tests need Debian's Chromium; run `apt-get install chromium chromium-driver`")
            })
        });
        let (chromium, chromedriver) = (chromium?, chromedriver?);
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let driver = Command::new(chromedriver)
            .args([format!("--port={port}"), "--allowed-ips=127.0.0.1".into()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .proxy(None)
            .timeout_global(Some(PATIENCE))
            .build()
            .into();
        let profile = tempfile::tempdir().expect("a profile folder");
        let mut browser = Browser {
            driver,
            base: format!("http://127.0.0.1:{port}"),
            session: String::new(),
            agent,
            _profile: profile,
        };
        browser.wait_for_driver();
        let mut args: Vec<String> = FLAGS.iter().map(|f| f.to_string()).collect();
        args.push(format!(
            "--user-data-dir={}",
            browser._profile.path().display()
        ));
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": args}
        }}});
        let answer = browser.call("POST", "/session", Some(caps));
        browser.session = answer["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {answer}"))
            .to_string();
        Ok(browser)
    }

    fn wait_for_driver(&self) {
        let start = Instant::now();
        loop {
            let ready = self
                .agent
                .get(format!("{}/status", self.base))
                .call()
                .ok()
                .and_then(|mut r| r.body_mut().read_to_string().ok())
                .and_then(|s| serde_json::from_str::<Value>(&s).ok())
                .is_some_and(|v| v["value"]["ready"] == json!(true));
            if ready {
                return;
            }
            assert!(start.elapsed() < PATIENCE, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// One WebDriver command; returns its `value`, failing the test on a WebDriver error.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.try_call(method, path, body)
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    /// One WebDriver command: its `value`, or what went wrong (transport or WebDriver).
    fn try_call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let url = format!("{}{path}", self.base);
        let result = match method {
            "GET" => self.agent.get(&url).call(),
            "DELETE" => self.agent.delete(&url).call(),
            _ => self
                .agent
                .post(&url)
                .header("Content-Type", "application/json")
                .send(body.unwrap_or_else(|| json!({})).to_string()),
        };
        let text = result
            .and_then(|mut r| r.body_mut().read_to_string())
            .map_err(|e| e.to_string())?;
        let v: Value = serde_json::from_str(&text).map_err(|e| format!("{e}: {text}"))?;
        if v["value"]["error"].is_string() {
            return Err(v["value"].to_string());
        }
        Ok(v["value"].clone())
    }

    fn session_path(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session)
    }

    /// Opens `url` (on 127.0.0.1) and waits for it to load.
    pub fn goto(&self, url: &str) {
        assert!(
            url.starts_with("http://127.0.0.1:"),
            "browser tests stay on 127.0.0.1: {url}"
        );
        let go = || {
            self.try_call(
                "POST",
                &self.session_path("/url"),
                Some(json!({"url": url})),
            )
        };
        // On a busy machine a load now and then outlasts the client's patience while the
        // browser is still working; one more try tells that from a page that never loads.
        if let Err(first) = go() {
            eprintln!("opening {url} timed out or failed once ({first}); trying again");
            go().unwrap_or_else(|e| panic!("POST /url {url}: {e} (first try: {first})"));
        }
    }

    /// Opens a file of a built site (`file://`), as a reader who opened the folder would.
    pub fn open_file(&self, path: &Path) {
        assert!(path.is_absolute(), "open_file needs an absolute path");
        let url = format!("file://{}", path.display());
        self.call(
            "POST",
            &self.session_path("/url"),
            Some(json!({"url": url})),
        );
    }

    /// Sets the size of the browser window in CSS pixels.
    pub fn resize(&self, width: u32, height: u32) {
        self.call(
            "POST",
            &self.session_path("/window/rect"),
            Some(json!({"width": width, "height": height})),
        );
    }

    /// Runs `script` as an asynchronous function body: it ends by calling
    /// `arguments[arguments.length - 1](result)`. Returns that result.
    pub fn eval_async(&self, script: &str) -> Value {
        self.call(
            "POST",
            &self.session_path("/execute/async"),
            Some(json!({"script": script, "args": []})),
        )
    }

    /// Types `keys` into the focused element (WebDriver key codes such as `\u{E007}` for Enter).
    pub fn send_keys(&self, keys: &str) {
        let actions: Vec<Value> = keys
            .chars()
            .flat_map(|c| {
                let k = c.to_string();
                [
                    json!({"type": "keyDown", "value": k}),
                    json!({"type": "keyUp", "value": k}),
                ]
            })
            .collect();
        self.call(
            "POST",
            &self.session_path("/actions"),
            Some(json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})),
        );
        self.call("DELETE", &self.session_path("/actions"), None);
    }

    /// Runs `script` (a function body: use `return`) in the page and returns its result.
    pub fn eval(&self, script: &str) -> Value {
        self.try_eval(script)
            .unwrap_or_else(|e| panic!("POST /execute/sync: {e}"))
    }

    /// [`Browser::eval`], or what went wrong (a page that is reloading cannot answer).
    pub fn try_eval(&self, script: &str) -> Result<Value, String> {
        self.try_call(
            "POST",
            &self.session_path("/execute/sync"),
            Some(json!({"script": script, "args": []})),
        )
    }

    /// Polls the expression `condition` until it is true; false after the time runs out.
    /// A page that is reloading in between is simply asked again.
    pub fn wait_for(&self, condition: &str) -> bool {
        let start = Instant::now();
        let script = format!("try {{ return !!({condition}); }} catch (e) {{ return false; }}");
        while start.elapsed() < PATIENCE {
            let answer = self
                .agent
                .post(format!(
                    "{}{}",
                    self.base,
                    self.session_path("/execute/sync")
                ))
                .header("Content-Type", "application/json")
                .send(json!({"script": script, "args": []}).to_string())
                .ok()
                .and_then(|mut r| r.body_mut().read_to_string().ok())
                .and_then(|s| serde_json::from_str::<Value>(&s).ok());
            if answer.is_some_and(|v| v["value"] == json!(true)) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    /// Sends a Chrome DevTools Protocol command through chromedriver, for what WebDriver
    /// has no command for (touch emulation, a script to run before the page's own).
    pub fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.call(
            "POST",
            &self.session_path("/goog/cdp/execute"),
            Some(json!({"cmd": cmd, "params": params})),
        )
    }

    /// Saves a PNG screenshot of the page (to look at while writing a test).
    pub fn screenshot(&self, to: &Path) {
        let b64 = self.call("GET", &self.session_path("/screenshot"), None);
        let bytes = decode_base64(b64.as_str().unwrap_or(""));
        std::fs::write(to, bytes).unwrap_or_else(|e| panic!("write {}: {e}", to.display()));
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self
                .agent
                .delete(format!("{}/session/{}", self.base, self.session))
                .call();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn decode_base64(s: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for v in s.bytes().filter_map(value) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}
