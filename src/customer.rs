//! One customer across vendors: [`Customer`], the same view of a CRO, PDM or Foxtrot customer,
//! for code that joins them or shows them side by side.
//!
//! It is built with `From` from the record each vendor's get-customer returns
//! ([`cro::types::CustomerModel`](crate::cro::types::CustomerModel),
//! [`pdm::types::Customer`](crate::pdm::types::Customer),
//! [`foxtrot::types::Customer`](crate::foxtrot::types::Customer)), each with its vendor's
//! feature. It serializes as JSON (`customer-apis <vendor> get-customer --unified` prints it).
//! It is a view: what a vendor has and the view has no place for stays in the vendor's type,
//! which the tables below name field by field.
//!
//! ```
//! # #[cfg(feature = "sandbox")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let sandbox = customer_apis::sandbox::Sandbox::start().await?;
//! use customer_apis::{pdm, Customer, Vendor};
//!
//! let cro = sandbox.cro_client().build()?;
//! let pdm = sandbox.pdm_client().build()?;
//! let in_cro = Customer::from(&cro.get_customer(7).await?);
//! let in_pdm = Customer::from(&pdm.get_customer(&pdm::CustomerLookup::external_ref("CRO-7")).await?);
//! assert_eq!((in_cro.vendor, in_cro.id.as_str()), (Vendor::Cro, "7"));
//! assert_eq!(in_pdm.external_refs, ["CRO-7"]);
//! assert_eq!(in_cro.name, in_pdm.name);
//! assert_eq!(in_cro.addresses[0].postcode, in_pdm.addresses[0].postcode);
//! # Ok(()) }
//! # #[cfg(not(feature = "sandbox"))]
//! # fn main() {}
//! ```
//!
//! # Rules for every vendor
//! - Text that is empty or only whitespace is read as absent: PDM writes an unset field as
//!   `""`, and an empty line or phone number says nothing. Other text is kept as sent.
//! - A field the vendor does not have is left empty (`None`, or an empty list); nothing is
//!   guessed from other fields.
//! - [`Customer::id`] is the identifier the vendor's get-customer takes, as text.
//!
//! # CRO Software: `CustomerModel`
//!
//! | `Customer` | from CRO | how |
//! |---|---|---|
//! | `vendor` | — | [`Vendor::Cro`] |
//! | `id` | `id` | the integer as text |
//! | `name` | `name` | as sent |
//! | `active` | `locations[].is_active` | derived: `true` if the customer is active at one location or more, `false` if at none; `None` when `locations` is empty. CRO has no flag on the customer itself: it deactivates a customer per location (Deactivate Customer) |
//! | `addresses` | `addresses[]` whose `is_active` is `true` | one [`Address`] each, in order; an inactive address is left out, as CRO treats it as deleted |
//! | `addresses[].lines` | `line_1` … `line_4` | the ones set, in order |
//! | `addresses[].locality` | `locality` | |
//! | `addresses[].region` | `region` | |
//! | `addresses[].postcode` | `postcode` | |
//! | `addresses[].country` | `country` | |
//! | `addresses[].geo` | `latitude`, `longitude` | when both are set |
//! | `contacts` | `contacts[]` | one [`Contact`] each, in order |
//! | `contacts[].name` | `name` | |
//! | `contacts[].emails` | `email` | derived: CRO's comma-separated list, split, each address trimmed |
//! | `contacts[].phones` | `number` | one entry when set |
//! | `external_refs` | — | none: the customer model has no external reference |
//!
//! Lost: `created_on`, `last_updated_on`, `parent_id`; each address's `id`, `is_billing`,
//! `is_physical` and `is_shipping`; each contact's `id`, `fax` and the five
//! `notify_on_*_request` flags; every field of `locations[]` (a customer's dispatch settings
//! at one location: `location_id`, `created_on`, `is_commercial`, `note`, `reference_number`,
//! `renewal_date`, `sales_rep`, `sales_rep_id`, `suspension_id`) but `is_active`, read for
//! `active`. A location's `reference_number` is free text, not documented as another system's
//! identifier, so it is not taken as an external reference.
//!
//! # PDM: `Customer`
//!
//! | `Customer` | from PDM | how |
//! |---|---|---|
//! | `vendor` | — | [`Vendor::Pdm`] |
//! | `id` | `customer_id` | the integer as text |
//! | `name` | `first_name`, `last_name` | derived: the ones set, joined by a space; empty when neither is |
//! | `active` | `active` | as sent |
//! | `addresses` | `address` | one [`Address`] when it has a field set, else none |
//! | `addresses[].lines` | `line_1` … `line_3` | the ones set, in order |
//! | `addresses[].locality` | `city` | |
//! | `addresses[].region` | `county` | |
//! | `addresses[].postcode` | `postal_code` | |
//! | `addresses[].country` | — | none: PDM has no country |
//! | `addresses[].geo` | — | none: PDM has no coordinates |
//! | `contacts` | `email_address`, `tel_number_1`, `tel_number_2` | derived: one [`Contact`], the customer, when one of them is set, else none |
//! | `contacts[].name` | `first_name`, `last_name` | as `name`; `None` when that is empty |
//! | `contacts[].emails` | `email_address` | one entry when set |
//! | `contacts[].phones` | `tel_number_1`, `tel_number_2` | the ones set, in order |
//! | `external_refs` | `external_customer_ref` | one entry when set |
//!
//! Lost: `customer_ref` (PDM's own `C######` reference; `customer_id` is the id),
//! `created`, `last_modified`, `title`, `gender`, `dob`.
//!
//! # Foxtrot: `Customer`
//!
//! | `Customer` | from Foxtrot | how |
//! |---|---|---|
//! | `vendor` | — | [`Vendor::Foxtrot`] |
//! | `id` | `id` | as sent |
//! | `name` | `name` | as sent |
//! | `active` | — | `None`: Foxtrot has no such field |
//! | `addresses` | `imported_address`, `imported_location` | one [`Address`] when either is set, else none |
//! | `addresses[].lines` | `imported_address` | one line: Foxtrot sends the address as one string, which is not split |
//! | `addresses[].locality`, `region`, `postcode`, `country` | — | none: not separate in Foxtrot |
//! | `addresses[].geo` | `imported_location` | the location imported with the address |
//! | `contacts` | — | none: Foxtrot has no contacts |
//! | `external_refs` | — | none: Foxtrot has no external reference |
//!
//! Lost: `inferred_location` ("the location Foxtrot inferred": the page does not say from
//! what, so it is not taken as the imported address's point). The DC is not part of Foxtrot's
//! customer record: keep it beside the id to fetch the customer again.

use serde::{Serialize, Serializer};

use crate::error::Vendor;

/// A customer as any vendor holds it: who, where, how to reach them, whether active, and who
/// says so. Built with `From` from a vendor's customer record; see the [module](self) for each
/// vendor's mapping.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Customer {
    /// The vendor the record comes from (serialized as `cro`, `pdm` or `foxtrot`).
    #[serde(serialize_with = "vendor_key")]
    pub vendor: Vendor,
    /// The vendor's identifier of the customer, as text (CRO `id`, PDM `customer_id`,
    /// Foxtrot `id`).
    pub id: String,
    /// The customer's name; empty when the vendor's record has none (a PDM record without a
    /// first or last name).
    pub name: String,
    /// Whether the vendor treats the customer as active; `None` when the vendor does not say
    /// (Foxtrot, or a CRO customer without locations).
    pub active: Option<bool>,
    /// The customer's addresses, in the vendor's order.
    pub addresses: Vec<Address>,
    /// The people or channels to reach the customer, in the vendor's order.
    pub contacts: Vec<Contact>,
    /// References by which another system knows the customer, as the vendor holds them (PDM
    /// `external_customer_ref`).
    pub external_refs: Vec<String>,
}

/// A postal address, with its point on the map where the vendor has one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Address {
    /// The street lines, in order, unset ones left out (a Foxtrot address is one line).
    pub lines: Vec<String>,
    /// City or town (CRO `locality`, PDM `city`).
    pub locality: Option<String>,
    /// State, province or county (CRO `region`, PDM `county`).
    pub region: Option<String>,
    /// Postal code (CRO `postcode`, PDM `postal_code`).
    pub postcode: Option<String>,
    /// Country (CRO only).
    pub country: Option<String>,
    /// Where the address is (CRO `latitude`/`longitude`, Foxtrot `imported_location`).
    pub geo: Option<GeoPoint>,
}

/// A point in decimal degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[non_exhaustive]
pub struct GeoPoint {
    /// Latitude in decimal degrees.
    pub latitude: f64,
    /// Longitude in decimal degrees.
    pub longitude: f64,
}

/// A way to reach the customer: a named contact (CRO) or the customer themself (PDM).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Contact {
    /// Who to ask for, when the vendor names them.
    pub name: Option<String>,
    /// Email addresses, in the vendor's order.
    pub emails: Vec<String>,
    /// Phone numbers as the vendor wrote them, in order.
    pub phones: Vec<String>,
}

/// The vendor as a stable JSON key, the same as the features and the CLI's subcommands.
fn vendor_key<S: Serializer>(vendor: &Vendor, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(vendor.key())
}

impl Customer {
    /// The customer a vendor's get-customer answered, given as JSON, by the vendor's key
    /// (feature `cli`: `--unified`); `None` for a vendor without a mapping.
    #[cfg(feature = "cli")]
    #[doc(hidden)]
    pub fn from_json(
        vendor: &str,
        value: serde_json::Value,
    ) -> Option<Result<Customer, serde_json::Error>> {
        fn mapped<M>(value: serde_json::Value) -> Result<Customer, serde_json::Error>
        where
            M: serde::de::DeserializeOwned,
            for<'a> Customer: From<&'a M>,
        {
            serde_json::from_value::<M>(value).map(|record| Customer::from(&record))
        }
        Some(match vendor {
            #[cfg(feature = "cro")]
            "cro" => mapped::<crate::cro::types::CustomerModel>(value),
            #[cfg(feature = "pdm")]
            "pdm" => mapped::<crate::pdm::types::Customer>(value),
            #[cfg(feature = "foxtrot")]
            "foxtrot" => mapped::<crate::foxtrot::types::Customer>(value),
            _ => return None,
        })
    }
}

/// `From<&Response<record>>` beside `From<&record>`: `Customer::from(&response)` takes a
/// get-customer answer as it comes (the same as `Customer::from(&*response)`).
#[cfg(any(feature = "cro", feature = "pdm", feature = "foxtrot"))]
macro_rules! from_response {
    ($record:ty) => {
        impl From<&crate::Response<$record>> for Customer {
            fn from(response: &crate::Response<$record>) -> Self {
                Customer::from(&**response)
            }
        }
    };
}

/// The text unless it is empty or only whitespace (PDM's `""` for an unset field).
#[cfg(any(feature = "cro", feature = "pdm", feature = "foxtrot"))]
fn text(value: Option<&String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty()).cloned()
}

/// The texts that are set, in order.
#[cfg(any(feature = "cro", feature = "pdm", feature = "foxtrot"))]
fn texts<'a>(values: impl IntoIterator<Item = Option<&'a String>>) -> Vec<String> {
    values.into_iter().filter_map(text).collect()
}

#[cfg(feature = "cro")]
from_response!(crate::cro::types::CustomerModel);

#[cfg(feature = "cro")]
#[cfg_attr(docsrs, doc(cfg(feature = "cro")))]
impl From<&crate::cro::types::CustomerModel> for Customer {
    /// CRO's customer; see the module's CRO table.
    fn from(c: &crate::cro::types::CustomerModel) -> Self {
        let active = (!c.locations.is_empty()).then(|| c.locations.iter().any(|l| l.is_active));
        let addresses = c
            .addresses
            .iter()
            .filter(|a| a.is_active)
            .map(|a| Address {
                lines: texts([&a.line_1, &a.line_2, &a.line_3, &a.line_4].map(Option::as_ref)),
                locality: text(a.locality.as_ref()),
                region: text(a.region.as_ref()),
                postcode: text(a.postcode.as_ref()),
                country: text(a.country.as_ref()),
                geo: a
                    .latitude
                    .zip(a.longitude)
                    .map(|(latitude, longitude)| GeoPoint {
                        latitude,
                        longitude,
                    }),
            })
            .collect();
        let contacts = c
            .contacts
            .iter()
            .map(|k| Contact {
                name: text(Some(&k.name)),
                emails: k
                    .email
                    .iter()
                    .flat_map(|list| list.split(','))
                    .map(str::trim)
                    .filter(|e| !e.is_empty())
                    .map(str::to_owned)
                    .collect(),
                phones: texts([k.number.as_ref()]),
            })
            .collect();
        Customer {
            vendor: Vendor::Cro,
            id: c.id.to_string(),
            name: c.name.clone(),
            active,
            addresses,
            contacts,
            external_refs: Vec::new(),
        }
    }
}

#[cfg(feature = "pdm")]
from_response!(crate::pdm::types::Customer);

#[cfg(feature = "pdm")]
#[cfg_attr(docsrs, doc(cfg(feature = "pdm")))]
impl From<&crate::pdm::types::Customer> for Customer {
    /// PDM's customer; see the module's PDM table.
    fn from(c: &crate::pdm::types::Customer) -> Self {
        let name = texts([c.first_name.as_ref(), c.last_name.as_ref()]).join(" ");
        let addresses = c
            .address
            .iter()
            .map(|a| Address {
                lines: texts([a.line_1.as_ref(), a.line_2.as_ref(), a.line_3.as_ref()]),
                locality: text(a.city.as_ref()),
                region: text(a.county.as_ref()),
                postcode: text(a.postal_code.as_ref()),
                country: None,
                geo: None,
            })
            .filter(|a| {
                !a.lines.is_empty()
                    || a.locality.is_some()
                    || a.region.is_some()
                    || a.postcode.is_some()
            })
            .collect();
        let contact = Contact {
            name: Some(name.clone()).filter(|n| !n.is_empty()),
            emails: texts([c.email_address.as_ref()]),
            phones: texts([c.tel_number_1.as_ref(), c.tel_number_2.as_ref()]),
        };
        let contacts = if contact.emails.is_empty() && contact.phones.is_empty() {
            Vec::new()
        } else {
            vec![contact]
        };
        Customer {
            vendor: Vendor::Pdm,
            id: c.customer_id.to_string(),
            name,
            active: Some(c.active),
            addresses,
            contacts,
            external_refs: texts([c.external_customer_ref.as_ref()]),
        }
    }
}

#[cfg(feature = "foxtrot")]
from_response!(crate::foxtrot::types::Customer);

#[cfg(feature = "foxtrot")]
#[cfg_attr(docsrs, doc(cfg(feature = "foxtrot")))]
impl From<&crate::foxtrot::types::Customer> for Customer {
    /// Foxtrot's customer; see the module's Foxtrot table.
    fn from(c: &crate::foxtrot::types::Customer) -> Self {
        let address = Address {
            lines: texts([c.imported_address.as_ref()]),
            locality: None,
            region: None,
            postcode: None,
            country: None,
            geo: c.imported_location.as_ref().map(|l| GeoPoint {
                latitude: l.latitude,
                longitude: l.longitude,
            }),
        };
        let addresses = if address.lines.is_empty() && address.geo.is_none() {
            Vec::new()
        } else {
            vec![address]
        };
        Customer {
            vendor: Vendor::Foxtrot,
            id: c.id.clone(),
            name: c.name.clone(),
            active: None,
            addresses,
            contacts: Vec::new(),
            external_refs: Vec::new(),
        }
    }
}
