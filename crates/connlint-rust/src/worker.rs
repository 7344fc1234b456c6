//! The parser thread: syn and the passes recurse deeply, so files are analysed on a thread with
//! a big stack. Each thread that calls [`run`] gets one such thread of its own, started on first
//! use and reused for every later file (starting a thread per file cost its stack's page faults
//! every time); it ends when the calling thread does.
//!
//! proc-macro2 (with `span-locations`) keeps a map of every text lexed on a thread, so the
//! parser thread clears it after each file: every span of the file has been converted to byte
//! offsets by then.

use crate::Job;
use connlint_core::Facts;
use std::cell::RefCell;
use std::sync::mpsc;

/// Stack for the thread that parses and walks one file: enough for the deepest syntax the
/// guard lets through (measured with the tests in `tests.rs`).
const PARSER_STACK: usize = 256 * 1024 * 1024;

/// What the parser thread sends back: the Facts, or `Err` when the analysis panicked.
type Reply = Result<Facts, ()>;

struct Worker {
    jobs: mpsc::Sender<(Job, mpsc::SyncSender<Reply>)>,
}

thread_local! {
    static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
}

fn start() -> std::io::Result<Worker> {
    let (tx, rx) = mpsc::channel::<(Job, mpsc::SyncSender<Reply>)>();
    std::thread::Builder::new()
        .name("connlint-rust".into())
        .stack_size(PARSER_STACK)
        .spawn(move || {
            // Ends when the calling thread's sender is dropped.
            while let Ok((job, reply)) = rx.recv() {
                let result =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job.analyze()));
                proc_macro2::extra::invalidate_current_thread_spans();
                let _ = reply.send(result.map_err(|_| ()));
            }
        })?;
    Ok(Worker { jobs: tx })
}

/// Analyses `job` on this thread's parser thread. `Err` when no parser thread could be started.
pub fn run(job: Job) -> std::io::Result<Reply> {
    // `try_with` fails only while the calling thread is being torn down.
    let outcome = WORKER.try_with(|cell| {
        let mut slot = cell.borrow_mut();
        let mut job = job;
        // A parser thread that went away (it cannot, short of an abort) is replaced once.
        for _ in 0..2 {
            let worker = match slot.as_ref() {
                Some(w) => w,
                None => slot.insert(start()?),
            };
            let (reply_tx, reply_rx) = mpsc::sync_channel(1);
            match worker.jobs.send((job, reply_tx)) {
                Ok(()) => {
                    if let Ok(reply) = reply_rx.recv() {
                        return Ok(reply);
                    }
                    // The thread died without replying; the job went with it.
                    *slot = None;
                    return Ok(Err(()));
                }
                Err(mpsc::SendError((back, _))) => {
                    job = back;
                    *slot = None;
                }
            }
        }
        Err(std::io::Error::other("the parser thread stopped"))
    });
    outcome.unwrap_or_else(|_| Err(std::io::Error::other("the calling thread is ending")))
}
