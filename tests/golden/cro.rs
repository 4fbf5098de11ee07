#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use {
    progenitor_client::{ClientHooks, OperationInfo, RequestBuilderExt},
    crate::contract::PathSegment as _,
};
#[allow(clippy::all)]
pub mod types {
    /**A customer address (CustomerAddressModel). The endpoint pages give this model only
through their samples, with no field table: the fields, types and nullability below are
those the samples show, and no length limits are documented.
*/
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct CustomerAddressModel {
        ///Country (null in the samples).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub country: ::std::option::Option<::std::string::String>,
        ///Address identifier.
        pub id: i64,
        ///Records marked inactive are treated as deleted (soft delete).
        pub is_active: bool,
        ///Billing address.
        pub is_billing: bool,
        ///Physical address.
        pub is_physical: bool,
        ///Shipping address.
        pub is_shipping: bool,
        ///Latitude in decimal degrees.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub latitude: ::std::option::Option<f64>,
        ///Address line 1.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub line_1: ::std::option::Option<::std::string::String>,
        ///Address line 2.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub line_2: ::std::option::Option<::std::string::String>,
        ///Address line 3.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub line_3: ::std::option::Option<::std::string::String>,
        ///Address line 4.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub line_4: ::std::option::Option<::std::string::String>,
        ///Locality (city or town).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub locality: ::std::option::Option<::std::string::String>,
        ///Longitude in decimal degrees.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub longitude: ::std::option::Option<f64>,
        ///Postal code.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub postcode: ::std::option::Option<::std::string::String>,
        ///Region (state or province).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub region: ::std::option::Option<::std::string::String>,
    }
    ///A customer contact (CustomerContactModel).
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        PartialEq,
        Eq,
        Hash
    )]
    pub struct CustomerContactModel {
        /**Email address comma-separated list. At least 0 and no more than 256 characters.
List of 1 or more comma-separated email addresses. Whitespace allowed (newline,
space, tab). (The docs allow 0 characters but also require 1 or more addresses; the
pattern keeps the "1 or more" rule.)
*/
        #[serde(deserialize_with = "::std::option::Option::deserialize")]
        pub email: ::std::option::Option<::std::string::String>,
        ///Fax number (free text). At least 7 characters, not more than 15.
        #[serde(deserialize_with = "::std::option::Option::deserialize")]
        pub fax: ::std::option::Option<::std::string::String>,
        ///Customer contact identifier.
        pub id: i64,
        ///Name (free text). At least 1 and no more than 128 characters.
        pub name: ::std::string::String,
        ///Notify on acknowledge request. One of 0, 1, True, False (case insensitive) on input; JSON booleans in responses.
        pub notify_on_acknowledged_request: bool,
        ///Notify on completed request. One of 0, 1, True, False (case insensitive) on input; JSON booleans in responses.
        pub notify_on_completed_request: bool,
        ///Notify on dispatched request. One of 0, 1, True, False (case insensitive) on input; JSON booleans in responses.
        pub notify_on_dispatched_request: bool,
        ///Notify on failed request. One of 0, 1, True, False (case insensitive) on input; JSON booleans in responses.
        pub notify_on_failed_request: bool,
        ///Notify on new request. One of 0, 1, True, False (case insensitive) on input; JSON booleans in responses.
        pub notify_on_new_request: bool,
        ///Phone number (free text). At least 1 and no more than 90 characters.
        #[serde(deserialize_with = "::std::option::Option::deserialize")]
        pub number: ::std::option::Option<::std::string::String>,
    }
    ///A customer (CustomerModel).
    #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct CustomerModel {
        ///Refer to CustomerAddressModel.
        pub addresses: ::std::vec::Vec<CustomerAddressModel>,
        ///Refer to CustomerContactModel.
        pub contacts: ::std::vec::Vec<CustomerContactModel>,
        /**Timestamp of creation (must be in past). Date occurring in the past in an ISO 8601
compatible format. The vendor sends it without an offset
(`2018-06-13T19:50:20.447000`); `Z` and `±hh:mm` forms are also accepted.
*/
        pub created_on: crate::Timestamp,
        ///Customer identifier.
        pub id: i64,
        /**Date occurring in the past in an ISO 8601 compatible format. The vendor sends it
without an offset (`2020-04-22T17:23:17.363000`); `Z` and `±hh:mm` forms are also
accepted.
*/
        pub last_updated_on: crate::Timestamp,
        ///Refer to DispatchCustomerSettingsModel.
        pub locations: ::std::vec::Vec<DispatchCustomerSettingsModel>,
        ///Name (free text). At least 1 and no more than 64 characters.
        pub name: ::std::string::String,
        ///Parent record identifier (null in the sample when there is no parent).
        #[serde(deserialize_with = "::std::option::Option::deserialize")]
        pub parent_id: ::std::option::Option<i64>,
    }
    /**A customer at one dispatch location (DispatchCustomerLocationModel), as returned by
Deactivate Customer.

Breaking change 2021/04/07: `customer_id` was renamed to `id`. Versions before
2021/04/07 send `customer_id`, later ones send `id`; both carry the customer
identifier. `x-renamed-from` on `id` records the rename, and the generated type holds the
identifier in one field that decodes from either name.

Exactly one of the two names is sent, as the docs describe, and the schema says so
with a `oneOf` of the two `required` lists. Both properties used to be merely
optional, which declared valid a body carrying both with different values, or neither:
Stoplight Prism's dynamic mock, generating from the schema, sent both names in every
answer, each with a random value.

The SDK is more lenient than the schema for a body carrying both names (plausible
while a rename is rolled out): both must carry the same value, which is the
identifier; a body whose `id` and `customer_id` differ is refused as contradictory. A
body carrying neither is refused.
*/
    #[derive(::serde::Serialize, Clone, Debug, PartialEq)]
    pub struct DispatchCustomerLocationModel {
        ///Customer account number. At least 0 and no more than 128 characters.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub account_number_1: ::std::option::Option<::std::string::String>,
        ///Customer account number. At least 0 and no more than 128 characters.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub account_number_2: ::std::option::Option<::std::string::String>,
        ///Refer to CustomerAddressModel.
        pub addresses: ::std::vec::Vec<CustomerAddressModel>,
        ///Refer to CustomerContactModel.
        pub contacts: ::std::vec::Vec<CustomerContactModel>,
        /**Timestamp of creation (must be in past). Date occurring in the past in an ISO 8601
compatible format. The vendor sends it without an offset
(`2018-06-13T19:50:20.447000`); `Z` and `±hh:mm` forms are also accepted.
*/
        pub created_on: crate::Timestamp,
        /**Customer identifier. Sent by API version 2021/04/07 and later; before that it was
`customer_id`. When both are sent they must carry the same value.
*/
        ///
        /// Decodes from `id` and from its former name `customer_id` (renamed in API version 2021/04/07): one field, whichever API version answered; a body carrying both must carry the same value in both.
        pub id: i64,
        ///Records marked inactive are treated as deleted (soft delete). One of 0, 1, True, False (case insensitive) on input.
        pub is_active: bool,
        ///Conditional. Commercial address if true, private if false. One of 0, 1, True, False (case insensitive) on input.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub is_commercial: ::std::option::Option<bool>,
        /**Date occurring in the past in an ISO 8601 compatible format. The vendor sends it
without an offset (`2020-04-22T17:23:17.363000`); `Z` and `±hh:mm` forms are also
accepted.
*/
        pub last_updated_on: crate::Timestamp,
        ///Location identifier.
        pub location_id: i64,
        ///Name (free text). At least 1 and no more than 64 characters.
        pub name: ::std::string::String,
        ///Conditional. Notes (free text). At least 0 and no more than 2048 characters.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub note: ::std::option::Option<::std::string::String>,
        ///Parent record identifier.
        #[serde(deserialize_with = "::std::option::Option::deserialize")]
        pub parent_id: ::std::option::Option<i64>,
        ///Conditional. Reference number (free text). At least 1 and no more than 256 characters.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub reference_number: ::std::option::Option<::std::string::String>,
        ///Renewal date. Date in an ISO 8601 format. The SDK reads `""` as no date.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::timestamp::date_serde::optional")]
        pub renewal_date: ::std::option::Option<::chrono::naive::NaiveDate>,
        ///Conditional. Name of sales representative. At least 1 and no more than 64 characters.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub sales_rep: ::std::option::Option<::std::string::String>,
        ///Conditional. Sales rep identifier.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub sales_rep_id: ::std::option::Option<::std::string::String>,
        ///Conditional. Suspension identifier.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub suspension_id: ::std::option::Option<i64>,
    }
    /**A customer's dispatch settings at one location (DispatchCustomerSettingsModel), as listed
in a customer's `locations`. The endpoint pages give this model only through the Get
Customer sample; the rules below are those documented for the same fields of
DispatchCustomerLocationModel. The sample itself breaks one of them: its second
location has `"sales_rep": ""` although a sales rep is "at least 1 character".
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
    pub struct DispatchCustomerSettingsModel {
        /**Timestamp of creation (must be in past). Date occurring in the past in an ISO 8601
compatible format. The vendor sends it without an offset
(`2018-06-13T19:50:20.447000`); `Z` and `±hh:mm` forms are also accepted.
*/
        pub created_on: crate::Timestamp,
        ///Customer identifier.
        pub customer_id: i64,
        ///Records marked inactive are treated as deleted (soft delete).
        pub is_active: bool,
        ///Conditional. Commercial address if true, private if false.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub is_commercial: ::std::option::Option<bool>,
        ///Location identifier.
        pub location_id: i64,
        ///Conditional. Notes (free text). At least 0 and no more than 2048 characters.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub note: ::std::option::Option<::std::string::String>,
        ///Conditional. Reference number (free text). At least 1 and no more than 256 characters.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub reference_number: ::std::option::Option<::std::string::String>,
        ///Renewal date. Date in an ISO 8601 format. The SDK reads `""` as no date.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::timestamp::date_serde::optional")]
        pub renewal_date: ::std::option::Option<::chrono::naive::NaiveDate>,
        /**Conditional. Name of sales representative. At least 1 and no more than 64
characters. The vendor's own sample sends `""`: the SDK decodes it and `validate()`
reports it.
*/
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub sales_rep: ::std::option::Option<::std::string::String>,
        ///Conditional. Sales rep identifier.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub sales_rep_id: ::std::option::Option<::std::string::String>,
        ///Conditional. Suspension identifier.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub suspension_id: ::std::option::Option<i64>,
    }
    /**CRO's error body, from its public docs: which field failed, what went wrong and how to
fix it. Any part may be absent or null.
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
    #[doc(hidden)]
    pub struct ErrorModel {
        ///What went wrong.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub detail: ::std::option::Option<::std::string::String>,
        ///Why, or how to fix it.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub explanation: ::std::option::Option<::std::string::String>,
        ///The request field (header, path parameter or body field) the error is about.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub field: ::std::option::Option<::std::string::String>,
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
    /// What the body carries, before renamed fields are merged.
    #[derive(::serde::Deserialize, PartialEq)]
    #[doc(hidden)]
    struct DispatchCustomerLocationModelWire {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub account_number_1: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub account_number_2: ::std::option::Option<::std::string::String>,
        pub addresses: ::std::vec::Vec<CustomerAddressModel>,
        pub contacts: ::std::vec::Vec<CustomerContactModel>,
        pub created_on: crate::Timestamp,
        #[serde(default)]
        pub id: ::std::option::Option<i64>,
        pub is_active: bool,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub is_commercial: ::std::option::Option<bool>,
        pub last_updated_on: crate::Timestamp,
        pub location_id: i64,
        pub name: ::std::string::String,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub note: ::std::option::Option<::std::string::String>,
        #[serde(deserialize_with = "::std::option::Option::deserialize")]
        pub parent_id: ::std::option::Option<i64>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub reference_number: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::timestamp::date_serde::optional")]
        pub renewal_date: ::std::option::Option<::chrono::naive::NaiveDate>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub sales_rep: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub sales_rep_id: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub suspension_id: ::std::option::Option<i64>,
        #[serde(default)]
        pub customer_id: ::std::option::Option<i64>,
    }
    impl<'de> ::serde::Deserialize<'de> for DispatchCustomerLocationModel {
        fn deserialize<D: ::serde::Deserializer<'de>>(
            deserializer: D,
        ) -> ::std::result::Result<Self, D::Error> {
            Self::merged(
                <DispatchCustomerLocationModelWire as ::serde::Deserialize>::deserialize(
                    deserializer,
                )?,
            )
        }
    }
    impl DispatchCustomerLocationModel {
        /// The body's fields with each renamed pair merged (the strict decoder reads the
        /// body too).
        fn merged<E: ::serde::de::Error>(
            wire: DispatchCustomerLocationModelWire,
        ) -> ::std::result::Result<Self, E> {
            let id = match (wire.id, wire.customer_id) {
                (
                    ::std::option::Option::Some(new),
                    ::std::option::Option::Some(old),
                ) if new != old => {
                    return ::std::result::Result::Err(
                        E::custom(
                            format_args!(
                                "`id` ({:?}) and its former name `customer_id` ({:?}) differ: a body carrying both must carry the same value in both",
                                new, old
                            ),
                        ),
                    );
                }
                (::std::option::Option::Some(value), _)
                | (::std::option::Option::None, ::std::option::Option::Some(value)) => {
                    value
                }
                (::std::option::Option::None, ::std::option::Option::None) => {
                    return ::std::result::Result::Err(
                        E::custom(
                            "missing field `id` (or its former name `customer_id`)",
                        ),
                    );
                }
            };
            ::std::result::Result::Ok(Self {
                account_number_1: wire.account_number_1,
                account_number_2: wire.account_number_2,
                addresses: wire.addresses,
                contacts: wire.contacts,
                created_on: wire.created_on,
                is_active: wire.is_active,
                is_commercial: wire.is_commercial,
                last_updated_on: wire.last_updated_on,
                location_id: wire.location_id,
                name: wire.name,
                note: wire.note,
                parent_id: wire.parent_id,
                reference_number: wire.reference_number,
                renewal_date: wire.renewal_date,
                sales_rep: wire.sales_rep,
                sales_rep_id: wire.sales_rep_id,
                suspension_id: wire.suspension_id,
                id,
            })
        }
    }
    #[derive(::serde::Deserialize)]
    #[serde(remote = "CustomerAddressModel")]
    #[serde(deny_unknown_fields)]
    struct StrictCustomerAddressModel {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub country: ::std::option::Option<::std::string::String>,
        pub id: i64,
        pub is_active: bool,
        pub is_billing: bool,
        pub is_physical: bool,
        pub is_shipping: bool,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub latitude: ::std::option::Option<f64>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub line_1: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub line_2: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub line_3: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub line_4: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub locality: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub longitude: ::std::option::Option<f64>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub postcode: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub region: ::std::option::Option<::std::string::String>,
    }
    #[derive(::serde::Deserialize)]
    #[serde(remote = "CustomerContactModel")]
    #[serde(deny_unknown_fields)]
    struct StrictCustomerContactModel {
        #[serde(deserialize_with = "::std::option::Option::deserialize")]
        pub email: ::std::option::Option<::std::string::String>,
        #[serde(deserialize_with = "::std::option::Option::deserialize")]
        pub fax: ::std::option::Option<::std::string::String>,
        pub id: i64,
        pub name: ::std::string::String,
        pub notify_on_acknowledged_request: bool,
        pub notify_on_completed_request: bool,
        pub notify_on_dispatched_request: bool,
        pub notify_on_failed_request: bool,
        pub notify_on_new_request: bool,
        #[serde(deserialize_with = "::std::option::Option::deserialize")]
        pub number: ::std::option::Option<::std::string::String>,
    }
    #[derive(::serde::Deserialize)]
    #[serde(remote = "CustomerModel")]
    #[serde(deny_unknown_fields)]
    struct StrictCustomerModel {
        #[serde(deserialize_with = "crate::contract::strict_field")]
        pub addresses: ::std::vec::Vec<CustomerAddressModel>,
        #[serde(deserialize_with = "crate::contract::strict_field")]
        pub contacts: ::std::vec::Vec<CustomerContactModel>,
        pub created_on: crate::Timestamp,
        pub id: i64,
        pub last_updated_on: crate::Timestamp,
        #[serde(deserialize_with = "crate::contract::strict_field")]
        pub locations: ::std::vec::Vec<DispatchCustomerSettingsModel>,
        pub name: ::std::string::String,
        #[serde(deserialize_with = "::std::option::Option::deserialize")]
        pub parent_id: ::std::option::Option<i64>,
    }
    #[derive(::serde::Deserialize)]
    #[serde(remote = "DispatchCustomerSettingsModel")]
    #[serde(deny_unknown_fields)]
    struct StrictDispatchCustomerSettingsModel {
        pub created_on: crate::Timestamp,
        pub customer_id: i64,
        pub is_active: bool,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub is_commercial: ::std::option::Option<bool>,
        pub location_id: i64,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub note: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub reference_number: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::timestamp::date_serde::optional")]
        pub renewal_date: ::std::option::Option<::chrono::naive::NaiveDate>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub sales_rep: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub sales_rep_id: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub suspension_id: ::std::option::Option<i64>,
    }
    #[derive(::serde::Deserialize)]
    #[serde(remote = "ErrorModel")]
    #[serde(deny_unknown_fields)]
    struct StrictErrorModel {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub detail: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub explanation: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub field: ::std::option::Option<::std::string::String>,
    }
    #[derive(::serde::Deserialize)]
    #[serde(remote = "DispatchCustomerLocationModelWire")]
    #[serde(deny_unknown_fields)]
    struct StrictDispatchCustomerLocationModelWire {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub account_number_1: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub account_number_2: ::std::option::Option<::std::string::String>,
        #[serde(deserialize_with = "crate::contract::strict_field")]
        pub addresses: ::std::vec::Vec<CustomerAddressModel>,
        #[serde(deserialize_with = "crate::contract::strict_field")]
        pub contacts: ::std::vec::Vec<CustomerContactModel>,
        pub created_on: crate::Timestamp,
        #[serde(default)]
        pub id: ::std::option::Option<i64>,
        pub is_active: bool,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub is_commercial: ::std::option::Option<bool>,
        pub last_updated_on: crate::Timestamp,
        pub location_id: i64,
        pub name: ::std::string::String,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub note: ::std::option::Option<::std::string::String>,
        #[serde(deserialize_with = "::std::option::Option::deserialize")]
        pub parent_id: ::std::option::Option<i64>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub reference_number: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        #[serde(default, deserialize_with = "crate::timestamp::date_serde::optional")]
        pub renewal_date: ::std::option::Option<::chrono::naive::NaiveDate>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub sales_rep: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub sales_rep_id: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub suspension_id: ::std::option::Option<i64>,
        #[serde(default)]
        pub customer_id: ::std::option::Option<i64>,
    }
    impl crate::contract::Declared for CustomerAddressModel {
        fn declared() -> crate::contract::Shape {
            const FIELDS: &[crate::contract::Property] = &[
                ("country", crate::contract::shape_any),
                ("id", crate::contract::shape_any),
                ("is_active", crate::contract::shape_any),
                ("is_billing", crate::contract::shape_any),
                ("is_physical", crate::contract::shape_any),
                ("is_shipping", crate::contract::shape_any),
                ("latitude", crate::contract::shape_any),
                ("line_1", crate::contract::shape_any),
                ("line_2", crate::contract::shape_any),
                ("line_3", crate::contract::shape_any),
                ("line_4", crate::contract::shape_any),
                ("locality", crate::contract::shape_any),
                ("longitude", crate::contract::shape_any),
                ("postcode", crate::contract::shape_any),
                ("region", crate::contract::shape_any),
            ];
            crate::contract::Shape::Object(FIELDS)
        }
        fn strict<'de, D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            StrictCustomerAddressModel::deserialize(d)
        }
    }
    impl crate::contract::Declared for CustomerContactModel {
        fn declared() -> crate::contract::Shape {
            const FIELDS: &[crate::contract::Property] = &[
                ("email", crate::contract::shape_any),
                ("fax", crate::contract::shape_any),
                ("id", crate::contract::shape_any),
                ("name", crate::contract::shape_any),
                ("notify_on_acknowledged_request", crate::contract::shape_any),
                ("notify_on_completed_request", crate::contract::shape_any),
                ("notify_on_dispatched_request", crate::contract::shape_any),
                ("notify_on_failed_request", crate::contract::shape_any),
                ("notify_on_new_request", crate::contract::shape_any),
                ("number", crate::contract::shape_any),
            ];
            crate::contract::Shape::Object(FIELDS)
        }
        fn strict<'de, D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            StrictCustomerContactModel::deserialize(d)
        }
    }
    impl crate::contract::Declared for CustomerModel {
        fn declared() -> crate::contract::Shape {
            const FIELDS: &[crate::contract::Property] = &[
                ("addresses", crate::contract::shape_items::<CustomerAddressModel>),
                ("contacts", crate::contract::shape_items::<CustomerContactModel>),
                ("created_on", crate::contract::shape_any),
                ("id", crate::contract::shape_any),
                ("last_updated_on", crate::contract::shape_any),
                (
                    "locations",
                    crate::contract::shape_items::<DispatchCustomerSettingsModel>,
                ),
                ("name", crate::contract::shape_any),
                ("parent_id", crate::contract::shape_any),
            ];
            crate::contract::Shape::Object(FIELDS)
        }
        fn strict<'de, D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            StrictCustomerModel::deserialize(d)
        }
    }
    impl crate::contract::Declared for DispatchCustomerLocationModel {
        fn declared() -> crate::contract::Shape {
            const FIELDS: &[crate::contract::Property] = &[
                ("account_number_1", crate::contract::shape_any),
                ("account_number_2", crate::contract::shape_any),
                ("addresses", crate::contract::shape_items::<CustomerAddressModel>),
                ("contacts", crate::contract::shape_items::<CustomerContactModel>),
                ("created_on", crate::contract::shape_any),
                ("id", crate::contract::shape_any),
                ("is_active", crate::contract::shape_any),
                ("is_commercial", crate::contract::shape_any),
                ("last_updated_on", crate::contract::shape_any),
                ("location_id", crate::contract::shape_any),
                ("name", crate::contract::shape_any),
                ("note", crate::contract::shape_any),
                ("parent_id", crate::contract::shape_any),
                ("reference_number", crate::contract::shape_any),
                ("renewal_date", crate::contract::shape_any),
                ("sales_rep", crate::contract::shape_any),
                ("sales_rep_id", crate::contract::shape_any),
                ("suspension_id", crate::contract::shape_any),
                ("customer_id", crate::contract::shape_any),
            ];
            crate::contract::Shape::Object(FIELDS)
        }
        fn strict<'de, D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            Self::merged(StrictDispatchCustomerLocationModelWire::deserialize(d)?)
        }
    }
    impl crate::contract::Declared for DispatchCustomerSettingsModel {
        fn declared() -> crate::contract::Shape {
            const FIELDS: &[crate::contract::Property] = &[
                ("created_on", crate::contract::shape_any),
                ("customer_id", crate::contract::shape_any),
                ("is_active", crate::contract::shape_any),
                ("is_commercial", crate::contract::shape_any),
                ("location_id", crate::contract::shape_any),
                ("note", crate::contract::shape_any),
                ("reference_number", crate::contract::shape_any),
                ("renewal_date", crate::contract::shape_any),
                ("sales_rep", crate::contract::shape_any),
                ("sales_rep_id", crate::contract::shape_any),
                ("suspension_id", crate::contract::shape_any),
            ];
            crate::contract::Shape::Object(FIELDS)
        }
        fn strict<'de, D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            StrictDispatchCustomerSettingsModel::deserialize(d)
        }
    }
    impl crate::contract::Declared for ErrorModel {
        fn declared() -> crate::contract::Shape {
            const FIELDS: &[crate::contract::Property] = &[
                ("detail", crate::contract::shape_any),
                ("explanation", crate::contract::shape_any),
                ("field", crate::contract::shape_any),
            ];
            crate::contract::Shape::Object(FIELDS)
        }
        fn strict<'de, D: ::serde::Deserializer<'de>>(
            d: D,
        ) -> ::std::result::Result<Self, D::Error> {
            StrictErrorModel::deserialize(d)
        }
    }
}
#[derive(Clone, Debug)]
/**Client for CRO Software customers API

The customer endpoints of the CRO Software dispatch API (roll-off dispatch), written by
hand from CRO's endpoint pages: Get Customer, Get Contact and Deactivate Customer.

Authentication is OAuth 2.0 (authorization code and refresh token); every request carries
`Authorization: Bearer <access token>` and the tenant in `x-tenant-id`. The API version is
chosen with `x-api-version`; when it is absent the server applies the version the client
id last used, so a client should always send it.

The SDK pins one on every request: by default the newest documented version, 2023/04/19,
because new integrations should start on the current shape (moving the default is a breaking
change of the SDK). CRO documents `x-api-version` on every answer, so every answer's is
compared with the pin before its body is used: another version, several or an unreadable
one is a version mismatch whatever the status; none at all is a mismatch on a success only.
An error status without the header may come from a gateway or proxy that CRO did not write
(a 503 page, a 404 for a path CRO does not serve), so its status decides: a 503 is retried,
a 404 is not found.

A bearer token must match the documented pattern and length, and also be header-safe:
visible ASCII without spaces (the documented pattern's unescaped `.` would let
`Bearer Bearer x.y`, spaces or raw UTF-8 through).

Contradictions found in the vendor's pages, kept here as found:
- the Get Customer sample sends `"sales_rep": ""` although the field is documented as
  "at least 1 character";
- timestamps are documented as "ISO 8601 compatible" but the samples send them without an
  offset (`2018-06-13T19:50:20.447000`), which ISO 8601 allows and `format: date-time`
  (RFC 3339) does not. The spec encodes what the docs say: `format: iso8601-date-time` (a
  name of this spec's own, which standard validators ignore, and which the SDK's build maps
  to its timestamp type) with a pattern for an ISO 8601 date-time whose offset (`Z` or
  `±hh:mm`) is optional. The pattern also bounds every field (month 01–12, day 01–31,
  hour 00–23, minute and second 00–59, offset within ±23:59): with digits alone it
  accepted impossible values such as `1954-13-65T59:77:85`, which a mock generating from
  the spec (Stoplight Prism's dynamic mode) sent and the SDK rightly refuses. A day its
  month lacks (30 February, 31 April) still matches: the pattern does not check the
  calendar;
- the endpoint pages show a trailing slash in the sample request line
  (`GET /customers/{customer_id}/`) but not in the cURL samples; the paths here follow the
  cURL samples;
- the Python sample for Deactivate Customer calls `requests.post`, although the operation
  is a `DELETE`.


Version: 2023/04/19*/
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
        "2023/04/19"
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
    /**Get Customer

Get a customer by id.


Sends a `GET` request to `/customers/{customer_id}`

Arguments:
- `customer_id`: Customer identifier.
*/
    pub async fn get_customer<'a>(
        &'a self,
        cx: &crate::contract::CallState,
        customer_id: i64,
    ) -> Result<ResponseValue<types::CustomerModel>, Error<types::ErrorModel>> {
        let url = format!("{}/customers/{}", self.baseurl, customer_id.path_segment(),);
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
            406u16 => {
                Err(
                    Error::ErrorResponse(
                        crate::contract::response_value(response, cx).await?,
                    ),
                )
            }
            409u16 => {
                Err(
                    Error::ErrorResponse(
                        crate::contract::response_value(response, cx).await?,
                    ),
                )
            }
            500u16 => {
                Err(
                    Error::ErrorResponse(
                        crate::contract::response_value(response, cx).await?,
                    ),
                )
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Get Contact

Get customer contact by id.


Sends a `GET` request to `/customers/{customer_id}/contacts/{customer_contact_id}`

Arguments:
- `customer_id`: Customer identifier.
- `customer_contact_id`: Customer contact identifier.
*/
    pub async fn get_contact<'a>(
        &'a self,
        cx: &crate::contract::CallState,
        customer_id: i64,
        customer_contact_id: i64,
    ) -> Result<ResponseValue<types::CustomerContactModel>, Error<types::ErrorModel>> {
        let url = format!(
            "{}/customers/{}/contacts/{}", self.baseurl, customer_id.path_segment(),
            customer_contact_id.path_segment(),
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
            406u16 => {
                Err(
                    Error::ErrorResponse(
                        crate::contract::response_value(response, cx).await?,
                    ),
                )
            }
            409u16 => {
                Err(
                    Error::ErrorResponse(
                        crate::contract::response_value(response, cx).await?,
                    ),
                )
            }
            500u16 => {
                Err(
                    Error::ErrorResponse(
                        crate::contract::response_value(response, cx).await?,
                    ),
                )
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Deactivate Customer

Deactivate a customer at a location. This is a soft delete: the location is marked
inactive (`is_active: false`) and returned; repeating the call leaves it inactive, so
the operation is idempotent.


Sends a `DELETE` request to `/customers/{customer_id}/locations/{customer_location_id}`

Arguments:
- `customer_id`: Customer identifier.
- `customer_location_id`: Customer location identifier.
*/
    pub async fn deactivate_customer<'a>(
        &'a self,
        cx: &crate::contract::CallState,
        customer_id: i64,
        customer_location_id: i64,
    ) -> Result<
        ResponseValue<types::DispatchCustomerLocationModel>,
        Error<types::ErrorModel>,
    > {
        let url = format!(
            "{}/customers/{}/locations/{}", self.baseurl, customer_id.path_segment(),
            customer_location_id.path_segment(),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .delete(url)
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
            406u16 => {
                Err(
                    Error::ErrorResponse(
                        crate::contract::response_value(response, cx).await?,
                    ),
                )
            }
            409u16 => {
                Err(
                    Error::ErrorResponse(
                        crate::contract::response_value(response, cx).await?,
                    ),
                )
            }
            500u16 => {
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
    /// Get Customer: `GET /customers/{customer_id}`.
    ///
    /// Get a customer by id.
    ///
    /// Roles allowed: Admin, ClientCustomer, CrmUser, Dispatcher, Driver, ThirdPartyDispatcher, ThirdPartyDriver.
    ///
    /// Breaking changes: none.
    ///
    /// Idempotent: retried on any retryable failure, an attempt that timed out included.
    pub async fn get_customer(
        &self,
        customer_id: i64,
    ) -> ::std::result::Result<crate::Response<types::CustomerModel>, crate::Error> {
        let inner = &*self.inner;
        let op = crate::contract::Op {
            name: "getCustomer",
            idempotent: true,
            method: "GET",
            template: ::std::option::Option::Some("/customers/{customer_id}"),
            answers: ::std::option::Option::Some(
                &[
                    crate::contract::Documented {
                        status: "200",
                        headers: &[
                            (
                                "x-api-version",
                                &[
                                    "2019/02/08",
                                    "2021/04/07",
                                    "2021/05/07",
                                    "2021/08/02",
                                    "2021/11/04",
                                    "2023/04/19",
                                ],
                            ),
                            ("x-request-id", &[]),
                        ],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "400",
                        headers: &[
                            (
                                "x-api-version",
                                &[
                                    "2019/02/08",
                                    "2021/04/07",
                                    "2021/05/07",
                                    "2021/08/02",
                                    "2021/11/04",
                                    "2023/04/19",
                                ],
                            ),
                            ("x-request-id", &[]),
                        ],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "401",
                        headers: &[
                            (
                                "x-api-version",
                                &[
                                    "2019/02/08",
                                    "2021/04/07",
                                    "2021/05/07",
                                    "2021/08/02",
                                    "2021/11/04",
                                    "2023/04/19",
                                ],
                            ),
                            ("x-request-id", &[]),
                        ],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "403",
                        headers: &[
                            (
                                "x-api-version",
                                &[
                                    "2019/02/08",
                                    "2021/04/07",
                                    "2021/05/07",
                                    "2021/08/02",
                                    "2021/11/04",
                                    "2023/04/19",
                                ],
                            ),
                            ("x-request-id", &[]),
                        ],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "404",
                        headers: &[
                            (
                                "x-api-version",
                                &[
                                    "2019/02/08",
                                    "2021/04/07",
                                    "2021/05/07",
                                    "2021/08/02",
                                    "2021/11/04",
                                    "2023/04/19",
                                ],
                            ),
                            ("x-request-id", &[]),
                        ],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "406",
                        headers: &[
                            (
                                "x-api-version",
                                &[
                                    "2019/02/08",
                                    "2021/04/07",
                                    "2021/05/07",
                                    "2021/08/02",
                                    "2021/11/04",
                                    "2023/04/19",
                                ],
                            ),
                            ("x-request-id", &[]),
                        ],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "409",
                        headers: &[
                            (
                                "x-api-version",
                                &[
                                    "2019/02/08",
                                    "2021/04/07",
                                    "2021/05/07",
                                    "2021/08/02",
                                    "2021/11/04",
                                    "2023/04/19",
                                ],
                            ),
                            ("x-request-id", &[]),
                        ],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "500",
                        headers: &[
                            (
                                "x-api-version",
                                &[
                                    "2019/02/08",
                                    "2021/04/07",
                                    "2021/05/07",
                                    "2021/08/02",
                                    "2021/11/04",
                                    "2023/04/19",
                                ],
                            ),
                            ("x-request-id", &[]),
                        ],
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
                    inner
                        .generated
                        .get_customer(cx, ::std::clone::Clone::clone(&customer_id))
                },
                |answer: types::CustomerModel, _meta: &crate::ResponseMeta| {
                    ::std::result::Result::Ok(answer)
                },
            )
            .await
    }
    /// Get Contact: `GET /customers/{customer_id}/contacts/{customer_contact_id}`.
    ///
    /// Get customer contact by id.
    ///
    /// Roles allowed: Admin, ClientCustomer, CrmUser, Dispatcher, Driver, ThirdPartyDispatcher, ThirdPartyDriver.
    ///
    /// Breaking changes: none.
    ///
    /// Idempotent: retried on any retryable failure, an attempt that timed out included.
    pub async fn get_contact(
        &self,
        customer_id: i64,
        customer_contact_id: i64,
    ) -> ::std::result::Result<
        crate::Response<types::CustomerContactModel>,
        crate::Error,
    > {
        let inner = &*self.inner;
        let op = crate::contract::Op {
            name: "getContact",
            idempotent: true,
            method: "GET",
            template: ::std::option::Option::Some(
                "/customers/{customer_id}/contacts/{customer_contact_id}",
            ),
            answers: ::std::option::Option::Some(
                &[
                    crate::contract::Documented {
                        status: "200",
                        headers: &[
                            (
                                "x-api-version",
                                &[
                                    "2019/02/08",
                                    "2021/04/07",
                                    "2021/05/07",
                                    "2021/08/02",
                                    "2021/11/04",
                                    "2023/04/19",
                                ],
                            ),
                            ("x-request-id", &[]),
                        ],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "400",
                        headers: &[
                            (
                                "x-api-version",
                                &[
                                    "2019/02/08",
                                    "2021/04/07",
                                    "2021/05/07",
                                    "2021/08/02",
                                    "2021/11/04",
                                    "2023/04/19",
                                ],
                            ),
                            ("x-request-id", &[]),
                        ],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "401",
                        headers: &[
                            (
                                "x-api-version",
                                &[
                                    "2019/02/08",
                                    "2021/04/07",
                                    "2021/05/07",
                                    "2021/08/02",
                                    "2021/11/04",
                                    "2023/04/19",
                                ],
                            ),
                            ("x-request-id", &[]),
                        ],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "403",
                        headers: &[
                            (
                                "x-api-version",
                                &[
                                    "2019/02/08",
                                    "2021/04/07",
                                    "2021/05/07",
                                    "2021/08/02",
                                    "2021/11/04",
                                    "2023/04/19",
                                ],
                            ),
                            ("x-request-id", &[]),
                        ],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "404",
                        headers: &[
                            (
                                "x-api-version",
                                &[
                                    "2019/02/08",
                                    "2021/04/07",
                                    "2021/05/07",
                                    "2021/08/02",
                                    "2021/11/04",
                                    "2023/04/19",
                                ],
                            ),
                            ("x-request-id", &[]),
                        ],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "406",
                        headers: &[
                            (
                                "x-api-version",
                                &[
                                    "2019/02/08",
                                    "2021/04/07",
                                    "2021/05/07",
                                    "2021/08/02",
                                    "2021/11/04",
                                    "2023/04/19",
                                ],
                            ),
                            ("x-request-id", &[]),
                        ],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "409",
                        headers: &[
                            (
                                "x-api-version",
                                &[
                                    "2019/02/08",
                                    "2021/04/07",
                                    "2021/05/07",
                                    "2021/08/02",
                                    "2021/11/04",
                                    "2023/04/19",
                                ],
                            ),
                            ("x-request-id", &[]),
                        ],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "500",
                        headers: &[
                            (
                                "x-api-version",
                                &[
                                    "2019/02/08",
                                    "2021/04/07",
                                    "2021/05/07",
                                    "2021/08/02",
                                    "2021/11/04",
                                    "2023/04/19",
                                ],
                            ),
                            ("x-request-id", &[]),
                        ],
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
                    inner
                        .generated
                        .get_contact(
                            cx,
                            ::std::clone::Clone::clone(&customer_id),
                            ::std::clone::Clone::clone(&customer_contact_id),
                        )
                },
                |answer: types::CustomerContactModel, _meta: &crate::ResponseMeta| {
                    ::std::result::Result::Ok(answer)
                },
            )
            .await
    }
    /// Deactivate Customer: `DELETE /customers/{customer_id}/locations/{customer_location_id}`.
    ///
    /// Deactivate a customer at a location. This is a soft delete: the location is marked
    /// inactive (`is_active: false`) and returned; repeating the call leaves it inactive, so
    /// the operation is idempotent.
    ///
    /// Roles allowed: Dispatcher.
    ///
    /// Breaking changes:
    ///
    /// - API version 2021/04/07: in the 200 response body (`DispatchCustomerLocationModel`), `customer_id` was renamed to `id`.
    ///
    /// Idempotent: retried on any retryable failure, an attempt that timed out included.
    pub async fn deactivate_location(
        &self,
        customer_id: i64,
        customer_location_id: i64,
    ) -> ::std::result::Result<
        crate::Response<types::DispatchCustomerLocationModel>,
        crate::Error,
    > {
        let inner = &*self.inner;
        let op = crate::contract::Op {
            name: "deactivateCustomer",
            idempotent: true,
            method: "DELETE",
            template: ::std::option::Option::Some(
                "/customers/{customer_id}/locations/{customer_location_id}",
            ),
            answers: ::std::option::Option::Some(
                &[
                    crate::contract::Documented {
                        status: "200",
                        headers: &[
                            (
                                "x-api-version",
                                &[
                                    "2019/02/08",
                                    "2021/04/07",
                                    "2021/05/07",
                                    "2021/08/02",
                                    "2021/11/04",
                                    "2023/04/19",
                                ],
                            ),
                            ("x-request-id", &[]),
                        ],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "400",
                        headers: &[
                            (
                                "x-api-version",
                                &[
                                    "2019/02/08",
                                    "2021/04/07",
                                    "2021/05/07",
                                    "2021/08/02",
                                    "2021/11/04",
                                    "2023/04/19",
                                ],
                            ),
                            ("x-request-id", &[]),
                        ],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "401",
                        headers: &[
                            (
                                "x-api-version",
                                &[
                                    "2019/02/08",
                                    "2021/04/07",
                                    "2021/05/07",
                                    "2021/08/02",
                                    "2021/11/04",
                                    "2023/04/19",
                                ],
                            ),
                            ("x-request-id", &[]),
                        ],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "403",
                        headers: &[
                            (
                                "x-api-version",
                                &[
                                    "2019/02/08",
                                    "2021/04/07",
                                    "2021/05/07",
                                    "2021/08/02",
                                    "2021/11/04",
                                    "2023/04/19",
                                ],
                            ),
                            ("x-request-id", &[]),
                        ],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "404",
                        headers: &[
                            (
                                "x-api-version",
                                &[
                                    "2019/02/08",
                                    "2021/04/07",
                                    "2021/05/07",
                                    "2021/08/02",
                                    "2021/11/04",
                                    "2023/04/19",
                                ],
                            ),
                            ("x-request-id", &[]),
                        ],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "406",
                        headers: &[
                            (
                                "x-api-version",
                                &[
                                    "2019/02/08",
                                    "2021/04/07",
                                    "2021/05/07",
                                    "2021/08/02",
                                    "2021/11/04",
                                    "2023/04/19",
                                ],
                            ),
                            ("x-request-id", &[]),
                        ],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "409",
                        headers: &[
                            (
                                "x-api-version",
                                &[
                                    "2019/02/08",
                                    "2021/04/07",
                                    "2021/05/07",
                                    "2021/08/02",
                                    "2021/11/04",
                                    "2023/04/19",
                                ],
                            ),
                            ("x-request-id", &[]),
                        ],
                        content_types: &["application/json"],
                    },
                    crate::contract::Documented {
                        status: "500",
                        headers: &[
                            (
                                "x-api-version",
                                &[
                                    "2019/02/08",
                                    "2021/04/07",
                                    "2021/05/07",
                                    "2021/08/02",
                                    "2021/11/04",
                                    "2023/04/19",
                                ],
                            ),
                            ("x-request-id", &[]),
                        ],
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
                    inner
                        .generated
                        .deactivate_customer(
                            cx,
                            ::std::clone::Clone::clone(&customer_id),
                            ::std::clone::Clone::clone(&customer_location_id),
                        )
                },
                |
                    answer: types::DispatchCustomerLocationModel,
                    _meta: &crate::ResponseMeta|
                { ::std::result::Result::Ok(answer) },
            )
            .await
    }
}
/// One method per operation of the spec, blocking the calling thread (feature
/// `blocking`).
#[cfg(feature = "blocking")]
impl super::blocking::Client {
    /// Get Customer: `GET /customers/{customer_id}`.
    ///
    /// Get a customer by id.
    ///
    /// Roles allowed: Admin, ClientCustomer, CrmUser, Dispatcher, Driver, ThirdPartyDispatcher, ThirdPartyDriver.
    ///
    /// Breaking changes: none.
    ///
    /// Idempotent: retried on any retryable failure, an attempt that timed out included.
    ///
    /// Blocks the calling thread until the call ends.
    pub fn get_customer(
        &self,
        customer_id: i64,
    ) -> ::std::result::Result<crate::Response<types::CustomerModel>, crate::Error> {
        self.block_on(self.as_async().get_customer(customer_id))
    }
    /// Get Contact: `GET /customers/{customer_id}/contacts/{customer_contact_id}`.
    ///
    /// Get customer contact by id.
    ///
    /// Roles allowed: Admin, ClientCustomer, CrmUser, Dispatcher, Driver, ThirdPartyDispatcher, ThirdPartyDriver.
    ///
    /// Breaking changes: none.
    ///
    /// Idempotent: retried on any retryable failure, an attempt that timed out included.
    ///
    /// Blocks the calling thread until the call ends.
    pub fn get_contact(
        &self,
        customer_id: i64,
        customer_contact_id: i64,
    ) -> ::std::result::Result<
        crate::Response<types::CustomerContactModel>,
        crate::Error,
    > {
        self.block_on(self.as_async().get_contact(customer_id, customer_contact_id))
    }
    /// Deactivate Customer: `DELETE /customers/{customer_id}/locations/{customer_location_id}`.
    ///
    /// Deactivate a customer at a location. This is a soft delete: the location is marked
    /// inactive (`is_active: false`) and returned; repeating the call leaves it inactive, so
    /// the operation is idempotent.
    ///
    /// Roles allowed: Dispatcher.
    ///
    /// Breaking changes:
    ///
    /// - API version 2021/04/07: in the 200 response body (`DispatchCustomerLocationModel`), `customer_id` was renamed to `id`.
    ///
    /// Idempotent: retried on any retryable failure, an attempt that timed out included.
    ///
    /// Blocks the calling thread until the call ends.
    pub fn deactivate_location(
        &self,
        customer_id: i64,
        customer_location_id: i64,
    ) -> ::std::result::Result<
        crate::Response<types::DispatchCustomerLocationModel>,
        crate::Error,
    > {
        self.block_on(
            self.as_async().deactivate_location(customer_id, customer_location_id),
        )
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
                let customer_id: i64 = args.required("customer_id")?;
                crate::contract::to_json(self.get_customer(customer_id).await?)
            }
            "get_contact" => {
                let customer_id: i64 = args.required("customer_id")?;
                let customer_contact_id: i64 = args.required("customer_contact_id")?;
                crate::contract::to_json(
                    self.get_contact(customer_id, customer_contact_id).await?,
                )
            }
            "deactivate_location" => {
                let customer_id: i64 = args.required("customer_id")?;
                let customer_location_id: i64 = args.required("customer_location_id")?;
                crate::contract::to_json(
                    self.deactivate_location(customer_id, customer_location_id).await?,
                )
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
                crate::contract::decodes::<types::CustomerModel>(body),
            )
        }
        "getContact" => {
            ::std::option::Option::Some(
                crate::contract::decodes::<types::CustomerContactModel>(body),
            )
        }
        "deactivateCustomer" => {
            ::std::option::Option::Some(
                crate::contract::decodes::<types::DispatchCustomerLocationModel>(body),
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
        path: "/customers/{customer_id}",
        summary: "Get Customer",
        idempotent: true,
        aliases: &[],
        params: &[
            crate::operation::Param {
                name: "customer_id",
                location: crate::operation::ParamIn::Path,
                required: true,
                description: "Customer identifier.",
                alias: ::std::option::Option::None,
            },
        ],
        result: "",
    },
    crate::operation::Operation {
        id: "getContact",
        name: "get_contact",
        method: "GET",
        path: "/customers/{customer_id}/contacts/{customer_contact_id}",
        summary: "Get Contact",
        idempotent: true,
        aliases: &[],
        params: &[
            crate::operation::Param {
                name: "customer_id",
                location: crate::operation::ParamIn::Path,
                required: true,
                description: "Customer identifier.",
                alias: ::std::option::Option::None,
            },
            crate::operation::Param {
                name: "customer_contact_id",
                location: crate::operation::ParamIn::Path,
                required: true,
                description: "Customer contact identifier.",
                alias: ::std::option::Option::None,
            },
        ],
        result: "",
    },
    crate::operation::Operation {
        id: "deactivateCustomer",
        name: "deactivate_location",
        method: "DELETE",
        path: "/customers/{customer_id}/locations/{customer_location_id}",
        summary: "Deactivate Customer",
        idempotent: true,
        aliases: &[],
        params: &[
            crate::operation::Param {
                name: "customer_id",
                location: crate::operation::ParamIn::Path,
                required: true,
                description: "Customer identifier.",
                alias: ::std::option::Option::None,
            },
            crate::operation::Param {
                name: "customer_location_id",
                location: crate::operation::ParamIn::Path,
                required: true,
                description: "Customer location identifier.",
                alias: ::std::option::Option::None,
            },
        ],
        result: "",
    },
];
/// progenitor's defaults: the generated calls send through the shared transport.
impl progenitor_client::ClientHooks<()> for Client {}
impl crate::validation::Validate for types::CustomerAddressModel {
    fn validate_at(
        &self,
        _path: &crate::validation::FieldPath<'_>,
        _out: &mut Vec<crate::validation::Violation>,
    ) {}
}
impl crate::validation::Validate for types::CustomerContactModel {
    fn validate_at(
        &self,
        path: &crate::validation::FieldPath<'_>,
        out: &mut Vec<crate::validation::Violation>,
    ) {
        crate::validation::check(
            &self.email,
            &path.field("email"),
            &[
                crate::validation::Rule::MaxLength(256),
                crate::validation::Rule::Pattern {
                    regex: "^\\s*[^\\s,@]+@[^\\s,@]+(\\s*,\\s*[^\\s,@]+@[^\\s,@]+)*\\s*$",
                    looks_like: "one or more email addresses separated by commas, such as `ops@example.com, billing@example.com`",
                },
            ],
            out,
        );
        crate::validation::check(
            &self.fax,
            &path.field("fax"),
            &[
                crate::validation::Rule::MinLength(7),
                crate::validation::Rule::MaxLength(15),
            ],
            out,
        );
        crate::validation::check(
            &self.name,
            &path.field("name"),
            &[
                crate::validation::Rule::MinLength(1),
                crate::validation::Rule::MaxLength(128),
            ],
            out,
        );
        crate::validation::check(
            &self.number,
            &path.field("number"),
            &[
                crate::validation::Rule::MinLength(1),
                crate::validation::Rule::MaxLength(90),
            ],
            out,
        );
    }
}
impl crate::validation::Validate for types::CustomerModel {
    fn validate_at(
        &self,
        path: &crate::validation::FieldPath<'_>,
        out: &mut Vec<crate::validation::Violation>,
    ) {
        crate::validation::Validate::validate_at(
            &self.addresses,
            &path.field("addresses"),
            out,
        );
        crate::validation::Validate::validate_at(
            &self.contacts,
            &path.field("contacts"),
            out,
        );
        crate::validation::Validate::validate_at(
            &self.locations,
            &path.field("locations"),
            out,
        );
        crate::validation::check(
            &self.name,
            &path.field("name"),
            &[
                crate::validation::Rule::MinLength(1),
                crate::validation::Rule::MaxLength(64),
            ],
            out,
        );
    }
}
impl crate::validation::Validate for types::DispatchCustomerLocationModel {
    fn validate_at(
        &self,
        path: &crate::validation::FieldPath<'_>,
        out: &mut Vec<crate::validation::Violation>,
    ) {
        crate::validation::check(
            &self.account_number_1,
            &path.field("account_number_1"),
            &[crate::validation::Rule::MaxLength(128)],
            out,
        );
        crate::validation::check(
            &self.account_number_2,
            &path.field("account_number_2"),
            &[crate::validation::Rule::MaxLength(128)],
            out,
        );
        crate::validation::Validate::validate_at(
            &self.addresses,
            &path.field("addresses"),
            out,
        );
        crate::validation::Validate::validate_at(
            &self.contacts,
            &path.field("contacts"),
            out,
        );
        crate::validation::check(
            &self.name,
            &path.field("name"),
            &[
                crate::validation::Rule::MinLength(1),
                crate::validation::Rule::MaxLength(64),
            ],
            out,
        );
        crate::validation::check(
            &self.note,
            &path.field("note"),
            &[crate::validation::Rule::MaxLength(2048)],
            out,
        );
        crate::validation::check(
            &self.reference_number,
            &path.field("reference_number"),
            &[
                crate::validation::Rule::MinLength(1),
                crate::validation::Rule::MaxLength(256),
            ],
            out,
        );
        crate::validation::check(
            &self.sales_rep,
            &path.field("sales_rep"),
            &[
                crate::validation::Rule::MinLength(1),
                crate::validation::Rule::MaxLength(64),
            ],
            out,
        );
    }
}
impl crate::validation::Validate for types::DispatchCustomerSettingsModel {
    fn validate_at(
        &self,
        path: &crate::validation::FieldPath<'_>,
        out: &mut Vec<crate::validation::Violation>,
    ) {
        crate::validation::check(
            &self.note,
            &path.field("note"),
            &[crate::validation::Rule::MaxLength(2048)],
            out,
        );
        crate::validation::check(
            &self.reference_number,
            &path.field("reference_number"),
            &[
                crate::validation::Rule::MinLength(1),
                crate::validation::Rule::MaxLength(256),
            ],
            out,
        );
        crate::validation::check(
            &self.sales_rep,
            &path.field("sales_rep"),
            &[
                crate::validation::Rule::MinLength(1),
                crate::validation::Rule::MaxLength(64),
            ],
            out,
        );
    }
}
impl crate::validation::Validate for types::ErrorModel {
    fn validate_at(
        &self,
        _path: &crate::validation::FieldPath<'_>,
        _out: &mut Vec<crate::validation::Violation>,
    ) {}
}
/// What the spec documents that is not a generated type.
pub mod spec {
    /// The documented request headers, which the layer sets once per client.
    pub const REQUEST_HEADERS: &[crate::validation::HeaderRule] = &[
        crate::validation::HeaderRule {
            name: "authorization",
            required: true,
            integer: false,
            rules: &[
                crate::validation::Rule::MinLength(1),
                crate::validation::Rule::MaxLength(256),
                crate::validation::Rule::Pattern {
                    regex: "^[Bb][Ee][Aa][Rr][Ee][Rr] [A-Za-z0-9-_=]+.[A-Za-z0-9-_=]+.?[A-Za-z0-9-_.+/=]*$",
                    looks_like: "`Bearer ` then a token of the form header.payload.signature (letters, digits, `-`, `_` and `=`)",
                },
            ],
        },
        crate::validation::HeaderRule {
            name: "x-api-version",
            required: false,
            integer: false,
            rules: &[
                crate::validation::Rule::MinLength(1),
                crate::validation::Rule::MaxLength(64),
                crate::validation::Rule::OneOf(
                    &[
                        "2019/02/08",
                        "2021/04/07",
                        "2021/05/07",
                        "2021/08/02",
                        "2021/11/04",
                        "2023/04/19",
                    ],
                ),
            ],
        },
        crate::validation::HeaderRule {
            name: "x-tenant-id",
            required: true,
            integer: true,
            rules: &[],
        },
    ];
    /// What the layer's spec policy reads: the credential's scheme, the envelope and the
    /// error body.
    pub(crate) const POLICY: crate::spec_policy::Described = crate::spec_policy::Described {
        credential: crate::spec_policy::Credential::Bearer,
        setter: "bearer_token",
        envelope: ::std::option::Option::None,
        error_code: &[],
        error_message: &["detail"],
        error_field: &["field"],
        error_explanation: &["explanation"],
        code: ::std::option::Option::None,
        settings: &[
            crate::spec_policy::Setting {
                header: "x-api-version",
                setter: "api_version",
                default: ::std::option::Option::Some("2023/04/19"),
                pin: true,
            },
            crate::spec_policy::Setting {
                header: "x-tenant-id",
                setter: "tenant_id",
                default: ::std::option::Option::None,
                pin: false,
            },
        ],
        headers: REQUEST_HEADERS,
    };
    /// A valid API version string: 2019/02/08, 2021/04/07, 2021/05/07, 2021/08/02, 2021/11/04
    /// or 2023/04/19. At least 1 and no more than 64 characters.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
    #[non_exhaustive]
    pub enum ApiVersion {
        /// `2019/02/08`: the version of the docs' samples.
        V2019_02_08,
        /// `2021/04/07`: Deactivate Customer's `customer_id` is renamed `id`.
        V2021_04_07,
        /// `2021/05/07`
        V2021_05_07,
        /// `2021/08/02`
        V2021_08_02,
        /// `2021/11/04`
        V2021_11_04,
        /// `2023/04/19`: the newest documented version. (the default)
        #[default]
        V2023_04_19,
    }
    impl ApiVersion {
        /// Every documented value, in the spec's order.
        pub const ALL: [ApiVersion; 6] = [
            ApiVersion::V2019_02_08,
            ApiVersion::V2021_04_07,
            ApiVersion::V2021_05_07,
            ApiVersion::V2021_08_02,
            ApiVersion::V2021_11_04,
            ApiVersion::V2023_04_19,
        ];
        /// The value as the spec writes it.
        pub const fn as_str(self) -> &'static str {
            match self {
                ApiVersion::V2019_02_08 => "2019/02/08",
                ApiVersion::V2021_04_07 => "2021/04/07",
                ApiVersion::V2021_05_07 => "2021/05/07",
                ApiVersion::V2021_08_02 => "2021/08/02",
                ApiVersion::V2021_11_04 => "2021/11/04",
                ApiVersion::V2023_04_19 => "2023/04/19",
            }
        }
    }
    impl ::std::fmt::Display for ApiVersion {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(self.as_str())
        }
    }
    /// A string that is not a documented CRO API version.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct UnknownApiVersion(::std::string::String);
    impl ::std::fmt::Display for UnknownApiVersion {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            write!(
                f,
                "unknown CRO API version {:?}: must be one of 2019/02/08, 2021/04/07, 2021/05/07, 2021/08/02, 2021/11/04, 2023/04/19",
                self.0
            )
        }
    }
    impl ::std::error::Error for UnknownApiVersion {}
    impl ::std::str::FromStr for ApiVersion {
        type Err = UnknownApiVersion;
        fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
            ApiVersion::ALL
                .into_iter()
                .find(|v| v.as_str() == s)
                .ok_or_else(|| UnknownApiVersion(s.chars().take(64).collect()))
        }
    }
    impl ::std::convert::TryFrom<&str> for ApiVersion {
        type Error = UnknownApiVersion;
        fn try_from(s: &str) -> ::std::result::Result<Self, Self::Error> {
            s.parse()
        }
    }
    impl ::serde::Serialize for ApiVersion {
        fn serialize<S: ::serde::Serializer>(
            &self,
            serializer: S,
        ) -> ::std::result::Result<S::Ok, S::Error> {
            serializer.serialize_str(self.as_str())
        }
    }
    impl<'de> ::serde::Deserialize<'de> for ApiVersion {
        fn deserialize<D: ::serde::Deserializer<'de>>(
            deserializer: D,
        ) -> ::std::result::Result<Self, D::Error> {
            let s = <::std::borrow::Cow<
                'de,
                str,
            > as ::serde::Deserialize>::deserialize(deserializer)?;
            s.parse().map_err(<D::Error as ::serde::de::Error>::custom)
        }
    }
    /// The default base URL: the vendor's public API, the spec's first `https` server.
    pub const DEFAULT_BASE_URL: &str = "https://api.crosoftware.net";
}
