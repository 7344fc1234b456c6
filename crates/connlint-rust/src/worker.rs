//! The parser thread: syn and the passes recurse deeply, so files are analysed on a thread with
//! a big stack ([`PARSER_STACK`]). A thread made with such a stack says so once
//! ([`has_parser_stack`]; the driver's worker threads do) and analyses its files itself. Any
//! other thread that calls [`run`] gets a parser thread of its own, started on first use and
//! reused for every later file (starting a thread per file cost its stack's page faults every
//! time); it ends when the calling thread does. Handing every file over and waiting for it
//! costs two thread switches a file: on the dense benchmark corpus (8 965 Rust files) about
//! 14k voluntary and 11k involuntary context switches against 200-1 000 of each, 0.2 s more
//! system time, and 2 % of the CPU and wall time (two rounds of five interleaved runs).
//!
//! proc-macro2 (with `span-locations`) keeps a map of every text lexed on a thread, so the
//! thread that parses clears it after each file: every span of the file has been converted to
//! byte offsets by then.

use crate::Kb;
use connlint_core::Facts;
use std::cell::{Cell, RefCell};
use std::sync::{mpsc, Arc};

/// Stack for the thread that parses and walks one file: enough for the deepest syntax the
/// guard lets through (measured with the tests in `tests.rs`).
pub const PARSER_STACK: usize = 256 * 1024 * 1024;

/// One file to analyse on the parser thread.
struct Job {
    src: String,
    kb: Arc<Kb>,
    prune: bool,
}

/// What the parser thread sends back: the Facts, or `Err` when the analysis panicked.
type Reply = Result<Facts, ()>;

struct Worker {
    jobs: mpsc::Sender<(Job, mpsc::SyncSender<Reply>)>,
}

thread_local! {
    static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
    /// Whether this thread was made with a stack of [`PARSER_STACK`] bytes or more.
    static BIG_STACK: Cell<bool> = const { Cell::new(false) };
}

/// Declares that the calling thread was made with a stack of at least [`PARSER_STACK`] bytes
/// (`std::thread::Builder::stack_size`, `rayon::ThreadPoolBuilder::stack_size`): it will
/// analyse files itself instead of handing them to a parser thread. Declaring it of a thread
/// with a smaller stack lets deep input overflow that stack and abort the process.
pub fn has_parser_stack() {
    BIG_STACK.with(|b| b.set(true));
}

/// Runs one file's analysis on this thread: a panic becomes `Err`, and proc-macro2's map of
/// lexed texts is cleared afterwards.
fn here(analyze: impl FnOnce() -> Facts) -> Reply {
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(analyze));
    proc_macro2::extra::invalidate_current_thread_spans();
    result.map_err(|_| ())
}

fn start() -> std::io::Result<Worker> {
    let (tx, rx) = mpsc::channel::<(Job, mpsc::SyncSender<Reply>)>();
    std::thread::Builder::new()
        .name("connlint-rust".into())
        .stack_size(PARSER_STACK)
        .spawn(move || {
            // Ends when the calling thread's sender is dropped.
            while let Ok((job, reply)) = rx.recv() {
                let _ = reply.send(here(|| crate::analyze_here(&job.src, &job.kb, job.prune)));
            }
        })?;
    Ok(Worker { jobs: tx })
}

/// Analyses `src` on this thread when it has a parser's stack ([`has_parser_stack`]), else on
/// its parser thread (with a copy of the text). `Err` when no parser thread could be started.
pub fn run(src: &str, kb: &Arc<Kb>, prune: bool) -> std::io::Result<Reply> {
    if BIG_STACK.with(Cell::get) {
        return Ok(here(|| crate::analyze_here(src, kb, prune)));
    }
    let job = Job {
        src: src.to_string(),
        kb: Arc::clone(kb),
        prune,
    };
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
