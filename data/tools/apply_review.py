#!/usr/bin/env python3
"""Apply the final label-review pass (data/review/chunk*.csv) to data/statements.csv, in place.

usage: python3 data/tools/apply_review.py
proposed_label `drop` removes the row; another label replaces the current one; the same label with a reason marks a
factual slip, fixed by the text edits listed in TEXT_FIXES. Ids are never reassigned. Running it twice changes nothing.
"""
import csv, glob, os

DATA = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEXT_FIXES = {
    "s2124": ("more than a year ago", "almost a year ago"),
    "s3033": ("For more than a year", "For almost a year"),
    "s1804": ("signed with a prime minister who no longer held office", "signed with a prime minister who had no electoral mandate"),
}

def main():
    path = os.path.join(DATA, "statements.csv")
    rows = list(csv.DictReader(open(path, encoding="utf-8", newline="")))
    fields = list(rows[0].keys())
    review = {}
    for part in sorted(glob.glob(os.path.join(DATA, "review", "chunk*.csv"))):
        for r in csv.DictReader(open(part, encoding="utf-8", newline="")):
            review[r["id"]] = r["proposed_label"].strip()
    dropped = relabelled = fixed = 0
    out = []
    for r in rows:
        decision = review.get(r["id"])
        if decision == "drop":
            dropped += 1
            continue
        if decision and decision != r["label"]:
            r["label"] = decision
            relabelled += 1
        if r["id"] in TEXT_FIXES:
            old, new = TEXT_FIXES[r["id"]]
            if old in r["text"]:
                r["text"] = r["text"].replace(old, new)
                fixed += 1
        out.append(r)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(out)
    print(f"{len(review)} review decisions: dropped {dropped}, relabelled {relabelled}, text fixes {fixed}; {len(out)} rows remain")

if __name__ == "__main__":
    main()
