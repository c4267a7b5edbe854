#!/usr/bin/env python3
"""An independent, plain re-implementation of the matching rules of
docs/matching.md, used to check the golden .expected files: every top_k answer
must list exactly the candidates this scan finds, in the same order, with the
same scores (to 1e-9), every explanation's parts must add up to its score, and
an answer with fewer than k matches must say why ("reach") as this scan counts it.
A coordinators' round (docs/assignment.md) must keep its rules (capacities,
forced and forbidden pairs, hard constraints, the round's pillar), score every
pair as this file does, give everyone left out and the counts behind "no
admissible candidate", and its two CSV files must say what its JSON says. The
languages a pair talks in (language practice included) are worked out here
language by language, not with the core's bitsets. Every suggest_events
answer must list the events this file ranks by the rules of docs/matching.md
("Events"), and every refused request must name exactly the fields that the
documented rules of docs/wire-format.md refuse, each with its message.

usage: check_scores.py VECTOR.json EXPECTED
"""
import collections
import datetime
import csv
import io
import json
import math
import os
import sys

LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2", "native"]
W = {"interests": 0.35, "age": 0.15, "distance": 0.20, "availability": 0.10, "field": 0.05, "work": 0.15}
AGE_SPAN, HALF_KM = 25.0, 5.0


def usable(p):
    return {l["code"] for l in p["languages"] if LEVELS.index(l["level"]) >= 1}


def levels(p):
    return {l["code"]: LEVELS.index(l["level"]) for l in p["languages"]}


def talk(a, b):
    """The languages a pair can talk in: both at A2 or better, or language practice (a
    newcomer at any level with a local at C1 or better who welcomes beginners)."""
    la, lb = levels(a), levels(b)
    common = set(la) & set(lb)
    both = {c for c in common if la[c] >= 1 and lb[c] >= 1}
    n, l = (a, b) if a["role"] == "newcomer" else (b, a)
    practice = set()
    if n["role"] == "newcomer" and l["role"] == "local" and l.get("welcomes_beginners"):
        practice = {c for c in common if levels(l)[c] >= LEVELS.index("C1")} - both
    return both, practice


def distance(a, b):
    la, lb = a["location"], b["location"]
    mean = math.radians((la["lat"] + lb["lat"]) / 2)
    dlat = math.radians(lb["lat"] - la["lat"])
    dlon = math.radians(lb["lon"] - la["lon"]) * math.cos(mean)
    return 6371.0088 * math.hypot(dlat, dlon)


def broken_constraint(a, b, d):
    """The first hard constraint the pair breaks, in the documented order, or None."""
    if a["role"] == b["role"]:
        return "role"
    if not any(talk(a, b)):
        return "language"
    if d > a["max_distance_km"] or d > b["max_distance_km"]:
        return "distance"
    for x, y in ((a, b), (b, a)):
        if x.get("gender_preference") and y.get("gender") not in x["gender_preference"]:
            return "gender"
    return None if set(a["pillars"]) & set(b["pillars"]) else "pillar"


def work_fit(a, b):
    """The Work part: 0.6 when a sought sector is in the local's network, + 0.4 for the occupation sought."""
    n, l = (a, b) if a["role"] == "newcomer" else (b, a)
    nw, lw = n.get("work", {}), l.get("work", {})
    sector = bool(set(nw.get("sought_sectors", [])) & set(lw.get("network_sectors", [])))
    occupation = bool(nw.get("sought_occupation")) and nw.get("sought_occupation") == lw.get("occupation")
    return 0.6 * sector + 0.4 * occupation


def score(a, b, d, rarity):
    def wsum(ids):
        return sum(rarity[i] for i in ids)
    shared = set(a["interests"]) & set(b["interests"])
    total = wsum(a["interests"]) + wsum(b["interests"])
    parts = {"interests": 2 * wsum(shared) / total if total else 0.0,
             "age": max(0.0, 1 - abs(a["birth_year"] - b["birth_year"]) / AGE_SPAN),
             "distance": HALF_KM / (HALF_KM + d),
             "availability": len(set(a["availability"]) & set(b["availability"])) /
                             len(set(a["availability"]) | set(b["availability"])),
             "field": 1.0 if a.get("field") and a.get("field") == b.get("field") else 0.0}
    weights = dict(W)
    if "work" in a["pillars"] and "work" in b["pillars"]:
        parts["work"] = work_fit(a, b)
    else:
        del weights["work"]
    return sum(weights[k] * parts[k] for k in weights) / sum(weights.values())


def passes_filters(person, c, d, filters, pool, rarity):
    """Whether c, who meets the hard constraints with person, passes the request's filters."""
    if c["id"] in filters.get("exclude_ids", []):
        return False
    if "max_distance_km" in filters and d > filters["max_distance_km"]:
        return False
    pillar = filters.get("pillar")
    if pillar and not (pillar in c["pillars"] and pillar in person["pillars"]):
        return False
    styles = {person["meeting_style"], c["meeting_style"]}
    if filters.get("same_meeting_style") and "either" not in styles and len(styles) > 1:
        return False
    age = pool["reference_year"] - c["birth_year"]
    if not filters.get("min_age", 0) <= age <= filters.get("max_age", 1000):
        return False
    language = filters.get("language")
    if language and language not in set.union(*talk(person, c)):
        return False
    return score(person, c, d, rarity) >= filters.get("min_score", 0)


def top_k(person, pool, k, filters, rarity):
    found = []
    for c in pool["profiles"]:
        d = distance(person, c)
        if c["id"] == person["id"] or broken_constraint(person, c, d):
            continue
        if passes_filters(person, c, d, filters, pool, rarity):
            found.append((-score(person, c, d, rarity), c["id"]))
    found.sort()
    return [(cid, -s) for s, cid in found[:k]]


def reach(person, pool, filters, rarity):
    """Where the query leaves everyone in the pool but the person: docs/wire-format.md, "reach"."""
    counts = {"candidates": 0, "by_constraint": {c: 0 for c in ["role", "language", "distance", "gender", "pillar"]},
              "by_filters": 0, "admissible": 0}
    for c in pool["profiles"]:
        if c["id"] == person["id"]:
            continue
        counts["candidates"] += 1
        d = distance(person, c)
        broken = broken_constraint(person, c, d)
        if broken:
            counts["by_constraint"][broken] += 1
        elif passes_filters(person, c, d, filters, pool, rarity):
            counts["admissible"] += 1
        else:
            counts["by_filters"] += 1
    return counts


def what_if(person, pool, filters, rarity):
    """Each change of docs/wire-format.md's "what_if" that applies, with what it makes admissible."""
    found = []
    def count(change, changed, **extra):
        found.append({"change": change, "admissible": reach(changed, pool, filters, rarity)["admissible"], **extra})
    lv = [LEVELS.index(l["level"]) for l in person["languages"]]
    if person["role"] == "local" and not person.get("welcomes_beginners") and max(lv) >= LEVELS.index("C1"):
        count("welcome_beginners", dict(person, welcomes_beginners=True))
    if person["role"] == "newcomer" and min(lv) == 0:
        count("speak_at_a2", dict(person, languages=[dict(l, level="A2" if l["level"] == "A1" else l["level"])
                                                     for l in person["languages"]]))
    if person["max_distance_km"] < 300:
        km = min(2 * person["max_distance_km"], 300)
        count("travel_farther", dict(person, max_distance_km=km), max_distance_km=km)
    if set(person["pillars"]) != {"social", "culture", "work"}:
        count("every_pillar", dict(person, pillars=["social", "culture", "work"]))
    return found


def check_explanation(a, b, e):
    """The explanation's languages are the pair's, practice marked, in a's order."""
    both, practice = talk(a, b)
    lb = {l["code"]: l["level"] for l in b["languages"]}
    expected = []
    for l in a["languages"]:
        if l["code"] in both | practice:
            x = {"code": l["code"], "levels": [l["level"], lb[l["code"]]]}
            if l["code"] in practice:
                x["practice"] = True
            expected.append(x)
    assert e["shared_languages"] == expected, (a["id"], b["id"], e["shared_languages"], expected)


def split_rounds(text, count):
    """Each round's JSON document, pairs' CSV and unmatched CSV, as the runner prints them one after another."""
    outputs, at = [], 0
    for _ in range(count):
        line_end = text.index("\n", at)
        pairs_at = line_end + 1
        unmatched_at = text.index("\r\nid,role,name,postcode_area,", pairs_at) + 2
        next_at = text.find('\r\n{"mode":', unmatched_at)
        end = len(text) if next_at < 0 else next_at + 2
        outputs.append((json.loads(text[at:line_end]), text[pairs_at:unmatched_at], text[unmatched_at:end]))
        at = end
    assert at == len(text), "output after the last round"
    return outputs


def csv_rows(text):
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", ""), "records end in CRLF"
    return list(csv.reader(io.StringIO(text, newline="")))


def text_cell(cell):
    """A text cell as written: without the apostrophe that guards a would-be formula."""
    return cell[1:] if len(cell) > 1 and cell[0] == "'" and cell[1] in "=+-@\t\r'" else cell


def rules_of(text):
    return {tuple(line.split(",")) for line in (text or "").splitlines()[1:] if line and not line.startswith("#")}


PAIR_HEADER = ("newcomer_id,local_id,score,forced,newcomer_name,local_name,newcomer_postcode_area,local_postcode_area,"
               "distance_km,shared_languages,shared_availability,shared_interests,shared_pillars,shared_sectors,"
               "occupation_fit").split(",")
UNMATCHED_HEADER = ("id,role,name,postcode_area,waiting_since_days,reason,message,candidates,forbidden,"
                    "excluded_by_language,excluded_by_distance,excluded_by_gender,excluded_by_pillar,"
                    "excluded_by_round_pillar").split(",")


def check_round(pool, options, document, pairs_text, unmatched_text, rarity):
    by_id = {p["id"]: p for p in pool["profiles"]}
    pillar = options.get("pillar")
    forced, forbidden = rules_of(options.get("force")), rules_of(options.get("forbid"))
    pairs = document["pairs"]
    assert document["mode"] == options.get("mode", "max") and document.get("pillar") == pillar, document["mode"]
    ids = [p["newcomer_id"] for p in pairs]
    assert ids == sorted(set(ids)), "pairs by newcomer id, one each"
    for local, count in collections.Counter(p["local_id"] for p in pairs).items():
        assert count <= options.get("capacity", by_id[local].get("capacity", 1)), ("over capacity", local)
    total = 0.0
    for p in pairs:
        n, l = by_id[p["newcomer_id"]], by_id[p["local_id"]]
        assert n["role"] == "newcomer" and l["role"] == "local", p["newcomer_id"]
        d = distance(n, l)
        if p.get("forced"):
            assert (n["id"], l["id"]) in forced, ("forced but not asked", n["id"])
        else:
            assert (n["id"], l["id"]) not in forbidden, ("a forbidden pair", n["id"], l["id"])
            assert broken_constraint(n, l, d) is None, ("not admissible", n["id"], l["id"])
            assert pillar is None or (pillar in n["pillars"] and pillar in l["pillars"]), ("not the round's pillar", n["id"])
        check_explanation(n, l, p["explanation"])
        expected = score(n, l, d, rarity)
        if pillar == "work":
            expected = 0.7 * work_fit(n, l) + 0.3 * expected
        assert abs(expected - p["score"]) < 1e-9, (n["id"], l["id"], p["score"], expected)
        total += p["score"]
    assert forced <= {(p["newcomer_id"], p["local_id"]) for p in pairs}, "a forced pair is missing"
    assert abs(document["total"] - total) < 1e-9 and document["matched"] == len(pairs)

    # Everyone left out, newcomers then locals, by id; the counts behind "no admissible candidate".
    paired = {p["newcomer_id"] for p in pairs} | {p["local_id"] for p in pairs}
    left = [sorted(p["id"] for p in pool["profiles"] if p["role"] == role and p["id"] not in paired)
            for role in ("newcomer", "local")]
    assert [u["id"] for u in document["unmatched"]] == left[0] + left[1], "unmatched"
    for u in document["unmatched"]:
        if u["reason"] != "no_admissible_candidate":
            continue
        person = by_id[u["id"]]
        counts = {"language": 0, "distance": 0, "gender": 0, "pillar": 0, "round_pillar": 0}
        for other in pool["profiles"]:
            if other["role"] == person["role"]:
                continue
            broken = broken_constraint(person, other, distance(person, other))
            if broken:
                counts[broken] += 1
            else:
                assert pillar and not (pillar in person["pillars"] and pillar in other["pillars"]), ("a candidate", u["id"])
                counts["round_pillar"] += 1
        assert u["excluded_by"] == counts and u["candidates"] == 0, (u, counts)

    # The pairs' CSV says what the JSON says, and what the pool says of them.
    rows = csv_rows(pairs_text)
    assert rows[0] == PAIR_HEADER and len(rows) == len(pairs) + 1, rows[0]
    for row, p in zip(rows[1:], pairs):
        n, l, e = by_id[p["newcomer_id"]], by_id[p["local_id"]], p["explanation"]
        work = e.get("work")
        expected = [p["newcomer_id"], p["local_id"], p["score"], "true" if p.get("forced") else "false",
                    n["display_name"], l["display_name"], n["location"]["postcode_area"], l["location"]["postcode_area"],
                    e["distance_km"], "; ".join(f'{x["code"]} ({x["levels"][0]}/{x["levels"][1]}' +
                                                (", practice)" if x.get("practice") else ")") for x in e["shared_languages"]),
                    "; ".join(e["shared_availability"]), "; ".join(e["shared_interests"]), "; ".join(e["shared_pillars"]),
                    "; ".join(work["shared_sectors"]) if work else "",
                    ("true" if work["occupation_fit"] else "false") if work else ""]
        got = [text_cell(c) for c in row]
        got[2], got[8] = float(row[2]), float(row[8])
        assert got == expected, (got, expected)

    # The unmatched CSV says what the JSON's "unmatched" says.
    rows = csv_rows(unmatched_text)
    assert rows[0] == UNMATCHED_HEADER and len(rows) == len(document["unmatched"]) + 1, rows[0]
    for row, u in zip(rows[1:], document["unmatched"]):
        person = by_id[u["id"]]
        excluded = u.get("excluded_by")
        expected = [u["id"], u["role"], person["display_name"], person["location"]["postcode_area"],
                    str(person.get("waiting_since_days", 0)), u["reason"], u["message"], str(u["candidates"]),
                    str(u.get("forbidden", 0))] + \
                   ([str(excluded[c]) for c in ("language", "distance", "gender", "pillar", "round_pillar")]
                    if excluded else [""] * 5)
        assert [text_cell(c) for c in row] == expected, (row, expected)
    return len(pairs) + len(document["unmatched"])


def c_round(x, digits=1):
    """std::round to `digits` decimals: halves away from zero, as the core rounds."""
    scale = 10 ** digits
    return math.copysign(math.floor(abs(x) * scale + 0.5), x) / scale


def instant(text):
    """Seconds since the epoch of an ISO 8601 time; without an offset, UTC."""
    moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.timestamp()


def suggest_events(person, events, pool, k, now, rarity):
    """docs/matching.md, "Events": upcoming, not cancelled, within travel (online
    always), in a language the person uses (A2 or better) or, where beginners are
    welcome, any they speak; 0.30 pillar, 0.30 shared rarity over their own,
    0.20 x 10/(10+km), 0.20 x 14/(14+days); ties: earlier, then id."""
    order = [i["id"] for i in pool["taxonomy"]["interests"]]
    own = [i for i in order if i in person["interests"]]
    own_sum = sum(rarity[i] for i in own)
    spoken = levels(person)
    found = []
    for event in events:
        start = instant(event["start"])
        if event.get("cancelled") or start < now:
            continue
        usable_here = [c for c in event["languages"] if spoken.get(c, -1) >= 1]
        practised = [c for c in event["languages"] if c in spoken] if event.get("welcomes_beginners") else []
        language = (usable_here or practised or [None])[0]
        if event["languages"] and language is None:
            continue
        where, km, shown_km = event.get("location"), 0.0, None
        if where and where.get("lat") is not None and where.get("lon") is not None:
            km = distance(person, {"location": where})
            if km > person["max_distance_km"]:
                continue
            shown_km = c_round(km)
        wanted = event["pillar"] in person["pillars"]
        shared = [i for i in own if i in event["interests"]]
        interest_part = sum(rarity[i] for i in shared) / own_sum if own_sum > 0 else 0.0
        days = (start - now) / 86400.0
        score = (0.30 * wanted + 0.30 * interest_part + 0.20 * 10 / (10 + km) + 0.20 * 14 / (14 + days)) / 1.0
        answer = {"id": event["id"], "score": score, "pillar_wanted": wanted, "shared_interests": shared,
                  "distance_km": shown_km, "language": language, "days_until": c_round(days)}
        if language is not None and not usable_here:
            answer["language_practice"] = True
        found.append((start, answer))
    found.sort(key=lambda item: (-item[1]["score"], item[0], item[1]["id"]))
    return [answer for _, answer in found[:k]]


def check_suggestions(request, answer, person, pool, rarity):
    expected = suggest_events(person, request["events"]["events"], pool, request.get("k", 5),
                              instant(request["now"]), rarity)
    got = answer["events"]
    assert [e["id"] for e in got] == [e["id"] for e in expected], (request["profile_id"], got, expected)
    for g, e in zip(got, expected):
        assert abs(g["score"] - e["score"]) < 1e-9, (g, e)
        assert {**g, "score": 0} == {**e, "score": 0}, (g, e)
    return len(got)


KNOWN_LANGUAGES = None  # read from the pool's profiles and the documented examples


def refused_fields(request, pool, by_id):
    """(profile, field) of every problem docs/wire-format.md's rules find in a
    request, in the order they are reported: the request's own fields, then the
    profile's."""
    if not isinstance(request, dict):
        return [("(request)", "")]  # not a JSON object: a syntax error at its place
    if request.get("version") != 1:
        return [("(request)", "version")]
    problems = []
    if "profile_id" in request and request["profile_id"] not in by_id:
        problems.append(("(request)", "profile_id"))
    filters = request.get("filters", {})
    ages = {}
    for name in ("min_age", "max_age"):
        if name in filters:
            value = filters[name]
            if isinstance(value, int) and 16 <= value <= 110:
                ages[name] = value
            else:
                problems.append(("(request)", "filters." + name))
    if "min_age" in ages and "max_age" in ages and ages["max_age"] < ages["min_age"]:
        problems.append(("(request)", "filters.max_age"))
    if "language" in filters and not (len(filters["language"]) in (2, 3) and filters["language"] in KNOWN_LANGUAGES):
        problems.append(("(request)", "filters.language"))
    profile = request.get("profile")
    if profile is not None:
        who = profile.get("id", "#0")
        if profile.get("role") not in ("newcomer", "local"):
            problems.append((who, "role"))
        age = pool["reference_year"] - profile.get("birth_year", 0)
        if not 16 <= age <= 110:
            problems.append((who, "birth_year"))
        known = {i["id"] for i in pool["taxonomy"]["interests"]}
        problems += [(who, f"interests[{i}]") for i, x in enumerate(profile.get("interests", [])) if x not in known]
    return problems


def check_refusal(request, answer, pool, by_id):
    details = answer["error"]["details"]
    got = [(d["profile"], d["field"]) for d in details]
    expected = refused_fields(request, pool, by_id)
    assert got == expected, ("refused fields", request, got, expected)
    first = details[0]
    where = first["field"] + ": " if first["field"] else ""
    assert answer["error"]["message"].endswith(where + first["message"] + (f" (byte {first['byte']})" if "byte" in first else "")), answer
    return len(details)


def main():
    vector = json.load(open(sys.argv[1], encoding="utf-8"))
    pool = vector["pool"]
    if isinstance(pool, str):  # a pool file beside the vector
        pool = json.load(open(os.path.join(os.path.dirname(sys.argv[1]), pool), encoding="utf-8"))
    rarity = {i["id"]: i["rarity"] for i in pool["taxonomy"]["interests"]}
    by_id = {p["id"]: p for p in pool["profiles"]}
    checked = 0
    if "rounds" in vector:
        text = open(sys.argv[2], encoding="utf-8", newline="").read()
        for options, output in zip(vector["rounds"], split_rounds(text, len(vector["rounds"]))):
            checked += check_round(pool, options, *output, rarity)
        print(f"check_scores: {checked} pairs and unmatched people agree with the independent implementation")
        return
    answers = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
    global KNOWN_LANGUAGES
    KNOWN_LANGUAGES = {l["code"] for p in pool["profiles"] for l in p["languages"]}
    assert len(answers) == len(vector["requests"]), "one answer a request"
    for request, answer in zip(vector["requests"], answers):
        if isinstance(request, str):
            try:
                request = json.loads(request)
            except json.JSONDecodeError:
                request = None
        if "error" in answer:
            checked += check_refusal(request, answer, pool, by_id)
            continue
        if request["op"] == "suggest_events":
            checked += check_suggestions(request, answer, by_id[request["profile_id"]], pool, rarity)
            continue
        if request["op"] == "top_k":
            person = request.get("profile") or by_id[request["profile_id"]]
            expected = top_k(person, pool, request.get("k", 10), request.get("filters", {}), rarity)
            got = [(m["id"], m["score"]) for m in answer["matches"]]
            assert [i for i, _ in got] == [i for i, _ in expected], (request, got, expected)
            for (_, s1), (_, s2) in zip(got, expected):
                assert abs(s1 - s2) < 1e-9, (request, s1, s2)
            for m in answer["matches"]:
                total = sum(p["contribution"] for p in m["explanation"]["parts"])
                assert abs(total - m["score"]) < 1e-9, m
                check_explanation(person, by_id[m["id"]], m["explanation"])
            checked += len(got)
            # Fewer than k: why, counted person by person.
            if len(got) < request.get("k", 10):
                filters = request.get("filters", {})
                expected_reach = reach(person, pool, filters, rarity)
                if not got:  # nobody: also what each change would find
                    expected_reach["what_if"] = what_if(person, pool, filters, rarity)
                assert answer["reach"] == expected_reach, (request, answer["reach"], expected_reach)
                checked += 1
            else:
                assert "reach" not in answer, request
        elif request["op"] == "explain" and answer["admissible"]:
            a, b = by_id[request["a_id"]], by_id[request["b_id"]]
            assert broken_constraint(a, b, distance(a, b)) is None, request
            assert abs(score(a, b, distance(a, b), rarity) - answer["score"]) < 1e-9, request
            check_explanation(a, b, answer["explanation"])
            checked += 1
    if checked == 0:
        sys.exit("check_scores: nothing was checked")
    print(f"check_scores: {checked} scores and counts agree with the independent implementation")


main()
