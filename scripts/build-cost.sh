#!/usr/bin/env bash
# Build cost of an app that depends on customer-apis against the same app written without it,
# in one run:
#
#   1. a clean `cargo build` of a minimal app that depends on the crate with default features
#      and calls get_customer of the three vendors (what a new user builds first), and the
#      size of its binary;
#   2. a clean `cargo build` of the same app written with only reqwest + serde + tokio, with
#      the same TLS choice and features (hand-written get_customer calls and structs for the
#      three vendors, as a user without the SDK writes them), and the size of its binary;
#   3. code generation: the crate's compiled build script run on its own, as cargo runs it
#      (default features: cro, pdm, foxtrot), median of $CODEGEN_RUNS runs;
#   4. the app's incremental rebuild after touching one spec of the crate (specs/cro.yaml).
#
# Both apps build from the same Cargo.lock versions, offline, in their own target directories
# under $OUT (default target/build-cost), with the same profile ($PROFILE: dev by default, or
# release) and cargo's default parallelism. The baseline app is built before and after the SDK
# app, and the mean of its two builds is the reference. The crate is a copy of the working
# tree, so the live tree is never touched.
#
# Usage: scripts/build-cost.sh            (3 to 6 minutes on 2 cores)
#        PROFILE=release CODEGEN_RUNS=9 scripts/build-cost.sh
#        SDK_FEATURES=cro,pdm,foxtrot,rustls scripts/build-cost.sh   (the crate without its
#        default features, with these)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${OUT:-$ROOT/target/build-cost}
PROFILE=${PROFILE:-dev}
CODEGEN_RUNS=${CODEGEN_RUNS:-5}
case $PROFILE in
  dev) PROFILE_DIR=debug ;;
  release) PROFILE_DIR=release ;;
  *) echo "PROFILE must be dev or release" >&2; exit 2 ;;
esac

now() { date +%s.%N; }
secs() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$2"; }

if pgrep -x rustc >/dev/null; then
  echo "warning: other rustc processes are running; the timings will be noisy:" >&2
  pgrep -a -x rustc | cut -c1-120 >&2 || true
fi

rm -rf "$OUT"
mkdir -p "$OUT"

# --- the crate, copied from the working tree ------------------------------------------------
SRC=$OUT/customer-apis
mkdir -p "$SRC"
tar --exclude=./target --exclude=./.git -cf - . | tar -xf - -C "$SRC"

# --- the app on the SDK -----------------------------------------------------------------------
APP=$OUT/sdk-app
mkdir -p "$APP/src"
cp Cargo.lock "$APP/Cargo.lock" # the same versions
cat > "$APP/Cargo.toml" <<'EOF'
[package]
name = "sdk-app"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
customer-apis = { path = "../customer-apis" }
tokio = { version = "1.40", features = ["macros", "rt"] }

[workspace]
EOF
if [ -n "${SDK_FEATURES:-}" ]; then # the crate without its default features, with these
  features=$(python3 -c 'import sys; print(", ".join(f'"'"'"{f}"'"'"' for f in sys.argv[1].split(",")))' "$SDK_FEATURES")
  sed -i "s|^customer-apis = .*|customer-apis = { path = \"../customer-apis\", default-features = false, features = [$features] }|" "$APP/Cargo.toml"
fi
cat > "$APP/src/main.rs" <<'EOF'
//! A minimal app on the SDK: one get_customer per vendor, against the URL given.
use customer_apis::{cro, foxtrot, pdm};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let base = std::env::args().nth(1).unwrap_or_else(|| "http://localhost:8080".to_owned());
    let cro = cro::Client::builder().base_url(&base).bearer_token("a.b.c").tenant_id(1).build()?;
    println!("{}", cro.get_customer(1).await?.name);
    let pdm = pdm::Client::builder().base_url(&base).company_id(9001).api_key("key").build()?;
    println!("{}", pdm.get_customer(&pdm::CustomerLookup::id(1408)).await?.customer_ref);
    let foxtrot = foxtrot::Client::builder().base_url(&base).api_key("key").build()?;
    println!("{}", foxtrot.get_customer("Foxtrot-DC", "johns-burger-shack").await?.name);
    Ok(())
}
EOF

# --- the same app without the SDK -------------------------------------------------------------
BASE=$OUT/baseline-app
mkdir -p "$BASE/src"
cp Cargo.lock "$BASE/Cargo.lock" # the same versions; cargo drops what the baseline does not use
cat > "$BASE/Cargo.toml" <<'EOF'
[package]
name = "baseline-app"
version = "0.0.0"
edition = "2021"
publish = false

# The SDK's own dependency lines for these three, with its default features (rustls).
[dependencies]
reqwest = { version = "0.13.5", default-features = false, features = ["json", "query", "stream", "form", "rustls"] }
serde = { version = "1.0.200", features = ["derive"] }
tokio = { version = "1.40", features = ["sync", "time", "macros", "rt"] }

[workspace]
EOF
cat > "$BASE/src/main.rs" <<'EOF'
//! What a user writes without the SDK: plain structs and one reqwest call per vendor.
#![allow(dead_code)]

use std::time::Duration;

use serde::{Deserialize, Serialize};

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[derive(Debug, Deserialize)]
pub struct Customer {
    pub addresses: Vec<Address>,
    pub contacts: Vec<Contact>,
    pub created_on: String,
    pub id: i64,
    pub last_updated_on: String,
    pub locations: Vec<Location>,
    pub name: String,
    pub parent_id: Option<i64>,
}

#[derive(Debug, Deserialize)]
pub struct Address {
    pub country: Option<String>,
    pub id: i64,
    pub is_active: bool,
    pub is_billing: bool,
    pub is_physical: bool,
    pub is_shipping: bool,
    pub latitude: Option<f64>,
    pub line_1: Option<String>,
    pub line_2: Option<String>,
    pub line_3: Option<String>,
    pub line_4: Option<String>,
    pub locality: Option<String>,
    pub longitude: Option<f64>,
    pub postcode: Option<String>,
    pub region: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Contact {
    pub email: Option<String>,
    pub fax: Option<String>,
    pub id: i64,
    pub name: String,
    pub notify_on_acknowledged_request: bool,
    pub notify_on_completed_request: bool,
    pub notify_on_dispatched_request: bool,
    pub notify_on_failed_request: bool,
    pub notify_on_new_request: bool,
    pub number: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct Location {
    pub created_on: String,
    pub customer_id: i64,
    pub is_active: bool,
    pub is_commercial: Option<bool>,
    pub location_id: i64,
    pub note: Option<String>,
    pub reference_number: Option<String>,
    pub renewal_date: Option<String>,
    pub sales_rep: Option<String>,
    pub sales_rep_id: Option<String>,
    pub suspension_id: Option<i64>,
}

#[derive(Debug, Deserialize)]
pub struct PdmAnswer {
    pub status: PdmStatus,
    pub customer: Option<PdmCustomer>,
}

#[derive(Debug, Deserialize)]
pub struct PdmStatus {
    pub code: i32,
    pub details: String,
}

#[derive(Debug, Deserialize)]
pub struct PdmCustomer {
    pub customer_id: i64,
    pub customer_ref: String,
    pub external_customer_ref: Option<String>,
    pub created: String,
    pub last_modified: String,
    pub title: Option<String>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub gender: Option<String>,
    pub dob: Option<String>,
    pub address: Option<PdmAddress>,
    pub email_address: Option<String>,
    pub tel_number_1: Option<String>,
    pub tel_number_2: Option<String>,
    pub active: bool,
}

#[derive(Debug, Deserialize)]
pub struct PdmAddress {
    pub line_1: Option<String>,
    pub line_2: Option<String>,
    pub line_3: Option<String>,
    pub city: Option<String>,
    pub county: Option<String>,
    pub postal_code: Option<String>,
}

#[derive(Serialize)]
struct PdmRequest<'a> {
    company_id: i64,
    session_token: &'a str,
    customer_id: i64,
}

#[derive(Debug, Deserialize)]
pub struct FoxtrotEnvelope {
    pub data: FoxtrotData,
}

#[derive(Debug, Deserialize)]
pub struct FoxtrotData {
    pub customer: FoxtrotCustomer,
}

#[derive(Debug, Deserialize)]
pub struct FoxtrotCustomer {
    pub id: String,
    pub name: String,
    pub imported_address: Option<String>,
    pub imported_location: Option<Point>,
    pub inferred_location: Option<Point>,
}

#[derive(Debug, Deserialize)]
pub struct Point {
    pub latitude: f64,
    pub longitude: f64,
}

pub struct Hand {
    http: reqwest::Client,
    base: String,
}

impl Hand {
    pub fn new(base: &str) -> Result<Hand, BoxError> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(30))
            .user_agent("baseline/0.0.0")
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Hand { http, base: base.to_owned() })
    }

    pub async fn cro_get_customer(&self, token: &str, tenant: &str, id: i64) -> Result<Customer, BoxError> {
        Ok(self
            .http
            .get(format!("{}/customers/{id}", self.base))
            .bearer_auth(token)
            .header("x-tenant-id", tenant)
            .header("x-api-version", "2019/02/08")
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?)
    }

    pub async fn pdm_get_customer(&self, session: &str, id: i64) -> Result<PdmCustomer, BoxError> {
        let answer: PdmAnswer = self
            .http
            .post(format!("{}/GetCustomer", self.base))
            .json(&PdmRequest { company_id: 9001, session_token: session, customer_id: id })
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        if answer.status.code != 101 {
            return Err(format!("PDM {}: {}", answer.status.code, answer.status.details).into());
        }
        answer.customer.ok_or_else(|| "no customer".into())
    }

    pub async fn foxtrot_get_customer(&self, key: &str, dc: &str, id: &str) -> Result<FoxtrotCustomer, BoxError> {
        let envelope: FoxtrotEnvelope = self
            .http
            .get(format!("{}/dcs/{dc}/customers/{id}", self.base))
            .bearer_auth(key)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        Ok(envelope.data.customer)
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), BoxError> {
    let base = std::env::args().nth(1).unwrap_or_else(|| "http://localhost:8080".to_owned());
    let hand = Hand::new(&base)?;
    println!("{}", hand.cro_get_customer("a.b.c", "1", 1).await?.name);
    println!("{}", hand.pdm_get_customer("session", 1408).await?.customer_ref);
    println!("{}", hand.foxtrot_get_customer("key", "Foxtrot-DC", "johns-burger-shack").await?.name);
    Ok(())
}
EOF

build() { # dir target-dir [more cargo args]
  local dir=$1 target=$2
  shift 2
  (cd "$dir" && cargo build --offline --profile "$PROFILE" --target-dir "$target" -q "$@")
}

# Baseline, SDK, baseline again: a drift in the machine's speed during the long SDK build
# shows as a difference between the two baseline builds, and their mean is the reference.
clean_baseline() {
  rm -rf "$OUT/target-baseline"
  local t0 t1
  t0=$(now)
  build "$BASE" "$OUT/target-baseline"
  t1=$(now)
  secs "$t0" "$t1"
}

echo "== clean build: the app without the SDK (reqwest + serde + tokio, same features, profile $PROFILE)"
BASE_CLEAN_1=$(clean_baseline)
echo "   ${BASE_CLEAN_1} s"

echo "== clean build: the app on customer-apis (default features, profile $PROFILE)"
t0=$(now)
build "$APP" "$OUT/target-sdk" --timings
t1=$(now)
SDK_CLEAN=$(secs "$t0" "$t1")
echo "   ${SDK_CLEAN} s"

echo "== clean build: the app without the SDK, again"
BASE_CLEAN_2=$(clean_baseline)
echo "   ${BASE_CLEAN_2} s"
BASE_CLEAN=$(python3 -c "import sys; print(f'{(float(sys.argv[1]) + float(sys.argv[2])) / 2:.2f}')" "$BASE_CLEAN_1" "$BASE_CLEAN_2")

echo "== code generation: the build script alone, $CODEGEN_RUNS runs"
SCRIPT=$(ls -t "$OUT"/target-sdk/"$PROFILE_DIR"/build/customer-apis-*/build-script-build | head -1)
SIZE_SDK=$(stat -c %s "$OUT/target-sdk/$PROFILE_DIR/sdk-app")
SIZE_BASE=$(stat -c %s "$OUT/target-baseline/$PROFILE_DIR/baseline-app")
GEN_OUT=$OUT/codegen-out
CODEGEN_TIMES=()
for _ in $(seq "$CODEGEN_RUNS"); do
  rm -rf "$GEN_OUT" && mkdir -p "$GEN_OUT"
  t0=$(now)
  (cd "$SRC" && env CARGO_MANIFEST_DIR="$SRC" OUT_DIR="$GEN_OUT" \
    CARGO_FEATURE_DEFAULT=1 CARGO_FEATURE_CRO=1 CARGO_FEATURE_PDM=1 CARGO_FEATURE_FOXTROT=1 \
    CARGO_FEATURE_RUSTLS=1 "$SCRIPT" >/dev/null)
  t1=$(now)
  CODEGEN_TIMES+=("$(secs "$t0" "$t1")")
done
CODEGEN=$(printf '%s\n' "${CODEGEN_TIMES[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "   median ${CODEGEN} s (runs: ${CODEGEN_TIMES[*]}); generated: $(cat "$GEN_OUT"/*.rs | wc -l) lines"

echo "== incremental: touch the crate's specs/cro.yaml, rebuild the app"
sleep 1
touch "$SRC/specs/cro.yaml"
t0=$(now)
build "$APP" "$OUT/target-sdk"
t1=$(now)
INCR=$(secs "$t0" "$t1")
echo "   ${INCR} s"

echo "== no-op rebuild (nothing changed)"
t0=$(now)
build "$APP" "$OUT/target-sdk"
t1=$(now)
NOOP=$(secs "$t0" "$t1")
echo "   ${NOOP} s"

UNITS_SDK=$(ls "$OUT"/target-sdk/"$PROFILE_DIR"/.fingerprint | wc -l)
UNITS_BASE=$(ls "$OUT"/target-baseline/"$PROFILE_DIR"/.fingerprint | wc -l)

echo
echo "== where the SDK's clean build goes (cargo --timings, longest units)"
python3 - "$APP"/target/cargo-timings/cargo-timing.html "$OUT"/target-sdk/cargo-timings/cargo-timing.html <<'PY' || true
import json, re, sys
for path in sys.argv[1:]:
    try:
        html = open(path).read()
    except OSError:
        continue
    m = re.search(r"const UNIT_DATA = (\[.*?\]);\n", html, re.S)
    if not m:
        continue
    units = json.loads(m.group(1))
    units.sort(key=lambda u: -u["duration"])
    for u in units[:12]:
        what = u["name"] + (" (" + u["target"].strip() + ")" if u["target"].strip() else "")
        print(f"   {u['duration']:7.2f} s  {what}")
    break
PY

echo
echo "| measurement | customer-apis | baseline | ratio | target |"
echo "|---|---|---|---|---|"
python3 - "$SDK_CLEAN" "$BASE_CLEAN" "$CODEGEN" "$INCR" "$NOOP" "$UNITS_SDK" "$UNITS_BASE" "$PROFILE" "$SIZE_SDK" "$SIZE_BASE" <<'PY'
import sys
sdk, base, gen, incr, noop = map(float, sys.argv[1:6])
units_sdk, units_base, profile = sys.argv[6], sys.argv[7], sys.argv[8]
size_sdk, size_base = int(sys.argv[9]), int(sys.argv[10])
mib = lambda n: f"{n / 1048576:.2f} MiB"
print(f"| clean `cargo build` of the app, profile {profile} | {sdk:.1f} s ({units_sdk} units) | {base:.1f} s, mean of 2 ({units_base} units) | **{sdk / base:.2f}×** | ≤ 1.25× |")
print(f"| the app's binary, profile {profile} | {mib(size_sdk)} | {mib(size_base)} | **{size_sdk / size_base:.2f}×** | ≤ 1.25× (release) |")
print(f"| code generation (build script run) | {gen:.2f} s | — | — | < 1 s |")
print(f"| incremental rebuild after touching specs/cro.yaml | {incr:.1f} s | — | — | — |")
print(f"| no-op rebuild | {noop:.2f} s | — | — | — |")
PY
