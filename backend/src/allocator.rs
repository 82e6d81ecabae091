//! glibc's allocator, set up for a small long-running server. By default glibc gives each
//! thread that allocates its own arena (up to eight per core), and every arena keeps what was
//! freed in it; and after a large block is freed (argon2's 19 MiB at each sign-in) it raises
//! the size below which blocks come from the arenas rather than from the kernel, to that
//! block's size. Together they left a server of two cores at twice the memory its live data
//! needed (docs/BENCHMARKS.md, 2026-12-07). Called once, first thing in `main`, before any
//! thread starts.

/// Arenas for the whole process: one per core, so the blocking threads that run database
/// work share them rather than keep one each.
const ARENAS_PER_CORE: usize = 1;
/// Blocks from this size up come straight from the kernel and go back to it when freed; a
/// fixed value also turns off the raising described above.
const MMAP_THRESHOLD: usize = 128 * 1024;
/// Free memory at the top of the main heap beyond this is given back.
const TRIM_THRESHOLD: usize = 128 * 1024;

/// Applies the settings above (glibc only; other C libraries keep their own behaviour).
pub fn tune() {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let arenas = (cores * ARENAS_PER_CORE).max(2);
    glibc::set(glibc::ARENA_MAX, arenas);
    glibc::set(glibc::MMAP_THRESHOLD, MMAP_THRESHOLD);
    glibc::set(glibc::TRIM_THRESHOLD, TRIM_THRESHOLD);
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[expect(
    unsafe_code,
    reason = "mallopt is C; the one foreign call the server makes itself"
)]
mod glibc {
    pub const ARENA_MAX: libc::c_int = libc::M_ARENA_MAX;
    pub const MMAP_THRESHOLD: libc::c_int = libc::M_MMAP_THRESHOLD;
    pub const TRIM_THRESHOLD: libc::c_int = libc::M_TRIM_THRESHOLD;

    /// One `mallopt`; a value glibc refuses leaves its default, which is safe, so it is logged.
    pub fn set(param: libc::c_int, value: usize) {
        let value = libc::c_int::try_from(value).unwrap_or(libc::c_int::MAX);
        // SAFETY: mallopt takes two integers and has no other preconditions; glibc checks
        // both and returns 0 for a value it does not accept.
        let accepted = unsafe { libc::mallopt(param, value) } == 1;
        if !accepted {
            log::warn!("the C allocator did not accept setting {param} to {value}");
        }
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
mod glibc {
    pub const ARENA_MAX: i32 = 0;
    pub const MMAP_THRESHOLD: i32 = 0;
    pub const TRIM_THRESHOLD: i32 = 0;

    pub fn set(_param: i32, _value: usize) {}
}
