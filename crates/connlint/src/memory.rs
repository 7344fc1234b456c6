//! Memory: what `CONNLINT_TRACE` shows of it, and giving the allocator's free memory back.

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
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: mallinfo2 only reads the allocator's statistics.
        let info = unsafe { libc::mallinfo2() };
        format!(", {} kB allocated", (info.uordblks + info.hblkhd) / 1024)
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    String::new()
}

/// Hands the memory the parsers freed back to the system (glibc; elsewhere nothing).
///
/// glibc keeps freed blocks in per-thread arenas, and the parse pass leaves them fragmented
/// between the Facts it keeps. Called after each big file (see `analyze::BIG_FILE`) and
/// before the rules build their call graph, which would otherwise be built in fresh pages.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free memory of the allocator to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}
