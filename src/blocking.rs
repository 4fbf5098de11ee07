//! The runtime behind the blocking clients (feature `blocking`): one tokio runtime with one
//! worker thread per blocking client (shared by its clones), which drives the connections
//! while the calling thread waits, as `reqwest::blocking` does.

use std::future::Future;
use std::sync::Arc;

use crate::error::{Error, ResponseMeta};

/// A blocking client's runtime; its clones share it.
#[derive(Clone)]
pub(crate) struct Runtime(Arc<Owned>);

struct Owned(Option<tokio::runtime::Runtime>);

/// Dropped without waiting for its tasks (idle connections), so that dropping a blocking
/// client never blocks, nor panics where blocking is not allowed.
impl Drop for Owned {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}

impl Runtime {
    pub(crate) fn new() -> Result<Runtime, Error> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("customer-apis-blocking")
            .enable_all()
            .build()
            .map_err(runtime_error)?;
        Ok(Runtime(Arc::new(Owned(Some(runtime)))))
    }

    /// Runs `call` to its end on this thread, the runtime's worker driving the I/O. Refused
    /// (not a panic) inside an async runtime, where blocking would stall its other tasks.
    pub(crate) fn block_on<T>(
        &self,
        call: impl Future<Output = Result<T, Error>>,
    ) -> Result<T, Error> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(Error::invalid(
                "blocking client",
                "cannot be called from inside an async runtime (it would block the runtime's \
                 thread): call the async client there",
            ));
        }
        match &self.0 .0 {
            Some(runtime) => runtime.block_on(call),
            // Taken out only when the last clone is dropped, after which nothing can call.
            None => Err(Error::invalid("blocking client", "has no runtime any more")),
        }
    }
}

/// A runtime that did not start: a local failure (no thread could be spawned), not a
/// connection's, and not retryable (nothing was sent, and trying again would not help).
fn runtime_error(e: std::io::Error) -> Error {
    Error::Transport {
        message: format!("could not start the blocking client's runtime: {e}"),
        connect: false,
        meta: Box::new(ResponseMeta::default()),
        source: Some(Box::new(e)),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_runtime_that_did_not_start_is_not_retryable() {
        let e = super::runtime_error(std::io::Error::other("no thread"));
        assert!(!e.is_retryable(), "{e}");
        assert_eq!(e.kind(), crate::ErrorKind::Transport);
        assert!(e
            .to_string()
            .contains("could not start the blocking client's runtime"));
    }
}
