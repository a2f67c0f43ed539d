#!/usr/bin/env python3
"""Real inputs for `feedwatch-bench match --corpus … --phrases …`, from the shared data:
  - articles.jsonl: the sentences of ../shared/data/ner's corpora (wikigold: Wikipedia; btc: news and
    social media), as one article per document (wikigold) or per 20 sentences;
  - phrases.txt: the gazetteer's names, aliases and demonyms, then the corpora's own gold entity
    names (the phrases real watch-lists are made of: countries, cities, people, organisations).
    Real phrases share words with the text, which made-up ones never do.
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
seen, unique = set(), []
for phrase in phrases:
    key = phrase.lower()
    if key not in seen and re.search(r"[A-Za-z]", phrase):
        seen.add(key); unique.append(phrase)

with open(os.path.join(out, "articles.jsonl"), "w") as f:
    for index, text in enumerate(articles): f.write(json.dumps({"id": str(index), "content": text}) + "\n")
with open(os.path.join(out, "phrases.txt"), "w") as f:
    f.write("\n".join(unique) + "\n")
print(f"{len(articles)} articles, {len(unique)} phrases in {out}")
