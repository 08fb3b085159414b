//! A headless Chromium for the latency benchmark, driven through chromedriver's WebDriver
//! protocol (plain HTTP on 127.0.0.1): Debian's `chromium` and `chromedriver`, a fresh
//! profile, and the flags that keep it from reaching other hosts.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const PATIENCE: Duration = Duration::from_secs(30);

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

/// A program on `PATH`.
fn on_path(name: &str) -> Option<std::path::PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

impl Browser {
    /// Starts chromedriver on a free port of 127.0.0.1 and opens a headless Chromium;
    /// `None` when either is not installed.
    pub fn start() -> Option<Browser> {
        let chromium = on_path("chromium")?;
        let chromedriver = on_path("chromedriver")?;
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
        let start = Instant::now();
        while browser.call("GET", "/status", None).is_none() {
            assert!(start.elapsed() < PATIENCE, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        let mut args: Vec<String> = FLAGS.iter().map(|f| f.to_string()).collect();
        args.push(format!(
            "--user-data-dir={}",
            browser._profile.path().display()
        ));
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": chromium, "args": args}
        }}});
        let answer = browser
            .call("POST", "/session", Some(caps))
            .expect("a browser session");
        browser.session = answer["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        Some(browser)
    }

    /// One WebDriver command: its `value`, or `None` on any error (a page reloading).
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Option<Value> {
        let url = format!("{}{path}", self.base);
        let result = match method {
            "GET" => self.agent.get(&url).call(),
            _ => self
                .agent
                .post(&url)
                .header("Content-Type", "application/json")
                .send(body.unwrap_or_else(|| json!({})).to_string()),
        };
        let text = result.ok()?.body_mut().read_to_string().ok()?;
        let v: Value = serde_json::from_str(&text).ok()?;
        (!v["value"]["error"].is_string()).then(|| v["value"].clone())
    }

    fn session_call(&self, rest: &str, body: Value) -> Option<Value> {
        self.call(
            "POST",
            &format!("/session/{}{rest}", self.session),
            Some(body),
        )
    }

    /// Opens `url` (on 127.0.0.1) and waits for it to load.
    pub fn goto(&self, url: &str) {
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        self.session_call("/url", json!({"url": url}))
            .unwrap_or_else(|| panic!("could not open {url}"));
    }

    /// Runs `script` (a function body: use `return`); `None` while the page reloads.
    pub fn eval(&self, script: &str) -> Option<Value> {
        self.session_call("/execute/sync", json!({"script": script, "args": []}))
    }

    /// Adds a script that runs at the start of every document this tab opens.
    pub fn on_every_page(&self, source: &str) {
        self.session_call(
            "/goog/cdp/execute",
            json!({"cmd": "Page.addScriptToEvaluateOnNewDocument", "params": {"source": source}}),
        )
        .expect("Page.addScriptToEvaluateOnNewDocument");
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let url = format!("{}/session/{}", self.base, self.session);
            let _ = self.agent.delete(&url).call();
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
