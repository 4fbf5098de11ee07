#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use {
    progenitor_client::{ClientHooks, OperationInfo, RequestBuilderExt},
    crate::contract::PathSegment as _,
};
#[allow(clippy::all)]
pub mod types {
    /**A customer's address. The sample sends every line, with `""` for an unset one.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        PartialEq,
        Eq,
        Hash
    )]
    pub struct Address {
        ///Address City.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub city: ::std::option::Option<::std::string::String>,
        ///Address County.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub county: ::std::option::Option<::std::string::String>,
        ///Address Line 1.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub line_1: ::std::option::Option<::std::string::String>,
        ///Address Line 2.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub line_2: ::std::option::Option<::std::string::String>,
        ///Address Line 3.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub line_3: ::std::option::Option<::std::string::String>,
        ///Address Postcode.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub postal_code: ::std::option::Option<::std::string::String>,
    }
    /**One customer record. The page lists every field; the sample sends them all, with empty
strings where a value is unset. Only the record's identity, dates and `active` are
required here, so a record lacking an optional field still decodes.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        Eq,
        Hash
    )]
    pub struct Customer {
        ///Customer Active (True / False); sent as a JSON boolean.
        pub active: bool,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub address: ::std::option::Option<Address>,
        ///Date Created. Format YYYY-MM-DD.
        #[serde(deserialize_with = "crate::timestamp::date_serde::required")]
        pub created: ::chrono::naive::NaiveDate,
        ///Unique Customer Id from the PDM system.
        pub customer_id: i64,
        ///Unique Customer Reference with the format C######.
        pub customer_ref: ::std::string::String,
        /**Customer Date of Birth. Format YYYY-MM-DD. PDM writes an unset field as `""`; the
SDK reads `""` here as an absent date of birth.
*/
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::timestamp::date_serde::optional")]
        pub dob: ::std::option::Option<::chrono::naive::NaiveDate>,
        ///Email Address.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub email_address: ::std::option::Option<::std::string::String>,
        /**External Customer Reference. Max length = 50 (the limit the request documents for
the same field).
*/
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub external_customer_ref: ::std::option::Option<::std::string::String>,
        ///Customer First Name.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub first_name: ::std::option::Option<::std::string::String>,
        ///Customer gender (Male / Female).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub gender: ::std::option::Option<::std::string::String>,
        ///Date Modified. Format YYYY-MM-DD.
        #[serde(deserialize_with = "crate::timestamp::date_serde::required")]
        pub last_modified: ::chrono::naive::NaiveDate,
        ///Customer Last Name.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub last_name: ::std::option::Option<::std::string::String>,
        ///Telephone Number 1.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub tel_number_1: ::std::option::Option<::std::string::String>,
        ///Telephone Number 2.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub tel_number_2: ::std::option::Option<::std::string::String>,
        ///Customer Title. Max Length 12.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub title: ::std::option::Option<::std::string::String>,
    }
    /**The body of GetCustomer. *Either customer_id or external_customer_ref are required, but
not both. If both are provided, both will be tried starting with customer_id and using
first match. (Self-contradictory as documented: "not both" against "if both". Send
exactly one.)
*/
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq, Eq)]
    #[doc(hidden)]
    pub struct GetCustomerRequest {
        ///Unique Company Id in the PDM system. Required.
        pub company_id: i64,
        ///Required*. The unique internal id for the customer in PDM.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub customer_id: ::std::option::Option<i64>,
        /**Required*. The unique reference int for the customer as known by the third-party
system. Max length = 50. (Typed string, though the docs call it an "int".) An empty
reference names no customer, so the SDK refuses one (`minLength: 1`); the vendor's
own request sample sends `""` beside a `customer_id`.
*/
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub external_customer_ref: ::std::option::Option<::std::string::String>,
        pub session_token: crate::pdm::SessionToken,
    }
    /**The answer of GetCustomer: `status`, and the `customer` when `status.code` is 101.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        Eq,
        Hash
    )]
    #[doc(hidden)]
    pub struct GetCustomerResponse {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub customer: ::std::option::Option<Customer>,
        pub status: Status,
    }
    ///The body of GetSessionToken.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq, Eq)]
    #[doc(hidden)]
    pub struct GetSessionTokenRequest {
        ///Unique Company Id in the PDM system.
        pub company_id: i64,
        pub key: crate::pdm::ApiKey,
    }
    /**The answer of GetSessionToken: `status`, and the `session` when `status.code` is 101.
*/
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq, Eq)]
    pub struct GetSessionTokenResponse {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub session: ::std::option::Option<Session>,
        pub status: Status,
    }
    /**A session token and its expiry. Times are formatted `YYYY-MM-DD HH:MM:SS`, without an
offset: one in the company's local time, one in UTC. The patterns bound every field
(month 01–12, day 01–31, hour 00–23, minute and second 00–59), so that a value
generated from them is a time the SDK can read; they do not check the calendar (a
day its month lacks, such as 30 February, still matches).
*/
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq, Eq)]
    pub struct Session {
        ///When the token expires, local time. Format YYYY-MM-DD HH:MM:SS.
        pub expires_local_datetime: ::std::string::String,
        ///When the token expires, UTC. Format YYYY-MM-DD HH:MM:SS.
        pub expires_utc_datetime: ::std::string::String,
        pub session_token: crate::pdm::SessionToken,
    }
    /**The result of a call. PDM answers HTTP 200 for every outcome, including errors, and
reports the outcome here, in `code`. `code` is a plain integer, not an enumeration, so
a code PDM adds later still decodes.

Documented codes:

- `101`: OK
- `201`: Invalid / inactive company ID
- `202`: Invalid / inactive API key
- `204`: IP address not approved
- `205`: Rate limit exceeded
- `301`: Required data missing
- `302`: Data exceeded parameters (list fields in status details)
- `303`: Incorrect data type (list fields in status details)
- `401`: No matching customer found
- `500`: General service error
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        Eq,
        Hash
    )]
    pub struct Status {
        /**See status codes: 101 OK, 201 Invalid / inactive company ID, 202 Invalid /
inactive API key, 204 IP address not approved, 205 Rate limit exceeded, 301
Required data missing, 302 Data exceeded parameters, 303 Incorrect data type, 401
No matching customer found, 500 General service error.
*/
        pub code: i32,
        ///Response details. For 302 and 303 it lists the offending fields.
        pub details: ::std::string::String,
    }
    /// Error types.
    pub mod error {
        /// Error from a `TryFrom` or `FromStr` implementation.
        pub struct ConversionError(::std::borrow::Cow<'static, str>);
        impl ::std::error::Error for ConversionError {}
        impl ::std::fmt::Display for ConversionError {
            fn fmt(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Display::fmt(&self.0, f)
            }
        }
        impl ::std::fmt::Debug for ConversionError {
            fn fmt(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Debug::fmt(&self.0, f)
            }
        }
        impl From<&'static str> for ConversionError {
            fn from(value: &'static str) -> Self {
                Self(value.into())
            }
        }
        impl From<String> for ConversionError {
            fn from(value: String) -> Self {
                Self(value.into())
            }
        }
    }
    /// The parameters of GetCustomer: its request body (`GetCustomerRequest`) without what the client fills in.
    #[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
    pub struct GetCustomerParams {
        ///Required*. The unique internal id for the customer in PDM.
        pub customer_id: ::std::option::Option<i64>,
        /**Required*. The unique reference int for the customer as known by the third-party
system. Max length = 50. (Typed string, though the docs call it an "int".) An empty
reference names no customer, so the SDK refuses one (`minLength: 1`); the vendor's
own request sample sends `""` beside a `customer_id`.
*/
        pub external_customer_ref: ::std::option::Option<::std::string::String>,
    }
    #[derive(::serde::Deserialize)]
    #[serde(remote = "Address")]
    #[serde(deny_unknown_fields)]
    struct StrictAddress {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub city: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub county: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub line_1: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub line_2: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub line_3: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub postal_code: ::std::option::Option<::std::string::String>,
    }
    #[derive(::serde::Deserialize)]
    #[serde(remote = "Customer")]
    #[serde(deny_unknown_fields)]
    struct StrictCustomer {
        pub active: bool,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default)]
        #[serde(deserialize_with = "crate::contract::strict_not_null")]
        pub address: ::std::option::Option<Address>,
        #[serde(deserialize_with = "crate::timestamp::date_serde::required")]
        pub created: ::chrono::naive::NaiveDate,
        pub customer_id: i64,
        pub customer_ref: ::std::string::String,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::timestamp::date_serde::optional")]
        pub dob: ::std::option::Option<::chrono::naive::NaiveDate>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub email_address: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub external_customer_ref: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub first_name: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub gender: ::std::option::Option<::std::string::String>,
        #[serde(deserialize_with = "crate::timestamp::date_serde::required")]
        pub last_modified: ::chrono::naive::NaiveDate,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub last_name: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub tel_number_1: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub tel_number_2: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub title: ::std::option::Option<::std::string::String>,
    }
    #[derive(::serde::Deserialize)]
    #[serde(remote = "GetCustomerRequest")]
    #[serde(deny_unknown_fields)]
    struct StrictGetCustomerRequest {
        pub company_id: i64,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub customer_id: ::std::option::Option<i64>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub external_customer_ref: ::std::option::Option<::std::string::String>,
        pub session_token: crate::pdm::SessionToken,
    }
    #[derive(::serde::Deserialize)]
    #[serde(remote = "GetCustomerResponse")]
    #[serde(deny_unknown_fields)]
    struct StrictGetCustomerResponse {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(deserialize_with = "crate::contract::strict_field")]
        pub customer: ::std::option::Option<Customer>,
        #[serde(deserialize_with = "crate::contract::strict_field")]
        pub status: Status,
    }
    #[derive(::serde::Deserialize)]
    #[serde(remote = "GetSessionTokenRequest")]
    #[serde(deny_unknown_fields)]
    struct StrictGetSessionTokenRequest {
        pub company_id: i64,
        pub key: crate::pdm::ApiKey,
    }
    #[derive(::serde::Deserialize)]
    #[serde(remote = "GetSessionTokenResponse")]
    #[serde(deny_unknown_fields)]
    struct StrictGetSessionTokenResponse {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(deserialize_with = "crate::contract::strict_field")]
        pub session: ::std::option::Option<Session>,
        #[serde(deserialize_with = "crate::contract::strict_field")]
        pub status: Status,
    }
    #[derive(::serde::Deserialize)]
    #[serde(remote = "Session")]
    #[serde(deny_unknown_fields)]
    struct StrictSession {
        pub expires_local_datetime: ::std::string::String,
        pub expires_utc_datetime: ::std::string::String,
        pub session_token: crate::pdm::SessionToken,
    }
    #[derive(::serde::Deserialize)]
    #[serde(remote = "Status")]
    #[serde(deny_unknown_fields)]
    struct StrictStatus {
        pub code: i32,
        pub details: ::std::string::String,
    }
    impl crate::contract::Declared for Address {
        fn declared() -> crate::contract::Shape {
            const FIELDS: &[crate::contract::Property] = &[
                ("city", crate::contract::shape_any),
                ("county", crate::contract::shape_any),
                ("line_1", crate::contract::shape_any),
                ("line_2", crate::contract::shape_any),
                ("line_3", crate::contract::shape_any),
                ("postal_code", crate::contract::shape_any),
            ];
            crate::contract::Shape::Object(FIELDS)
        }
        fn strict<'de, D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            StrictAddress::deserialize(d)
        }
    }
    impl crate::contract::Declared for Customer {
        fn declared() -> crate::contract::Shape {
            const FIELDS: &[crate::contract::Property] = &[
                ("active", crate::contract::shape_any),
                ("address", <Address as crate::contract::Declared>::declared),
                ("created", crate::contract::shape_any),
                ("customer_id", crate::contract::shape_any),
                ("customer_ref", crate::contract::shape_any),
                ("dob", crate::contract::shape_any),
                ("email_address", crate::contract::shape_any),
                ("external_customer_ref", crate::contract::shape_any),
                ("first_name", crate::contract::shape_any),
                ("gender", crate::contract::shape_any),
                ("last_modified", crate::contract::shape_any),
                ("last_name", crate::contract::shape_any),
                ("tel_number_1", crate::contract::shape_any),
                ("tel_number_2", crate::contract::shape_any),
                ("title", crate::contract::shape_any),
            ];
            crate::contract::Shape::Object(FIELDS)
        }
        fn strict<'de, D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            StrictCustomer::deserialize(d)
        }
    }
    impl crate::contract::Declared for GetCustomerRequest {
        fn declared() -> crate::contract::Shape {
            const FIELDS: &[crate::contract::Property] = &[
                ("company_id", crate::contract::shape_any),
                ("customer_id", crate::contract::shape_any),
                ("external_customer_ref", crate::contract::shape_any),
                ("session_token", crate::contract::shape_any),
            ];
            crate::contract::Shape::Object(FIELDS)
        }
        fn strict<'de, D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            StrictGetCustomerRequest::deserialize(d)
        }
    }
    impl crate::contract::Declared for GetCustomerResponse {
        fn declared() -> crate::contract::Shape {
            const FIELDS: &[crate::contract::Property] = &[
                ("customer", <Customer as crate::contract::Declared>::declared),
                ("status", <Status as crate::contract::Declared>::declared),
            ];
            crate::contract::Shape::Object(FIELDS)
        }
        fn strict<'de, D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            StrictGetCustomerResponse::deserialize(d)
        }
    }
    impl crate::contract::Declared for GetSessionTokenRequest {
        fn declared() -> crate::contract::Shape {
            const FIELDS: &[crate::contract::Property] = &[
                ("company_id", crate::contract::shape_any),
                ("key", crate::contract::shape_any),
            ];
            crate::contract::Shape::Object(FIELDS)
        }
        fn strict<'de, D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            StrictGetSessionTokenRequest::deserialize(d)
        }
    }
    impl crate::contract::Declared for GetSessionTokenResponse {
        fn declared() -> crate::contract::Shape {
            const FIELDS: &[crate::contract::Property] = &[
                ("session", <Session as crate::contract::Declared>::declared),
                ("status", <Status as crate::contract::Declared>::declared),
            ];
            crate::contract::Shape::Object(FIELDS)
        }
        fn strict<'de, D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            StrictGetSessionTokenResponse::deserialize(d)
        }
    }
    impl crate::contract::Declared for Session {
        fn declared() -> crate::contract::Shape {
            const FIELDS: &[crate::contract::Property] = &[
                ("expires_local_datetime", crate::contract::shape_any),
                ("expires_utc_datetime", crate::contract::shape_any),
                ("session_token", crate::contract::shape_any),
            ];
            crate::contract::Shape::Object(FIELDS)
        }
        fn strict<'de, D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            StrictSession::deserialize(d)
        }
    }
    impl crate::contract::Declared for Status {
        fn declared() -> crate::contract::Shape {
            const FIELDS: &[crate::contract::Property] = &[
                ("code", crate::contract::shape_any),
                ("details", crate::contract::shape_any),
            ];
            crate::contract::Shape::Object(FIELDS)
        }
        fn strict<'de, D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            StrictStatus::deserialize(d)
        }
    }
}
#[derive(Clone, Debug)]
/**Client for PDM (Pro Delivery Manager) accounts API

The customer calls of the PDM (Pro Delivery Manager) v2 accounts API, written by hand from
PDM's endpoint page for GetCustomer and PDM's public docs for GetSessionToken.

Every call is `POST {base}/<Method>` (no trailing slash) with a JSON body. There are no
authentication headers: the company id, the API key (GetSessionToken) and the session
token (every other call) travel in the body.

PDM answers HTTP 200 for every outcome and puts its own result code in the body
(`status.code`, see the `Status` schema): 101 is OK, anything else is an error, and the
record (`session`, `customer`) may then be absent or null.

Contradictions and gaps found in the vendor's pages, kept here as found:
- GetCustomer says "either customer_id or external_customer_ref are required, but not
  both", then "If both are provided, both will be tried starting with customer_id and
  using first match": "not both" and "if both" contradict each other. The spec keeps both
  fields optional and repeats the documented rule;
- the GetCustomer request sample sends both fields (`"customer_id": 1408` with
  `"external_customer_ref": ""`);
- `external_customer_ref` is typed `string` but described as "The unique reference int";
- `session_token` is not marked "Required." like `company_id`, although every call needs
  it; it is said to be issued by "the GetSession API call", whose name is
  GetSessionToken;
- `active` is documented as "True / False" but sent as a JSON boolean (`true`);
- the response field list loses its indentation: `email_address`, `tel_number_1` and
  `tel_number_2` follow the `address` fields, but the sample carries them on the customer,
  which is where the spec puts them;
- no HTTP status other than 200 is documented.


Version: v2*/
pub struct Client {
    pub(crate) baseurl: String,
    pub(crate) client: reqwest::Client,
}
impl Client {
    /// Create a new client.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub fn new(baseurl: &str) -> Self {
        #[cfg(not(target_arch = "wasm32"))]
        let client = {
            let dur = ::std::time::Duration::from_secs(15u64);
            reqwest::ClientBuilder::new().connect_timeout(dur).timeout(dur)
        };
        #[cfg(target_arch = "wasm32")]
        let client = reqwest::ClientBuilder::new();
        Self::new_with_client(baseurl, client.build().unwrap())
    }
    /// Construct a new client with an existing `reqwest::Client`,
    /// allowing more control over its configuration.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub fn new_with_client(baseurl: &str, client: reqwest::Client) -> Self {
        Self {
            baseurl: baseurl.to_string(),
            client,
        }
    }
}
impl ClientInfo<()> for Client {
    fn api_version() -> &'static str {
        "v2"
    }
    fn baseurl(&self) -> &str {
        self.baseurl.as_str()
    }
    fn client(&self) -> &reqwest::Client {
        &self.client
    }
    fn inner(&self) -> &() {
        &()
    }
}
const _: () = {
    #[allow(dead_code)]
    fn assert_client_hooks()
    where
        Client: ClientHooks<()>,
    {}
};
#[allow(clippy::all)]
impl Client {
    /**GetCustomer

This function will return one customer record based on the search criteria provided.
The customer can be found with either the Customer Id or the External Customer
Reference.

*Either customer_id or external_customer_ref are required, but not both. If both are
provided, both will be tried starting with customer_id and using first match. (The
two sentences contradict each other — "not both" and "if both" — and the vendor's own
request sample sends both, with an empty `external_customer_ref`. The spec keeps both
fields optional; sending exactly one is the safe reading.)

PDM answers HTTP 200 whatever the outcome; `status.code` carries the result (101 = OK,
401 = No matching customer found, see `Status`). `customer` may be absent or null when
the code is not 101.


Sends a `POST` request to `/GetCustomer`

*/
    pub async fn get_customer<'a>(
        &'a self,
        cx: &crate::contract::CallState,
        body: &'a types::GetCustomerRequest,
    ) -> Result<ResponseValue<types::GetCustomerResponse>, Error<()>> {
        let url = format!("{}/GetCustomer", self.baseurl,);
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&crate::ExposeSecrets(&body))
            .build()?;
        let result = crate::contract::exec(&self.client, request, cx).await;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::contract::response_value(response, cx).await,
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**GetSessionToken

Issues a session token, valid for a finite period of time (see the expiry date/time in
the answer), for a company and its API key. Every other call sends the token in its
body as `session_token`.

PDM answers HTTP 200 whatever the outcome; `status.code` carries the result (101 = OK,
see `Status`). `session` may be absent or null when the code is not 101.


Sends a `POST` request to `/GetSessionToken`

*/
    pub async fn get_session_token<'a>(
        &'a self,
        cx: &crate::contract::CallState,
        body: &'a types::GetSessionTokenRequest,
    ) -> Result<ResponseValue<types::GetSessionTokenResponse>, Error<()>> {
        let url = format!("{}/GetSessionToken", self.baseurl,);
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&crate::ExposeSecrets(&body))
            .build()?;
        let result = crate::contract::exec(&self.client, request, cx).await;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::contract::response_value(response, cx).await,
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
}
/// Items consumers will typically use such as the Client.
pub mod prelude {
    #[allow(unused_imports)]
    pub use super::Client;
}
/// One method per operation of the spec.
impl super::Client {
    /// GetCustomer: `POST /GetCustomer`.
    ///
    /// This function will return one customer record based on the search criteria provided.
    /// The customer can be found with either the Customer Id or the External Customer
    /// Reference.
    ///
    /// *Either customer_id or external_customer_ref are required, but not both. If both are
    /// provided, both will be tried starting with customer_id and using first match. (The
    /// two sentences contradict each other — "not both" and "if both" — and the vendor's own
    /// request sample sends both, with an empty `external_customer_ref`. The spec keeps both
    /// fields optional; sending exactly one is the safe reading.)
    ///
    /// PDM answers HTTP 200 whatever the outcome; `status.code` carries the result (101 = OK,
    /// 401 = No matching customer found, see `Status`). `customer` may be absent or null when
    /// the code is not 101.
    ///
    /// The client fills in `company_id` and `session_token` from its credentials.
    /// Idempotent: retried on any retryable failure, an attempt that timed out included.
    pub async fn get_customer(
        &self,
        params: impl ::std::convert::Into<types::GetCustomerParams>,
    ) -> ::std::result::Result<crate::Response<types::Customer>, crate::Error> {
        let params: types::GetCustomerParams = params.into();
        crate::validation::check_request(&params)?;
        let inner = &*self.inner;
        let op = crate::contract::Op {
            name: "GetCustomer",
            idempotent: true,
            method: "POST",
            template: ::std::option::Option::Some("/GetCustomer"),
            answers: ::std::option::Option::Some(
                &[
                    crate::contract::Documented {
                        status: "200",
                        headers: &[],
                        content_types: &["application/json"],
                    },
                ],
            ),
        };
        let cx = &crate::contract::CallState::default();
        inner
            .transport
            .call(
                cx,
                &inner.policy,
                op,
                |session| {
                    let body = types::GetCustomerRequest {
                        company_id: ::std::clone::Clone::clone(&session.company_id),
                        session_token: ::std::clone::Clone::clone(
                            &session.session_token,
                        ),
                        customer_id: ::std::clone::Clone::clone(&params.customer_id),
                        external_customer_ref: ::std::clone::Clone::clone(
                            &params.external_customer_ref,
                        ),
                    };
                    async move { inner.generated.get_customer(cx, &body).await }
                },
                |answer: types::GetCustomerResponse, meta: &crate::ResponseMeta| {
                    crate::contract::AnswerStatus::answer_status(
                        &inner.policy,
                        &answer.status,
                        meta,
                    )?;
                    let answer = answer
                        .customer
                        .ok_or_else(|| crate::contract::missing_result(
                            "customer",
                            meta,
                        ))?;
                    ::std::result::Result::Ok(answer)
                },
            )
            .await
    }
}
/// The operation that issues the credential (`x-credential-exchange`), as the call
/// path knows it.
pub(crate) const CREDENTIAL_EXCHANGE: crate::contract::Op = crate::contract::Op {
    name: "GetSessionToken",
    idempotent: true,
    method: "POST",
    template: ::std::option::Option::Some("/GetSessionToken"),
    answers: ::std::option::Option::Some(
        &[
            crate::contract::Documented {
                status: "200",
                headers: &[],
                content_types: &["application/json"],
            },
        ],
    ),
};
impl super::Client {
    /// Any PDM method, for one the spec does not cover yet: `POST {base}/<pdm_method>` with `body` plus the client's `company_id` and `session_token`, through this client's core (credentials obtained and renewed, retries, timeouts, the size cap, [`Error`](crate::Error)). The answer's `status` is checked like the documented methods' (a code other than 101 is [`Error::Api`](crate::Error::Api)); the rest of the answer decodes as `T`. `idempotent`: whether repeating the method is safe (reads are); if not, it is repeated only when the vendor cannot have acted on it.
    pub async fn request<T: ::serde::de::DeserializeOwned + ::std::marker::Send>(
        &self,
        pdm_method: &str,
        body: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        idempotent: bool,
    ) -> ::std::result::Result<crate::Response<T>, crate::Error> {
        let inner = &*self.inner;
        let http = ::progenitor_client::ClientInfo::client(&inner.generated);
        let parts = (&inner.transport, &inner.policy, http, inner.base_url.as_str());
        crate::contract::post_method::<
            _,
            types::Status,
            T,
            _,
        >(
                parts,
                ("pdm_method", pdm_method, "status"),
                body,
                idempotent,
                |session| ::std::result::Result::Ok(
                    ::std::vec![
                        ("company_id", ::serde_json::to_value(crate ::ExposeSecrets(&
                        session.company_id)) ?), ("session_token",
                        ::serde_json::to_value(crate ::ExposeSecrets(& session
                        .session_token)) ?),
                    ],
                ),
            )
            .await
    }
}
#[cfg(feature = "blocking")]
impl super::blocking::Client {
    /// [`request`](super::Client::request), blocking the calling thread.
    pub fn request<T: ::serde::de::DeserializeOwned + ::std::marker::Send>(
        &self,
        pdm_method: &str,
        body: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        idempotent: bool,
    ) -> ::std::result::Result<crate::Response<T>, crate::Error> {
        self.block_on(self.as_async().request(pdm_method, body, idempotent))
    }
}
impl crate::validation::Validate for types::GetCustomerParams {
    fn validate_at(
        &self,
        path: &crate::validation::FieldPath<'_>,
        out: &mut Vec<crate::validation::Violation>,
    ) {
        crate::validation::check(
            &self.external_customer_ref,
            &path.field("external_customer_ref"),
            &[
                crate::validation::Rule::MinLength(1),
                crate::validation::Rule::MaxLength(50),
            ],
            out,
        );
        crate::validation::check_one_required(
            path,
            &["customer_id", "external_customer_ref"],
            &[
                crate::validation::Present::is_present(&self.customer_id),
                crate::validation::Present::is_present(&self.external_customer_ref),
            ],
            out,
        );
    }
}
/// One method per operation of the spec, blocking the calling thread (feature
/// `blocking`).
#[cfg(feature = "blocking")]
impl super::blocking::Client {
    /// GetCustomer: `POST /GetCustomer`.
    ///
    /// This function will return one customer record based on the search criteria provided.
    /// The customer can be found with either the Customer Id or the External Customer
    /// Reference.
    ///
    /// *Either customer_id or external_customer_ref are required, but not both. If both are
    /// provided, both will be tried starting with customer_id and using first match. (The
    /// two sentences contradict each other — "not both" and "if both" — and the vendor's own
    /// request sample sends both, with an empty `external_customer_ref`. The spec keeps both
    /// fields optional; sending exactly one is the safe reading.)
    ///
    /// PDM answers HTTP 200 whatever the outcome; `status.code` carries the result (101 = OK,
    /// 401 = No matching customer found, see `Status`). `customer` may be absent or null when
    /// the code is not 101.
    ///
    /// The client fills in `company_id` and `session_token` from its credentials.
    /// Idempotent: retried on any retryable failure, an attempt that timed out included.
    ///
    /// Blocks the calling thread until the call ends.
    pub fn get_customer(
        &self,
        params: impl ::std::convert::Into<types::GetCustomerParams>,
    ) -> ::std::result::Result<crate::Response<types::Customer>, crate::Error> {
        self.block_on(self.as_async().get_customer(params))
    }
}
#[cfg(feature = "cli")]
#[doc(hidden)]
impl super::Client {
    #[doc(hidden)]
    pub async fn call_operation(
        &self,
        name: &str,
        args: &crate::operation::Args,
    ) -> ::std::result::Result<crate::Response<::serde_json::Value>, crate::Error> {
        match name {
            "get_customer" => {
                let params = types::GetCustomerParams {
                    customer_id: args.optional("customer_id")?,
                    external_customer_ref: args.optional("external_customer_ref")?,
                };
                crate::contract::to_json(self.get_customer(params).await?)
            }
            _ => {
                ::std::result::Result::Err(
                    crate::Error::invalid(
                        "operation",
                        "is not an operation of this client",
                    ),
                )
            }
        }
    }
}
/// Whether a sandbox seed record's body decodes as what the operation returns (its
/// `x-result`): `None` for an operation without a method.
#[cfg(feature = "sandbox")]
pub(crate) fn check_seed(
    operation: &str,
    body: &::serde_json::Value,
) -> ::std::option::Option<::std::result::Result<(), ::std::string::String>> {
    match operation {
        "GetCustomer" => {
            ::std::option::Option::Some(
                crate::contract::decodes::<types::Customer>(body),
            )
        }
        _ => ::std::option::Option::None,
    }
}
/// What a request body breaks of the operation's documented body (the sandbox's
/// verdict on a request): `None` for an operation without a JSON body schema.
#[cfg(feature = "sandbox")]
pub(crate) fn check_request(
    operation: &str,
    body: &[u8],
) -> ::std::option::Option<crate::contract::Found> {
    match operation {
        "GetCustomer" => {
            ::std::option::Option::Some(
                crate::contract::body_departures::<types::GetCustomerRequest>(body),
            )
        }
        "GetSessionToken" => {
            ::std::option::Option::Some(
                crate::contract::body_departures::<types::GetSessionTokenRequest>(body),
            )
        }
        _ => ::std::option::Option::None,
    }
}
/// Every operation of the spec with a generated method, in path order.
pub const OPERATIONS: &[crate::operation::Operation] = &[
    crate::operation::Operation {
        id: "GetCustomer",
        name: "get_customer",
        method: "POST",
        path: "/GetCustomer",
        summary: "GetCustomer",
        idempotent: true,
        aliases: &[],
        params: &[
            crate::operation::Param {
                name: "customer_id",
                location: crate::operation::ParamIn::Body,
                required: false,
                description: "Required*. The unique internal id for the customer in PDM.",
                alias: ::std::option::Option::None,
            },
            crate::operation::Param {
                name: "external_customer_ref",
                location: crate::operation::ParamIn::Body,
                required: false,
                description: "Required*. The unique reference int for the customer as known by the third-party",
                alias: ::std::option::Option::Some("external_ref"),
            },
        ],
        result: "customer",
    },
];
/// progenitor's defaults: the generated calls send through the shared transport.
impl progenitor_client::ClientHooks<()> for Client {}
impl crate::validation::Validate for types::Address {
    fn validate_at(
        &self,
        _path: &crate::validation::FieldPath<'_>,
        _out: &mut Vec<crate::validation::Violation>,
    ) {}
}
impl crate::validation::Validate for types::Customer {
    fn validate_at(
        &self,
        path: &crate::validation::FieldPath<'_>,
        out: &mut Vec<crate::validation::Violation>,
    ) {
        crate::validation::Validate::validate_at(
            &self.address,
            &path.field("address"),
            out,
        );
        crate::validation::check(
            &self.customer_ref,
            &path.field("customer_ref"),
            &[
                crate::validation::Rule::Pattern {
                    regex: "^C[0-9]{6}$",
                    looks_like: "`C` and six digits, such as `C001408`",
                },
            ],
            out,
        );
        crate::validation::check(
            &self.external_customer_ref,
            &path.field("external_customer_ref"),
            &[crate::validation::Rule::MaxLength(50)],
            out,
        );
        crate::validation::check(
            &self.gender,
            &path.field("gender"),
            &[crate::validation::Rule::OneOf(&["Male", "Female"])],
            out,
        );
        crate::validation::check(
            &self.title,
            &path.field("title"),
            &[crate::validation::Rule::MaxLength(12)],
            out,
        );
    }
}
impl crate::validation::Validate for types::GetCustomerRequest {
    fn validate_at(
        &self,
        path: &crate::validation::FieldPath<'_>,
        out: &mut Vec<crate::validation::Violation>,
    ) {
        crate::validation::check(
            &self.external_customer_ref,
            &path.field("external_customer_ref"),
            &[
                crate::validation::Rule::MinLength(1),
                crate::validation::Rule::MaxLength(50),
            ],
            out,
        );
        crate::validation::check_one_required(
            path,
            &["customer_id", "external_customer_ref"],
            &[
                crate::validation::Present::is_present(&self.customer_id),
                crate::validation::Present::is_present(&self.external_customer_ref),
            ],
            out,
        );
    }
}
impl crate::validation::Validate for types::GetCustomerResponse {
    fn validate_at(
        &self,
        path: &crate::validation::FieldPath<'_>,
        out: &mut Vec<crate::validation::Violation>,
    ) {
        crate::validation::Validate::validate_at(
            &self.customer,
            &path.field("customer"),
            out,
        );
        crate::validation::Validate::validate_at(
            &self.status,
            &path.field("status"),
            out,
        );
    }
}
impl crate::validation::Validate for types::GetSessionTokenRequest {
    fn validate_at(
        &self,
        _path: &crate::validation::FieldPath<'_>,
        _out: &mut Vec<crate::validation::Violation>,
    ) {}
}
impl crate::validation::Validate for types::GetSessionTokenResponse {
    fn validate_at(
        &self,
        path: &crate::validation::FieldPath<'_>,
        out: &mut Vec<crate::validation::Violation>,
    ) {
        crate::validation::Validate::validate_at(
            &self.session,
            &path.field("session"),
            out,
        );
        crate::validation::Validate::validate_at(
            &self.status,
            &path.field("status"),
            out,
        );
    }
}
impl crate::validation::Validate for types::Session {
    fn validate_at(
        &self,
        path: &crate::validation::FieldPath<'_>,
        out: &mut Vec<crate::validation::Violation>,
    ) {
        crate::validation::check(
            &self.expires_local_datetime,
            &path.field("expires_local_datetime"),
            &[
                crate::validation::Rule::Pattern {
                    regex: "^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01]) ([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d$",
                    looks_like: "a date and time as `YYYY-MM-DD HH:MM:SS`, such as `2024-01-31 17:05:00`",
                },
            ],
            out,
        );
        crate::validation::check(
            &self.expires_utc_datetime,
            &path.field("expires_utc_datetime"),
            &[
                crate::validation::Rule::Pattern {
                    regex: "^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01]) ([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d$",
                    looks_like: "a date and time as `YYYY-MM-DD HH:MM:SS`, such as `2024-01-31 17:05:00`",
                },
            ],
            out,
        );
    }
}
impl crate::validation::Validate for types::Status {
    fn validate_at(
        &self,
        _path: &crate::validation::FieldPath<'_>,
        _out: &mut Vec<crate::validation::Violation>,
    ) {}
}
/// What the spec documents that is not a generated type.
pub mod spec {
    /// The documented request headers, which the layer sets once per client.
    pub const REQUEST_HEADERS: &[crate::validation::HeaderRule] = &[];
    /// PDM's documented status codes, other than 101 (OK), which is no error.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum PdmStatus {
        /// 201: Invalid / inactive company ID.
        InvalidCompanyId,
        /// 202: Invalid / inactive API key.
        InvalidApiKey,
        /// 204: IP address not approved.
        IpAddressNotApproved,
        /// 205: Rate limit exceeded.
        RateLimitExceeded,
        /// 301: Required data missing.
        RequiredDataMissing,
        /// 302: Data exceeded parameters (list fields in status details).
        DataExceededParameters,
        /// 303: Incorrect data type (list fields in status details).
        IncorrectDataType,
        /// 401: No matching customer found.
        NoMatchingCustomer,
        /// 500: General service error.
        GeneralServiceError,
        /// A code the vendor does not document.
        Other(i64),
    }
    impl PdmStatus {
        /// The code for a number the vendor sent.
        pub fn from_code(code: i64) -> Self {
            match code {
                201 => PdmStatus::InvalidCompanyId,
                202 => PdmStatus::InvalidApiKey,
                204 => PdmStatus::IpAddressNotApproved,
                205 => PdmStatus::RateLimitExceeded,
                301 => PdmStatus::RequiredDataMissing,
                302 => PdmStatus::DataExceededParameters,
                303 => PdmStatus::IncorrectDataType,
                401 => PdmStatus::NoMatchingCustomer,
                500 => PdmStatus::GeneralServiceError,
                other => PdmStatus::Other(other),
            }
        }
        /// The number the vendor sends.
        pub fn code(self) -> i64 {
            match self {
                PdmStatus::InvalidCompanyId => 201,
                PdmStatus::InvalidApiKey => 202,
                PdmStatus::IpAddressNotApproved => 204,
                PdmStatus::RateLimitExceeded => 205,
                PdmStatus::RequiredDataMissing => 301,
                PdmStatus::DataExceededParameters => 302,
                PdmStatus::IncorrectDataType => 303,
                PdmStatus::NoMatchingCustomer => 401,
                PdmStatus::GeneralServiceError => 500,
                PdmStatus::Other(code) => code,
            }
        }
        /// The vendor's documented meaning.
        pub fn meaning(self) -> &'static str {
            match self {
                PdmStatus::InvalidCompanyId => "Invalid / inactive company ID",
                PdmStatus::InvalidApiKey => "Invalid / inactive API key",
                PdmStatus::IpAddressNotApproved => "IP address not approved",
                PdmStatus::RateLimitExceeded => "Rate limit exceeded",
                PdmStatus::RequiredDataMissing => "Required data missing",
                PdmStatus::DataExceededParameters => {
                    "Data exceeded parameters (list fields in status details)"
                }
                PdmStatus::IncorrectDataType => {
                    "Incorrect data type (list fields in status details)"
                }
                PdmStatus::NoMatchingCustomer => "No matching customer found",
                PdmStatus::GeneralServiceError => "General service error",
                PdmStatus::Other(_) => "undocumented code",
            }
        }
        /// What kind of failure the code says, where it says more than the HTTP status.
        pub fn kind(self) -> ::std::option::Option<crate::ErrorKind> {
            match self {
                PdmStatus::InvalidCompanyId => {
                    ::std::option::Option::Some(crate::ErrorKind::AccessDenied)
                }
                PdmStatus::InvalidApiKey => {
                    ::std::option::Option::Some(crate::ErrorKind::CredentialRejected)
                }
                PdmStatus::IpAddressNotApproved => {
                    ::std::option::Option::Some(crate::ErrorKind::AccessDenied)
                }
                PdmStatus::RateLimitExceeded => {
                    ::std::option::Option::Some(crate::ErrorKind::Throttled)
                }
                PdmStatus::NoMatchingCustomer => {
                    ::std::option::Option::Some(crate::ErrorKind::NotFound)
                }
                _ => ::std::option::Option::None,
            }
        }
    }
    impl crate::ErrorCode for PdmStatus {
        fn code(&self) -> i64 {
            PdmStatus::code(*self)
        }
        fn meaning(&self) -> &'static str {
            PdmStatus::meaning(*self)
        }
        fn kind(&self) -> ::std::option::Option<crate::ErrorKind> {
            PdmStatus::kind(*self)
        }
    }
    impl crate::contract::StatusObject for super::types::Status {
        const OK: &'static [i64] = &[101];
        fn code(&self) -> i64 {
            self.code.into()
        }
        fn detail(&self) -> &str {
            &self.details
        }
        fn vendor_code(code: i64) -> crate::VendorCode {
            crate::VendorCode::from(PdmStatus::from_code(code))
        }
    }
}
