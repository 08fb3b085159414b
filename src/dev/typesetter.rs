//! The thread that typesets `serve`'s PDFs in the background, at the lowest priority.

use std::sync::mpsc::Sender;

use anyhow::Result;

use super::pdf_work::PdfWork;
use super::watch::Signal;

/// The thread that typesets PDFs for `serve`, newest work first: work queued while it is
/// busy replaces older work not yet started. Results go back as [`Signal::Pdfs`]. Dropping
/// it ends the thread once its current work is done; nothing of that work is written to
/// disk, so the process need not wait for it.
pub(super) struct Typesetter {
    queue: Sender<PdfWork>,
}

impl Typesetter {
    pub(super) fn start(tx: Sender<Signal>) -> Result<Typesetter> {
        let (queue, work) = std::sync::mpsc::channel::<PdfWork>();
        std::thread::Builder::new()
            .name("circlekit-typesetter".into())
            .spawn(move || {
                lowest_priority();
                while let Ok(mut next) = work.recv() {
                    while let Ok(newer) = work.try_recv() {
                        next = newer;
                    }
                    let done = next.run();
                    if tx.send(Signal::Pdfs(Box::new(done))).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Typesetter { queue })
    }

    pub(super) fn queue(&self, work: PdfWork) {
        let _ = self.queue.send(work);
    }
}

/// Gives the calling thread (and the threads it starts, which inherit it) the lowest CPU
/// priority, so typesetting in the background never slows the rebuild of an edit. Linux
/// keeps the nice value per thread; elsewhere the thread keeps its priority.
fn lowest_priority() {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: gettid and setpriority only read their integer arguments; setpriority
        // on this thread's id changes nothing but this thread's nice value.
        let done = unsafe {
            let tid = libc::gettid();
            libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, 19)
        };
        // Failing leaves the normal priority: slower reloads while typesetting, no harm.
        let _ = done;
    }
}
