//! Many tenants from one client: a sync job over three CRO tenants, five customers each, at
//! most four calls in flight, each answer mapped to `customer_apis::Customer`. One client is
//! built; each tenant's client comes from it with `with_tenant`, sharing its connection
//! pool, its credential (and token cache) and every other setting. Then 1,000 tenant clients
//! are made, to show what one costs.
//!
//! ```sh
//! cargo run --example multi_tenant --features sandbox
//! ```

use std::time::Instant;

use customer_apis::sandbox::Sandbox;
use customer_apis::{Customer, ResultExt};
use futures_util::{stream, StreamExt};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = Sandbox::start().await?;
    let cro = customer_apis::cro::Client::builder()
        .base_url(sandbox.base_url())
        .bearer_token("eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl")
        .tenant_id(1)
        .build()?;

    // The job: (tenant, customer) pairs, four at a time; a missing customer is skipped.
    let tenants = [11, 12, 13];
    let clients: Vec<_> = tenants
        .iter()
        .map(|&tenant| (tenant, cro.with_tenant(tenant)))
        .collect();
    let jobs = clients
        .iter()
        .flat_map(|(tenant, client)| [1, 2, 3, 7, 8].map(move |id| (*tenant, client, id)));
    let results: Vec<_> = stream::iter(jobs)
        .map(|(tenant, client, id)| async move {
            let answer = client.get_customer(id).await.optional()?;
            Ok::<_, customer_apis::Error>((tenant, answer.map(|a| Customer::from(&a))))
        })
        .buffer_unordered(4)
        .collect()
        .await;
    let mut synced = 0;
    for result in results {
        if let (tenant, Some(customer)) = result? {
            println!(
                "tenant {tenant}: customer {} {}",
                customer.id, customer.name
            );
            synced += 1;
        }
    }
    println!("synced {synced} customers of {} tenants", tenants.len());

    // What a tenant client costs: no connection pool of its own, no TLS setup.
    let started = Instant::now();
    let many: Vec<_> = (1..=1_000).map(|tenant| cro.with_tenant(tenant)).collect();
    println!(
        "{} tenant clients made in {:?}",
        many.len(),
        started.elapsed()
    );
    Ok(())
}
