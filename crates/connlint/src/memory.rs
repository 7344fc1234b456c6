//! Memory: the allocator, what `CONNLINT_TRACE` shows of it, and giving the allocator's free
//! memory back.
//!
//! On Unix the allocator is jemalloc, for the whole process: Rust's allocations, and (on the
//! platforms where jemalloc can take `malloc`'s own name, Linux among them) tree-sitter's
//! through C's `malloc`. Parsing is allocation after allocation (syn's tree and tokens,
//! tree-sitter's subtrees), and on the dense benchmark corpus jemalloc took 12 % of the
//! instructions off against glibc's allocator (callgrind; about 10 % of the CPU time in the
//! median of interleaved runs), at the same peak memory.
//!
//! Its options are compiled in through `malloc_conf`:
//! - on Linux, one arena per CPU (`percpu_arena:percpu`): a thread allocates from the arena of
//!   the CPU it runs on, so the parsing threads do not queue on one arena's locks. Before,
//!   every thread shared one arena (`narenas:1`), for the peak; on the 2-core benchmark
//!   machine that cost 2-9 % of the dense run's CPU and wall time (medians of five interleaved
//!   runs, in five rounds: one arena 12.9-14.3 s of CPU, two arenas or one per CPU
//!   12.6-13.3 s), a cost callgrind cannot see (it runs one thread at a time) and that grows
//!   with the cores.
//!   The dense peak is 145-175 MB with it (132 MB with one arena, 162-163 MB with jemalloc's
//!   default of four arenas a CPU, where a thread keeps to its arena wherever it runs: two runs
//!   each with `MALLOC_CONF=percpu_arena:disabled,narenas:N`);
//! - threads keep their own caches of small blocks, larger than jemalloc's default
//!   (`tcache_nslots_small_max:2000`, `lg_tcache_nslots_mul:3`, and shrunk after 1 MiB of
//!   allocation instead of 64 KiB): the parsers allocate and free in bursts of thousands of
//!   small blocks, and with the default the caches were filled from and flushed to the arena
//!   over and over (every 10th dense file: 11.25 -> 10.99 G instructions, -2.2 %, for 3 MB
//!   more at the dense peak).
//!
//! `MALLOC_CONF` in the environment (`_RJEM_MALLOC_CONF` where jemalloc is prefixed) still
//! overrides them: jemalloc reads it after the compiled-in string.

/// See the module documentation.
#[cfg(unix)]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's compiled-in options (a C string), under both of the names it may read them
/// by: `malloc_conf` where it replaces `malloc`, `_rjem_malloc_conf` where it is prefixed
/// (macOS). The name it does not use is an unused symbol.
#[cfg(unix)]
#[export_name = "malloc_conf"]
static MALLOC_CONF: &[u8; CONF.len()] = CONF;

#[cfg(unix)]
#[export_name = "_rjem_malloc_conf"]
static MALLOC_CONF_PREFIXED: &[u8; CONF.len()] = CONF;

#[cfg(target_os = "linux")]
const CONF: &[u8; 101] = b"percpu_arena:percpu,tcache_nslots_small_max:2000,lg_tcache_nslots_mul:3,tcache_gc_incr_bytes:1048576\0";

/// Elsewhere jemalloc has no `sched_getcpu` for arenas per CPU (it would say so on stderr at
/// every start), and keeps its default arenas: four a CPU, a thread bound to one of them.
#[cfg(all(unix, not(target_os = "linux")))]
const CONF: &[u8; 81] =
    b"tcache_nslots_small_max:2000,lg_tcache_nslots_mul:3,tcache_gc_incr_bytes:1048576\0";

/// For `CONNLINT_TRACE`: the process's resident memory now and at its peak so far (Linux).
pub fn trace() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
    };
    match (field("VmRSS:"), field("VmHWM:")) {
        (Some(now), Some(peak)) => {
            format!(" (memory: {now} resident, {peak} at peak{})", heap_in_use())
        }
        _ => String::new(),
    }
}

/// For `CONNLINT_TRACE`: the bytes the program holds from the allocator, which is what the
/// resident figure would be without the allocator's free blocks and the program's code.
fn heap_in_use() -> String {
    #[cfg(not(unix))]
    return String::new();
    #[cfg(unix)]
    {
        // jemalloc is built with its statistics for this (the `stats` feature of
        // tikv-jemalloc-sys); `stats.allocated` is current after an `epoch` refresh. If it
        // does not answer, nothing is shown.
        let mut epoch: u64 = 1;
        let mut size = std::mem::size_of::<u64>();
        // SAFETY: "epoch" takes and gives a u64, "stats.allocated" gives a usize; the
        // pointers and sizes passed are those of such values.
        unsafe {
            let e = (&raw mut epoch).cast::<libc::c_void>();
            tikv_jemalloc_sys::mallctl(c"epoch".as_ptr(), e, &mut size, e, size);
            let mut allocated: usize = 0;
            let mut len = std::mem::size_of::<usize>();
            let out = (&raw mut allocated).cast::<libc::c_void>();
            let name = c"stats.allocated".as_ptr();
            if tikv_jemalloc_sys::mallctl(name, out, &mut len, std::ptr::null_mut(), 0) == 0 {
                return format!(", {} kB allocated", allocated / 1024);
            }
        }
        String::new()
    }
}

/// Hands the memory the parsers freed back to the system (jemalloc's dirty pages; elsewhere
/// nothing).
///
/// The parse pass frees much of what it allocates, fragmented between the Facts it keeps.
/// Called before the rules build their call graph. It used to be called after every file of
/// 256 KiB or more too; with the single arena jemalloc had then, that no longer lowered the
/// peak (dense benchmark corpus: 125-127 MB either way) and only made the next files fault the
/// pages in again (130k page faults against 61-68k, 0.31-0.48 s of system time).
pub fn release_free_memory() {
    #[cfg(unix)]
    // SAFETY: "arena.4096.purge" (4096: every arena) takes no value and gives none.
    unsafe {
        tikv_jemalloc_sys::mallctl(
            c"arena.4096.purge".as_ptr(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            0,
        );
    }
}
