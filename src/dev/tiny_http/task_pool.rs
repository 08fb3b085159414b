//! The pool of connection threads, as in tiny_http 0.12 (`util/task_pool.rs`): a thread is
//! started when none is idle, and idle threads beyond a few end after five seconds.
//!
//! Changed from tiny_http: a poisoned lock is taken over instead of panicking. How many
//! tasks run at once is bounded by the caller (see [`super::Server`]).

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread;
use std::time::Duration;

type Task = Box<dyn FnOnce() + Send>;

/// Runs tasks on reused threads.
pub struct TaskPool {
    sharing: Arc<Sharing>,
}

struct Sharing {
    todo: Mutex<VecDeque<Task>>,
    condvar: Condvar,
    active_tasks: AtomicUsize,
    waiting_tasks: AtomicUsize,
}

impl Sharing {
    fn lock(&self) -> MutexGuard<'_, VecDeque<Task>> {
        self.todo.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Threads kept even when idle.
const MIN_THREADS: usize = 4;

/// How long a thread beyond [`MIN_THREADS`] waits for work before it ends.
const IDLE_THREAD: Duration = Duration::from_secs(5);

struct Registration<'a> {
    nb: &'a AtomicUsize,
}

impl<'a> Registration<'a> {
    fn new(nb: &'a AtomicUsize) -> Registration<'a> {
        nb.fetch_add(1, Ordering::Release);
        Registration { nb }
    }
}

impl Drop for Registration<'_> {
    fn drop(&mut self) {
        self.nb.fetch_sub(1, Ordering::Release);
    }
}

impl TaskPool {
    /// A pool with its minimum number of threads started.
    pub fn new() -> TaskPool {
        let pool = TaskPool {
            sharing: Arc::new(Sharing {
                todo: Mutex::new(VecDeque::new()),
                condvar: Condvar::new(),
                active_tasks: AtomicUsize::new(0),
                waiting_tasks: AtomicUsize::new(0),
            }),
        };
        for _ in 0..MIN_THREADS {
            pool.add_thread(None);
        }
        pool
    }

    /// Runs `code` on an idle thread, or on a new one when none is idle.
    pub fn spawn(&self, code: Task) {
        let mut queue = self.sharing.lock();
        if self.sharing.waiting_tasks.load(Ordering::Acquire) == 0 {
            drop(queue);
            self.add_thread(Some(code));
        } else {
            queue.push_back(code);
            self.sharing.condvar.notify_one();
        }
    }

    fn add_thread(&self, initial: Option<Task>) {
        let sharing = self.sharing.clone();
        let spawned = thread::Builder::new()
            .name("circlekit-conn".into())
            .spawn(move || work(&sharing, initial));
        if let Err(e) = spawned {
            // Out of threads: the task (and its connection) is dropped, which closes it.
            eprintln!("circlekit: cannot start a connection thread: {e}");
        }
    }
}

fn work(sharing: &Sharing, initial: Option<Task>) {
    let _active = Registration::new(&sharing.active_tasks);
    if let Some(f) = initial {
        f();
    }
    loop {
        let task = {
            let mut todo = sharing.lock();
            loop {
                if let Some(task) = todo.pop_front() {
                    break task;
                }
                let _waiting = Registration::new(&sharing.waiting_tasks);
                let received = if sharing.active_tasks.load(Ordering::Acquire) <= MIN_THREADS {
                    todo = sharing
                        .condvar
                        .wait(todo)
                        .unwrap_or_else(|e| e.into_inner());
                    true
                } else {
                    let (lock, waited) = sharing
                        .condvar
                        .wait_timeout(todo, IDLE_THREAD)
                        .unwrap_or_else(|e| e.into_inner());
                    todo = lock;
                    !waited.timed_out()
                };
                if !received && todo.is_empty() {
                    return;
                }
            }
        };
        task();
    }
}

impl Drop for TaskPool {
    fn drop(&mut self) {
        self.sharing
            .active_tasks
            .store(999_999_999, Ordering::Release);
        self.sharing.condvar.notify_all();
    }
}
