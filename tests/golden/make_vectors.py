#!/usr/bin/env python3
"""Writes the golden vectors' inputs (vectors/*.json). The .expected files are
the native runner's output, reviewed, and checked independently by
check_scores.py; the WebAssembly build must reproduce them byte for byte, and
`blendin match assign` the rounds' (tests/cli/test_assign.sh).

usage: make_vectors.py BLENDIN_BINARY
"""
import json
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
blendin = sys.argv[1]


def write(name, vector):
    with open(os.path.join(here, "vectors", name + ".json"), "w", encoding="utf-8") as f:
        json.dump(vector, f, ensure_ascii=False, indent=1)
        f.write("\n")


def person(pid, role, **extra):
    p = {"id": pid, "role": role, "display_name": pid.capitalize(), "birth_year": 1990,
         "location": {"postcode_area": "1011", "lat": 52.3728, "lon": 4.8936},
         "interests": ["cooking"], "languages": [{"code": "nl", "level": "B1"}],
         "pillars": ["social"], "availability": ["weekend"], "max_distance_km": 10,
         "capacity": 1, "meeting_style": "either"}
    p.update(extra)
    return p


taxonomy = {"interests": [{"id": "cooking", "rarity": 1.2}, {"id": "football", "rarity": 1.5},
                          {"id": "music", "rarity": 1.1}, {"id": "chess", "rarity": 3.7},
                          {"id": "poetry", "rarity": 4.25}, {"id": "tech", "rarity": 2.0}],
            "sectors": ["care", "tech", "education"],
            "occupations": ["nurse", "software-developer", "teacher"]}

small = {"version": 1, "reference_year": 2026, "taxonomy": taxonomy, "profiles": [
    person("amal", "newcomer", interests=["cooking", "poetry", "music"],
           languages=[{"code": "ar", "level": "native"}, {"code": "nl", "level": "A2"}, {"code": "en", "level": "B1"}],
           birth_year=1994, gender="woman", gender_preference=["woman"], pillars=["social", "culture"],
           availability=["weekend", "weekday_evening"]),
    person("senait", "newcomer", interests=["football", "tech"], birth_year=1999,
           languages=[{"code": "ti", "level": "native"}, {"code": "en", "level": "B2"}],
           location={"postcode_area": "3511", "lat": 52.0907, "lon": 5.1214}, max_distance_km=25,
           pillars=["social", "work"], field="tech",
           work={"sought_sectors": ["tech"], "sought_occupation": "software-developer"}),
    person("olena", "newcomer", interests=["chess", "music"], birth_year=1981,
           languages=[{"code": "uk", "level": "native"}, {"code": "nl", "level": "A1"}, {"code": "en", "level": "C1"}],
           location={"postcode_area": "1092", "lat": 52.3587, "lon": 4.9247}, pillars=["culture"],
           availability=["weekday_daytime", "weekend"], meeting_style="with_friends"),
    person("anouk", "local", interests=["poetry", "cooking"], birth_year=1991, gender="woman",
           location={"postcode_area": "1017", "lat": 52.3637, "lon": 4.8897}, pillars=["social", "culture"],
           languages=[{"code": "nl", "level": "native"}, {"code": "en", "level": "C1"}]),
    person("daan", "local", interests=["football", "tech", "chess"], birth_year=1985, gender="man",
           location={"postcode_area": "3512", "lat": 52.0940, "lon": 5.1170}, max_distance_km=40,
           languages=[{"code": "nl", "level": "native"}, {"code": "en", "level": "B2"}], pillars=["social", "work"],
           field="tech", capacity=3, work={"network_sectors": ["tech", "education"], "occupation": "software-developer"}),
    person("fleur", "local", interests=["chess", "music", "poetry"], birth_year=1979, gender="woman",
           location={"postcode_area": "1091", "lat": 52.3590, "lon": 4.9100},
           languages=[{"code": "nl", "level": "native"}, {"code": "en", "level": "B2"}], pillars=["culture"],
           availability=["weekday_daytime"], meeting_style="alone"),
    person("koen", "local", interests=["cooking", "music"], birth_year=1994, gender="man",
           location={"postcode_area": "1011", "lat": 52.3728, "lon": 4.8936},
           languages=[{"code": "nl", "level": "native"}, {"code": "ar", "level": "A2"}], pillars=["social"]),
    person("far", "local", interests=["cooking"], location={"postcode_area": "9711", "lat": 53.2194, "lon": 6.5665},
           languages=[{"code": "nl", "level": "native"}], max_distance_km=300),
    # Language practice at each boundary: Yonas speaks Dutch at A1 and no
    # other language of these locals'. Sanne (native) and Bram (C1) welcome
    # beginners; Lotte welcomes them but speaks Dutch at B2 and Tigrinya at A1;
    # Koen (native) does not welcome them.
    person("yonas", "newcomer", interests=["cooking", "football"], birth_year=1997,
           languages=[{"code": "ti", "level": "native"}, {"code": "nl", "level": "A1"}],
           location={"postcode_area": "1093", "lat": 52.3627, "lon": 4.9275}, availability=["weekend", "weekday_evening"]),
    person("sanne", "local", interests=["football", "music"], birth_year=1988, welcomes_beginners=True,
           location={"postcode_area": "1094", "lat": 52.3600, "lon": 4.9380},
           languages=[{"code": "nl", "level": "native"}, {"code": "en", "level": "C1"}]),
    person("bram", "local", interests=["cooking"], birth_year=1970, welcomes_beginners=True,
           location={"postcode_area": "1018", "lat": 52.3660, "lon": 4.9150},
           languages=[{"code": "nl", "level": "C1"}]),
    person("lotte", "local", interests=["cooking", "football"], birth_year=1996, welcomes_beginners=True,
           location={"postcode_area": "1093", "lat": 52.3627, "lon": 4.9275},
           languages=[{"code": "nl", "level": "B2"}, {"code": "ti", "level": "A1"}]),
]}
events = {"version": 1, "events": [
    {"id": "taalcafe-amsterdam", "pillar": "culture", "interests": ["poetry", "music"], "languages": ["nl", "ar"],
     "welcomes_beginners": True, "start": "2026-12-05T13:00:00Z", "cancelled": False, "location": {"lat": 52.37, "lon": 4.9}},
    {"id": "cv-middag-utrecht", "pillar": "work", "interests": ["tech"], "languages": ["nl", "en"],
     "start": "2027-01-23T13:00:00Z", "cancelled": False, "location": {"lat": 52.09, "lon": 5.12}},
    {"id": "online-kennismaking", "pillar": "social", "interests": [], "languages": ["nl", "en", "ar", "ti", "uk"],
     "start": "2027-01-14T18:00:00Z", "cancelled": False, "location": None},
    {"id": "spelavond", "pillar": "social", "interests": ["chess"], "languages": [],
     "start": "2027-01-29T18:00:00Z", "cancelled": True, "location": {"lat": 52.37, "lon": 4.9}},
    {"id": "voorbij", "pillar": "social", "interests": ["cooking"], "languages": ["nl"],
     "start": "2026-11-01T13:00:00Z", "cancelled": False, "location": {"lat": 52.37, "lon": 4.9}},
]}
requests = []
for pid in ["amal", "senait", "olena", "anouk", "daan", "fleur", "koen", "far", "yonas", "sanne", "bram", "lotte"]:
    requests.append({"version": 1, "op": "top_k", "profile_id": pid, "k": 5})
requests += [
    {"version": 1, "op": "top_k", "profile_id": "senait", "k": 5, "filters": {"pillar": "work"}},
    {"version": 1, "op": "top_k", "profile_id": "olena", "k": 5, "filters": {"same_meeting_style": True}},
    {"version": 1, "op": "top_k", "profile_id": "amal", "k": 5, "filters": {"exclude_ids": ["anouk"], "min_score": 0.1}},
    {"version": 1, "op": "top_k", "k": 3, "profile": person("visitor", "newcomer", interests=["chess", "poetry"],
                                                           languages=[{"code": "fa", "level": "native"}, {"code": "en", "level": "B2"}],
                                                           pillars=["culture"], availability=["weekday_daytime"])},
    {"version": 1, "op": "explain", "a_id": "amal", "b_id": "anouk"},
    {"version": 1, "op": "explain", "a_id": "amal", "b_id": "koen"},
    {"version": 1, "op": "explain", "a_id": "senait", "b_id": "daan"},
    {"version": 1, "op": "explain", "a_id": "anouk", "b_id": "koen"},
    {"version": 1, "op": "suggest_events", "profile_id": "amal", "events": events, "now": "2026-11-28T12:00:00Z", "k": 5},
    {"version": 1, "op": "suggest_events", "profile_id": "senait", "events": events, "now": "2026-11-28T12:00:00Z", "k": 5},
    {"version": 1, "op": "top_k", "profile_id": "nobody"},
    {"version": 1, "op": "top_k", "profile": person("bad", "tourist", birth_year=2040, interests=["skydiving"])},
    {"version": 2, "op": "top_k", "profile_id": "amal"},
    "{not json",
    # Ages and a shared language; a language the person does not speak; a
    # visitor under a member's id (that member is then no candidate).
    {"version": 1, "op": "top_k", "profile_id": "amal", "k": 5, "filters": {"min_age": 30, "max_age": 40}},
    {"version": 1, "op": "top_k", "profile_id": "amal", "k": 5, "filters": {"language": "ar"}},
    {"version": 1, "op": "top_k", "profile_id": "olena", "k": 5, "filters": {"language": "en", "max_age": 60}},
    {"version": 1, "op": "top_k", "profile_id": "senait", "k": 5, "filters": {"language": "nl"}},
    {"version": 1, "op": "top_k", "profile_id": "koen", "k": 2, "filters": {"min_age": 16}},
    {"version": 1, "op": "top_k", "k": 5, "filters": {"min_age": 25, "language": "nl", "exclude_ids": ["koen"]},
     "profile": person("anouk", "newcomer", interests=["cooking", "music"], birth_year=1996,
                       languages=[{"code": "ar", "level": "native"}, {"code": "nl", "level": "B1"}])},
    {"version": 1, "op": "top_k", "profile_id": "amal", "filters": {"min_age": 40, "max_age": 30}},
    {"version": 1, "op": "top_k", "profile_id": "amal", "filters": {"min_age": 15, "max_age": 111.5, "language": "klingon"}},
    # Language practice: explained, filtered by, suggested events; and a
    # beginner whom nobody welcomes, whose empty answer says what would help.
    {"version": 1, "op": "explain", "a_id": "yonas", "b_id": "sanne"},
    {"version": 1, "op": "explain", "a_id": "bram", "b_id": "yonas"},
    {"version": 1, "op": "explain", "a_id": "yonas", "b_id": "koen"},
    {"version": 1, "op": "explain", "a_id": "yonas", "b_id": "lotte"},
    {"version": 1, "op": "top_k", "profile_id": "yonas", "k": 5, "filters": {"language": "nl"}},
    {"version": 1, "op": "top_k", "profile_id": "yonas", "k": 5, "filters": {"language": "ti"}},
    {"version": 1, "op": "suggest_events", "profile_id": "yonas", "events": events, "now": "2026-11-28T12:00:00Z", "k": 5},
    {"version": 1, "op": "top_k", "k": 5, "profile": person("visitor", "newcomer", interests=["music"],
                                                           languages=[{"code": "nl", "level": "A1"}, {"code": "so", "level": "native"}],
                                                           location={"postcode_area": "3511", "lat": 52.0907, "lon": 5.1214},
                                                           pillars=["culture"], max_distance_km=15)},
]
write("small", {"pool": small, "requests": requests})

# A demo pool: many ties, all cities, Work fits.
demo = json.loads(subprocess.run([blendin, "demo-data", "--profiles", "400", "--seed", "7"],
                                 check=True, capture_output=True, text=True).stdout)
requests = []
for i, p in enumerate(demo["profiles"][:40]):
    request = {"version": 1, "op": "top_k", "profile_id": p["id"], "k": 8}
    if i % 4 == 1:
        request["filters"] = {"pillar": "work"}
    if i % 4 == 2:
        request["filters"] = {"max_distance_km": 4, "same_meeting_style": True}
    requests.append(request)
for i, p in enumerate(demo["profiles"][40:56]):
    ages = [{"min_age": 25, "max_age": 45}, {"min_age": 50}, {"max_age": 35}, {}][i % 4]
    language = ["nl", "en", "ar", "uk"][i // 4]
    requests.append({"version": 1, "op": "top_k", "profile_id": p["id"], "k": 8, "filters": dict(ages, language=language)})
write("demo400", {"pool": demo, "requests": requests})

# Coordinators' rounds (docs/assignment.md), as `blendin match assign` runs
# them: a demo pool with forbidden and forced pairs, a top-k graph, a Work
# round; the small pool with a name a spreadsheet would run as a formula.
# A round's pool is a file of its own (vectors/pools/), read by the runner and
# the CLI alike.
os.makedirs(os.path.join(here, "vectors", "pools"), exist_ok=True)
demo_text = subprocess.run([blendin, "demo-data", "--profiles", "240", "--seed", "11"],
                           check=True, capture_output=True, text=True).stdout
with open(os.path.join(here, "vectors", "pools", "demo240.json"), "w", encoding="utf-8") as f:
    f.write(demo_text)
demo = json.loads(demo_text)
newcomers = sorted(p["id"] for p in demo["profiles"] if p["role"] == "newcomer")
locals_ = sorted(p["id"] for p in demo["profiles"] if p["role"] == "local")
area = {p["id"]: p["location"]["postcode_area"] for p in demo["profiles"]}
forbid = [(n, l) for n in newcomers[:30] for l in locals_ if area[n] == area[l]][:4]
rules = lambda pairs: "newcomer_id,local_id\n" + "".join(f"{n},{l}\n" for n, l in pairs)
write("rounds_demo240", {"pool": "pools/demo240.json", "rounds": [
    {"mode": "max", "waiting_weight": 0.2, "forbid": rules(forbid), "force": rules([(newcomers[-1], locals_[-1])])},
    {"mode": "stable", "capacity": 1, "candidates": 5},
    {"mode": "coverage", "pillar": "work"},
]})
named = json.loads(json.dumps(small))
named["profiles"][3]["display_name"] = '=HYPERLINK("x")'
with open(os.path.join(here, "vectors", "pools", "small-named.json"), "w", encoding="utf-8") as f:
    json.dump(named, f, ensure_ascii=False, indent=1)
    f.write("\n")
write("rounds_small", {"pool": "pools/small-named.json",
                       "rounds": [{"mode": "max"}, {"mode": "coverage", "pillar": "culture", "capacity": 1}]})
