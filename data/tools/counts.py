#!/usr/bin/env python3
"""Print the corpus counts of data/DATASHEET.md as markdown tables.

usage: python3 data/tools/counts.py
"""
import csv, os, collections, statistics

DATA = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rows = list(csv.DictReader(open(os.path.join(DATA, "statements.csv"), encoding="utf-8")))
LABELS = ["supportive", "sceptical", "opposed"]

def table(column, title):
    counts = collections.Counter((r[column], r["label"]) for r in rows)
    keys = sorted({r[column] for r in rows}, key=lambda k: -sum(counts[(k, l)] for l in LABELS))
    print(f"\n| {title} | rows | supportive | sceptical | opposed |\n|---|---:|---:|---:|---:|")
    for k in keys:
        print(f"| {k} | {sum(counts[(k, l)] for l in LABELS)} | " + " | ".join(str(counts[(k, l)]) for l in LABELS) + " |")

words = [len(r["text"].split()) for r in rows]
print(f"{len(rows)} statements; " + ", ".join(f"{l} {sum(r['label'] == l for r in rows)}" for l in LABELS)
      + f"; split train {sum(r['split'] == 'train' for r in rows)} / test {sum(r['split'] == 'test' for r in rows)}; "
      + f"words: median {statistics.median(words):.0f}, max {max(words)}; "
      + f"non-English {sum(r['language'] != 'en' for r in rows) / len(rows):.1%}; "
      + f"with a hard-case tag {sum(bool(set(r['tags'].split(';')) - {'', 'reported_speech'}) for r in rows) / len(rows):.1%}")
table("label", "label")
table("stakeholder_group", "stakeholder group")
table("register", "register")
table("language", "language")
table("period", "period")
tags = collections.Counter(t for r in rows for t in r["tags"].split(";") if t)
print("\n| tag | rows |\n|---|---:|")
for t, c in tags.most_common():
    print(f"| {t} | {c} |")
