//! PDM's secrets serialize as `[REDACTED]` (an app that logs or stores a model as JSON leaks
//! nothing), but in the body that sends them (`ExposeSecrets`, which the clients use: the wire
//! tests in `secrets_all_vendors` match the key and session token in the bodies PDM receives).

use customer_apis::pdm::{types, ApiKey, SessionToken};
use customer_apis::ExposeSecrets;

const KEY: &str = "pdm-key-serialized-3c1f";
const SESSION: &str = "9001|serialized-session|0001";

fn request() -> types::GetSessionTokenRequest {
    types::GetSessionTokenRequest {
        company_id: 9001,
        key: ApiKey::new(KEY),
    }
}

fn session() -> types::Session {
    serde_json::from_value(serde_json::json!({
        "session_token": SESSION,
        "expires_local_datetime": "2030-01-01 00:00:00",
        "expires_utc_datetime": "2030-01-01 08:00:00",
    }))
    .expect("a session decodes")
}

#[test]
fn pdm_secrets_serialize_as_redacted_in_any_model() {
    assert_eq!(
        serde_json::to_value(request()).unwrap(),
        serde_json::json!({"company_id": 9001, "key": "[REDACTED]"})
    );
    assert_eq!(
        serde_json::to_value(session()).unwrap()["session_token"],
        "[REDACTED]"
    );
    // Through another serde format too: the rule is in the type, not in serde_json.
    let yaml = serde_yaml::to_string(&session()).unwrap();
    assert!(!yaml.contains(SESSION), "{yaml}");
    assert!(yaml.contains("[REDACTED]"), "{yaml}");
}

#[test]
fn expose_secrets_writes_them_for_that_serialization_only() {
    assert_eq!(
        serde_json::to_value(ExposeSecrets(&request())).unwrap(),
        serde_json::json!({"company_id": 9001, "key": KEY})
    );
    assert_eq!(
        serde_json::to_value(ExposeSecrets(&session())).unwrap()["session_token"],
        SESSION
    );
    // Nested, and then not any more.
    let nested = serde_json::to_string(&ExposeSecrets(&ExposeSecrets(&request()))).unwrap();
    assert!(nested.contains(KEY), "{nested}");
    let after = serde_json::to_string(&request()).unwrap();
    assert!(!after.contains(KEY), "{after}");
}

#[test]
fn a_failed_exposing_serialization_leaves_nothing_exposed() {
    /// A value whose serialization fails after the secret was written.
    struct Fails(ApiKey);
    impl serde::Serialize for Fails {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::{Error, SerializeSeq};
            let mut seq = s.serialize_seq(Some(2))?;
            seq.serialize_element(&self.0)?;
            Err(S::Error::custom("refused"))
        }
    }
    assert!(serde_json::to_string(&ExposeSecrets(&Fails(ApiKey::new(KEY)))).is_err());
    let after = serde_json::to_string(&SessionToken::new(SESSION)).unwrap();
    assert_eq!(after, r#""[REDACTED]""#);
}

#[test]
fn secrets_compare_by_value_and_models_holding_them_too() {
    assert_eq!(ApiKey::new(KEY), ApiKey::new(KEY));
    assert_ne!(ApiKey::new(KEY), ApiKey::new("another"));
    assert_eq!(session(), session());
    let mut other = session();
    other.session_token = SessionToken::new("9001|other|0001");
    assert_ne!(session(), other);
}
