#!/usr/bin/env python3
"""Writes Sources/EntityCore/Tagger/WordClusterData.swift: Brown clusters and word frequencies for
the entity tagger, from the English tables of spacy-lookups-data (MIT licence, Explosion AI;
https://github.com/explosion/spacy-lookups-data): `en_lexeme_cluster` (1,000 Brown clusters over
1 M case-sensitive word forms) and `en_lexeme_prob` (each form's log probability).

A word's cluster says what kind of word it is from the company it keeps in a large corpus ("Yeltsin"
sits with other surnames, "Leeds" with clubs and towns), which the few hundred thousand annotated
tokens the tagger trains on cannot teach; the probabilities tell a common word from a name
("Police" starting a headline is the word police).

  make-word-clusters.py [--wheel PATH] [--out PATH]

Without --wheel, `pip download spacy-lookups-data==1.0.5` fetches the package into .build/.

The table holds every word form with a cluster, and every other form more frequent than e^-18.
Binary form (little-endian), base64 in the Swift file: "FWWC", version 2, the count of cluster
paths, the paths (UInt32, with a leading 1 bit before the path's bits), the entry count, then three
UInt8 widths: RICE (the Rice parameter), INDEX and RARITY bits. Then a bit stream, each byte's low
bit first. Entries are sorted by the top 32 bits of the form's FNV-1a hash (as FeatureHasher.hash
computes it over the UTF-8); per entry, the hash's distance from the one before (from 0 for the
first) as a Rice code (the quotient >> RICE in ones, a zero, then the low RICE bits), the cluster
path's index + 1 (INDEX bits, 0 for none) and the log probability as -2 x logp (RARITY bits).
Sorted keys a few thousand apart cost about 16 bits each this way instead of 32, which keeps the
Swift file under 2 MB. The same input always gives the same file."""
import argparse, base64, glob, gzip, json, os, struct, subprocess, sys

VERSION = "1.0.5"

def fnv(data: bytes) -> int:
    value = 0xCBF29CE484222325
    for byte in bytes([0]) + data:  # template 0, then the bytes (FeatureHasher.hash(bytes))
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return value

class BitWriter:
    """A bit stream, each byte filled from its low bit."""
    def __init__(self):
        self.bytes, self.pending, self.count = bytearray(), 0, 0

    def write(self, value, width):
        self.pending |= value << self.count
        self.count += width
        while self.count >= 8:
            self.bytes.append(self.pending & 0xFF)
            self.pending >>= 8
            self.count -= 8

    def ones(self, count):
        self.write((1 << count) - 1, count)

    def finish(self):
        return bytes(self.bytes) + (bytes([self.pending]) if self.count else b"")

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--wheel")
    parser.add_argument("--out", default="Sources/EntityCore/Tagger/WordClusterData.swift")
    args = parser.parse_args()
    wheel = args.wheel
    if not wheel:
        os.makedirs(".build/wheels", exist_ok=True)
        found = glob.glob(f".build/wheels/spacy_lookups_data-{VERSION}-*.whl")
        if not found:
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", ".build/wheels",
                            f"spacy-lookups-data=={VERSION}"], check=True)
            found = glob.glob(f".build/wheels/spacy_lookups_data-{VERSION}-*.whl")
        wheel = found[0]
    import zipfile
    with zipfile.ZipFile(wheel) as archive:
        clusters = json.load(gzip.open(archive.open("spacy_lookups_data/data/en_lexeme_cluster.json.gz")))
        probs = json.load(gzip.open(archive.open("spacy_lookups_data/data/en_lexeme_prob.json.gz")))

    paths = sorted({value for value in clusters.values() if value > 1})
    path_index = {path: index + 1 for index, path in enumerate(paths)}
    entries = {}
    for word in set(clusters) | set(probs):
        cluster = path_index.get(clusters.get(word, 0), 0)
        prob = probs.get(word, -20.0)
        if cluster == 0 and prob <= -18:
            continue
        key = fnv(word.encode("utf-8")) >> 32
        quantised = max(0, min(255, round(-2 * prob)))
        # Two forms with the same 32-bit key: keep the more frequent.
        if key not in entries or entries[key][1] > quantised:
            entries[key] = (cluster, quantised)
    keys = sorted(entries)
    index_bits = len(paths).bit_length()
    rarity_bits = max(quantised for _, quantised in entries.values()).bit_length()
    # The Rice parameter that gives the fewest bits for these distances.
    distances = [key - before for key, before in zip(keys, [0] + keys[:-1])]
    rice = min(range(1, 24), key=lambda k: sum((d >> k) + 1 + k for d in distances))
    blob = bytearray(b"FWWC") + struct.pack("<II", 2, len(paths))
    for path in paths:
        blob += struct.pack("<I", path)
    blob += struct.pack("<IBBB", len(entries), rice, index_bits, rarity_bits)
    bits = BitWriter()
    for key, distance in zip(keys, distances):
        cluster, quantised = entries[key]
        bits.ones(distance >> rice)
        bits.write(0, 1)
        bits.write(distance & ((1 << rice) - 1), rice)
        bits.write(cluster, index_bits)
        bits.write(quantised, rarity_bits)
    blob += bits.finish()
    encoded = base64.b64encode(bytes(blob)).decode("ascii")
    with open(args.out, "w") as out:
        out.write("// Generated by scripts/make-word-clusters.py from spacy-lookups-data " + VERSION + " (MIT licence,\n")
        out.write("// Explosion AI): Brown clusters and word probabilities of English word forms. Do not edit by hand.\n")
        out.write(f'let builtInWordClustersBase64 = "{encoded}"\n')
    print(f"{len(paths)} cluster paths, {len(entries)} word forms, {len(blob)} bytes -> {args.out}")

if __name__ == "__main__":
    main()
