//! Freeing large values while a build goes on, and giving freed memory back to the system.

/// Frees `value` on a thread of its own: a large site, or its search index's word table,
/// takes a while to free, time the build spends writing and reporting instead. When no
/// thread can be started, the value is freed here, as it would have been.
pub(crate) fn drop_meanwhile<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("free".into())
        .spawn(move || drop(value));
}

/// Returns the memory freed since the last call to the system where the allocator keeps
/// it (glibc keeps freed pages of its arenas mapped, mimalloc in the musl build for a few
/// milliseconds; after each rebuild, that is the last site and the last render's working
/// memory, a few hundred MB at 10,000 pages).
pub(crate) fn give_back_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: malloc_trim only walks the allocator's own free lists, under its locks.
        let _ = unsafe { libc::malloc_trim(0) };
    }
    #[cfg(target_env = "musl")]
    // SAFETY: mi_collect only walks the allocator's own pages, under its locks.
    unsafe {
        libmimalloc_sys::mi_collect(true)
    };
}
