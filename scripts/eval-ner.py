#!/usr/bin/env python3
"""Exact span + type F1 of `feedwatch entities` on the shared hand-annotated corpora (../shared/data/ner).

  eval-ner.py [--feedwatch PATH] [--corpus wikigold|wikigold-sentences|btc-g|btc|wnut17-test] ... [--all]
  eval-ner.py --gold FILE.jsonl [--sentences] [--errors]

By default only the parts the tagger did not train on count (as `feedwatch-bench train-ner` splits
them): every fifth document of wikigold and every fifth tweet of each BTC section, from the first;
WNUT17's test set is held out whole. --all scores every document. wikigold-sentences scores the
held-out wikigold documents one sentence at a time (cut after . ! ?), with no document around them.

Each document (wikigold) or tweet (BTC, WNUT17) is rebuilt as its tokens joined by single spaces,
run through `feedwatch entities --jsonl`, and its mentions compared with the gold spans by character
offsets. Types: PERSON/PER, ORGANIZATION/ORG, LOCATION/LOC (WNUT17: person, corporation and group,
location). MISC and feedwatch's other types are left out of both sides.

--gold scores any gold file of JSON lines {"id", "text", "entities": [{"start", "end", "type"}]} (offsets
in Unicode scalars, types PER/ORG/LOC/MISC or PERSON/ORGANIZATION/LOCATION): your own annotated
news, say. --sentences scores it one sentence at a time (cut after . ! ? and a space or line break),
with no document around each; --errors prints what was missed and what was found wrongly."""
import argparse, json, subprocess, sys
from collections import Counter

NER = "../shared/data/ner"
TYPES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "person": "PER", "location": "LOC", "corporation": "ORG", "group": "ORG",
         "PERSON": "PER", "ORGANIZATION": "ORG", "LOCATION": "LOC"}
FEEDWATCH_TYPES = {"PERSON": "PER", "ORGANIZATION": "ORG", "LOCATION": "LOC"}

def documents(path, separator):
    """Yields (tokens, labels) per document: wikigold splits on -DOCSTART-, the others on blank lines
    ("sentences": wikigold on blank lines too, one text per sentence)."""
    tokens, labels = [], []
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.rstrip("\n")
        if line.startswith("-DOCSTART-") or (separator in ("blank", "sentences") and not line.strip()):
            if tokens: yield tokens, labels
            tokens, labels = [], []
            continue
        if not line.strip(): continue
        parts = line.split("\t") if "\t" in line else line.split(" ")
        if len(parts) < 2: continue
        tokens.append(parts[0]); labels.append(parts[-1])
    if tokens: yield tokens, labels

def gold_spans(tokens, labels):
    """Character spans (start, end, type); IO tags (wikigold) join runs of the same type, BIO starts at B."""
    spans, offset, current = [], 0, None
    for token, label in zip(tokens, labels):
        start, end = offset, offset + len(token)
        offset = end + 1
        prefix, _, kind = label.partition("-")
        kind = TYPES.get(kind)
        if label == "O" or kind is None:
            if current: spans.append(tuple(current)); current = None
            continue
        if current and current[2] == kind and prefix != "B":
            current[1] = end
        else:
            if current: spans.append(tuple(current))
            current = [start, end, kind]
    if current: spans.append(tuple(current))
    return set(spans)

def corpus_files(name):
    return {"wikigold": [(f"{NER}/wikigold/wikigold.conll", "docstart")],
            "btc-g": [(f"{NER}/btc/g.conll", "blank")],
            "btc": [(f"{NER}/btc/{s}.conll", "blank") for s in "abefgh"],
            "wnut17-test": [(f"{NER}/wnut17/test.conll", "blank")]}[name]

def held_out_sentences(path):
    """The sentences of wikigold's held-out documents, one text each."""
    for i, (tokens, labels) in enumerate(documents(path, "docstart")):
        if i % 5: continue
        sentence_tokens, sentence_labels = [], []
        for token, label in zip(tokens + [None], labels + [None]):
            if token is None or (token in (".", "!", "?") and sentence_tokens):
                if token is not None: sentence_tokens.append(token); sentence_labels.append(label)
                if sentence_tokens: yield sentence_tokens, sentence_labels
                sentence_tokens, sentence_labels = [], []
                continue
            sentence_tokens.append(token); sentence_labels.append(label)

def evaluate(feedwatch, name, held_out_only):
    if name == "wikigold-sentences":
        docs = list(held_out_sentences(f"{NER}/wikigold/wikigold.conll"))
    else:
        docs = [d for path, separator in corpus_files(name)
                for i, d in enumerate(documents(path, separator)) if not held_out_only or name == "wnut17-test" or i % 5 == 0]
    lines = "".join(json.dumps({"id": str(i), "content": " ".join(tokens)}) + "\n" for i, (tokens, _) in enumerate(docs))
    output = subprocess.run([feedwatch, "entities", "--jsonl", "-"], input=lines, capture_output=True, text=True, check=True).stdout
    predicted = {}
    for line in output.splitlines():
        result = json.loads(line)
        predicted[result["id"]] = {(e["start"], e["end"], FEEDWATCH_TYPES[e["type"]]) for e in result.get("entities", [])
                                   if e["type"] in FEEDWATCH_TYPES}
    counts = Counter()
    for i, (tokens, labels) in enumerate(docs):
        gold, guess = gold_spans(tokens, labels), predicted.get(str(i), set())
        for kind in ("PER", "ORG", "LOC"):
            g = {s for s in gold if s[2] == kind}; p = {s for s in guess if s[2] == kind}
            counts[kind, "tp"] += len(g & p); counts[kind, "fp"] += len(p - g); counts[kind, "fn"] += len(g - p)
    report(name, len(docs), counts)

def run_feedwatch(feedwatch, texts):
    lines = "".join(json.dumps({"id": str(i), "content": text}) + "\n" for i, text in enumerate(texts))
    output = subprocess.run([feedwatch, "entities", "--jsonl", "-"], input=lines, capture_output=True, text=True, check=True).stdout
    predicted = {}
    for line in output.splitlines():
        result = json.loads(line)
        predicted[int(result["id"])] = {(e["start"], e["end"], FEEDWATCH_TYPES[e["type"]]) for e in result.get("entities", [])
                                        if e["type"] in FEEDWATCH_TYPES}
    return [predicted.get(i, set()) for i in range(len(texts))]

def split_sentences(text, entities):
    """(sentence, its entities with offsets into it) for each sentence; an entity across a cut goes."""
    import re
    # No cut after an initial (J.), an initialism (U.S.) or an abbreviation before a name (Gen.).
    keep = re.compile(r"(\b[A-Z]|\b\w+\.\w+|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Lt|Col|Maj|Brig|Adm|Gov|Sen|Rep|Rev|Prof|Sgt|Capt|No|Jan|Feb|Aug|Sept|Oct|Nov|Dec))\.$")
    cuts = [0] + [m.end() for m in re.finditer(r"[.!?](?=[ \n])|\n", text) if not keep.search(text[max(0, m.end() - 12):m.end()])] + [len(text)]
    for start, end in zip(cuts, cuts[1:]):
        sentence = text[start:end]
        lead = len(sentence) - len(sentence.lstrip())
        sentence = sentence.strip()
        if not sentence: continue
        offset = start + lead
        yield sentence, {(s - offset, e - offset, k) for s, e, k in entities if s >= offset and e <= offset + len(sentence)}

def evaluate_gold(feedwatch, path, sentences, show_errors):
    documents = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    texts, golds = [], []
    for document in documents:
        entities = {(e["start"], e["end"], TYPES[e["type"]]) for e in document["entities"] if e["type"] in TYPES}
        pieces = list(split_sentences(document["text"], entities)) if sentences else [(document["text"], entities)]
        for text, gold in pieces: texts.append(text); golds.append(gold)
    counts = Counter()
    for text, gold, guess in zip(texts, golds, run_feedwatch(feedwatch, texts)):
        for kind in ("PER", "ORG", "LOC"):
            g = {s for s in gold if s[2] == kind}; p = {s for s in guess if s[2] == kind}
            counts[kind, "tp"] += len(g & p); counts[kind, "fp"] += len(p - g); counts[kind, "fn"] += len(g - p)
        if show_errors and gold != guess:
            print("missed:", sorted(f"{text[s:e]}/{k}" for s, e, k in gold - guess))
            print("  wrong:", sorted(f"{text[s:e]}/{k}" for s, e, k in guess - gold))
    report(f"{path}{' by sentence' if sentences else ''}", len(texts), counts)

def report(name, count, counts):
    def f1(tp, fp, fn):
        precision = tp / (tp + fp) if tp + fp else 0; recall = tp / (tp + fn) if tp + fn else 0
        return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0)
    total = [sum(counts[k, c] for k in ("PER", "ORG", "LOC")) for c in ("tp", "fp", "fn")]
    parts = [f"{kind} {f1(counts[kind, 'tp'], counts[kind, 'fp'], counts[kind, 'fn'])[2]:.3f}" for kind in ("PER", "ORG", "LOC")]
    p, r, f = f1(*total)
    print(f"{name:12} {count:6} docs  P {p:.3f}  R {r:.3f}  F1 {f:.3f}   ({', '.join(parts)})")

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--feedwatch", default=".build/release/feedwatch")
    parser.add_argument("--corpus", action="append")
    parser.add_argument("--all", action="store_true", help="score training documents too")
    parser.add_argument("--gold", help="a JSON-lines gold file of your own")
    parser.add_argument("--sentences", action="store_true", help="with --gold: one sentence at a time")
    parser.add_argument("--errors", action="store_true", help="with --gold: print the errors")
    args = parser.parse_args()
    if args.gold:
        evaluate_gold(args.feedwatch, args.gold, args.sentences, args.errors)
        sys.exit(0)
    for name in args.corpus or ["wikigold", "wikigold-sentences", "btc-g", "btc", "wnut17-test"]:
        evaluate(args.feedwatch, name, not args.all)
