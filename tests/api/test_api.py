#!/usr/bin/env python3
"""`blendin serve` over real HTTP on 127.0.0.1, with a real SQLite file.

usage: test_api.py BLENDIN REPO_ROOT

Builds the fixture site into a temporary folder, starts the server on a free
port with a fresh database, and checks every endpoint's answers and
refusals, the static files and what never leaves the site's folder, the
token kept only as a hash, erasure down to the database's bytes,
introductions and the coordinators' decisions, the limit on writes, SIGTERM,
that every registration answered 201 survives SIGKILL, and every answer
against docs/openapi.json. Prints a line per
failed check; exits 1 when any failed.
"""
import hashlib
import http.client
import json
import math
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

failures = []
exchanges = []  # every answer of the API's own addresses: (method, path, status, content type, body)


def check(condition, what):
    if not condition:
        failures.append(what)
        print(f"FAIL: {what}", flush=True)


COORDINATOR_TOKEN = "coordinators-token-for-the-tests-only"


class Server:
    def __init__(self, blendin, site, database, content, *extra, preexec_fn=None):
        self.process = subprocess.Popen(
            [blendin, "serve", "--no-build", "--port", "0", "--site", str(site), "--db", str(database), "--content", str(content),
             "--coordinator-token-hash", hashlib.sha256(COORDINATOR_TOKEN.encode()).hexdigest(), *extra],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=preexec_fn)
        line = self.process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not found:
            self.process.kill()
            raise SystemExit(f"the server did not start: {line!r} {self.process.stderr.read()!r}")
        self.port = int(found.group(1))

    def request(self, method, path, body=None, headers=None, connection=None):
        own = connection is None
        connection = connection or http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
        all_headers = dict(headers or {})
        if data is not None and "Content-Type" not in all_headers:
            all_headers["Content-Type"] = "application/json"
        connection.request(method, path, body=data, headers=all_headers)
        response = connection.getresponse()
        payload = response.read()
        if path.startswith("/api/v1/") and not path.endswith(".json") and method != "OPTIONS":  # CORS: docs/api.md
            exchanges.append((method, path.split("?")[0], response.status, response.getheader("Content-Type"), payload))
        if own:
            connection.close()
        return response.status, dict(response.getheaders()), payload

    def json(self, method, path, body=None, token=None):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        status, response_headers, payload = self.request(method, path, body, headers)
        return status, response_headers, (json.loads(payload) if payload else None)

    def stop(self, sig=signal.SIGTERM):
        self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return None


def is_error_shape(body, field=None):
    """{"error": {"message": text, "details": [{"field", "message"}, ...]}}, naming `field` when given."""
    try:
        error = body["error"]
        details = error["details"]
        ok = isinstance(error["message"], str) and error["message"] and isinstance(details, list) and details
        ok = ok and all(isinstance(d["message"], str) and d["message"] for d in details)
        return bool(ok and (field is None or any(d["field"].startswith(field) for d in details)))
    except (KeyError, TypeError):
        return False


def a_person(pool, name):
    person = dict(pool["profiles"][0])
    del person["id"]
    person["display_name"] = name
    person["consent"] = True
    person["visible"] = True
    return person


def check_endpoints(server, pool):
    status, headers, body = server.json("GET", "/api/v1/health")
    check(status == 200 and body == {"status": "ok"}, f"health: {status} {body}")
    check(headers.get("X-Content-Type-Options") == "nosniff", "health: no nosniff")
    check("frame-ancestors 'none'" in headers.get("Content-Security-Policy", ""), "health: no frame-ancestors")
    check(headers.get("Referrer-Policy") == "same-origin", "health: no Referrer-Policy")

    status, headers, created = server.json("POST", "/api/v1/profiles", a_person(pool, "Amal"))
    check(status == 201, f"register: {status} {created}")
    token, person_id = created["token"], created["id"]
    check(re.fullmatch(r"[A-Za-z0-9_-]{43}", token) is not None, f"register: token {token!r}")
    check(headers.get("Location") == f"/api/v1/profiles/{person_id}", f"register: Location {headers.get('Location')}")
    status, _, again = server.json("POST", "/api/v1/profiles", a_person(pool, "Joris"))
    check(status == 201 and again["id"] != person_id and again["token"] != token, "a second registration: its own id and token")

    status, _, own = server.json("GET", f"/api/v1/profiles/{person_id}", token=token)
    check(status == 200 and own["profile"]["display_name"] == "Amal" and own["visible"] is True, f"read own: {status} {own}")
    check(token not in json.dumps(own), "read own: the answer holds the token")
    status, headers, body = server.json("GET", f"/api/v1/profiles/{person_id}")
    check(status == 401 and headers.get("WWW-Authenticate") == "Bearer" and is_error_shape(body), f"no token: {status}")
    status, _, body = server.json("GET", f"/api/v1/profiles/{person_id}", token="x" * 43)
    check(status == 403 and is_error_shape(body), f"a wrong token: {status}")
    status, _, body = server.json("GET", f"/api/v1/profiles/{person_id}", token=again["token"])
    check(status == 403, f"another person's token opens a profile: {status}")
    status, _, body = server.json("GET", "/api/v1/profiles/unotthere", token=token)
    check(status == 404 and is_error_shape(body), f"no such profile: {status}")
    return person_id, token


def check_refusals(server, pool, person_id, token):
    cases = [
        ("no consent", dict(a_person(pool, "X"), consent=False), 422, "consent"),
        ("visible missing", {k: v for k, v in a_person(pool, "X").items() if k != "visible"}, 422, "visible"),
        ("an id given", dict(a_person(pool, "X"), id="mine"), 422, "id"),
        ("an unknown interest", dict(a_person(pool, "X"), interests=["knitting-xyz"]), 422, "interests"),
        ("a full name", a_person(pool, "Amal Haddad"), 422, "display_name"),
        ("a list, not an object", [1, 2], 422, None),
        ("a contact that is text", dict(a_person(pool, "X"), contact="call me"), 422, "contact"),
        ("a phone too short", dict(a_person(pool, "X"), contact={"phone": "12"}), 422, "contact.phone"),
        ("an e-mail without a domain", dict(a_person(pool, "X"), contact={"email": "x@y"}), 422, "contact.email"),
        ("a contact of another kind", dict(a_person(pool, "X"), contact={"fax": "0201234567"}), 422, "contact.fax"),
    ]
    for name, body, expected, field in cases:
        status, _, answer = server.json("POST", "/api/v1/profiles", body)
        check(status == expected and is_error_shape(answer, field), f"register, {name}: {status} {answer}")
    status, _, payload = server.request("POST", "/api/v1/profiles", b'{"consent": tru')
    check(status == 400 and is_error_shape(json.loads(payload)), f"register, broken JSON: {status}")
    status, _, payload = server.request("POST", "/api/v1/profiles", b"consent=true", {"Content-Type": "application/x-www-form-urlencoded"})
    check(status == 415 and is_error_shape(json.loads(payload)), f"register, a form: {status}")
    status, _, payload = server.request("POST", "/api/v1/profiles", b"{" + b" " * (70 * 1024) + b"}")
    check(status == 413, f"register, 70 KiB: {status}")
    status, headers, payload = server.request("PUT", "/api/v1/profiles", b"{}")
    check(status == 405 and headers.get("Allow") == "POST", f"PUT /api/v1/profiles: {status} {headers.get('Allow')}")
    status, _, payload = server.request("GET", "/api/v1/nothing")
    check(status == 404 and is_error_shape(json.loads(payload)), f"an unknown API address: {status}")
    status, headers, payload = server.request("GET", "/api/v1/events.json")
    check(status == 200 and headers.get("Content-Type") == "application/json" and b'"events"' in payload,
          f"the site's events.json under /api/v1/: {status}")

    status, _, changed = server.json("PATCH", f"/api/v1/profiles/{person_id}", {"visible": False, "display_name": "Amalia"}, token)
    check(status == 200 and changed["visible"] is False and changed["profile"]["display_name"] == "Amalia", f"change: {status}")
    status, _, answer = server.json("PATCH", f"/api/v1/profiles/{person_id}", {"max_distance_km": 999}, token)
    check(status == 422 and is_error_shape(answer, "max_distance_km"), f"change refused: {status} {answer}")
    status, _, answer = server.json("PATCH", f"/api/v1/profiles/{person_id}", {"display_name": "Amal Haddad"}, token)
    check(status == 422 and is_error_shape(answer, "display_name"), f"change to a full name: {status}")
    status, _, own = server.json("GET", f"/api/v1/profiles/{person_id}", token=token)
    check(own["profile"]["max_distance_km"] != 999 and own["profile"]["display_name"] == "Amalia", "a refused change was kept")


def check_token_and_erasure(server, pool, database):
    marker = "Zeynep-Api-Marker-5120"
    status, _, created = server.json("POST", "/api/v1/profiles", a_person(pool, marker))
    token, person_id = created["token"], created["id"]
    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT token_hash FROM profiles WHERE id = ?", (person_id,)).fetchall()
        everything = json.dumps([list(map(repr, row)) for table in ("profiles", "introductions")
                                 for row in db.execute(f"SELECT * FROM {table}")])
    check(rows and rows[0][0] == hashlib.sha256(token.encode()).digest(), "the token's hash is not SHA-256 of the token")
    check(token not in everything, "the token itself is in the database")
    status, _, _ = server.json("DELETE", f"/api/v1/profiles/{person_id}", token=token)
    check(status == 204, f"erase: {status}")
    status, _, _ = server.json("GET", f"/api/v1/profiles/{person_id}", token=token)
    check(status == 404, f"read after erasure: {status}")
    left = b"".join(Path(str(database) + suffix).read_bytes() for suffix in ("", "-wal", "-shm")
                    if Path(str(database) + suffix).exists())
    check(marker.encode() not in left, "an erased person's name is still in the database's files")


def check_static(server, site):
    status, headers, page = server.request("GET", "/nl/")
    check(status == 200 and headers.get("Content-Type", "").startswith("text/html") and b"<html" in page, f"/nl/: {status}")
    check("script-src" in headers.get("Content-Security-Policy", ""), "/nl/: no Content-Security-Policy")
    check("Cache-Control" not in headers, f"/nl/: a page kept by browsers: {headers.get('Cache-Control')}")
    # The page links its stylesheet with a version that is the hash of its bytes; /assets/ may be kept a year.
    linked = re.search(rb'<link rel="stylesheet" href="(/assets/site\.css\?v=([0-9a-f]{10}))"', page)
    check(linked is not None, "/nl/: no stylesheet link with ?v=")
    if linked:
        status, headers, css = server.request("GET", linked.group(1).decode())
        check(status == 200 and css == (site / "assets" / "site.css").read_bytes(), f"{linked.group(1)}: {status}")
        check(headers.get("Cache-Control") == "public, max-age=31536000, immutable", f"site.css: {headers.get('Cache-Control')}")
        fnv = 14695981039346656037
        for byte in css:
            fnv = ((fnv ^ byte) * 1099511628211) % 2**64
        check(linked.group(2).decode() == f"{fnv:016x}"[:10], f"site.css version {linked.group(2)}, its bytes' FNV-1a {fnv:016x}")
    status, headers, _ = server.request("GET", "/nl")
    check(status == 301 and headers.get("Location") == "/nl/", f"/nl: {status} {headers.get('Location')}")
    status, _, page = server.request("GET", "/nl/nothing-here/")
    # under /nl/, the language's own 404 page (generator: /<lang>/404.html)
    check(status == 404 and page == (site / "nl" / "404.html").read_bytes(), f"a missing page: {status}")
    (site / "module.wasm").write_bytes(b"\0asm\1\0\0\0")
    status, headers, _ = server.request("GET", "/module.wasm")
    check(status == 200 and headers.get("Content-Type") == "application/wasm", f"wasm: {headers.get('Content-Type')}")
    secret = Path(tempfile.mkdtemp()) / "secret.txt"
    secret.write_text("outside the site\n")
    (site / "leak.txt").symlink_to(secret)
    for path in ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/nl/%2E%2E/%2E%2E/%2E%2E/etc/hostname",
                 "/..%2f..%2f..%2fetc%2fpasswd", "/nl/..\\..\\etc\\passwd", "/leak.txt", "/%00", "/nl/%zz"]:
        status, _, body = server.request("GET", path)
        check(status == 404 and b"root:" not in body and b"outside the site" not in body, f"{path}: {status}")
    # A file served once and then changed on disk is served as it is now: rewritten in place, replaced by a
    # new file, or replaced by a symbolic link that leads out of the folder.
    (site / "changing.txt").write_text("first\n")
    first = server.request("GET", "/changing.txt")[2]
    (site / "changing.txt").write_text("second, longer\n")
    in_place = server.request("GET", "/changing.txt")[2]
    (site / "changing.new").write_text("third\n")
    os.replace(site / "changing.new", site / "changing.txt")
    replaced = server.request("GET", "/changing.txt")[2]
    os.remove(site / "changing.txt")
    (site / "changing.txt").symlink_to(secret)
    status, _, leaked = server.request("GET", "/changing.txt")
    check((first, in_place, replaced) == (b"first\n", b"second, longer\n", b"third\n") and status == 404
          and b"outside the site" not in leaked, f"a file changed after it was served: {first} {in_place} {replaced} {status}")
    status, headers, _ = server.request("POST", "/nl/", b"{}")
    check(status == 405, f"POST to a page: {status}")
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    first = server.request("GET", "/api/v1/health", connection=connection)[0]
    second = server.request("GET", "/nl/", connection=connection)[0]
    connection.close()
    check(first == 200 and second == 200, "two requests on one connection (keep-alive)")


def check_introductions(server, pool):
    """Asking to be introduced, and the coordinators who decide."""
    people = {}
    contacts = {"Amal": {"phone": "+31 6 1234 5678", "email": "amal-9931@example.org"}, "Joris": {"email": "joris@example.org"}}
    for name, visible in (("Amal", True), ("Joris", True), ("Dawit", False)):
        person = dict(a_person(pool, name), visible=visible)
        if name in contacts:
            person["contact"] = contacts[name]
        status, _, created = server.json("POST", "/api/v1/profiles", person)
        people[name] = created
    amal, joris, dawit = people["Amal"], people["Joris"], people["Dawit"]
    status, _, asked = server.json("POST", "/api/v1/introductions", {"from": amal["id"], "to": joris["id"]}, amal["token"])
    check(status == 201 and asked["status"] == "requested", f"ask for an introduction: {status} {asked}")
    status, _, body = server.json("POST", "/api/v1/introductions", {"from": amal["id"], "to": dawit["id"]}, amal["token"])
    check(status == 404 and is_error_shape(body, "to"), f"an introduction to someone not visible: {status}")
    status, _, body = server.json("POST", "/api/v1/introductions", {"from": joris["id"], "to": amal["id"]}, amal["token"])
    check(status == 403, f"an introduction in another's name: {status}")
    status, _, body = server.json("POST", "/api/v1/introductions", {"from": amal["id"], "to": amal["id"]}, amal["token"])
    check(status == 422 and is_error_shape(body, "to"), f"an introduction to oneself: {status}")
    status, _, body = server.json("POST", "/api/v1/introductions", {"from": amal["id"], "to": joris["id"]})
    check(status == 401, f"an introduction without a token: {status}")

    listing = "/api/v1/admin/introductions"
    for name, token, expected in (("no token", None, 401), ("a profile's token", amal["token"], 403),
                                  ("a wrong token", "x" * 43, 403)):
        status, _, body = server.json("GET", listing, token=token)
        check(status == expected and is_error_shape(body), f"admin with {name}: {status}")
        status, _, body = server.json("POST", f"{listing}/{asked['id']}/approve", token=token)
        check(status == expected, f"approve with {name}: {status}")
    status, _, body = server.json("GET", listing, token=COORDINATOR_TOKEN)
    mine = [i for i in body["introductions"] if i["id"] == asked["id"]] if status == 200 else []
    check(mine and mine[0]["from"] == amal["id"] and mine[0]["to"] == joris["id"] and mine[0]["status"] == "requested"
          and mine[0]["from_person"] == {"display_name": "Amal", "contact": contacts["Amal"]}
          and mine[0]["to_person"] == {"display_name": "Joris", "contact": contacts["Joris"]},
          f"the coordinators' list, with whom to phone: {status} {body}")
    # A person sees and changes their own contact; nobody else sees it.
    status, _, own = server.json("GET", f"/api/v1/profiles/{amal['id']}", token=amal["token"])
    check(status == 200 and own["contact"] == contacts["Amal"] and "contact" not in own["profile"], f"own contact: {own}")
    for answer in (server.json("GET", "/api/v1/matches?k=50", token=joris["token"])[2],
                   server.json("GET", "/api/v1/candidates?radius=300&role=newcomer", token=joris["token"])[2],
                   server.json("GET", "/api/v1/candidates?radius=300&role=local", token=joris["token"])[2]):
        check("amal-9931" not in json.dumps(answer) and "1234 5678" not in json.dumps(answer),
              "another person's contact in an answer about others")
    status, _, changed = server.json("PATCH", f"/api/v1/profiles/{amal['id']}", {"contact": {"email": "amal@example.org"}},
                                     amal["token"])
    check(status == 200 and changed["contact"] == {"email": "amal@example.org"}, f"change one's contact: {status} {changed}")
    status, _, changed = server.json("PATCH", f"/api/v1/profiles/{amal['id']}", {"contact": None}, amal["token"])
    check(status == 200 and changed["contact"] is None, f"remove one's contact: {status} {changed}")
    status, _, body = server.json("POST", f"{listing}/{asked['id']}/approve", token=COORDINATOR_TOKEN)
    check(status == 200 and body["status"] == "approved", f"approve: {status} {body}")
    status, _, body = server.json("POST", f"{listing}/999999/decline", token=COORDINATOR_TOKEN)
    check(status == 404, f"decline an introduction that does not exist: {status}")
    status, _, body = server.json("GET", f"{listing}/{asked['id']}/approve", token=COORDINATOR_TOKEN)
    check(status == 405, f"GET on approve: {status}")
    status, _, body = server.json("GET", listing, token=COORDINATOR_TOKEN)
    check([i["status"] for i in body["introductions"] if i["id"] == asked["id"]] == ["approved"], "approval not kept")
    server.json("POST", "/api/v1/introductions", {"from": amal["id"], "to": joris["id"]}, amal["token"])
    status, _, counts = server.json("GET", "/api/v1/admin/waiting", token=COORDINATOR_TOKEN)
    check(status == 200 and counts["introductions_waiting"] == 1 and counts["introductions_approved"] == 1
          and counts["longest_wait_days"] == 0 and counts["people_not_introduced"] == counts["registered"] - 2
          and counts["longest_unintroduced_days"] == 0, f"the counts of who waits: {status} {counts}")
    server.json("DELETE", f"/api/v1/profiles/{joris['id']}", token=joris["token"])
    status, _, body = server.json("GET", listing, token=COORDINATOR_TOKEN)
    check(not [i for i in body["introductions"] if joris["id"] in (i["from"], i["to"])],
          "an erased person's introductions are still listed")
    status, headers, _ = server.request("GET", "/api/v1/health", headers={"Origin": "https://elsewhere.example"})
    check("Access-Control-Allow-Origin" not in headers, "another site's origin is allowed to read the API")


def check_matches(blendin, site, content, database, work):
    """A person's matches among the visible people: the core's top-k, as `blendin match top` gives it."""
    pool_file = work / "pool-matches.json"
    pool_file.write_text(subprocess.run([blendin, "demo-data", "--profiles", "3000", "--seed", "1", "--content", str(content)],
                                        check=True, capture_output=True, text=True).stdout)
    pool = json.loads(pool_file.read_text())
    by_id = {p["id"]: p for p in pool["profiles"]}
    top = json.loads(subprocess.run([blendin, "match", "top", "--pool", str(pool_file), "--profile", "p0000001", "-k", "4"],
                                    check=True, capture_output=True, text=True).stdout)
    server = Server(blendin, site, database, content)

    def register(profile_id, visible=True):
        person = {k: v for k, v in by_id[profile_id].items() if k != "id"}
        status, _, created = server.json("POST", "/api/v1/profiles", dict(person, consent=True, visible=visible))
        check(status == 201, f"register {profile_id}: {status} {created}")
        return created

    me = register("p0000001", visible=False)
    # The four best of the demo pool, one of them not visible.
    registered = {m["id"]: register(m["id"], visible=(i != 3)) for i, m in enumerate(top)}
    status, _, answer = server.json("GET", "/api/v1/matches?k=10", token=me["token"])
    ids = [m["id"] for m in answer.get("matches", [])] if status == 200 else []
    # The server places people at their area's place, weighs interests by
    # their rarity among its own visible people and others' ages by their
    # band (check_candidates compares its scores with the core's): who is
    # there may differ from match top's four, but never one who is not visible.
    visible = [registered[m["id"]]["id"] for m in top[:3]]
    hidden = registered[top[3]["id"]]["id"]
    scores = [m["score"] for m in answer.get("matches", [])]
    check(ids and set(ids) <= set(visible) and hidden not in ids and scores == sorted(scores, reverse=True),
          f"matches: {status} {ids}, expected some of the three visible of match top's four {visible}, best first")
    check(all(m["explanation"] and 0 < m["score"] <= 1 for m in answer.get("matches", [])), "matches: a score or explanation missing")
    check(me["id"] not in ids, "matches: the person asking is among their own matches")
    # Another person's age only as a band of five years that holds it.
    year = time.gmtime().tm_year
    birth_years = {registered[m["id"]]["id"]: by_id[m["id"]]["birth_year"] for m in top}
    for match in answer.get("matches", []):
        band = match["explanation"]["ages"][1]
        low, high = (int(x) for x in band.split("-")) if re.fullmatch(r"\d+-\d+", str(band)) else (0, -1)
        age = year - birth_years[match["id"]]
        check(high - low == 4 and low <= age <= high, f"matches: another's age {band!r}, expected the band of {age}")
    status, _, answer = server.json("GET", "/api/v1/matches?k=1", token=me["token"])
    check(status == 200 and [m["id"] for m in answer["matches"]] == ids[:1], f"matches k=1: {status}")
    for bad in ("abc", "-1", "1001", ""):
        status, _, answer = server.json("GET", f"/api/v1/matches?k={bad}", token=me["token"])
        check(status == 422 and is_error_shape(answer, "k"), f"matches k={bad!r}: {status}")
    # The coordinators' round over everyone registered, visible or not.
    status, _, round_answer = server.json("POST", "/api/v1/admin/rounds?mode=max", token=COORDINATOR_TOKEN)
    pairs = round_answer.get("pairs", []) if status == 200 else []
    everyone = {me["id"], *(c["id"] for c in registered.values())}
    check(status == 200 and round_answer["matched"] == len(pairs) == 1 and pairs[0]["newcomer_id"] == me["id"]
          and pairs[0]["local_id"] in everyone, f"a round: {status} {round_answer}")
    # The same round's pairs as CSV, read with Python's csv module.
    import csv
    status, headers, text = server.request("POST", "/api/v1/admin/rounds?mode=max&format=csv",
                                           headers={"Authorization": f"Bearer {COORDINATOR_TOKEN}"})
    rows = list(csv.DictReader(text.decode().splitlines())) if status == 200 else []
    check(status == 200 and headers.get("Content-Type", "").startswith("text/csv")
          and [(r["newcomer_id"], r["local_id"], float(r["score"])) for r in rows]
          == [(p["newcomer_id"], p["local_id"], p["score"]) for p in pairs], f"a round's pairs as CSV: {status} {rows}")
    status, _, answer = server.json("POST", "/api/v1/admin/rounds?format=xlsx", token=COORDINATOR_TOKEN)
    check(status == 422 and is_error_shape(answer, "format"), f"a round in an unknown format: {status}")
    status, _, answer = server.json("POST", "/api/v1/admin/rounds?mode=best", token=COORDINATOR_TOKEN)
    check(status == 422 and is_error_shape(answer, "mode"), f"a round of an unknown mode: {status}")
    check(server.json("POST", "/api/v1/admin/rounds", token=me["token"])[0] == 403, "a round with a person's token")
    status, _, counts = server.json("GET", "/api/v1/admin/waiting", token=COORDINATOR_TOKEN)
    check(status == 200 and counts["registered"] == 5 and counts["visible"] == 3 and counts["introductions_waiting"] == 0,
          f"the counts of who waits: {status} {counts}")
    check(server.json("GET", "/api/v1/matches")[0] == 401, "matches without a token")
    check(server.json("GET", "/api/v1/matches", token="y" * 43)[0] == 403, "matches with a token of nobody")
    server.stop()


def cell_centre(lat, lon):
    """An area cell's centre as docs/wire-format.md states it: 0.02 by 0.03 degrees, 4 decimals."""
    return (round((math.floor(lat / 0.02) + 0.5) * 0.02, 4), round((math.floor(lon / 0.03) + 0.5) * 0.03, 4))


def distance_km(a, b):
    """The equirectangular distance of docs/matching.md."""
    mean = math.radians((a[0] + b[0]) / 2)
    return 6371.0088 * math.hypot(math.radians(b[0] - a[0]), math.radians(b[1] - a[1]) * math.cos(mean))


def all_pages(server, token, query):
    """Every page of a candidates query, following next_cursor; the pages and the people in order."""
    pages, people, cursor = [], [], None
    while True:
        path = "/api/v1/candidates?" + query + (f"&cursor={cursor}" if cursor else "")
        status, _, page = server.json("GET", path, token=token)
        check(status == 200, f"candidates {path}: {status} {page}")
        if status != 200:
            return pages, people
        pages.append(page)
        people += page["profiles"]
        cursor = page["next_cursor"]
        if cursor is None or len(pages) > 100:
            return pages, people


def check_candidates(blendin, site, content, database, work):
    """The visible people near an area, as others may see them; the same scores as the server's matches."""
    pool_file = work / "pool-candidates.json"
    pool_file.write_text(subprocess.run([blendin, "demo-data", "--profiles", "400", "--seed", "5", "--content", str(content)],
                                        check=True, capture_output=True, text=True).stdout)
    pool = json.loads(pool_file.read_text())
    server = Server(blendin, site, database, content, "--writes-per-minute", "100000")
    registered = {}  # id -> (profile as sent, visible, token)
    for i, person in enumerate(pool["profiles"]):
        sent = {k: v for k, v in person.items() if k != "id"}
        visible = i % 4 != 0
        status, _, created = server.json("POST", "/api/v1/profiles", dict(sent, consent=True, visible=visible))
        if status == 201:
            registered[created["id"]] = (sent, visible, created["token"])
        else:  # an invented position far from the first of its postcode area: refused, as for anyone
            check(status == 422 and is_error_shape(created, "location"), f"register a demo person: {status} {created}")
    check(len(registered) > 300, f"only {len(registered)} of 400 demo people registered")
    stored = {i: server.json("GET", f"/api/v1/profiles/{i}", token=t)[2]["profile"] for i, (_, _, t) in registered.items()}
    # Everyone is placed at an area cell's centre, and everyone of a postcode area at one place.
    places = {}
    for profile in stored.values():
        where = profile["location"]
        places.setdefault(where["postcode_area"], set()).add((where["lat"], where["lon"]))
        check(cell_centre(where["lat"], where["lon"]) == (where["lat"], where["lon"]), f"kept at no cell's centre: {where}")
    check(all(len(p) == 1 for p in places.values()), "a postcode area's people at more than one place")

    me_id = next(i for i, (sent, visible, _) in registered.items() if sent["role"] == "newcomer" and visible)
    me, my_token = stored[me_id], registered[me_id][2]
    near = me["location"]["postcode_area"]
    centre = (me["location"]["lat"], me["location"]["lon"])
    pages, people = all_pages(server, my_token, f"near={near}&radius=25&limit=7")
    ids = [p["id"] for p in people]
    expected = {i for i, (sent, visible, _) in registered.items()
                if visible and sent["role"] == "local" and i != me_id
                and distance_km(centre, (stored[i]["location"]["lat"], stored[i]["location"]["lon"])) <= 25}
    unsure = {i for i in registered if abs(distance_km(centre, (stored[i]["location"]["lat"], stored[i]["location"]["lon"])) - 25) < 0.01}
    check(len(expected) > 7 and set(ids) - unsure == expected - unsure,
          f"candidates: {len(ids)} people, expected the {len(expected)} visible locals within 25 km")
    check(ids == sorted(ids) and len(ids) == len(set(ids)), "candidates: pages overlap or are out of order")
    check(all(len(page["profiles"]) == 7 for page in pages[:-1]) and pages[-1]["next_cursor"] is None,
          "candidates: a page short of its limit before the last")
    _, one_page = all_pages(server, my_token, f"near={near}&radius=25&limit=1000")
    check([p["id"] for p in one_page] == ids, "candidates: one page of 1000 differs from pages of 7")
    # Privacy: nothing that was not made visible, no birth year, no token, no finer place.
    shown_keys = {"id", "role", "display_name", "age_band", "location", "interests", "languages", "pillars", "availability",
                  "gender", "gender_preference", "max_distance_km", "capacity", "meeting_style", "welcomes_beginners",
                  "field", "work"}
    tokens = [t for (_, _, t) in registered.values()]
    year = time.gmtime().tm_year
    for page in pages:
        text = json.dumps(page)
        check(not any(t in text for t in tokens), "candidates: an answer holds a token")
        check("birth_year" not in text and "waiting_since_days" not in text, "candidates: a birth year or waiting time shown")
        for person in page["profiles"]:
            check(set(person) <= shown_keys, f"candidates: fields beyond what is shown: {set(person) - shown_keys}")
            check(registered[person["id"]][1], f"candidates: {person['id']} chose not to be visible")
            where = person["location"]
            check(cell_centre(where["lat"], where["lon"]) == (where["lat"], where["lon"]), f"candidates: a place finer than a cell {where}")
            low, high = (int(x) for x in person["age_band"].split("-"))
            age = year - registered[person["id"]][0]["birth_year"]
            check(high - low == 4 and low % 5 == 0 and low <= age <= high, f"candidates: band {person['age_band']} for age {age}")
    # Filters.
    _, workers = all_pages(server, my_token, f"near={near}&radius=300&pillar=work")
    check(workers and all("work" in p["pillars"] and p["role"] == "local" for p in workers), "candidates: pillar=work")
    _, newcomers = all_pages(server, my_token, f"near={near}&radius=300&role=newcomer")
    check(newcomers and all(p["role"] == "newcomer" for p in newcomers) and me_id not in [p["id"] for p in newcomers],
          "candidates: role=newcomer, without the person asking")
    # The explorer's view: the candidates as one pool, scored by the core, give the server's matches.
    _, everyone = all_pages(server, my_token, f"near={near}&radius=300")
    merged = dict(pages[0], profiles=everyone)
    for extra in ("near", "radius_km", "next_cursor"):
        merged.pop(extra)
    (work / "seen-pool.json").write_text(json.dumps(merged))
    (work / "me.json").write_text(json.dumps(me))
    seen = json.loads(subprocess.run([blendin, "match", "top", "--pool", str(work / "seen-pool.json"), "--profile-file",
                                      str(work / "me.json"), "-k", "10"], check=True, capture_output=True, text=True).stdout)
    status, _, answer = server.json("GET", "/api/v1/matches?k=10", token=my_token)
    theirs = [(m["id"], m["score"]) for m in answer.get("matches", [])]
    check(status == 200 and len(theirs) >= 3 and theirs == [(m["id"], m["score"]) for m in seen],
          f"the core over the candidates scores as the server: {theirs[:3]} against {[(m['id'], m['score']) for m in seen][:3]}")
    # Refusals.
    for query, field in (("near=abc", "near"), ("near=0123", "near"), ("near=12345", "near"), ("radius=0", "radius"),
                         ("radius=301", "radius"), ("radius=x", "radius"), ("role=x", "role"), ("pillar=sport", "pillar"),
                         ("cursor=..%2f", "cursor"), ("limit=0", "limit"), ("limit=1001", "limit")):
        status, _, body = server.json("GET", "/api/v1/candidates?" + query, token=my_token)
        check(status == 422 and is_error_shape(body, field), f"candidates?{query}: {status} {body}")
    status, _, body = server.json("GET", "/api/v1/candidates?near=9999", token=my_token)
    check(status == 404 and is_error_shape(body, "near"), f"candidates near an area nobody registered in: {status}")
    check(server.json("GET", "/api/v1/candidates")[0] == 401, "candidates without a token")
    check(server.json("GET", "/api/v1/candidates", token="z" * 43)[0] == 403, "candidates with a token of nobody")
    check(server.json("POST", "/api/v1/candidates", {}, token=my_token)[0] == 405, "candidates by POST")
    # A position far from its area's first is refused; one nearby is moved to the area's place.
    person = dict({k: v for k, v in pool["profiles"][0].items() if k != "id"}, consent=True, visible=True)
    person["location"] = {"postcode_area": "9876", "lat": 53.2012, "lon": 5.7999}
    status, _, first = server.json("POST", "/api/v1/profiles", person)
    person["location"] = {"postcode_area": "9876", "lat": 53.2102, "lon": 5.8201}
    status_near, _, second = server.json("POST", "/api/v1/profiles", person)
    person["location"] = {"postcode_area": "9876", "lat": 52.0, "lon": 5.8}
    status_far, _, far = server.json("POST", "/api/v1/profiles", person)
    kept = [server.json("GET", f"/api/v1/profiles/{c['id']}", token=c["token"])[2]["profile"]["location"] for c in (first, second)]
    check(status == status_near == 201 and kept[0] == kept[1] == {"postcode_area": "9876", "lat": 53.21, "lon": 5.805},
          f"two people of one new area: {kept}")
    check(status_far == 422 and is_error_shape(far, "location"), f"a position 130 km from its area: {status_far} {far}")
    server.stop()


def check_demo_people(blendin, site, content, database, pool):
    """--demo-people seeds an empty database only; a visitor then has matches."""
    server = Server(blendin, site, database, content, "--demo-people", "300")
    status, _, me = server.json("POST", "/api/v1/profiles", a_person(pool, "Visitor"))
    status, _, answer = server.json("GET", "/api/v1/matches?k=5", token=me["token"])
    check(status == 200 and len(answer["matches"]) > 0, f"matches among demo people: {status} {answer}")
    _, _, seeded = server.json("GET", "/api/v1/admin/waiting", token=COORDINATOR_TOKEN)
    # Placed as anyone who registers: at an area cell's centre, one place per area.
    _, everyone = all_pages(server, me["token"], "radius=300&role=local")
    _, newcomers = all_pages(server, me["token"], "radius=300&role=newcomer")
    places = {}
    for person in everyone + newcomers:
        where = person["location"]
        places.setdefault(where["postcode_area"], set()).add((where["lat"], where["lon"]))
        check(cell_centre(where["lat"], where["lon"]) == (where["lat"], where["lon"]), f"a demo person at no cell's centre: {where}")
    check(250 < seeded["registered"] <= 301 and len(everyone) + len(newcomers) + 1 == seeded["visible"]
          and all(len(p) == 1 for p in places.values()), f"demo people seeded: {seeded}, {len(everyone) + len(newcomers)} seen")
    server.stop()
    server = Server(blendin, site, database, content, "--demo-people", "300")
    status, _, counts = server.json("GET", "/api/v1/admin/waiting", token=COORDINATOR_TOKEN)
    check(status == 200 and counts["registered"] == seeded["registered"],
          f"demo people seeded again into a database that had people: {counts} after {seeded}")
    server.stop()


def check_cors(blendin, site, content, database, pool):
    """Pages of the site's own origin (--origin) may call the API from a browser; no other origin may read it."""
    own, other = "https://blendin.example", "https://other.example"
    server = Server(blendin, site, database, content, "--origin", own)
    status, headers, _ = server.request("OPTIONS", "/api/v1/profiles", headers={
        "Origin": own, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"})
    check(status == 204 and headers.get("Access-Control-Allow-Origin") == own
          and "POST" in headers.get("Access-Control-Allow-Methods", "")
          and "Content-Type" in headers.get("Access-Control-Allow-Headers", ""), f"a preflight from the site: {status} {headers}")
    status, headers, _ = server.request("OPTIONS", "/api/v1/profiles", headers={"Origin": other, "Access-Control-Request-Method": "POST"})
    check(status == 403 and "Access-Control-Allow-Origin" not in headers, f"a preflight from another site: {status} {headers}")
    status, headers, _ = server.request("POST", "/api/v1/profiles", json.dumps(a_person(pool, "Cors")).encode(),
                                        headers={"Origin": own, "Content-Type": "application/json"})
    check(status == 201 and headers.get("Access-Control-Allow-Origin") == own and headers.get("Vary") == "Origin",
          f"a registration from the site's pages: {status} {headers}")
    for origin in (other, "null", own + ".evil", ""):
        status, headers, _ = server.request("GET", "/api/v1/health", headers={"Origin": origin} if origin else {})
        check(status == 200 and "Access-Control-Allow-Origin" not in headers, f"health for origin {origin!r}: {headers}")
    server.stop()
    server = Server(blendin, site, database, content)  # without --origin: the server's own pages only
    status, headers, _ = server.request("GET", "/api/v1/health", headers={"Origin": own})
    check(status == 200 and "Access-Control-Allow-Origin" not in headers, f"health without --origin: {headers}")
    check(server.request("OPTIONS", "/api/v1/profiles", headers={"Origin": own})[0] == 403, "a preflight without --origin")
    server.stop()


def check_write_limit(blendin, site, content, database, pool):
    server = Server(blendin, site, database, content, "--writes-per-minute", "3")
    statuses = [server.json("POST", "/api/v1/profiles", a_person(pool, f"P{i}"))[0] for i in range(3)]
    status, headers, body = server.json("POST", "/api/v1/profiles", a_person(pool, "Extra"))
    check(statuses == [201, 201, 201] and status == 429 and is_error_shape(body) and int(headers.get("Retry-After", 0)) >= 1,
          f"writes over the limit: {statuses} then {status} {headers.get('Retry-After')}")
    check(server.json("GET", "/api/v1/health")[0] == 200, "reads are limited with writes")
    server.stop()


def check_database_unavailable(blendin, site, content, database, pool):
    """A database that cannot answer (locked by another process): writes are 503, the site is still served."""
    server = Server(blendin, site, database, content)
    check(server.json("POST", "/api/v1/profiles", a_person(pool, "Before"))[0] == 201, "a registration before the lock")
    holder = sqlite3.connect(database, timeout=0, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    started = time.monotonic()
    status, _, body = server.json("POST", "/api/v1/profiles", a_person(pool, "Locked"))
    waited = time.monotonic() - started
    check(status == 503 and is_error_shape(body), f"a registration while the database is locked: {status} {body}")
    check(b"SQLite" not in json.dumps(body).encode() and "locked" not in json.dumps(body),
          "a 503 answer tells the database's own words")
    check(server.request("GET", "/nl/")[0] == 200, "the site is not served while the database is locked")
    holder.execute("ROLLBACK")
    holder.close()
    check(server.json("POST", "/api/v1/profiles", a_person(pool, "After"))[0] == 201, "a registration after the lock")
    check(server.stop() == 0, "SIGTERM after a locked database")
    print(f"a locked database was answered 503 after {waited:.1f} s")


def check_disk_full(blendin, site, content, database, pool):
    """A disk that fills up (the server's files may not grow past 1 MiB): 503, no crash, the site and every
    registration answered 201 still there."""
    import resource

    def small_disk():
        # A write past the limit then fails with EFBIG instead of killing the process (SIGXFSZ ignored, as a
        # full disk fails a write with ENOSPC).
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 20, 1 << 20))

    server = Server(blendin, site, database, content, "--writes-per-minute", "100000", preexec_fn=small_disk)
    acknowledged, statuses = [], []
    for i in range(3000):
        status, _, body = server.json("POST", "/api/v1/profiles", a_person(pool, f"Full{i}"))
        statuses.append(status)
        if status == 201:
            acknowledged.append((body["id"], body["token"]))
        elif status == 503:
            check(is_error_shape(body) and "SQLite" not in json.dumps(body) and "full" not in json.dumps(body).lower(),
                  f"a full disk's answer: {body}")
            break
        else:
            check(False, f"a registration on a filling disk: {status} {body}")
            break
    check(statuses[-1] == 503 and len(acknowledged) > 10,
          f"a full disk: {len(acknowledged)} registrations, then {statuses[-1]}, expected 503 after some")
    check(server.process.poll() is None, "the server stopped when the disk was full")
    check(server.request("GET", "/nl/")[0] == 200, "the site is not served when the disk is full")
    check(server.json("GET", "/api/v1/health")[0] == 200, "health when the disk is full")
    check(server.stop() == 0, "SIGTERM after a full disk")
    server = Server(blendin, site, database, content)
    lost = [i for i, t in acknowledged if server.json("GET", f"/api/v1/profiles/{i}", token=t)[0] != 200]
    check(not lost, f"{len(lost)} of {len(acknowledged)} registrations answered 201 lost after the disk was full")
    server.stop()
    print(f"a disk full after {len(acknowledged)} registrations was answered 503; none of them lost")


def check_durability(blendin, site, content, database, pool):
    """SIGKILL while registering: every registration answered 201 is there after a restart."""
    server = Server(blendin, site, database, content)
    acknowledged = []
    for i in range(60):
        status, _, created = server.json("POST", "/api/v1/profiles", a_person(pool, f"Person{i}"))
        if status == 201:
            acknowledged.append((created["id"], created["token"]))
    server.process.send_signal(signal.SIGKILL)
    server.process.wait()
    check(len(acknowledged) == 60, f"only {len(acknowledged)} of 60 registrations were answered 201")
    server = Server(blendin, site, database, content)
    lost = [i for i, t in acknowledged if server.json("GET", f"/api/v1/profiles/{i}", token=t)[0] != 200]
    check(not lost, f"{len(lost)} acknowledged registrations lost after SIGKILL")
    check(server.stop() == 0, "SIGTERM: the server did not exit 0")


def check_against_openapi(document_path):
    """Every answer seen is one the OpenAPI file documents, in its schema; every operation was seen succeeding."""
    import jsonschema
    document = json.loads(document_path.read_text())
    resolver = jsonschema.RefResolver.from_schema(document)
    templates = [(re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$"), path) for path in document["paths"]]
    succeeded = set()
    for method, path, status, content_type, payload in exchanges:
        template = next((name for pattern, name in templates if pattern.match(path)), None)
        operation = document["paths"].get(template, {}).get(method.lower()) if template else None
        where = f"{method} {path} {status}"
        if operation is None:
            # An address or a method the file does not have: only a refusal may answer it.
            if status not in (404, 405):
                check(False, f"{where}: not in docs/openapi.json")
                continue
            schema = document["components"]["schemas"]["Error"]
        else:
            response = operation["responses"].get(str(status))
            if response is None:
                check(False, f"{where}: status not in docs/openapi.json")
                continue
            if "$ref" in response:
                response = document["components"]["responses"][response["$ref"].split("/")[-1]]
            if 200 <= status < 300:
                succeeded.add((template, method.lower()))
            if "content" not in response:
                check(payload == b"", f"{where}: a body where the file documents none")
                continue
            if (content_type or "").startswith("text/csv"):  # a text the file documents as such, not JSON
                check("text/csv" in response["content"], f"{where}: CSV where the file documents none")
                continue
            schema = response["content"]["application/json"]["schema"]
        check(content_type == "application/json", f"{where}: Content-Type {content_type}")
        try:
            jsonschema.Draft202012Validator(schema, resolver=resolver).validate(json.loads(payload))
        except (jsonschema.ValidationError, ValueError) as error:
            check(False, f"{where}: not as docs/openapi.json says: {str(error).splitlines()[0]}")
    for path, operations in document["paths"].items():
        for method in operations:
            if method != "parameters":
                check((path, method) in succeeded, f"{method.upper()} {path}: documented but never seen succeeding")
    print(f"checked {len(exchanges)} answers against docs/openapi.json")


def main():
    blendin, root = os.path.realpath(sys.argv[1]), Path(sys.argv[2]).resolve()
    work = Path(tempfile.mkdtemp(prefix="blendin-api-"))
    site, content = work / "site", root / "content"
    subprocess.run([blendin, "build", "--content", str(root / "tests/fixtures/site-valid"), "--templates",
                    str(root / "templates"), "--out", str(site), "--now", "2026-11-28T12:00", "--quiet"], check=True)
    pool = json.loads(subprocess.run([blendin, "demo-data", "--profiles", "5", "--seed", "3", "--content", str(content)],
                                     check=True, capture_output=True, text=True).stdout)
    database = work / "var" / "blendin.sqlite"
    server = Server(blendin, site, database, content)
    try:
        person_id, token = check_endpoints(server, pool)
        check_refusals(server, pool, person_id, token)
        check_token_and_erasure(server, pool, database)
        check_static(server, site)
        check_introductions(server, pool)
    finally:
        code = server.stop()
    check(code == 0, f"SIGTERM: exit code {code}")
    check_matches(blendin, site, content, work / "matches.sqlite", work)
    check_candidates(blendin, site, content, work / "candidates.sqlite", work)
    check_demo_people(blendin, site, content, work / "demo.sqlite", pool)
    check_cors(blendin, site, content, work / "cors.sqlite", pool)
    check_write_limit(blendin, site, content, work / "limited.sqlite", pool)
    check_database_unavailable(blendin, site, content, work / "locked.sqlite", pool)
    check_durability(blendin, site, content, work / "durable.sqlite", pool)
    check_disk_full(blendin, site, content, work / "full" / "full.sqlite", pool)
    check_against_openapi(root / "docs" / "openapi.json")
    if failures:
        print(f"{len(failures)} checks failed")
        return 1
    print("ok: blendin serve")
    return 0


if __name__ == "__main__":
    sys.exit(main())
