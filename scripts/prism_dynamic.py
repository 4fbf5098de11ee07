"""Random answers valid for each spec, through the CLI: Stoplight Prism's dynamic mock
(`prism mock -d`) generates every answer from the spec's schemas, so every answer it gives is
one the spec declares valid, and the SDK must read it. Started by scripts/prism-dynamic.sh,
which runs one `prism mock -d` per spec.

Each operation is called N times through `customer-apis` (with `--verbose`); between the CLI
and Prism sits the recording relay of scripts/prism_conformance.py, which keeps each answer's
headers and body, and gives every call a seed of its own
(`Prefer: seed=<vendor>-<operationId>-<n>`, Prism's per-request setting): the answers are the
same on every run, and differ from call to call. (`prism mock --seed` seeds every answer
alike, so it would answer N times the same.)

Every answer is classified, and checked against the body the relay recorded:
- version mismatch skipped: CRO served another `x-api-version` than the pin, and the CLI
  refused it as a mismatch (PDM and Foxtrot have no pin: all their answers count);
- decoded: the CLI printed the result;
- vendor-stated error: an error the spec itself gives for the answer: a PDM `status.code`
  other than 101 (CLI exit 3 naming that code), a Foxtrot envelope whose `status` is `error`
  or `pending`;
- calendar-only date: the CLI could not decode a date or date-time whose every field is in
  range but which no calendar has (30 February, 31 April, 29 February 2023): the specs'
  patterns bound the fields, they cannot bound the day by the month;
- other failure: anything else. The step fails if there is one.

A decode failure names the first value it meets, so an answer counted as calendar-only may
carry another fault after that value: the decoded answers are the ones fully read. PDM's
`status.code` is a plain integer in the spec (so that a code PDM adds later still decodes), so
Prism answers random codes, hardly ever 101: such an answer is still read whole (the SDK decodes
the body before it reads the code) and counts as the vendor-stated error it is. With the API
key, a run answers GetSessionToken first, and GetCustomer only after a session (code 101).

usage: prism_dynamic.py <customer-apis> <calls per operation> <cro-url> <pdm-url> <foxtrot-url>
"""
import json
import os
import re
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in scripts/ for the import below
from prism_conformance import CRO_TOKEN, PDM_TOKEN, VERSIONS, Relay, environment  # noqa: E402

PIN = VERSIONS[-1]  # the CLI's default pin, and the spec's example of the version header
OUTCOMES = ["decoded", "vendor-stated error", "calendar-only date", "version mismatch skipped", "other failure"]

# (vendor, operationId, CLI arguments after the vendor, extra environment)
CALLS = [
    ("cro", "getCustomer", ["--api-version", PIN, "get-customer", "{n}"], {}),
    ("cro", "getContact", ["--api-version", PIN, "get-contact", "{n}", "1"], {}),
    ("cro", "deactivateCustomer", ["--api-version", PIN, "deactivate-location", "{n}", "1"], {}),
    # With the API key the CLI asks GetSessionToken first, and GetCustomer only when the
    # session was issued; with a session token, GetCustomer alone.
    ("pdm", "GetSessionToken", ["get-customer", "--customer-id", "{n}"], {"PDM_API_KEY": "sandbox-api-key"}),
    ("pdm", "GetCustomer", ["get-customer", "--customer-id", "{n}"], {"PDM_SESSION_TOKEN": PDM_TOKEN}),
    ("foxtrot", "getCustomer", ["get-customer", "Foxtrot-DC", "c{n}"], {}),
    ("foxtrot", "getConfidentLocation", ["get-confident-location", "Foxtrot-DC", "c{n}"], {}),
    ("foxtrot", "getWaypoints", ["get-waypoints", "Foxtrot-DC", "c{n}"], {}),
]

DATE_TIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))?)?$"
)


def calendar_only(value):
    """Whether `value` is a date or date-time whose fields are all in range, on a day its month
    does not have."""
    m = DATE_TIME.match(value) if isinstance(value, str) else None
    if not m:
        return False
    year, month, day, hour, minute, second, off_h, off_m = (int(g) if g else 0 for g in m.groups())
    in_range = 1 <= month <= 12 and 1 <= day <= 31 and hour <= 23 and minute <= 59 and second <= 59
    in_range = in_range and off_h <= 23 and off_m <= 59
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] if in_range else 0
    return in_range and day > days


def at_path(body, path):
    """The value at a decode error's path (`locations[1].created_on`), or KeyError."""
    node = body
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path):
        node = node[int(index)] if index else node[name]
    return node


def operation(vendor, op, exchange):
    """The operation an exchange answered: a PDM run may answer two (`POST /GetSessionToken`,
    then `POST /GetCustomer`, named by their paths); the others, the one called."""
    return exchange["where"].rsplit("/", 1)[-1] if vendor == "pdm" else op


def classify(vendor, rc, stderr, exchange):
    """(outcome, why) of one answer: the last the run received."""
    error = next((line[len("error: "):] for line in stderr.splitlines() if line.startswith("error: ")), "")
    try:
        body = json.loads(exchange["body"])
    except ValueError:
        body = None
    if vendor == "cro":
        served = exchange["headers"].get("x-api-version")
        if served != PIN:
            if rc == 3 and error.startswith("API version mismatch"):
                return "version mismatch skipped", served
            return "other failure", f"served {served!r} against the pin {PIN}, and the CLI said: {error or rc}"
    if rc == 0:
        return "decoded", ""
    decode = re.match(r"could not decode \S+: ([^ :]+): (.*)", error)
    if rc == 3 and decode:
        try:
            value = at_path(body, decode.group(1))
        except (KeyError, IndexError, TypeError):
            value = None
        if calendar_only(value):
            return "calendar-only date", value
        return "other failure", error
    status = body.get("status") if isinstance(body, dict) else None
    if rc == 3 and vendor == "pdm" and isinstance(status, dict):
        code = status.get("code")
        if code != 101 and error.startswith(f"PDM answered HTTP 200 with code {code} "):
            return "vendor-stated error", code
    if rc == 3 and vendor == "foxtrot" and status in ("error", "pending"):
        if (status == "error" and error.startswith("Foxtrot answered HTTP 200")) or (
            status == "pending" and "answered that the result is pending" in error
        ):
            return "vendor-stated error", status
    return "other failure", f"exit {rc}: {error or stderr.strip()[-300:]}"


def main(cli, calls, cro_url, pdm_url, foxtrot_url):
    calls = int(calls)
    relays = {v: Relay(v, u) for v, u in (("cro", cro_url), ("pdm", pdm_url), ("foxtrot", foxtrot_url))}
    env_base = {k: v for k, v in os.environ.items() if not k.startswith(("CRO_", "PDM_", "FOXTROT_"))}
    env_base.pop("RUST_LOG", None)
    vendor_env = {
        "cro": {"CRO_BASE_URL": relays["cro"].url, "CRO_TOKEN": CRO_TOKEN, "CRO_TENANT_ID": "1"},
        "pdm": {"PDM_BASE_URL": relays["pdm"].url, "PDM_COMPANY_ID": "9001"},
        "foxtrot": {"FOXTROT_BASE_URL": relays["foxtrot"].url, "FOXTROT_API_KEY": "sandbox-api-key"},
    }
    # (vendor, operationId) -> outcome -> count; and the other failures, described.
    counts = {}
    failures = []

    def count(vendor, op, outcome, why, seed):
        counts.setdefault((vendor, op), dict.fromkeys(OUTCOMES, 0))[outcome] += 1
        if outcome == "other failure":
            failures.append(f"{vendor} {op} (seed {seed}): {why}")

    for vendor, op, argv, env in CALLS:
        relay = relays[vendor]
        counts.setdefault((vendor, op), dict.fromkeys(OUTCOMES, 0))
        for n in range(calls):
            seed = f"{vendor}-{op}-{n}"
            relay.prefer = f"seed={seed}"
            before = len(relay.log)
            args = [cli, vendor, "--verbose", *(a.format(n=n + 1) for a in argv)]
            run = subprocess.run(
                args, env=environment(env_base, {**vendor_env[vendor], **env}),
                capture_output=True, text=True, timeout=60,
            )
            got = relay.log[before:]
            if not got:
                count(vendor, op, "other failure", f"nothing sent; exit {run.returncode}: {run.stderr.strip()[-300:]}", seed)
                continue
            # Operations answered before the last one were read (the CLI went on): a session
            # issued before GetCustomer. A repeated operation is a retry of the same answer.
            names = [operation(vendor, op, e) for e in got]
            for earlier in set(names) - {names[-1]}:
                count(vendor, earlier, "decoded", "", seed)
            outcome, why = classify(vendor, run.returncode, run.stderr, got[-1])
            count(vendor, names[-1], outcome, why, seed)
        relay.prefer = None

    width = max(len(f"{v} {o}") for v, o in counts)
    print(f"{'spec operation':<{width}}  " + "  ".join(OUTCOMES))
    for (vendor, op), c in counts.items():
        print(f"{vendor + ' ' + op:<{width}}  " + "  ".join(f"{c[o]:>{len(o)}}" for o in OUTCOMES))
    totals = {o: sum(c[o] for c in counts.values()) for o in OUTCOMES}
    print(f"{'total':<{width}}  " + "  ".join(f"{totals[o]:>{len(o)}}" for o in OUTCOMES))
    for line in failures:
        print(f"FAIL {line}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main(*sys.argv[1:])
