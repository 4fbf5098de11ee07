//! Secrets that travel in JSON bodies (PDM's API key and session token): redacted wherever
//! they are shown or serialized, but for the one serialization that sends them.

use std::cell::Cell;

thread_local! {
    /// How many [`ExposeSecrets`] serializations are under way on this thread.
    static EXPOSING: Cell<u32> = const { Cell::new(0) };
}

/// Serializes the value it wraps with the secrets it holds in clear; serialized directly, a
/// secret is written as `"[REDACTED]"`.
///
/// The clients use it for the request bodies that must carry a secret (PDM's GetSessionToken
/// sends the API key, every other PDM call the session token). Use it yourself only where the
/// secret must really leave the process, such as handing a session to another one:
///
/// ```
/// # #[cfg(feature = "pdm")] {
/// use customer_apis::ExposeSecrets;
/// use customer_apis::pdm::SessionToken;
///
/// let token = SessionToken::new("9001|85d1c76d|0001");
/// assert_eq!(serde_json::to_string(&token).unwrap(), r#""[REDACTED]""#);
/// assert_eq!(serde_json::to_string(&ExposeSecrets(&token)).unwrap(), r#""9001|85d1c76d|0001""#);
/// # }
/// ```
///
/// The secrets are exposed while this value's `serialize` runs, on this thread only: a
/// serializer that writes them somewhere else (a log) would receive them too.
#[derive(Debug, Clone, Copy)]
pub struct ExposeSecrets<'a, T: ?Sized>(pub &'a T);

impl<T: serde::Serialize + ?Sized> serde::Serialize for ExposeSecrets<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// Counts down on drop, so a serializer that fails or panics leaves nothing exposed.
        struct Exposing;
        impl Drop for Exposing {
            fn drop(&mut self) {
                EXPOSING.with(|n| n.set(n.get().saturating_sub(1)));
            }
        }
        EXPOSING.with(|n| n.set(n.get().saturating_add(1)));
        let _exposing = Exposing;
        self.0.serialize(serializer)
    }
}

/// Whether an [`ExposeSecrets`] serialization is under way on this thread. Read by the secret
/// types (PDM's `ApiKey` and `SessionToken`, [`RefreshToken`](crate::RefreshToken)).
pub(crate) fn exposing() -> bool {
    EXPOSING.with(|n| n.get() > 0)
}

/// Declares a secret string type that travels in JSON bodies: shown as `[REDACTED]` by
/// `Debug` and `Display`, serialized as `"[REDACTED]"` but inside [`ExposeSecrets`], compared
/// by value (never hashed, never ordered).
#[allow(unused_macros)]
macro_rules! secret_text {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// Serialized as `"[REDACTED]"`; inside [`ExposeSecrets`](crate::ExposeSecrets), as
        /// the secret (how the client sends it). Deserialized from the plain string. Clones
        /// share one copy (each call's request body holds one), zeroed when the last is dropped.
        #[derive(Clone)]
        pub struct $name(std::sync::Arc<secrecy::SecretString>);

        impl $name {
            /// Wraps the secret.
            pub fn new(secret: impl Into<String>) -> Self {
                $name(std::sync::Arc::new(secrecy::SecretString::from(secret.into())))
            }

            /// The secret itself; call only to send or store it.
            pub fn expose(&self) -> &str {
                secrecy::ExposeSecret::expose_secret(&*self.0)
            }
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.expose() == other.expose()
            }
        }

        impl Eq for $name {}

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!(stringify!($name), "([REDACTED])"))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("[REDACTED]")
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok($name::new(s))
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                if crate::secret::exposing() {
                    serializer.serialize_str(self.expose())
                } else {
                    serializer.serialize_str("[REDACTED]")
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map($name::new)
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use secret_text;

#[cfg(test)]
mod tests {
    secret_text! {
        /// A secret for the tests.
        Sample
    }

    /// A clone shares the secret's one copy (a request body's clone of the session token
    /// costs no allocation) and is the same secret.
    #[test]
    fn a_clone_shares_the_one_copy_of_the_secret() {
        let secret = Sample::new("9001|85d1c76d|0001");
        let clone = secret.clone();
        assert_eq!(clone, secret);
        assert_eq!(clone.expose().as_ptr(), secret.expose().as_ptr());
        assert_eq!(
            format!("{clone:?} {clone}"),
            "Sample([REDACTED]) [REDACTED]"
        );
        drop(secret);
        assert_eq!(clone.expose(), "9001|85d1c76d|0001");
    }
}
