#!/usr/bin/env python3
"""An independent, plain re-implementation of the matching rules of
docs/matching.md, used to check the golden .expected files: every top_k answer
must list exactly the candidates this scan finds, in the same order, with the
same scores (to 1e-9), every explanation's parts must add up to its score, and
an answer with fewer than k matches must say why ("reach") as this scan counts it.

usage: check_scores.py VECTOR.json EXPECTED
"""
import json
import math
import sys

LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2", "native"]
W = {"interests": 0.35, "age": 0.15, "distance": 0.20, "availability": 0.10, "field": 0.05, "work": 0.15}
AGE_SPAN, HALF_KM = 25.0, 5.0


def usable(p):
    return {l["code"] for l in p["languages"] if LEVELS.index(l["level"]) >= 1}


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
    if not usable(a) & usable(b):
        return "language"
    if d > a["max_distance_km"] or d > b["max_distance_km"]:
        return "distance"
    for x, y in ((a, b), (b, a)):
        if x.get("gender_preference") and y.get("gender") not in x["gender_preference"]:
            return "gender"
    return None if set(a["pillars"]) & set(b["pillars"]) else "pillar"


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
        n, l = (a, b) if a["role"] == "newcomer" else (b, a)
        nw, lw = n.get("work", {}), l.get("work", {})
        sector = bool(set(nw.get("sought_sectors", [])) & set(lw.get("network_sectors", [])))
        occupation = bool(nw.get("sought_occupation")) and nw.get("sought_occupation") == lw.get("occupation")
        parts["work"] = 0.6 * sector + 0.4 * occupation
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
    if language and not (language in usable(person) and language in usable(c)):
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


def main():
    vector = json.load(open(sys.argv[1], encoding="utf-8"))
    answers = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8")]
    pool = vector["pool"]
    rarity = {i["id"]: i["rarity"] for i in pool["taxonomy"]["interests"]}
    by_id = {p["id"]: p for p in pool["profiles"]}
    checked = 0
    for request, answer in zip(vector["requests"], answers):
        if not isinstance(request, dict) or "error" in answer:
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
            checked += len(got)
            # Fewer than k: why, counted person by person.
            if len(got) < request.get("k", 10):
                assert answer["reach"] == reach(person, pool, request.get("filters", {}), rarity), (request, answer["reach"])
                checked += 1
            else:
                assert "reach" not in answer, request
        elif request["op"] == "explain" and answer["admissible"]:
            a, b = by_id[request["a_id"]], by_id[request["b_id"]]
            assert broken_constraint(a, b, distance(a, b)) is None, request
            assert abs(score(a, b, distance(a, b), rarity) - answer["score"]) < 1e-9, request
            checked += 1
    if checked == 0:
        sys.exit("check_scores: nothing was checked")
    print(f"check_scores: {checked} scores and counts agree with the independent implementation")


main()
