//! An OAuth 2.0 token endpoint for CRO's refresh-token grant (RFC 6749 §6), so that
//! [`RefreshingToken`](crate::RefreshingToken) flows are testable against the sandbox alone:
//! `POST /oauth/token` with `grant_type=refresh_token`, a refresh token it knows and a client
//! id. It issues access tokens that the sandbox's CRO accepts until they expire (then 401), and
//! by default rotates the refresh token (the old one is refused afterwards). [`OAuthSettings`]
//! make it issue short-lived tokens, stop rotating, or refuse every grant.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// The path of the token endpoint under the sandbox's base URL.
pub const OAUTH_TOKEN_PATH: &str = "/oauth/token";

/// The refresh token the sandbox knows from the start (until it is rotated).
pub const CRO_REFRESH_TOKEN: &str = "sandbox-refresh-token";

/// How the token endpoint behaves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct OAuthSettings {
    /// Seconds an access token lives (`expires_in`; default 3600). After it, the sandbox's CRO
    /// answers 401 to the token.
    pub token_lifetime_secs: u64,
    /// Whether each grant issues a new refresh token and retires the one used (default true).
    pub rotate_refresh_tokens: bool,
    /// Whether every grant is refused with `400 invalid_grant` (default false).
    pub refuse: bool,
}

impl Default for OAuthSettings {
    fn default() -> Self {
        OAuthSettings {
            token_lifetime_secs: 3600,
            rotate_refresh_tokens: true,
            refuse: false,
        }
    }
}

/// The token endpoint's state, shared with the sandbox's CRO (which checks issued tokens).
#[derive(Debug)]
pub(crate) struct OAuth {
    pub(crate) settings: OAuthSettings,
    refresh_tokens: HashSet<String>,
    /// Issued access tokens and when each expires.
    issued: HashMap<String, Instant>,
}

impl Default for OAuth {
    fn default() -> Self {
        OAuth {
            settings: OAuthSettings::default(),
            refresh_tokens: HashSet::from([CRO_REFRESH_TOKEN.to_owned()]),
            issued: HashMap::new(),
        }
    }
}

impl OAuth {
    /// Whether `token` is one this endpoint issued that has expired (tokens it did not issue
    /// are not its business: the sandbox's CRO accepts any well-formed token).
    pub(crate) fn expired(&self, token: &str) -> bool {
        self.issued
            .get(token)
            .is_some_and(|until| *until <= Instant::now())
    }
}

pub(crate) type SharedOAuth = Arc<Mutex<OAuth>>;

/// The token endpoint; what it issues is also remembered in `issued`, for the request log.
pub(crate) fn routes(state: SharedOAuth, issued: super::Issued) -> Router {
    Router::new()
        .route(OAUTH_TOKEN_PATH, post(token))
        .with_state((state, issued))
}

fn refused(error: &str, description: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"error": error, "error_description": description})),
    )
        .into_response()
}

async fn token(
    State((state, issued)): State<(SharedOAuth, super::Issued)>,
    body: Bytes,
) -> Response {
    let form: HashMap<String, String> = url::form_urlencoded::parse(&body).into_owned().collect();
    if form.get("grant_type").map(String::as_str) != Some("refresh_token") {
        return refused(
            "unsupported_grant_type",
            "only grant_type=refresh_token is served",
        );
    }
    if form.get("client_id").is_none_or(|c| c.trim().is_empty()) {
        return refused("invalid_client", "client_id is required");
    }
    let mut oauth = state.lock().unwrap_or_else(|p| p.into_inner());
    let Some(refresh) = form.get("refresh_token") else {
        return refused("invalid_request", "refresh_token is required");
    };
    if oauth.settings.refuse || !oauth.refresh_tokens.contains(refresh) {
        return refused("invalid_grant", "the refresh token is not valid");
    }
    let id = uuid::Uuid::new_v4().simple().to_string();
    // The shape CRO's documented token pattern accepts: three dot-separated parts.
    let access = format!("eyJhbGciOiJub25lIn0.{id}.c2FuZGJveA");
    let lifetime = oauth.settings.token_lifetime_secs;
    issued.add(&access);
    oauth.issued.insert(
        access.clone(),
        Instant::now() + Duration::from_secs(lifetime.min(10 * 365 * 24 * 3600)),
    );
    let mut answer =
        json!({"access_token": access, "token_type": "Bearer", "expires_in": lifetime});
    if oauth.settings.rotate_refresh_tokens {
        oauth.refresh_tokens.remove(refresh);
        let next = format!("rt-{}", uuid::Uuid::new_v4().simple());
        issued.add(&next);
        oauth.refresh_tokens.insert(next.clone());
        answer["refresh_token"] = json!(next);
    }
    Json(answer).into_response()
}
