//! Rendering a template with a time limit. Tera 2.4 has no step budget (it caps `range()`
//! at 100,000 items and components at 20 levels, but nested loops or a component that
//! calls itself several times still run for ages), so each render runs on a helper
//! thread and is abandoned when it takes longer than the limit. Its output goes through a
//! writer that fails once the time is up, which stops a runaway loop that writes anything;
//! one that writes nothing keeps its (abandoned) thread busy until the process ends.

use std::cell::RefCell;
use std::io::{self, Write};
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use tera::{Context, Tera};

/// The largest page one render may produce; a runaway loop that writes fills memory fast.
pub const MAX_OUTPUT: usize = 256 * 1024 * 1024;

/// How a guarded render ended.
pub enum Guarded {
    /// It finished, well or with Tera's error.
    Done(Result<String, tera::Error>),
    /// It was still running when the time was up, and was abandoned.
    TimedOut,
    /// It wrote more than [`MAX_OUTPUT`] bytes.
    TooBig,
    /// Tera panicked while rendering.
    Panicked,
}

type Job = Box<dyn FnOnce() + Send>;

thread_local! {
    /// This thread's helper: renders run there so that this thread can stop waiting.
    static HELPER: RefCell<Option<Sender<Job>>> = const { RefCell::new(None) };
}

fn start_helper() -> io::Result<Sender<Job>> {
    let (tx, rx) = mpsc::channel::<Job>();
    std::thread::Builder::new()
        .name("template render".into())
        .spawn(move || {
            // Ends when its sender is dropped: by its thread's end, or after a timeout.
            for job in rx {
                job();
            }
        })?;
    Ok(tx)
}

/// Renders `name` into a buffer that refuses writes after `deadline` or beyond
/// [`MAX_OUTPUT`].
fn run(tera: &Tera, name: &str, ctx: &Context, deadline: Instant) -> Guarded {
    let mut out = Limited {
        buf: Vec::with_capacity(16 * 1024),
        deadline,
        over: None,
        writes: 0,
    };
    let result = tera.render_to(name, ctx, &mut out);
    match (result, out.over) {
        (_, Some(over)) => over,
        (Ok(()), None) => Guarded::Done(String::from_utf8(out.buf).map_err(tera::Error::from)),
        (Err(e), None) => Guarded::Done(Err(e)),
    }
}

/// Renders `name` with `ctx` on this thread: for templates that cannot run away (the
/// built-in theme's, which loop over the site's finite lists only). Output beyond
/// [`MAX_OUTPUT`] and panics are caught as in [`render`]; no thread is handed the work,
/// which spared two thread switches per page.
pub fn render_here(tera: &Tera, name: &str, ctx: &Context, limit: Duration) -> Guarded {
    let deadline = Instant::now() + limit;
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run(tera, name, ctx, deadline)
    }))
    .unwrap_or(Guarded::Panicked)
}

/// Renders `name` with `ctx`, giving up after `limit`.
pub fn render(tera: &Arc<Tera>, name: &str, ctx: Context, limit: Duration) -> Guarded {
    let (done_tx, done_rx) = mpsc::sync_channel(1);
    let tera = Arc::clone(tera);
    let name = name.to_string();
    let deadline = Instant::now() + limit;
    let job: Job = Box::new(move || {
        let _ = done_tx.send(run(&tera, &name, &ctx, deadline));
    });
    let sent = HELPER.with(|h| {
        let mut h = h.borrow_mut();
        let helper = match h.take() {
            Some(s) => s,
            None => start_helper()?,
        };
        match helper.send(job) {
            Ok(()) => {
                *h = Some(helper);
                Ok(())
            }
            // The helper died (a panic in an earlier render): start another.
            Err(mpsc::SendError(job)) => {
                let fresh = start_helper()?;
                let sent = fresh
                    .send(job)
                    .map_err(|_| io::Error::other("render helper"));
                *h = Some(fresh);
                sent
            }
        }
    });
    if sent.is_err() {
        return Guarded::Panicked;
    }
    match done_rx.recv_timeout(limit) {
        Ok(g) => g,
        Err(RecvTimeoutError::Timeout) => {
            // Abandon the helper: it ends by itself if the render ever does.
            HELPER.with(|h| h.borrow_mut().take());
            Guarded::TimedOut
        }
        Err(RecvTimeoutError::Disconnected) => {
            HELPER.with(|h| h.borrow_mut().take());
            Guarded::Panicked
        }
    }
}

/// A buffer that refuses writes after the deadline or beyond [`MAX_OUTPUT`].
struct Limited {
    buf: Vec<u8>,
    deadline: Instant,
    over: Option<Guarded>,
    /// Writes so far: the clock is read every [`CLOCK_EVERY`] writes, not on each.
    writes: u32,
}

/// How many writes pass between two looks at the clock (a page makes hundreds of small
/// writes; reading the clock on each was a hundredth of a build's time).
const CLOCK_EVERY: u32 = 64;

impl Write for Limited {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if self.buf.len() + data.len() > MAX_OUTPUT {
            self.over = Some(Guarded::TooBig);
            return Err(io::Error::other("the page is too large"));
        }
        self.writes = self.writes.wrapping_add(1);
        if self.writes.is_multiple_of(CLOCK_EVERY) && Instant::now() > self.deadline {
            self.over = Some(Guarded::TimedOut);
            return Err(io::Error::other("the time for rendering is up"));
        }
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
