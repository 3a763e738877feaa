#!/usr/bin/env python3
"""Check one corpus part file (data/parts/*.csv) written by a corpus writer.

usage: python3 data/tools/check_part.py data/parts/FILE.csv
Checks the columns, the vocabularies, lengths, openings and near-duplicates, and prints counts.
"""
import csv, sys, collections, statistics, re

LABELS = {"supportive", "sceptical", "opposed"}
GROUPS = set("""kenya_government kenya_opposition kenya_judiciary kenya_parliament kenya_civil_society kenya_police
haiti_government haiti_civil_society haiti_gangs haiti_public diaspora us_government un caricom other_government
international_ngo analyst_media other""".split())
REGISTERS = set("""official_speech press_release news_report interview parliamentary_debate court_ruling op_ed
social_media street_interview radio_call_in ngo_release""".split())
LANGS = {"en", "fr", "ht", "es", "sw", "en-sw"}
PERIODS = {"2023H2", "2024H1", "2024H2", "2025H1", "2025H2"}
TAGS = {"negation", "conditional", "sarcasm", "reported_speech", "implicit", "hedged", "mixed"}
COLUMNS = ["text", "label", "stakeholder_group", "register", "language", "period", "tags"]

def shingles(text, n=5):
    t = re.sub(r"\s+", " ", text.lower())
    return {t[i:i + n] for i in range(max(1, len(t) - n + 1))}

def main(path):
    rows = list(csv.DictReader(open(path, encoding="utf-8", newline="")))
    problems = []
    if not rows:
        sys.exit("no rows")
    if list(rows[0].keys()) != COLUMNS:
        problems.append(f"columns are {list(rows[0].keys())}, expected {COLUMNS}")
    for i, r in enumerate(rows, start=2):
        if r["label"] not in LABELS: problems.append(f"line {i}: label {r['label']!r}")
        if r["stakeholder_group"] not in GROUPS: problems.append(f"line {i}: group {r['stakeholder_group']!r}")
        if r["register"] not in REGISTERS: problems.append(f"line {i}: register {r['register']!r}")
        if r["language"] not in LANGS: problems.append(f"line {i}: language {r['language']!r}")
        if r["period"] not in PERIODS: problems.append(f"line {i}: period {r['period']!r}")
        tags = [t for t in r["tags"].split(";") if t]
        if any(t not in TAGS for t in tags): problems.append(f"line {i}: tags {r['tags']!r}")
        n = len(r["text"].split())
        if n < 8 or n > 100: problems.append(f"line {i}: {n} words")
    openings = collections.Counter(" ".join(r["text"].lower().split()[:4]) for r in rows)
    for o, c in openings.most_common():
        if c > 3: problems.append(f"opening {o!r} used {c} times (max 3 per part)")
    sh = [shingles(r["text"]) for r in rows]
    for a in range(len(rows)):
        for b in range(a + 1, len(rows)):
            j = len(sh[a] & sh[b]) / len(sh[a] | sh[b])
            if j >= 0.5: problems.append(f"near-duplicate (Jaccard {j:.2f}): lines {a+2} and {b+2}")
    words = [len(r["text"].split()) for r in rows]
    print(f"{len(rows)} rows; median {statistics.median(words)} words, max {max(words)}")
    for col in ["label", "stakeholder_group", "register", "language", "period"]:
        print(col, dict(collections.Counter(r[col] for r in rows)))
    print("by language x label", dict(collections.Counter((r["language"], r["label"]) for r in rows)))
    print("tagged rows", sum(1 for r in rows if r["tags"]))
    print(f"{len(problems)} problems")
    for p in problems[:60]: print("  " + p)

if __name__ == "__main__":
    main(sys.argv[1])
