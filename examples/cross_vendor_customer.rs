//! One customer across vendors: starts the embedded sandbox, fetches the customer it links
//! across the three vendors (CRO customer 7, PDM external reference `CRO-7`, Foxtrot `cro-7`
//! in DC `Foxtrot-DC`), joins the three records through `customer_apis::Customer` and prints
//! the merged view. A failed call is shown to the user as a sentence, not as the raw error
//! (`user_message`, unit-tested without a server).
//!
//! ```sh
//! cargo run --example cross_vendor_customer --features sandbox,test-util
//! ```

use std::process::ExitCode;

use customer_apis::customer::GeoPoint;
use customer_apis::pdm::CustomerLookup;
use customer_apis::sandbox::Sandbox;
use customer_apis::{Customer, Error, ErrorKind};

#[tokio::main]
async fn main() -> ExitCode {
    let sandbox = match Sandbox::start().await {
        Ok(sandbox) => sandbox,
        Err(e) => {
            eprintln!("could not start the sandbox: {e}");
            return ExitCode::FAILURE;
        }
    };
    let records = match fetch(&sandbox).await {
        Ok(records) => records,
        Err(e) => {
            eprintln!("{}", user_message(&e));
            return ExitCode::FAILURE;
        }
    };
    let [first, others @ ..] = &records;
    for other in others {
        if !same_customer(first, other) {
            eprintln!(
                "{} {} and {} {} are not the same customer: not joined",
                first.vendor, first.id, other.vendor, other.id
            );
            return ExitCode::FAILURE;
        }
    }
    print_merged(&records);
    ExitCode::SUCCESS
}

/// The linked customer as each vendor has it, CRO first.
async fn fetch(sandbox: &Sandbox) -> Result<[Customer; 3], Error> {
    let cro = sandbox.cro_client().build()?;
    let pdm = sandbox.pdm_client().build()?;
    let foxtrot = sandbox.foxtrot_client().build()?;
    let in_cro = cro.get_customer(7).await?;
    // PDM and Foxtrot know the customer by CRO's id: an external reference, an id.
    let in_pdm = pdm
        .get_customer(&CustomerLookup::external_ref(format!("CRO-{}", in_cro.id)))
        .await?;
    let in_foxtrot = foxtrot
        .get_customer("Foxtrot-DC", &format!("cro-{}", in_cro.id))
        .await?;
    Ok([
        Customer::from(&*in_cro),
        Customer::from(&*in_pdm),
        Customer::from(&*in_foxtrot),
    ])
}

/// Case and spacing aside, the same text.
fn normalized(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The same name, and an address in common: one's first street line within the other's
/// lines (Foxtrot sends its address as one line that holds the street, city and postcode).
fn same_customer(a: &Customer, b: &Customer) -> bool {
    let within = |x: &Customer, y: &Customer| {
        x.addresses.iter().any(|ax| {
            ax.lines.first().is_some_and(|street| {
                let street = normalized(street);
                y.addresses
                    .iter()
                    .any(|ay| normalized(&ay.lines.join(" ")).contains(&street))
            })
        })
    };
    !a.name.is_empty()
        && normalized(&a.name) == normalized(&b.name)
        && (within(a, b) || within(b, a))
}

/// Prints what the vendors know together: each one's id and active flag, the first full
/// postal address, the first point on the map, every contact and reference.
fn print_merged(records: &[Customer]) {
    let Some(first) = records.first() else {
        return;
    };
    println!("{}", first.name);
    for r in records {
        let active = match r.active {
            Some(true) => "active",
            Some(false) => "inactive",
            None => "active: not said",
        };
        println!("  {:<8} id {:<6} {active}", r.vendor.to_string(), r.id);
    }
    let addresses = || records.iter().flat_map(|r| &r.addresses);
    if let Some(a) = addresses().find(|a| a.postcode.is_some()) {
        let parts = a
            .lines
            .iter()
            .chain(&a.locality)
            .chain(&a.region)
            .chain(&a.postcode);
        println!(
            "  address  {}",
            parts.cloned().collect::<Vec<_>>().join(", ")
        );
    }
    if let Some(GeoPoint {
        latitude,
        longitude,
        ..
    }) = addresses().find_map(|a| a.geo)
    {
        println!("  at       {latitude}, {longitude}");
    }
    for r in records {
        for c in &r.contacts {
            let name = c.name.as_deref().unwrap_or("(no name)");
            let reach: Vec<&str> = c
                .emails
                .iter()
                .chain(&c.phones)
                .map(String::as_str)
                .collect();
            println!(
                "  contact  {name}: {} (from {})",
                reach.join(", "),
                r.vendor
            );
        }
        for reference in &r.external_refs {
            println!("  {} knows it as {reference}", r.vendor);
        }
    }
}

/// What to tell the person using the app when a call fails: what happened and what to do, in
/// a sentence; the vendor's own words only where no kind says more.
fn user_message(error: &Error) -> String {
    let vendor = error
        .api()
        .map_or_else(|| "The vendor".to_owned(), |api| api.vendor.to_string());
    match (error.kind(), error) {
        (ErrorKind::NotFound, _) => format!("{vendor} has no such customer."),
        (ErrorKind::CredentialRejected, _) => {
            format!("{vendor} refused the credentials: check the token or API key.")
        }
        (ErrorKind::AccessDenied, _) => {
            format!("{vendor} refused access: check the tenant, company or DC.")
        }
        (ErrorKind::Throttled | ErrorKind::Unavailable, _) => {
            format!("{vendor} is busy: try again in a minute.")
        }
        (_, Error::InvalidInput { field, rule }) => {
            format!("Check {field}: it {rule}. Nothing was sent.")
        }
        (ErrorKind::Timeout | ErrorKind::Transport, _) => {
            "The vendor could not be reached: check the network and try again.".to_owned()
        }
        _ => {
            let said = error
                .api()
                .and_then(|api| api.detail.as_deref())
                .map_or_else(String::new, |detail| format!(" ({detail})"));
            let quote = error.request_id().map_or_else(String::new, |id| {
                format!(" Quote request id {id} to support.")
            });
            format!("{vendor} could not answer{said}.{quote}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{same_customer, user_message};
    use customer_apis::pdm::PdmStatus;
    use customer_apis::{foxtrot, pdm};
    use customer_apis::{ApiError, Customer, Error, StatusCode, Uuid, Vendor, VendorCode};
    use serde_json::json;

    #[test]
    fn foxtrot_one_line_address_joins_the_pdm_street_unless_name_or_street_differ() {
        let pdm: pdm::types::Customer = serde_json::from_value(json!({
            "customer_id": 2001, "customer_ref": "C002001", "created": "2017-12-12",
            "last_modified": "2017-12-14", "active": true, "first_name": "Ada",
            "last_name": "Lovelace", "address": {"line_1": "12 Harbour Road", "city": "Sequim"},
        }))
        .unwrap();
        let in_pdm = Customer::from(&pdm);
        let fox = |name: &str, address: &str| {
            let record: foxtrot::types::Customer = serde_json::from_value(json!({
                "id": "cro-7", "name": name, "imported_address": address,
            }))
            .unwrap();
            Customer::from(&record)
        };
        let line = "12 HARBOUR  Road, Sequim, WA 98382";
        assert!(same_customer(&in_pdm, &fox("ada lovelace", line)));
        assert!(!same_customer(&in_pdm, &fox("Ada King", line)));
        assert!(!same_customer(
            &in_pdm,
            &fox("Ada Lovelace", "1 Other Street, Sequim")
        ));
    }

    fn answered(vendor: Vendor, status: StatusCode) -> ApiError {
        ApiError::new(vendor, status)
    }

    #[test]
    fn cro_404_says_there_is_no_such_customer() {
        let error = Error::from(answered(Vendor::Cro, StatusCode::NOT_FOUND));
        assert_eq!(user_message(&error), "CRO has no such customer.");
    }

    #[test]
    fn pdm_code_401_in_an_http_200_says_there_is_no_such_customer() {
        let mut answer = answered(Vendor::Pdm, StatusCode::OK);
        answer.code = Some(VendorCode::from(PdmStatus::from_code(401)));
        assert_eq!(
            user_message(&Error::from(answer)),
            "PDM has no such customer."
        );
    }

    #[test]
    fn refused_credentials_and_access_say_what_to_check() {
        let mut key = answered(Vendor::Pdm, StatusCode::OK);
        key.code = Some(VendorCode::from(PdmStatus::from_code(202)));
        assert_eq!(
            user_message(&Error::from(key)),
            "PDM refused the credentials: check the token or API key."
        );
        let dc = Error::from(answered(Vendor::Foxtrot, StatusCode::FORBIDDEN));
        assert_eq!(
            user_message(&dc),
            "Foxtrot refused access: check the tenant, company or DC."
        );
    }

    #[test]
    fn throttled_and_unavailable_say_try_again() {
        let mut rate = answered(Vendor::Pdm, StatusCode::OK);
        rate.code = Some(VendorCode::from(PdmStatus::from_code(205)));
        let busy = answered(Vendor::Cro, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(
            user_message(&Error::from(rate)),
            "PDM is busy: try again in a minute."
        );
        assert_eq!(
            user_message(&Error::from(busy)),
            "CRO is busy: try again in a minute."
        );
    }

    #[test]
    fn another_answer_quotes_the_vendor_detail_and_the_request_id() {
        let mut answer = answered(Vendor::Cro, StatusCode::CONFLICT);
        answer.detail = Some("Customer is being merged".to_owned());
        answer.meta.request_id = Some(Uuid::from_u128(0x474c_db8c_461a_4a2f_be39_d01d_258e_eb86));
        assert_eq!(
            user_message(&Error::from(answer)),
            "CRO could not answer (Customer is being merged). Quote request id \
             474cdb8c-461a-4a2f-be39-d01d258eeb86 to support."
        );
        let bare = Error::from(answered(Vendor::Foxtrot, StatusCode::INTERNAL_SERVER_ERROR));
        assert_eq!(user_message(&bare), "Foxtrot could not answer.");
    }

    #[test]
    fn invalid_input_names_the_field_and_says_nothing_was_sent() {
        let error = Error::InvalidInput {
            field: "external_customer_ref".into(),
            rule: "must be at most 50 characters long".into(),
        };
        assert_eq!(
            user_message(&error),
            "Check external_customer_ref: it must be at most 50 characters long. Nothing was sent."
        );
    }
}
