//! Quickstart: starts the embedded sandbox in-process and calls every operation of the three
//! clients — no credentials, no network. Any outcome other than the documented one ends it
//! with an error (exit code 1).
//!
//! ```sh
//! cargo run --example quickstart --features sandbox
//! ```

use customer_apis::cro::ApiVersion;
use customer_apis::pdm::CustomerLookup;
use customer_apis::sandbox::{Sandbox, FOXTROT_NOT_CONFIDENT_CUSTOMER};
use customer_apis::{Error, FoxtrotCode, PdmStatus, VendorCode};

/// Stops the quickstart: the sandbox did not answer as documented.
fn unexpected(what: &str, got: impl std::fmt::Debug) -> Box<dyn std::error::Error> {
    format!("{what}: unexpected {got:?}").into()
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = Sandbox::start().await?;
    println!(
        "sandbox for CRO, PDM and Foxtrot at {}\n",
        sandbox.base_url()
    );

    // CRO Software: a bearer token, a tenant and a pinned API version, set once.
    let cro = sandbox
        .cro_client()
        .api_version(ApiVersion::V2023_04_19)
        .build()?;
    let customer = cro.get_customer(1).await?;
    println!(
        "CRO get_customer(1): {} with {} locations",
        customer.name,
        customer.locations.len()
    );
    println!(
        "  request id {:?}, API version {:?}",
        customer.meta().request_id,
        customer.meta().api_version
    );
    // The vendor's own sample breaks its documented rules; the SDK keeps the data and says so.
    for departure in customer.meta().departures() {
        println!("  departs from the spec: {departure}");
    }
    let contact = cro.get_contact(1, 1).await?;
    println!(
        "CRO get_contact(1, 1): {} <{}>",
        contact.name,
        contact.email.as_deref().unwrap_or("-")
    );
    let location = cro.deactivate_location(1, 20).await?;
    println!(
        "CRO deactivate_location(1, 20): customer {} at location {} is_active={}",
        location.id, location.location_id, location.is_active
    );
    // Customer 2 is not seeded: 404.
    match cro.get_customer(2).await {
        Err(Error::Api(e)) if e.status.as_u16() == 404 => println!(
            "CRO get_customer(2): HTTP {} {:?}",
            e.status.as_u16(),
            e.detail
        ),
        other => return Err(unexpected("CRO get_customer(2)", other)),
    }

    // PDM: the client obtains and renews the session token from the API key.
    let pdm = sandbox.pdm_client().build()?;
    let session = pdm.get_session_token().await?;
    println!(
        "\nPDM get_session_token: {:?}, expires {} UTC",
        session.session_token, session.expires_utc_datetime
    );
    let customer = pdm.get_customer(&CustomerLookup::id(1408)).await?;
    println!(
        "PDM get_customer(id 1408): {} {} {} ({})",
        customer.title.as_deref().unwrap_or(""),
        customer.first_name.as_deref().unwrap_or(""),
        customer.last_name.as_deref().unwrap_or(""),
        customer.customer_ref
    );
    match pdm
        .get_customer(&CustomerLookup::external_ref("NO-SUCH-REF"))
        .await
    {
        Err(Error::Api(e)) if e.code == Some(VendorCode::from(PdmStatus::NoMatchingCustomer)) => {
            println!(
                "PDM get_customer(ref NO-SUCH-REF): {:?} {:?}",
                e.code, e.detail
            )
        }
        other => return Err(unexpected("PDM get_customer(ref NO-SUCH-REF)", other)),
    }

    // Foxtrot: the API key as a bearer token; answers come out of the envelope.
    let foxtrot = sandbox.foxtrot_client().build()?;
    let customer = foxtrot
        .get_customer("Foxtrot-DC", "johns-burger-shack")
        .await?;
    println!(
        "\nFoxtrot get_customer: {} at {:?}",
        customer.name, customer.imported_address
    );
    let location = foxtrot
        .get_confident_location("Foxtrot-DC", "johns-burger-shack")
        .await?;
    println!(
        "Foxtrot get_confident_location: ({}, {})",
        location.latitude, location.longitude
    );
    let waypoints = foxtrot
        .get_waypoints("Foxtrot-DC", "johns-burger-shack")
        .await?;
    for w in &waypoints.waypoints {
        println!(
            "Foxtrot get_waypoints: {} on route {} is {}",
            w.id, w.route_id, w.status
        );
    }
    match foxtrot
        .get_confident_location("Foxtrot-DC", FOXTROT_NOT_CONFIDENT_CUSTOMER)
        .await
    {
        Err(Error::Api(e))
            if e.code == Some(VendorCode::from(FoxtrotCode::LocationNotConfident)) =>
        {
            println!(
                "Foxtrot get_confident_location(not-confident): {:?}",
                e.code
            )
        }
        other => {
            return Err(unexpected(
                "Foxtrot get_confident_location(not-confident)",
                other,
            ))
        }
    }
    Ok(())
}
