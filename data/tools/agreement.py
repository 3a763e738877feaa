#!/usr/bin/env python3
"""Agreement between the corpus labels and the independent second labellings.

usage: python3 data/tools/agreement.py
data/second_labels.csv covers rows of the first pass, data/second_labels_round2.csv rows of the contrastive rounds.
Prints, for each file and for both together: n, raw agreement, Cohen's kappa, the second labeller's macro-F1 against
the corpus, and the confusion matrix.
"""
import csv, os, collections

DATA = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABELS = ["supportive", "sceptical", "opposed"]
gold = {r["id"]: r["label"] for r in csv.DictReader(open(os.path.join(DATA, "statements.csv"), encoding="utf-8"))}

def report(title, second):
    ids = [i for i in second if i in gold]
    n = len(ids)
    agree = sum(gold[i] == second[i] for i in ids) / n
    pa = collections.Counter(gold[i] for i in ids)
    pb = collections.Counter(second[i] for i in ids)
    expected = sum(pa[l] * pb[l] for l in LABELS) / (n * n)
    kappa = (agree - expected) / (1 - expected)
    f1s = []
    for l in LABELS:
        tp = sum(gold[i] == l and second[i] == l for i in ids)
        p = tp / pb[l] if pb[l] else 0
        r = tp / pa[l] if pa[l] else 0
        f1s.append(2 * p * r / (p + r) if p + r else 0)
    print(f"{title}: n={n} (of {len(second)} labelled; {len(second) - n} dropped from the corpus since)")
    print(f"raw agreement {agree:.3f}, Cohen's kappa {kappa:.3f}, macro-F1 {sum(f1s) / 3:.3f}")
    cm = collections.Counter((gold[i], second[i]) for i in ids)
    print("rows: corpus label; columns: second labeller")
    print(" " * 11 + "".join(f"{l:>12}" for l in LABELS))
    for g in LABELS:
        print(f"{g:>11}" + "".join(f"{cm[(g, s)]:>12}" for s in LABELS))

def read(name):
    path = os.path.join(DATA, name)
    if not os.path.exists(path):
        return {}
    return {r["id"]: r["label"].strip() for r in csv.DictReader(open(path, encoding="utf-8"))}

first, second_round = read("second_labels.csv"), read("second_labels_round2.csv")
report("first pass", first)
if second_round:
    print()
    report("contrastive rounds", second_round)
    print()
    report("both", {**first, **second_round})
