"""Drives the CLI and every documented error trigger of the sandbox through Prism's validating
proxies, and checks what Prism reports. Started by scripts/prism-conformance.sh, which runs the
sandbox and one `prism proxy --errors` per spec.

Between the CLI and each Prism proxy sits a small recording relay: it forwards every exchange
unchanged and keeps Prism's verdict (the `sl-violations` header, and the problem+json body
Prism answers instead of the sandbox's when a response breaks the spec). Every request is
matched against what its case expects (operation, status), so the counts printed are asserted.

Two kinds of case:
- CLI cases run `customer-apis` (every operation, every CRO version, every error trigger the
  CLI can send); Prism must report no request violation and no response violation outside
  scripts/spec-allowlist.json;
- raw cases send, by hand, the triggers the CLI refuses to send because the spec declares the
  request invalid (missing or malformed credentials, tenant or version, wrong JSON types, an
  over-long reference), and the two it cannot express (an `Accept` header, a PDM lookup with
  neither key). Prism must refuse each invalid one with exactly the violation expected, and
  the CLI, asked for the same, must refuse it without sending anything.

usage: prism_conformance.py <customer-apis> <prism-log-dir> <cro-url> <pdm-url> <foxtrot-url>
"""
import http.client
import http.server
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CRO_TOKEN = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJzYW5kYm94In0.c2FuZGJveA"
PDM_TOKEN = "9001|85d1c76d-5088-4cbe-a681-f3a86594dac9|0001"
VERSIONS = ["2019/02/08", "2021/04/07", "2021/05/07", "2021/08/02", "2021/11/04", "2023/04/19"]

CUSTOMER = "GET /customers/{customer_id}"
CONTACT = "GET /customers/{customer_id}/contacts/{customer_contact_id}"
DEACTIVATE = "DELETE /customers/{customer_id}/locations/{customer_location_id}"
SESSION = "POST /GetSessionToken"
PDM_CUSTOMER = "POST /GetCustomer"
FOX_CUSTOMER = "GET /dcs/{dc_id}/customers/{customer_id}"
FOX_CONFIDENT = "GET /dcs/{dc_id}/customers/{customer_id}/confident-location"
FOX_WAYPOINTS = "GET /dcs/{dc_id}/customers/{customer_id}/waypoints"


def operations(vendor):
    """(regex, 'METHOD /template') for every operation of a spec."""
    with open(os.path.join(ROOT, "specs", f"{vendor}.yaml")) as f:
        spec = yaml.safe_load(f)
    found = []
    for path, item in spec["paths"].items():
        regex = re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$")
        for method in item:
            found.append((regex, method.upper(), f"{method.upper()} {path}"))
    return found


class Relay:
    """Forwards to one Prism server and records each exchange (its operation, status, headers,
    body and Prism's verdict). While `prefer` is set, each request carries it as a `Prefer`
    header (Prism's per-request settings, such as `seed=...` for its dynamic mock)."""

    def __init__(self, vendor, upstream):
        self.vendor = vendor
        self.upstream = urllib.parse.urlsplit(upstream)
        self.ops = operations(vendor)
        self.log = []
        self.prefer = None
        relay = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def forward(self):
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else None
                conn = http.client.HTTPConnection(relay.upstream.hostname, relay.upstream.port, timeout=30)
                headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
                if relay.prefer:
                    headers["Prefer"] = relay.prefer
                conn.request(self.command, self.path, body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
                relay.record(self.command, self.path, response, data)
                self.send_response(response.status)
                for k, v in response.getheaders():
                    if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(k, v)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                conn.close()

            do_GET = do_POST = do_DELETE = do_PUT = do_PATCH = forward

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def record(self, method, target, response, data):
        path = urllib.parse.urlsplit(target).path
        where = next(
            (name for regex, m, name in self.ops if m == method and regex.match(path)),
            f"{method} {path} (no operation)",
        )
        violations = []
        header = response.getheader("sl-violations")
        if header:
            violations = json.loads(header[header.index("[") :]) if "[" in header else [{"message": header}]
        problem = None
        if (response.getheader("content-type") or "").startswith("application/problem+json"):
            problem = json.loads(data)
            # A request Prism refuses is not forwarded: the verdict is in the body only.
            if not violations and problem.get("status") == 422:
                violations = [
                    {**v, "location": ["request", *v.get("location", [])]}
                    for v in problem.get("validation", [])
                ]
            elif not violations and problem.get("status") == 401:
                violations = [{"location": ["request", "security"], "code": 401, "message": problem.get("title", "")}]
        self.log.append(
            {
                "where": where,
                "status": response.status,
                "violations": violations,
                "problem": problem,
                "headers": {k.lower(): v for k, v in response.getheaders()},
                "body": data,
            }
        )


def environment(base, settings):
    """The process environment with `settings`; a setting of None is left unset."""
    return {**base, **{k: v for k, v in settings.items() if v is not None}}


def key(vendor, where, violation):
    """A Prism violation as (spec, where, field, rule), the allowlist's terms."""
    location = violation.get("location", [])
    if location[:2] == ["response", "body"]:
        field = "".join("/" + str(p) for p in location[2:])
    else:
        field = "".join("/" + str(p) for p in location)
    rule = violation.get("code", "")
    if violation.get("message", "").startswith("Unable to match the returned status code"):
        rule, field = "status", ""
    return (vendor, where, field, str(rule))


def main(cli, log_dir, cro_url, pdm_url, foxtrot_url):
    with open(os.path.join(ROOT, "scripts", "spec-allowlist.json")) as f:
        allowlist = [e for e in json.load(f)["entries"] if "prism" in e["seen_by"]]
    allowed_keys = {(e["spec"], e["where"], e["field"], e["rule"]): i for i, e in enumerate(allowlist)}
    relays = {v: Relay(v, u) for v, u in (("cro", cro_url), ("pdm", pdm_url), ("foxtrot", foxtrot_url))}
    env_base = {k: v for k, v in os.environ.items() if not k.startswith(("CRO_", "PDM_", "FOXTROT_"))}
    cro_env = {"CRO_BASE_URL": relays["cro"].url, "CRO_TOKEN": CRO_TOKEN, "CRO_TENANT_ID": "1"}
    pdm_env = {"PDM_BASE_URL": relays["pdm"].url, "PDM_COMPANY_ID": "9001", "PDM_API_KEY": "sandbox-api-key"}
    fox_env = {"FOXTROT_BASE_URL": relays["foxtrot"].url, "FOXTROT_API_KEY": "sandbox-api-key"}

    # (vendor, argv, env, exit code, [(where, sandbox status)] in order)
    cases = []
    for v in VERSIONS:
        pin = ["--api-version", v]
        cases += [
            ("cro", ["cro", *pin, "get-customer", "1"], cro_env, 3, [(CUSTOMER, 200)]),
            ("cro", ["cro", *pin, "get-contact", "1", "1"], cro_env, 0, [(CONTACT, 200)]),
            ("cro", ["cro", *pin, "deactivate-location", "1", "1"], cro_env, 0, [(DEACTIVATE, 200)]),
            ("cro", ["cro", *pin, "get-customer", "2"], cro_env, 3, [(CUSTOMER, 404)]),
            ("cro", ["cro", *pin, "get-contact", "1", "99"], cro_env, 3, [(CONTACT, 404)]),
            ("cro", ["cro", *pin, "deactivate-location", "1", "99"], cro_env, 3, [(DEACTIVATE, 404)]),
            ("cro", ["cro", *pin, "get-contact", "1", "1"], {**cro_env, "CRO_TENANT_ID": "403"}, 3, [(CONTACT, 403)]),
            ("cro", ["cro", *pin, "get-contact", "409", "1"], cro_env, 3, [(CONTACT, 409)]),
            ("cro", ["cro", *pin, "deactivate-location", "500", "1"], cro_env, 3, [(DEACTIVATE, 500)]),
        ]
    # 429 carries Retry-After: 1 and the client makes 3 attempts; once is enough.
    cases.append(("cro", ["cro", "get-customer", "429"], cro_env, 3, [(CUSTOMER, 429)] * 3))
    ok = [(SESSION, 200), (PDM_CUSTOMER, 200)]
    cases += [
        ("pdm", ["pdm", "get-customer", "--customer-id", "1408"], pdm_env, 0, ok),
        ("pdm", ["pdm", "get-customer", "--external-ref", "EXTREF164736"], pdm_env, 0, ok),
        ("pdm", ["pdm", "get-customer", "--customer-id", "1408", "--external-ref", "EXTREF164736"], pdm_env, 0, ok),
        ("pdm", ["pdm", "get-customer", "--customer-id", "1408"], {**pdm_env, "PDM_API_KEY": None, "PDM_SESSION_TOKEN": PDM_TOKEN}, 0, [(PDM_CUSTOMER, 200)]),
        ("pdm", ["pdm", "get-customer", "--customer-id", "9"], pdm_env, 3, ok),  # 401
        ("pdm", ["pdm", "get-customer", "--customer-id", "500"], pdm_env, 3, ok),  # 500
        ("pdm", ["pdm", "get-customer", "--customer-id", "205"], pdm_env, 3, [ok[0]] + [ok[1]] * 3),  # 205, retried
        ("pdm", ["pdm", "get-customer", "--customer-id", "1408"], {**pdm_env, "PDM_API_KEY": "invalid-api-key"}, 3, [ok[0]]),  # 202
        ("pdm", ["pdm", "get-customer", "--customer-id", "1408"], {**pdm_env, "PDM_COMPANY_ID": "0"}, 3, [ok[0]]),  # 201
        ("pdm", ["pdm", "get-customer", "--customer-id", "1408"], {**pdm_env, "PDM_COMPANY_ID": "204"}, 3, [ok[0]]),  # 204
        ("pdm", ["pdm", "get-customer", "--customer-id", "1408"], {**pdm_env, "PDM_API_KEY": None, "PDM_SESSION_TOKEN": "9001|unknown|0001"}, 3, [(PDM_CUSTOMER, 200)]),  # 202
    ]
    for op, where in (("get-customer", FOX_CUSTOMER), ("confident-location", FOX_CONFIDENT), ("waypoints", FOX_WAYPOINTS)):
        cases += [
            ("foxtrot", ["foxtrot", op, "Foxtrot-DC", "johns-burger-shack"], fox_env, 0, [(where, 200)]),
            ("foxtrot", ["foxtrot", op, "Other-DC", "johns-burger-shack"], fox_env, 3, [(where, 403)]),
        ]
    cases += [
        ("foxtrot", ["foxtrot", "get-customer", "Foxtrot-DC", "not-confident"], fox_env, 0, [(FOX_CUSTOMER, 200)]),
        ("foxtrot", ["foxtrot", "confident-location", "Foxtrot-DC", "not-confident"], fox_env, 3, [(FOX_CONFIDENT, 400)]),
        ("foxtrot", ["foxtrot", "get-customer", "Foxtrot-DC", "nobody"], fox_env, 3, [(FOX_CUSTOMER, 404)]),
        ("foxtrot", ["foxtrot", "confident-location", "Foxtrot-DC", "nobody"], fox_env, 3, [(FOX_CONFIDENT, 404)]),
        ("foxtrot", ["foxtrot", "waypoints", "Foxtrot-DC", "nobody"], fox_env, 0, [(FOX_WAYPOINTS, 200)]),
    ]
    # The CLI refuses these before sending anything (the spec declares the request invalid).
    refused = [
        ("cro", ["cro", "get-customer", "1"], {**cro_env, "CRO_TOKEN": "!"}),
        ("cro", ["cro", "get-customer", "1"], {**cro_env, "CRO_TENANT_ID": "one"}),
        ("cro", ["cro", "get-customer", "1"], {**cro_env, "CRO_API_VERSION": "2020/01/01"}),
        ("pdm", ["pdm", "get-customer", "--external-ref", "x" * 51], pdm_env),
        ("pdm", ["pdm", "get-customer"], pdm_env),
        ("foxtrot", ["foxtrot", "get-customer", "Foxtrot-DC", "johns-burger-shack"], {**fox_env, "FOXTROT_API_KEY": None}),
    ]
    cro_headers = {"Authorization": f"Bearer {CRO_TOKEN}", "x-tenant-id": "1", "x-api-version": "2023/04/19"}
    no = lambda d, k: {h: v for h, v in d.items() if h != k}  # noqa: E731
    pdm_body = {"company_id": 9001, "session_token": PDM_TOKEN, "customer_id": 1408}
    fox_headers = {"Authorization": "Bearer sandbox-api-key"}
    # (vendor, method, path, headers, body, Prism's status, [(location, code, in message)] it
    # must report)
    raw = [
        # The spec declares its bearer scheme: Prism refuses a request without it as security.
        ("cro", "GET", "/customers/1", no(cro_headers, "Authorization"), None, 401, [("request.security", "401", "security")]),
        ("cro", "GET", "/customers/1", {**cro_headers, "Authorization": "Bearer !"}, None, 422, [("request.header.authorization", "pattern", "pattern")]),
        ("cro", "GET", "/customers/1", no(cro_headers, "x-tenant-id"), None, 422, [("request.header", "required", "'x-tenant-id'")]),
        ("cro", "GET", "/customers/1", {**cro_headers, "x-tenant-id": "one"}, None, 422, [("request.header.x-tenant-id", "type", "integer")]),
        ("cro", "GET", "/customers/1", {**cro_headers, "x-api-version": "2020/01/01"}, None, 422, [("request.header.x-api-version", "enum", "2023/04/19")]),
        ("cro", "GET", "/customers/1/contacts/1", {**cro_headers, "Accept": "text/html"}, None, 406, []),
        ("pdm", "POST", "/GetSessionToken", {}, {"company_id": 9001}, 422, [("request.body", "required", "'key'")]),
        ("pdm", "POST", "/GetCustomer", {}, {**pdm_body, "customer_id": "1408"}, 422, [("request.body.customer_id", "type", "integer")]),
        ("pdm", "POST", "/GetCustomer", {}, {**pdm_body, "external_customer_ref": "x" * 51}, 422, [("request.body.external_customer_ref", "maxLength", "50")]),
        ("pdm", "POST", "/GetCustomer", {}, no(pdm_body, "customer_id"), 200, []),  # status 301
        ("foxtrot", "GET", "/dcs/Foxtrot-DC/customers/johns-burger-shack", {}, None, 401, [("request.security", "401", "security")]),
    ]

    failures = []
    sent = {v: 0 for v in relays}
    for vendor, argv, env, exit_code, expected in cases:
        before = len(relays[vendor].log)
        run = subprocess.run([cli, *argv], env=environment(env_base, env), capture_output=True, text=True, timeout=60)
        got = relays[vendor].log[before:]
        sent[vendor] += len(got)
        label = " ".join(argv)
        if run.returncode != exit_code:
            failures.append(f"{label}: exit {run.returncode}, expected {exit_code}: {run.stderr.strip()}")
        if [e["where"] for e in got] != [w for w, _ in expected]:
            failures.append(f"{label}: requests {[e['where'] for e in got]}, expected {[w for w, _ in expected]}")
        for exchange, (where, status) in zip(got, expected):
            exchange["expected_status"] = status
            exchange["label"] = label
    for vendor, argv, env in refused:
        before = len(relays[vendor].log)
        run = subprocess.run([cli, *argv], env=environment(env_base, env), capture_output=True, text=True, timeout=60)
        if run.returncode != 2 or len(relays[vendor].log) != before:
            failures.append(f"{' '.join(argv)}: exit {run.returncode} after {len(relays[vendor].log) - before} requests, expected exit 2 and none")

    request_violations = response_violations = allowed = 0
    seen = set()
    for vendor, relay in relays.items():
        for e in relay.log:
            if "expected_status" not in e:
                continue
            has_error = False
            for v in e["violations"]:
                k = key(vendor, e["where"] + f" {e['expected_status']}", v)
                if v.get("location", [""])[0] == "request":
                    request_violations += 1
                    failures.append(f"{e['label']}: request violation {v}")
                elif k in allowed_keys:
                    allowed += 1
                    seen.add(allowed_keys[k])
                    has_error |= v.get("severity") == "Error"
                else:
                    response_violations += 1
                    failures.append(f"{e['label']}: response violation {k}: {v.get('message')}")
            want = 500 if has_error else e["expected_status"]
            if e["status"] != want:
                failures.append(f"{e['label']}: {e['where']} answered {e['status']}, expected {want}: {e['problem']}")

    raw_ok = 0
    for vendor, method, path, headers, body, status, expected in raw:
        relay = relays[vendor]
        target = urllib.parse.urlsplit(relay.url)
        conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        data = json.dumps(body) if body is not None else None
        if data is not None:
            headers = {**headers, "Content-Type": "application/json"}
        conn.request(method, path, body=data, headers=headers)
        conn.getresponse().read()
        conn.close()
        e = relay.log[-1]
        got = sorted((".".join(map(str, v.get("location", []))), str(v.get("code", ""))) for v in e["violations"])
        named = all(
            any(fragment in v.get("message", "") for v in e["violations"]) for _, _, fragment in expected
        )
        if e["status"] != status or got != sorted((loc, code) for loc, code, _ in expected) or not named:
            failures.append(f"raw {method} {path} {headers}: {e['status']} {got}, expected {status} {expected}; {e['problem']}")
        else:
            raw_ok += 1

    # Prism's own log must tell the same story: as many requests received, and no error or
    # warning beyond the refusals and allowlisted departures counted above.
    time.sleep(0.5)
    for vendor, relay in relays.items():
        with open(os.path.join(log_dir, f"{vendor}.log"), encoding="utf-8") as f:
            lines = f.read().splitlines()
        received = sum("Request received" in line for line in lines)
        if received != len(relay.log):
            failures.append(f"{vendor}: Prism logged {received} requests, the relay saw {len(relay.log)}")
        expected = {
            "VIOLATIONS": sum(1 for e in relay.log if e["status"] == 500 and e["problem"]),
            "UNPROCESSABLE_ENTITY": sum(1 for e in relay.log if e["status"] == 422),
            "UNAUTHORIZED": sum(1 for e in relay.log if e["status"] == 401 and e["problem"]),
            "warning": sum(1 for e in relay.log for v in e["violations"] if v.get("severity") == "Warning"),
        }
        logged = dict.fromkeys(expected, 0)
        for line in lines:
            if "✖" in line or "⚠" in line:
                kind = next((k for k in expected if f"errors#{k}:" in line), None)
                if kind is None and "⚠" in line and "Violation:" in line:
                    kind = "warning"
                if kind is None:
                    failures.append(f"{vendor}: Prism logged: {line}")
                else:
                    logged[kind] += 1
        if logged != expected:
            failures.append(f"{vendor}: Prism logged {logged}, the relay saw {expected}")

    total = sum(sent.values())
    print(
        f"CLI runs: {len(cases)}; requests through Prism: {total} "
        f"(cro {sent['cro']}, pdm {sent['pdm']}, foxtrot {sent['foxtrot']})"
    )
    print(f"request violations: {request_violations}; response violations outside the allowlist: {response_violations}; allowlisted: {allowed}")
    print(f"CLI refusals with nothing sent: {len(refused)}; hand-sent triggers answered as expected: {raw_ok} of {len(raw)}")
    stale = [e for i, e in enumerate(allowlist) if i not in seen]
    for e in stale:
        failures.append(f"allowlist entry never met: {e['spec']} {e['where']} {e['field']} {e['rule']}")
    expected_total = {v: sum(len(c[4]) for c in cases if c[0] == v) for v in relays}
    if sent != expected_total:
        failures.append(f"requests per vendor {sent}, expected {expected_total}")
    for line in failures:
        print(f"FAIL {line}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main(*sys.argv[1:])
