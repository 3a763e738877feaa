#!/usr/bin/env python3
"""Append new part files (written after the first build) to data/statements.csv.

usage: python3 data/tools/add_parts.py data/parts/c1_kenya.csv [...]
Ids continue after the highest existing one. Rows that are near-duplicates (character 5-gram Jaccard >= 0.7) of any row
already in the corpus are dropped. The contrastive parts hold sets of three consecutive rows about one situation: a set
goes to test or train as a whole (20% of sets to test, seeded), and so do rows that look like (Jaccard >= 0.4) a row on
the other side.
"""
import csv, os, random, sys, collections, re

DATA = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

def shingles(text, n=5):
    t = re.sub(r"\s+", " ", text.lower()).strip()
    return {t[i:i + n] for i in range(max(1, len(t) - n + 1))}

def main(paths):
    path = os.path.join(DATA, "statements.csv")
    rows = list(csv.DictReader(open(path, encoding="utf-8", newline="")))
    fields = list(rows[0].keys())
    existing = [shingles(r["text"]) for r in rows]
    index = collections.defaultdict(list)
    for i, s in enumerate(existing):
        for g in s:
            index[g].append(i)
    next_id = max(int(r["id"][1:]) for r in rows) + 1
    rng = random.Random(20261129)
    added = dropped = moved = 0
    for part in paths:
        new = list(csv.DictReader(open(part, encoding="utf-8", newline="")))
        sets = [new[k:k + 3] for k in range(0, len(new), 3)]
        rng.shuffle(sets)
        test_sets = set(range(round(0.2 * len(sets))))
        for n, members in enumerate(sets):
            side = "test" if n in test_sets else "train"
            kept = []
            for r in members:
                s = shingles(r["text"])
                counts = collections.Counter(j for g in s for j in index.get(g, ()) if len(index[g]) < 300)
                near = [(j, len(s & existing[j]) / len(s | existing[j])) for j, c in counts.items() if c >= 0.3 * len(s)]
                if any(jac >= 0.7 for _, jac in near):
                    dropped += 1
                    continue
                kept.append((r, s, near))
            # A look-alike on the other side pulls the whole set to that side.
            for _, _, near in kept:
                for j, jac in near:
                    if jac >= 0.4 and rows[j]["split"] != side:
                        side = rows[j]["split"]
                        moved += 1
            for r, s, _ in kept:
                row = {k: (r.get(k) or "").strip() for k in fields}
                row["text"] = re.sub(r"[ \t]+", " ", row["text"])
                row["id"] = f"s{next_id:04d}"
                row["split"] = side
                next_id += 1
                rows.append(row)
                existing.append(s)
                for g in s:
                    index[g].append(len(rows) - 1)
                added += 1
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)
    print(f"added {added}, dropped {dropped} near-duplicates, {moved} sets moved to their look-alike's side; {len(rows)} rows")

if __name__ == "__main__":
    main(sys.argv[1:])
