//! Freeing large values while a build goes on.

/// Frees `value` on a thread of its own: a large site, or its search index's word table,
/// takes a while to free, time the build spends writing and reporting instead. When no
/// thread can be started, the value is freed here, as it would have been.
pub(crate) fn drop_meanwhile<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("free".into())
        .spawn(move || drop(value));
}
