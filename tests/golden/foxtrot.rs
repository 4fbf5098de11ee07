#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use {
    progenitor_client::{ClientHooks, OperationInfo, RequestBuilderExt},
    crate::contract::PathSegment as _,
};
#[allow(clippy::all)]
pub mod types {
    ///The `data` of a Get Confident Location answer.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct ConfidentLocation {
        ///The customer's id.
        pub customer_id: ::std::string::String,
        ///Latitude in decimal degrees.
        pub latitude: f64,
        ///Longitude in decimal degrees.
        pub longitude: f64,
    }
    ///A successful Get Confident Location answer in Foxtrot's envelope.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[doc(hidden)]
    pub struct ConfidentLocationEnvelope {
        pub data: ConfidentLocation,
        /**The envelope status: `success`, `pending` or `error` (EnvelopeStatus). Decoded as
a string; `validate()` reports any other value.
*/
        pub status: ::std::string::String,
    }
    /**A customer of a DC. Note that the location object may be null if Foxtrot does not have
an imported location for the customer; the page does not say which of the two
locations, so both may be null (or absent). Each is written `nullable: true` over
`allOf: [Location]`, which progenitor reads as an optional `Location`; a strict OAS
3.0.3 reader ignores `nullable` without a sibling `type`, and `type: object` cannot be
written there because properties must not be inline objects.
*/
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct Customer {
        ///The customer's id.
        pub id: ::std::string::String,
        ///The customer's address as imported, one string.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub imported_address: ::std::option::Option<::std::string::String>,
        ///The imported location; null if Foxtrot does not have an imported location.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub imported_location: ::std::option::Option<Location>,
        ///The location Foxtrot inferred; may be null.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub inferred_location: ::std::option::Option<Location>,
        ///The customer's name.
        pub name: ::std::string::String,
    }
    ///The `data` of a Get Customer answer.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[doc(hidden)]
    pub struct CustomerData {
        pub customer: Customer,
    }
    ///A successful Get Customer answer in Foxtrot's envelope.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    #[doc(hidden)]
    pub struct CustomerEnvelope {
        pub data: CustomerData,
        /**The envelope status: `success`, `pending` or `error` (EnvelopeStatus). Decoded as
a string; `validate()` reports any other value.
*/
        pub status: ::std::string::String,
    }
    /**The customer's id (a path parameter). One schema shared by every operation, so the
generated client takes one type for it.
*/
    #[derive(::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
    #[serde(transparent)]
    #[doc(hidden)]
    pub struct CustomerId(::std::string::String);
    impl ::std::ops::Deref for CustomerId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<CustomerId> for ::std::string::String {
        fn from(value: CustomerId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for CustomerId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for CustomerId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for CustomerId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for CustomerId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    /**The dc id (a path parameter). One schema shared by every operation, so the generated
client takes one type for it.
*/
    #[derive(::serde::Serialize, Clone, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
    #[serde(transparent)]
    #[doc(hidden)]
    pub struct DcId(::std::string::String);
    impl ::std::ops::Deref for DcId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<DcId> for ::std::string::String {
        fn from(value: DcId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for DcId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for DcId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for DcId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for DcId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///The `data` of an error answer.
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
    pub struct ErrorData {
        /**Foxtrot's error code. Documented: 7001 = Customer location not confident (Get
Confident Location, with HTTP 400).
*/
        pub code: i64,
        ///What went wrong.
        pub message: ::std::string::String,
    }
    /**An error answer in Foxtrot's envelope, `{"status": "error", "data": {"code", "message"}}`.
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
    pub struct ErrorEnvelope {
        pub data: ErrorData,
        ///The envelope status, `error` for an error answer.
        pub status: ::std::string::String,
    }
    ///A point in decimal degrees.
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct Location {
        ///Latitude in decimal degrees.
        pub latitude: f64,
        ///Longitude in decimal degrees.
        pub longitude: f64,
    }
    ///One waypoint of a route, at the customer.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        Eq,
        Hash
    )]
    pub struct Waypoint {
        ///When the waypoint was completed, in epoch milliseconds; null until then.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub completed_timestamp: ::std::option::Option<i64>,
        ///The customer's id.
        pub customer_id: ::std::string::String,
        /**Estimated time of arrival, in epoch milliseconds; may be null. (The sample's
`123456` is a placeholder.)
*/
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub estimated_time_of_arrival: ::std::option::Option<i64>,
        ///The waypoint's id.
        pub id: ::std::string::String,
        ///The route's id.
        pub route_id: ::std::string::String,
        /// Documented values: `PENDING`; any other is kept as sent.
        pub status: crate::foxtrot::WaypointStatus,
        ///Waiting time, in seconds.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub waiting_time_seconds: ::std::option::Option<i64>,
        ///How many waypoints of the route come before this one.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub waypoints_ahead: ::std::option::Option<i64>,
    }
    /**The Get Waypoints answer as the page documents it, without the envelope. Only the most
recent 10 waypoints for the customer are returned.
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
    pub struct WaypointList {
        ///The most recent waypoints for the customer, at most 10.
        pub waypoints: ::std::vec::Vec<Waypoint>,
    }
    /**The Get Waypoints answer wrapped in Foxtrot's envelope, as every other answer is. Not
what the page shows, but what the real API may send; the SDK layer accepts both.
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
    pub struct WaypointListEnvelope {
        pub data: WaypointList,
        /**The envelope status: `success`, `pending` or `error` (EnvelopeStatus). Decoded as
a string; `validate()` reports any other value.
*/
        pub status: ::std::string::String,
    }
    /**What Get Waypoints answers: the bare list the page documents (`WaypointList`), or the
same list in Foxtrot's envelope (`WaypointListEnvelope`), as every other answer is.
Both are accepted.
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
    #[serde(untagged)]
    pub enum WaypointsAnswer {
        Variant0(WaypointListEnvelope),
        Variant1(WaypointList),
    }
    impl ::std::convert::From<WaypointListEnvelope> for WaypointsAnswer {
        fn from(value: WaypointListEnvelope) -> Self {
            Self::Variant0(value)
        }
    }
    impl ::std::convert::From<WaypointList> for WaypointsAnswer {
        fn from(value: WaypointList) -> Self {
            Self::Variant1(value)
        }
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
    #[derive(::serde::Deserialize)]
    #[serde(remote = "ConfidentLocation")]
    #[serde(deny_unknown_fields)]
    struct StrictConfidentLocation {
        pub customer_id: ::std::string::String,
        pub latitude: f64,
        pub longitude: f64,
    }
    #[derive(::serde::Deserialize)]
    #[serde(remote = "ConfidentLocationEnvelope")]
    #[serde(deny_unknown_fields)]
    struct StrictConfidentLocationEnvelope {
        #[serde(deserialize_with = "crate::contract::strict_field")]
        pub data: ConfidentLocation,
        pub status: ::std::string::String,
    }
    #[derive(::serde::Deserialize)]
    #[serde(remote = "Customer")]
    #[serde(deny_unknown_fields)]
    struct StrictCustomer {
        pub id: ::std::string::String,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub imported_address: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(deserialize_with = "crate::contract::strict_field")]
        pub imported_location: ::std::option::Option<Location>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(deserialize_with = "crate::contract::strict_field")]
        pub inferred_location: ::std::option::Option<Location>,
        pub name: ::std::string::String,
    }
    #[derive(::serde::Deserialize)]
    #[serde(remote = "CustomerData")]
    #[serde(deny_unknown_fields)]
    struct StrictCustomerData {
        #[serde(deserialize_with = "crate::contract::strict_field")]
        pub customer: Customer,
    }
    #[derive(::serde::Deserialize)]
    #[serde(remote = "CustomerEnvelope")]
    #[serde(deny_unknown_fields)]
    struct StrictCustomerEnvelope {
        #[serde(deserialize_with = "crate::contract::strict_field")]
        pub data: CustomerData,
        pub status: ::std::string::String,
    }
    #[derive(::serde::Deserialize)]
    #[serde(remote = "ErrorData")]
    #[serde(deny_unknown_fields)]
    struct StrictErrorData {
        pub code: i64,
        pub message: ::std::string::String,
    }
    #[derive(::serde::Deserialize)]
    #[serde(remote = "ErrorEnvelope")]
    #[serde(deny_unknown_fields)]
    struct StrictErrorEnvelope {
        #[serde(deserialize_with = "crate::contract::strict_field")]
        pub data: ErrorData,
        pub status: ::std::string::String,
    }
    #[derive(::serde::Deserialize)]
    #[serde(remote = "Location")]
    #[serde(deny_unknown_fields)]
    struct StrictLocation {
        pub latitude: f64,
        pub longitude: f64,
    }
    #[derive(::serde::Deserialize)]
    #[serde(remote = "Waypoint")]
    #[serde(deny_unknown_fields)]
    struct StrictWaypoint {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub completed_timestamp: ::std::option::Option<i64>,
        pub customer_id: ::std::string::String,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub estimated_time_of_arrival: ::std::option::Option<i64>,
        pub id: ::std::string::String,
        pub route_id: ::std::string::String,
        pub status: crate::foxtrot::WaypointStatus,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub waiting_time_seconds: ::std::option::Option<i64>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::contract::not_null")]
        pub waypoints_ahead: ::std::option::Option<i64>,
    }
    #[derive(::serde::Deserialize)]
    #[serde(remote = "WaypointList")]
    #[serde(deny_unknown_fields)]
    struct StrictWaypointList {
        #[serde(deserialize_with = "crate::contract::strict_field")]
        pub waypoints: ::std::vec::Vec<Waypoint>,
    }
    #[derive(::serde::Deserialize)]
    #[serde(remote = "WaypointListEnvelope")]
    #[serde(deny_unknown_fields)]
    struct StrictWaypointListEnvelope {
        #[serde(deserialize_with = "crate::contract::strict_field")]
        pub data: WaypointList,
        pub status: ::std::string::String,
    }
    impl crate::contract::Declared for ConfidentLocation {
        fn declared() -> crate::contract::Shape {
            const FIELDS: &[crate::contract::Property] = &[
                ("customer_id", crate::contract::shape_any),
                ("latitude", crate::contract::shape_any),
                ("longitude", crate::contract::shape_any),
            ];
            crate::contract::Shape::Object(FIELDS)
        }
        fn strict<'de, D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            StrictConfidentLocation::deserialize(d)
        }
    }
    impl crate::contract::Declared for ConfidentLocationEnvelope {
        fn declared() -> crate::contract::Shape {
            const FIELDS: &[crate::contract::Property] = &[
                ("data", <ConfidentLocation as crate::contract::Declared>::declared),
                ("status", crate::contract::shape_any),
            ];
            crate::contract::Shape::Object(FIELDS)
        }
        fn strict<'de, D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            StrictConfidentLocationEnvelope::deserialize(d)
        }
    }
    impl crate::contract::Declared for Customer {
        fn declared() -> crate::contract::Shape {
            const FIELDS: &[crate::contract::Property] = &[
                ("id", crate::contract::shape_any),
                ("imported_address", crate::contract::shape_any),
                ("imported_location", <Location as crate::contract::Declared>::declared),
                ("inferred_location", <Location as crate::contract::Declared>::declared),
                ("name", crate::contract::shape_any),
            ];
            crate::contract::Shape::Object(FIELDS)
        }
        fn strict<'de, D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            StrictCustomer::deserialize(d)
        }
    }
    impl crate::contract::Declared for CustomerData {
        fn declared() -> crate::contract::Shape {
            const FIELDS: &[crate::contract::Property] = &[
                ("customer", <Customer as crate::contract::Declared>::declared),
            ];
            crate::contract::Shape::Object(FIELDS)
        }
        fn strict<'de, D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            StrictCustomerData::deserialize(d)
        }
    }
    impl crate::contract::Declared for CustomerEnvelope {
        fn declared() -> crate::contract::Shape {
            const FIELDS: &[crate::contract::Property] = &[
                ("data", <CustomerData as crate::contract::Declared>::declared),
                ("status", crate::contract::shape_any),
            ];
            crate::contract::Shape::Object(FIELDS)
        }
        fn strict<'de, D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            StrictCustomerEnvelope::deserialize(d)
        }
    }
    impl crate::contract::Declared for CustomerId {}
    impl crate::contract::Declared for DcId {}
    impl crate::contract::Declared for ErrorData {
        fn declared() -> crate::contract::Shape {
            const FIELDS: &[crate::contract::Property] = &[
                ("code", crate::contract::shape_any),
                ("message", crate::contract::shape_any),
            ];
            crate::contract::Shape::Object(FIELDS)
        }
        fn strict<'de, D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            StrictErrorData::deserialize(d)
        }
    }
    impl crate::contract::Declared for ErrorEnvelope {
        fn declared() -> crate::contract::Shape {
            const FIELDS: &[crate::contract::Property] = &[
                ("data", <ErrorData as crate::contract::Declared>::declared),
                ("status", crate::contract::shape_any),
            ];
            crate::contract::Shape::Object(FIELDS)
        }
        fn strict<'de, D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            StrictErrorEnvelope::deserialize(d)
        }
    }
    impl crate::contract::Declared for Location {
        fn declared() -> crate::contract::Shape {
            const FIELDS: &[crate::contract::Property] = &[
                ("latitude", crate::contract::shape_any),
                ("longitude", crate::contract::shape_any),
            ];
            crate::contract::Shape::Object(FIELDS)
        }
        fn strict<'de, D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            StrictLocation::deserialize(d)
        }
    }
    impl crate::contract::Declared for Waypoint {
        fn declared() -> crate::contract::Shape {
            const FIELDS: &[crate::contract::Property] = &[
                ("completed_timestamp", crate::contract::shape_any),
                ("customer_id", crate::contract::shape_any),
                ("estimated_time_of_arrival", crate::contract::shape_any),
                ("id", crate::contract::shape_any),
                ("route_id", crate::contract::shape_any),
                ("status", crate::contract::shape_any),
                ("waiting_time_seconds", crate::contract::shape_any),
                ("waypoints_ahead", crate::contract::shape_any),
            ];
            crate::contract::Shape::Object(FIELDS)
        }
        fn strict<'de, D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            StrictWaypoint::deserialize(d)
        }
    }
    impl crate::contract::Declared for WaypointList {
        fn declared() -> crate::contract::Shape {
            const FIELDS: &[crate::contract::Property] = &[
                ("waypoints", crate::contract::shape_items::<Waypoint>),
            ];
            crate::contract::Shape::Object(FIELDS)
        }
        fn strict<'de, D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            StrictWaypointList::deserialize(d)
        }
    }
    impl crate::contract::Declared for WaypointListEnvelope {
        fn declared() -> crate::contract::Shape {
            const FIELDS: &[crate::contract::Property] = &[
                ("data", <WaypointList as crate::contract::Declared>::declared),
                ("status", crate::contract::shape_any),
            ];
            crate::contract::Shape::Object(FIELDS)
        }
        fn strict<'de, D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            StrictWaypointListEnvelope::deserialize(d)
        }
    }
    impl crate::contract::Declared for WaypointsAnswer {}
}
#[derive(Clone, Debug)]
/**Client for Foxtrot Customers API

The Customers API of Foxtrot (route optimisation), written by hand from Foxtrot's
Customers API page: Get Customer, Get Confident Location and Get Waypoints.

Every request carries `Authorization: Bearer <API key>`. Answers come in Foxtrot's
envelope, `{"status": "success" | "pending" | "error", "data": ...}`; an error answers
`{"status": "error", "data": {"code": <int>, "message": <string>}}`. Timestamps are epoch
milliseconds (integers), as elsewhere in Foxtrot's API.

Contradictions and gaps found in the vendor's page, kept here as found:
- the Get Confident Location response sample is not valid JSON (`"customer_id:` lacks its
  closing quote); the example here is the corrected one;
- the Get Waypoints sample is shown without the envelope and ends with `, ...` (an
  ellipsis, not JSON); the example keeps its one waypoint. The real API may wrap the list
  in the envelope (`WaypointListEnvelope`), which the SDK layer also accepts;
- the waypoint `status` is documented only by the sample value `PENDING`;
- `estimated_time_of_arrival` is `123456` in the sample, a placeholder rather than a
  plausible epoch-millisecond time;
- the Get Customer sample's `longitude` values are positive (`122.41942`) next to a
  latitude of San Francisco, whose longitude is negative; kept as sent;
- the "Example request" of Get Confident Location is a JSON object
  (`{"dc_id": "Foxtrot-DC", "customer_id": "johns-burger-shack"}`), although the
  operation is a GET whose inputs are the two path parameters; its values are the
  parameters' examples here;
- the page says "the location object may be null if Foxtrot does not have an imported
  location" without saying which of the two locations; both are nullable here;
- what `data` holds when `status` is `pending` is not documented.


Version: v1*/
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
        "v1"
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
    /**Get a customer

Get a customer. Note that the location object may be null if Foxtrot does not have an
imported location for the customer.


Sends a `GET` request to `/dcs/{dc_id}/customers/{customer_id}`

Arguments:
- `dc_id`: The dc id.
- `customer_id`: The customer's id.
*/
    pub async fn get_customer<'a>(
        &'a self,
        cx: &crate::contract::CallState,
        dc_id: &'a types::DcId,
        customer_id: &'a types::CustomerId,
    ) -> Result<ResponseValue<types::CustomerEnvelope>, Error<types::ErrorEnvelope>> {
        let url = format!(
            "{}/dcs/{}/customers/{}", self.baseurl, dc_id.path_segment(), customer_id
            .path_segment(),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let result = crate::contract::exec(&self.client, request, cx).await;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::contract::response_value(response, cx).await,
            401u16 => {
                Err(
                    Error::ErrorResponse(
                        crate::contract::response_value(response, cx).await?,
                    ),
                )
            }
            403u16 => {
                Err(
                    Error::ErrorResponse(
                        crate::contract::response_value(response, cx).await?,
                    ),
                )
            }
            404u16 => {
                Err(
                    Error::ErrorResponse(
                        crate::contract::response_value(response, cx).await?,
                    ),
                )
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Get the confident location for a customer if available

Get the confident location for a customer if available. When Foxtrot is not confident
of the customer's location it answers 400 with error code 7001 (Customer location not
confident).

The vendor's response sample is not valid JSON (`"customer_id:` lacks its closing
quote); the example below is the corrected sample.


Sends a `GET` request to `/dcs/{dc_id}/customers/{customer_id}/confident-location`

Arguments:
- `dc_id`: The dc id.
- `customer_id`: The customer's id.
*/
    pub async fn get_confident_location<'a>(
        &'a self,
        cx: &crate::contract::CallState,
        dc_id: &'a types::DcId,
        customer_id: &'a types::CustomerId,
    ) -> Result<
        ResponseValue<types::ConfidentLocationEnvelope>,
        Error<types::ErrorEnvelope>,
    > {
        let url = format!(
            "{}/dcs/{}/customers/{}/confident-location", self.baseurl, dc_id
            .path_segment(), customer_id.path_segment(),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let result = crate::contract::exec(&self.client, request, cx).await;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::contract::response_value(response, cx).await,
            400u16 => {
                Err(
                    Error::ErrorResponse(
                        crate::contract::response_value(response, cx).await?,
                    ),
                )
            }
            401u16 => {
                Err(
                    Error::ErrorResponse(
                        crate::contract::response_value(response, cx).await?,
                    ),
                )
            }
            403u16 => {
                Err(
                    Error::ErrorResponse(
                        crate::contract::response_value(response, cx).await?,
                    ),
                )
            }
            404u16 => {
                Err(
                    Error::ErrorResponse(
                        crate::contract::response_value(response, cx).await?,
                    ),
                )
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Get waypoint information for a given customer id

Get waypoint information for a given customer id. Note that this only returns the most
recent 10 waypoints for the customer.

The page documents the answer without the envelope, as `{"waypoints": [...]}`, and the
200 schema accepts it (`WaypointsAnswer`: `WaypointList`). The real API may wrap it in the envelope like
every other answer (`{"status": "success", "data": {"waypoints": [...]}}`,
`WaypointListEnvelope`); the SDK layer accepts both. The vendor's sample ends the list
with `, ...`, an ellipsis rather than JSON: the example keeps its one waypoint.


Sends a `GET` request to `/dcs/{dc_id}/customers/{customer_id}/waypoints`

Arguments:
- `dc_id`: The dc id.
- `customer_id`: The customer's id.
*/
    pub async fn get_waypoints<'a>(
        &'a self,
        cx: &crate::contract::CallState,
        dc_id: &'a types::DcId,
        customer_id: &'a types::CustomerId,
    ) -> Result<ResponseValue<types::WaypointsAnswer>, Error<types::ErrorEnvelope>> {
        let url = format!(
            "{}/dcs/{}/customers/{}/waypoints", self.baseurl, dc_id.path_segment(),
            customer_id.path_segment(),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let result = crate::contract::exec(&self.client, request, cx).await;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::contract::response_value(response, cx).await,
            401u16 => {
                Err(
                    Error::ErrorResponse(
                        crate::contract::response_value(response, cx).await?,
                    ),
                )
            }
            403u16 => {
                Err(
                    Error::ErrorResponse(
                        crate::contract::response_value(response, cx).await?,
                    ),
                )
            }
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
    /// Get a customer: `GET /dcs/{dc_id}/customers/{customer_id}`.
    ///
    /// Get a customer. Note that the location object may be null if Foxtrot does not have an
    /// imported location for the customer.
    ///
    /// Idempotent: retried on any retryable failure, an attempt that timed out included.
    pub async fn get_customer(
        &self,
        dc_id: &str,
        customer_id: &str,
    ) -> ::std::result::Result<crate::Response<types::Customer>, crate::Error> {
        let dc_id: types::DcId = crate::contract::path_param("dc_id", dc_id)?;
        let customer_id: types::CustomerId = crate::contract::path_param(
            "customer_id",
            customer_id,
        )?;
        let inner = &*self.inner;
        let op = crate::contract::Op {
            name: "getCustomer",
            idempotent: true,
            method: "GET",
            template: ::std::option::Option::Some(
                "/dcs/{dc_id}/customers/{customer_id}",
            ),
            answers: ::std::option::Option::Some(
                &[
                    crate::contract::Documented {
                        status: "200",
                        headers: &[],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "401",
                        headers: &[],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "403",
                        headers: &[],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "404",
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
                |_session| inner.generated.get_customer(cx, &dc_id, &customer_id),
                |answer: types::CustomerEnvelope, meta: &crate::ResponseMeta| {
                    crate::contract::AnswerStatus::answer_status(
                        &inner.policy,
                        &answer.status,
                        meta,
                    )?;
                    let answer = answer.data;
                    let answer = answer.customer;
                    ::std::result::Result::Ok(answer)
                },
            )
            .await
    }
    /// Get the confident location for a customer if available: `GET /dcs/{dc_id}/customers/{customer_id}/confident-location`.
    ///
    /// Get the confident location for a customer if available. When Foxtrot is not confident
    /// of the customer's location it answers 400 with error code 7001 (Customer location not
    /// confident).
    ///
    /// The vendor's response sample is not valid JSON (`"customer_id:` lacks its closing
    /// quote); the example below is the corrected sample.
    ///
    /// Error codes it may answer:
    ///
    /// - `7001`: Customer location not confident.
    ///
    /// Idempotent: retried on any retryable failure, an attempt that timed out included.
    pub async fn get_confident_location(
        &self,
        dc_id: &str,
        customer_id: &str,
    ) -> ::std::result::Result<crate::Response<types::ConfidentLocation>, crate::Error> {
        let dc_id: types::DcId = crate::contract::path_param("dc_id", dc_id)?;
        let customer_id: types::CustomerId = crate::contract::path_param(
            "customer_id",
            customer_id,
        )?;
        let inner = &*self.inner;
        let op = crate::contract::Op {
            name: "getConfidentLocation",
            idempotent: true,
            method: "GET",
            template: ::std::option::Option::Some(
                "/dcs/{dc_id}/customers/{customer_id}/confident-location",
            ),
            answers: ::std::option::Option::Some(
                &[
                    crate::contract::Documented {
                        status: "200",
                        headers: &[],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "400",
                        headers: &[],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "401",
                        headers: &[],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "403",
                        headers: &[],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "404",
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
                |_session| {
                    inner.generated.get_confident_location(cx, &dc_id, &customer_id)
                },
                |answer: types::ConfidentLocationEnvelope, meta: &crate::ResponseMeta| {
                    crate::contract::AnswerStatus::answer_status(
                        &inner.policy,
                        &answer.status,
                        meta,
                    )?;
                    let answer = answer.data;
                    ::std::result::Result::Ok(answer)
                },
            )
            .await
    }
    /// Get waypoint information for a given customer id: `GET /dcs/{dc_id}/customers/{customer_id}/waypoints`.
    ///
    /// Get waypoint information for a given customer id. Note that this only returns the most
    /// recent 10 waypoints for the customer.
    ///
    /// The page documents the answer without the envelope, as `{"waypoints": [...]}`, and the
    /// 200 schema accepts it (`WaypointsAnswer`: `WaypointList`). The real API may wrap it in the envelope like
    /// every other answer (`{"status": "success", "data": {"waypoints": [...]}}`,
    /// `WaypointListEnvelope`); the SDK layer accepts both. The vendor's sample ends the list
    /// with `, ...`, an ellipsis rather than JSON: the example keeps its one waypoint.
    ///
    /// Idempotent: retried on any retryable failure, an attempt that timed out included.
    pub async fn get_waypoints(
        &self,
        dc_id: &str,
        customer_id: &str,
    ) -> ::std::result::Result<crate::Response<types::WaypointList>, crate::Error> {
        let dc_id: types::DcId = crate::contract::path_param("dc_id", dc_id)?;
        let customer_id: types::CustomerId = crate::contract::path_param(
            "customer_id",
            customer_id,
        )?;
        let inner = &*self.inner;
        let op = crate::contract::Op {
            name: "getWaypoints",
            idempotent: true,
            method: "GET",
            template: ::std::option::Option::Some(
                "/dcs/{dc_id}/customers/{customer_id}/waypoints",
            ),
            answers: ::std::option::Option::Some(
                &[
                    crate::contract::Documented {
                        status: "200",
                        headers: &[],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "401",
                        headers: &[],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "403",
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
                |_session| inner.generated.get_waypoints(cx, &dc_id, &customer_id),
                |answer: types::WaypointsAnswer, meta: &crate::ResponseMeta| {
                    let _ = meta;
                    ::std::result::Result::Ok(
                        match answer {
                            types::WaypointsAnswer::Variant0(answer) => {
                                crate::contract::AnswerStatus::answer_status(
                                    &inner.policy,
                                    &answer.status,
                                    meta,
                                )?;
                                let answer = answer.data;
                                answer
                            }
                            types::WaypointsAnswer::Variant1(answer) => answer,
                        },
                    )
                },
            )
            .await
    }
}
/// One method per operation of the spec, blocking the calling thread (feature
/// `blocking`).
#[cfg(feature = "blocking")]
impl super::blocking::Client {
    /// Get a customer: `GET /dcs/{dc_id}/customers/{customer_id}`.
    ///
    /// Get a customer. Note that the location object may be null if Foxtrot does not have an
    /// imported location for the customer.
    ///
    /// Idempotent: retried on any retryable failure, an attempt that timed out included.
    ///
    /// Blocks the calling thread until the call ends.
    pub fn get_customer(
        &self,
        dc_id: &str,
        customer_id: &str,
    ) -> ::std::result::Result<crate::Response<types::Customer>, crate::Error> {
        self.block_on(self.as_async().get_customer(dc_id, customer_id))
    }
    /// Get the confident location for a customer if available: `GET /dcs/{dc_id}/customers/{customer_id}/confident-location`.
    ///
    /// Get the confident location for a customer if available. When Foxtrot is not confident
    /// of the customer's location it answers 400 with error code 7001 (Customer location not
    /// confident).
    ///
    /// The vendor's response sample is not valid JSON (`"customer_id:` lacks its closing
    /// quote); the example below is the corrected sample.
    ///
    /// Error codes it may answer:
    ///
    /// - `7001`: Customer location not confident.
    ///
    /// Idempotent: retried on any retryable failure, an attempt that timed out included.
    ///
    /// Blocks the calling thread until the call ends.
    pub fn get_confident_location(
        &self,
        dc_id: &str,
        customer_id: &str,
    ) -> ::std::result::Result<crate::Response<types::ConfidentLocation>, crate::Error> {
        self.block_on(self.as_async().get_confident_location(dc_id, customer_id))
    }
    /// Get waypoint information for a given customer id: `GET /dcs/{dc_id}/customers/{customer_id}/waypoints`.
    ///
    /// Get waypoint information for a given customer id. Note that this only returns the most
    /// recent 10 waypoints for the customer.
    ///
    /// The page documents the answer without the envelope, as `{"waypoints": [...]}`, and the
    /// 200 schema accepts it (`WaypointsAnswer`: `WaypointList`). The real API may wrap it in the envelope like
    /// every other answer (`{"status": "success", "data": {"waypoints": [...]}}`,
    /// `WaypointListEnvelope`); the SDK layer accepts both. The vendor's sample ends the list
    /// with `, ...`, an ellipsis rather than JSON: the example keeps its one waypoint.
    ///
    /// Idempotent: retried on any retryable failure, an attempt that timed out included.
    ///
    /// Blocks the calling thread until the call ends.
    pub fn get_waypoints(
        &self,
        dc_id: &str,
        customer_id: &str,
    ) -> ::std::result::Result<crate::Response<types::WaypointList>, crate::Error> {
        self.block_on(self.as_async().get_waypoints(dc_id, customer_id))
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
                let dc_id: ::std::string::String = args.required("dc_id")?;
                let customer_id: ::std::string::String = args.required("customer_id")?;
                crate::contract::to_json(self.get_customer(&dc_id, &customer_id).await?)
            }
            "get_confident_location" => {
                let dc_id: ::std::string::String = args.required("dc_id")?;
                let customer_id: ::std::string::String = args.required("customer_id")?;
                crate::contract::to_json(
                    self.get_confident_location(&dc_id, &customer_id).await?,
                )
            }
            "get_waypoints" => {
                let dc_id: ::std::string::String = args.required("dc_id")?;
                let customer_id: ::std::string::String = args.required("customer_id")?;
                crate::contract::to_json(self.get_waypoints(&dc_id, &customer_id).await?)
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
        "getCustomer" => {
            ::std::option::Option::Some(
                crate::contract::decodes::<types::Customer>(body),
            )
        }
        "getConfidentLocation" => {
            ::std::option::Option::Some(
                crate::contract::decodes::<types::ConfidentLocation>(body),
            )
        }
        "getWaypoints" => {
            ::std::option::Option::Some(
                crate::contract::decodes::<types::WaypointList>(body),
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
        _ => ::std::option::Option::None,
    }
}
/// Every operation of the spec with a generated method, in path order.
pub const OPERATIONS: &[crate::operation::Operation] = &[
    crate::operation::Operation {
        id: "getCustomer",
        name: "get_customer",
        method: "GET",
        path: "/dcs/{dc_id}/customers/{customer_id}",
        summary: "Get a customer",
        idempotent: true,
        aliases: &[],
        params: &[
            crate::operation::Param {
                name: "dc_id",
                location: crate::operation::ParamIn::Path,
                required: true,
                description: "The dc id.",
                alias: ::std::option::Option::None,
            },
            crate::operation::Param {
                name: "customer_id",
                location: crate::operation::ParamIn::Path,
                required: true,
                description: "The customer's id.",
                alias: ::std::option::Option::None,
            },
        ],
        result: "data.customer",
    },
    crate::operation::Operation {
        id: "getConfidentLocation",
        name: "get_confident_location",
        method: "GET",
        path: "/dcs/{dc_id}/customers/{customer_id}/confident-location",
        summary: "Get the confident location for a customer if available",
        idempotent: true,
        aliases: &["confident-location"],
        params: &[
            crate::operation::Param {
                name: "dc_id",
                location: crate::operation::ParamIn::Path,
                required: true,
                description: "The dc id.",
                alias: ::std::option::Option::None,
            },
            crate::operation::Param {
                name: "customer_id",
                location: crate::operation::ParamIn::Path,
                required: true,
                description: "The customer's id.",
                alias: ::std::option::Option::None,
            },
        ],
        result: "data",
    },
    crate::operation::Operation {
        id: "getWaypoints",
        name: "get_waypoints",
        method: "GET",
        path: "/dcs/{dc_id}/customers/{customer_id}/waypoints",
        summary: "Get waypoint information for a given customer id",
        idempotent: true,
        aliases: &["waypoints"],
        params: &[
            crate::operation::Param {
                name: "dc_id",
                location: crate::operation::ParamIn::Path,
                required: true,
                description: "The dc id.",
                alias: ::std::option::Option::None,
            },
            crate::operation::Param {
                name: "customer_id",
                location: crate::operation::ParamIn::Path,
                required: true,
                description: "The customer's id.",
                alias: ::std::option::Option::None,
            },
        ],
        result: "data",
    },
];
/// progenitor's defaults: the generated calls send through the shared transport.
impl progenitor_client::ClientHooks<()> for Client {}
impl crate::validation::Validate for types::ConfidentLocation {
    fn validate_at(
        &self,
        _path: &crate::validation::FieldPath<'_>,
        _out: &mut Vec<crate::validation::Violation>,
    ) {}
}
impl crate::validation::Validate for types::ConfidentLocationEnvelope {
    fn validate_at(
        &self,
        path: &crate::validation::FieldPath<'_>,
        out: &mut Vec<crate::validation::Violation>,
    ) {
        crate::validation::Validate::validate_at(&self.data, &path.field("data"), out);
        crate::validation::check(
            &self.status,
            &path.field("status"),
            &[crate::validation::Rule::OneOf(&["success", "pending", "error"])],
            out,
        );
    }
}
impl crate::validation::Validate for types::Customer {
    fn validate_at(
        &self,
        path: &crate::validation::FieldPath<'_>,
        out: &mut Vec<crate::validation::Violation>,
    ) {
        crate::validation::Validate::validate_at(
            &self.imported_location,
            &path.field("imported_location"),
            out,
        );
        crate::validation::Validate::validate_at(
            &self.inferred_location,
            &path.field("inferred_location"),
            out,
        );
    }
}
impl crate::validation::Validate for types::CustomerData {
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
    }
}
impl crate::validation::Validate for types::CustomerEnvelope {
    fn validate_at(
        &self,
        path: &crate::validation::FieldPath<'_>,
        out: &mut Vec<crate::validation::Violation>,
    ) {
        crate::validation::Validate::validate_at(&self.data, &path.field("data"), out);
        crate::validation::check(
            &self.status,
            &path.field("status"),
            &[crate::validation::Rule::OneOf(&["success", "pending", "error"])],
            out,
        );
    }
}
impl crate::validation::Validate for types::ErrorData {
    fn validate_at(
        &self,
        _path: &crate::validation::FieldPath<'_>,
        _out: &mut Vec<crate::validation::Violation>,
    ) {}
}
impl crate::validation::Validate for types::ErrorEnvelope {
    fn validate_at(
        &self,
        path: &crate::validation::FieldPath<'_>,
        out: &mut Vec<crate::validation::Violation>,
    ) {
        crate::validation::Validate::validate_at(&self.data, &path.field("data"), out);
        crate::validation::check(
            &self.status,
            &path.field("status"),
            &[crate::validation::Rule::OneOf(&["error"])],
            out,
        );
    }
}
impl crate::validation::Validate for types::Location {
    fn validate_at(
        &self,
        _path: &crate::validation::FieldPath<'_>,
        _out: &mut Vec<crate::validation::Violation>,
    ) {}
}
impl crate::validation::Validate for types::Waypoint {
    fn validate_at(
        &self,
        _path: &crate::validation::FieldPath<'_>,
        _out: &mut Vec<crate::validation::Violation>,
    ) {}
}
impl crate::validation::Validate for types::WaypointList {
    fn validate_at(
        &self,
        path: &crate::validation::FieldPath<'_>,
        out: &mut Vec<crate::validation::Violation>,
    ) {
        crate::validation::check(
            &self.waypoints,
            &path.field("waypoints"),
            &[crate::validation::Rule::MaxItems(10)],
            out,
        );
        crate::validation::Validate::validate_at(
            &self.waypoints,
            &path.field("waypoints"),
            out,
        );
    }
}
impl crate::validation::Validate for types::WaypointListEnvelope {
    fn validate_at(
        &self,
        path: &crate::validation::FieldPath<'_>,
        out: &mut Vec<crate::validation::Violation>,
    ) {
        crate::validation::Validate::validate_at(&self.data, &path.field("data"), out);
        crate::validation::check(
            &self.status,
            &path.field("status"),
            &[crate::validation::Rule::OneOf(&["success", "pending", "error"])],
            out,
        );
    }
}
impl crate::validation::Validate for types::WaypointsAnswer {
    fn validate_at(
        &self,
        path: &crate::validation::FieldPath<'_>,
        out: &mut Vec<crate::validation::Violation>,
    ) {
        match self {
            types::WaypointsAnswer::Variant0(form) => {
                crate::validation::Validate::validate_at(form, path, out)
            }
            types::WaypointsAnswer::Variant1(form) => {
                crate::validation::Validate::validate_at(form, path, out)
            }
        }
    }
}
/// What the spec documents that is not a generated type.
pub mod spec {
    /// The documented request headers, which the layer sets once per client.
    pub const REQUEST_HEADERS: &[crate::validation::HeaderRule] = &[];
    /// What the layer's spec policy reads: the credential's scheme, the envelope and the
    /// error body.
    pub(crate) const POLICY: crate::spec_policy::Described = crate::spec_policy::Described {
        credential: crate::spec_policy::Credential::Bearer,
        setter: "api_key",
        envelope: ::std::option::Option::Some(crate::spec_policy::Envelope {
            status: "status",
            data: "data",
            success: &["success"],
            pending: &["pending"],
            error: &["error"],
        }),
        error_code: &["data", "code"],
        error_message: &["data", "message"],
        error_field: &[],
        error_explanation: &[],
        code: ::std::option::Option::Some(|code| crate::VendorCode::from(
            FoxtrotCode::from_code(code),
        )),
        settings: &[],
        headers: REQUEST_HEADERS,
    };
    /** A waypoint's status. The page documents only `PENDING` (in its sample); other values
are kept as they are sent.*/
    #[derive(Debug, Clone, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum WaypointStatus {
        /// `PENDING`.
        Pending,
        /// A waypoint status the vendor does not document, as sent.
        Other(::std::string::String),
    }
    impl WaypointStatus {
        /// The value as the vendor writes it.
        pub fn as_str(&self) -> &str {
            match self {
                WaypointStatus::Pending => "PENDING",
                WaypointStatus::Other(value) => value,
            }
        }
    }
    impl ::std::fmt::Display for WaypointStatus {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    /// Any string: a documented value is its variant, any other is `Other`.
    impl ::std::str::FromStr for WaypointStatus {
        type Err = ::std::convert::Infallible;
        fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
            ::std::result::Result::Ok(
                match value {
                    "PENDING" => WaypointStatus::Pending,
                    other => WaypointStatus::Other(other.to_owned()),
                },
            )
        }
    }
    impl ::serde::Serialize for WaypointStatus {
        fn serialize<S: ::serde::Serializer>(
            &self,
            serializer: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            serializer.serialize_str(self.as_str())
        }
    }
    impl<'de> ::serde::Deserialize<'de> for WaypointStatus {
        fn deserialize<D: ::serde::Deserializer<'de>>(
            deserializer: D,
        ) -> ::std::result::Result<Self, D::Error> {
            let value = <::std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
            let ::std::result::Result::Ok(parsed) = value.parse();
            ::std::result::Result::Ok(parsed)
        }
    }
    /// Foxtrot's documented error codes (`data.code` of its error envelope).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    #[non_exhaustive]
    pub enum FoxtrotCode {
        /// 7001: Customer location not confident.
        LocationNotConfident,
        /// A code the vendor does not document.
        Other(i64),
    }
    impl FoxtrotCode {
        /// The code for a number the vendor sent.
        pub fn from_code(code: i64) -> Self {
            match code {
                7001 => FoxtrotCode::LocationNotConfident,
                other => FoxtrotCode::Other(other),
            }
        }
        /// The number the vendor sends.
        pub fn code(self) -> i64 {
            match self {
                FoxtrotCode::LocationNotConfident => 7001,
                FoxtrotCode::Other(code) => code,
            }
        }
        /// The vendor's documented meaning.
        pub fn meaning(self) -> &'static str {
            match self {
                FoxtrotCode::LocationNotConfident => "Customer location not confident",
                FoxtrotCode::Other(_) => "undocumented code",
            }
        }
        /// What kind of failure the code says, where it says more than the HTTP status.
        pub fn kind(self) -> ::std::option::Option<crate::ErrorKind> {
            match self {
                _ => ::std::option::Option::None,
            }
        }
    }
    impl crate::ErrorCode for FoxtrotCode {
        fn code(&self) -> i64 {
            FoxtrotCode::code(*self)
        }
        fn meaning(&self) -> &'static str {
            FoxtrotCode::meaning(*self)
        }
        fn kind(&self) -> ::std::option::Option<crate::ErrorKind> {
            FoxtrotCode::kind(*self)
        }
    }
    /// The default base URL: the vendor's public API, the spec's first `https` server.
    pub const DEFAULT_BASE_URL: &str = "https://apiv1.foxtrotsystems.com";
}
