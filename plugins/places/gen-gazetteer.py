#!/usr/bin/env python3
"""Writes the places plugin's gazetteer as C, at build time.

    gen-gazetteer.py ISO_CODES_JSON_DIR DATA_DIR > gazetteer.c

Countries, former states and subdivisions come from Debian's iso-codes
(ISO 3166-1, 3166-3, 3166-2, as JSON); M49 regions, cities and towns from
data/m49.tsv, data/cities.tsv and data/towns.tsv (made by data/make-data.mjs
from UN M49 and GeoNames); the names UN documents use that ISO does not,
and regional names, from data/names.tsv.
"""
import json
import os
import sys
import unicodedata

TYPES = {"country": "PT_COUNTRY", "former-country": "PT_FORMER",
         "region": "PT_REGION", "city": "PT_CITY",
         "subdivision": "PT_SUBDIVISION", "other": "PT_OTHER",
         "name": "PT_NAME"}

# Single words that name subdivisions somewhere but mean something else in
# UN English, and the directions many subdivision names are made of.
COMMON = {"north", "south", "east", "west", "central", "northern",
          "southern", "eastern", "western", "capital", "centre", "center",
          "coast", "coastal", "islands", "island", "lakes", "lake", "river",
          "mountain", "mountains", "upper", "lower", "greater", "interior",
          "valley", "plateau", "highlands", "north-east", "north-west",
          "south-east", "south-west", "federal", "national", "special",
          "autonomous", "region", "district", "province", "state", "city",
          "littoral", "maritime", "savanes", "plateaux", "kara", "sud",
          "nord", "est", "ouest", "centro", "norte", "orange", "mobile",
          "victoria", "male", "hamilton", "salvador", "georgia",
          "jordan", "chad", "lima", "santiago", "santa", "san", "saint",
          "amazonas", "delta", "oriental", "occidental", "distrito", "bay",
          "cape", "nile", "sea", "gulf", "peace", "unity",
          "liberty", "independence", "progress", "union", "republic"}


# Words UN documents write with a capital, and first names, that are also
# the names of towns somewhere: a town by such a name is left out, as is
# one with the name of a place taken before it in a word ("New Paris").
UN_WORDS = {"mission", "police", "union", "security", "office", "council",
            "assembly", "government", "president", "secretary", "general",
            "justice", "freedom", "victory", "concord", "providence", "hope",
            "trinity", "esperanza", "paz", "libertad", "mercedes", "bay",
            "port", "fort", "mount", "commerce", "industry", "opportunity",
            "mandate", "charter", "court", "conference", "commission",
            "committee", "agency", "bank", "fund", "programme", "forum",
            "summit", "strategy", "force", "group", "institute", "centre",
            "center", "federation", "party", "movement", "army", "front",
            "protocol", "treaty", "agenda", "compact", "authority",
            "ministry", "department", "school", "college", "alliance",
            "coalition", "network", "community", "league", "corridor",
            "dialogue", "action", "report", "law", "code", "vision",
            "goal", "goals", "target", "decade", "year", "day", "week",
            "human", "rights", "women", "children", "health", "education",
            "energy", "water", "food", "trade", "finance", "development",
            "nations", "united", "world", "global", "international",
            "national", "regional", "valencia", "cordoba", "kingston",
            "hamilton", "richmond", "jackson", "lincoln", "franklin",
            "washington",
            "clinton", "madison", "monroe", "marion", "florence",
            "alexandria", "columbia", "january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december",
            "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday", "university"}


def c_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def forms(name):
    """ISO writes "Korea, Republic of": the forms as used in text."""
    out = []
    for part in [name] if "," not in name else [name]:
        if ", " in part:
            head, tail = part.split(", ", 1)
            t = tail.strip()
            if t.endswith(" of") or t.endswith(" of the"):
                out.append(t + " " + head)
            elif " " not in t:
                out.append(t + " " + head)     # "Virgin Islands, British"
            else:
                out.append(head)
                out.append(t)
        else:
            out.append(part)
    res = []
    for f in out:
        f = f.strip()
        for article in ("The ", "the "):
            if f.startswith(article):
                f = f[len(article):]
        if "(" in f and not f.endswith("of)"):
            res.append(f.split(" (")[0])
        res.append(f)
    return [f for f in res if f]


def main():
    iso, data = sys.argv[1], sys.argv[2]
    entries = []          # name, type, code, m49, country, lat, lon
    seen = set()

    def add(name, typ, code, m49="", country="", lat=None, lon=None, unit=0):
        # unit: 1, taken only before "State", "Department"...; 2, taken
        # only in a document that names the country; 3, only after a
        # locative word or in a list of places
        key = name.casefold()
        if key in seen or len(name) < 3:
            return
        seen.add(key)
        entries.append((name, typ, code, m49, country, lat, lon, unit))

    c1 = json.load(open(os.path.join(iso, "iso_3166-1.json"), encoding="utf-8"))["3166-1"]
    a2to3 = {c["alpha_2"]: c["alpha_3"] for c in c1}
    cities = [line.rstrip("\n").split("\t") for line in
              list(open(os.path.join(data, "cities.tsv"), encoding="utf-8"))[1:]]
    towns = [line.rstrip("\n").split("\t") for line in
             list(open(os.path.join(data, "towns.tsv"), encoding="utf-8"))[1:]]

    def geonames(name, cc):
        # The GeoNames entry of a city named in names.tsv: by that name in
        # that country (any country when none is given), the most
        # populous; cities.tsv before towns.tsv. None when there is none.
        found = [(int(pop), gid, float(lat), float(lon))
                 for gid, n, alias, c, lat, lon, pop, cap in cities
                 if name in (n, alias) and (not cc or c == cc)]
        if not found:
            found = [(int(pop), gid, float(lat), float(lon))
                     for gid, n, c, lat, lon, pop in towns
                     if n == name and (not cc or c == cc)]
        return max(found) if found else None

    # The hand-made names first: they decide between a name's readings.
    for line in open(os.path.join(data, "names.tsv"), encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        name, typ, code, same, needs = (line.rstrip("\n").split("\t") +
                                        ["", "", "", ""])[:5]
        if typ == "city":
            # a city written here: its country, and the name GeoNames
            # gives it ("Bombay": "Mumbai"), whose entry gives its
            # identifier and coordinates
            g = geonames(same or name, code)
            if not g:
                sys.exit("names.tsv: %s: no GeoNames entry for %s in %s"
                         % (name, same or name, code or "any country"))
            add(name, typ, "GN:" + g[1], "", code, g[2], g[3],
                unit=3 if needs == "locative" else 0)
        elif typ == "subdivision":
            # the alpha-3 of its country, or its ISO 3166-2 code
            cc = a2to3[code[:2]] if "-" in code else code
            add(name, typ, code, country=cc)
        else:
            add(name, typ, code)
    numeric = {c["alpha_3"]: c["numeric"] for c in c1}
    for c in c1:
        for key in ("name", "official_name", "common_name"):
            if key in c and "Province of China" not in c[key]:
                for f in forms(c[key]):
                    add(f, "country", c["alpha_3"], c["numeric"])
    # codes of names.tsv countries get their M49 number
    entries[:] = [(n, t, k, numeric.get(k, "") if t == "country" and not m else m, cc, la, lo, u)
                  for (n, t, k, m, cc, la, lo, u) in entries]
    c3 = json.load(open(os.path.join(iso, "iso_3166-3.json"), encoding="utf-8"))["3166-3"]
    for c in c3:
        for f in forms(c["name"]):
            add(f, "former-country", c["alpha_4"])
    for line in list(open(os.path.join(data, "m49.tsv"), encoding="utf-8"))[1:]:
        code, name, level, parent, iso3 = line.rstrip("\n").split("\t")
        if level in ("1", "2", "3"):
            add(name, "region", "M49:" + code)
    for gid, name, alias, cc, lat, lon, pop, cap in cities:
        for n in (name, alias):
            if n and n.casefold() not in COMMON:
                add(n, "city", "GN:" + gid, "", cc, float(lat), float(lon))
    taken = {e[0].casefold() for e in entries if " " not in e[0]}
    for gid, name, cc, lat, lon, pop in towns:
        words = name.split()
        if len(name) < 4 or name.casefold() in COMMON or \
                any(w.casefold() in UN_WORDS or w.casefold() in taken
                    for w in words) or \
                all(w.casefold() in COMMON for w in words):
            continue
        add(name, "city", "GN:" + gid, "", cc, float(lat), float(lon), unit=2)
    c2 = json.load(open(os.path.join(iso, "iso_3166-2.json"), encoding="utf-8"))["3166-2"]
    # A country's name cut by one to three letters is how its adjective
    # is often written ("Somali" of "Somalia"): a subdivision of that name
    # is taken only with its unit word ("Somali Region"), not in "the
    # Somali national armed forces".
    adjectives = {e[0].casefold()[:-k] for e in entries
                  if e[1] in ("country", "former-country") and " " not in e[0]
                  for k in (1, 2, 3) if len(e[0]) - k >= 4}
    for s in c2:
        name = s["name"]
        words = name.split()
        if any(ch in name for ch in "()/,"):
            continue
        # Names made of common words ("Unity", "Upper Nile", "Lakes") are
        # taken only with the word that says what they are: "Unity State".
        unit = (len(words) == 1 and (len(name) < 6 or name.casefold() in COMMON or
                                     name.casefold() in adjectives)) or \
            all(w.casefold() in COMMON for w in words)
        cc = a2to3.get(s["code"][:2], "")
        add(name, "subdivision", s["code"], "", cc, unit=1 if unit else 0)

    # Names written without their accents ("Lome", "Bogota", "Sao Paulo"),
    # as older and typed documents often do, after every written form.
    for (n, t, k, m, cc, la, lo, u) in list(entries):
        plain = "".join(ch for ch in unicodedata.normalize("NFD", n)
                        if not unicodedata.combining(ch))
        if plain != n and plain.isascii() and plain.casefold() not in COMMON:
            add(plain, t, k, m, cc, la, lo, u)

    print("/* Generated by gen-gazetteer.py from iso-codes and data/; do not edit. */")
    print('#include "places.h"\n')
    print("const struct place places_table[] = {")
    for (n, t, k, m, cc, la, lo, u) in entries:
        print("\t{ %s, %s, %s, %s, %s, %s, %s, %d }," % (
            c_str(n), TYPES[t], c_str(k), c_str(m), c_str(cc),
            "%.5f" % la if la is not None else "0",
            "%.5f" % lo if lo is not None else "0", u))
    print("};\n")
    print("const size_t places_count = sizeof(places_table) / sizeof(places_table[0]);")


if __name__ == "__main__":
    main()
