#!/usr/bin/env python3
"""Assemble data/statements.csv from the writers' part files (data/parts/*.csv).

usage: python3 data/tools/build_corpus.py
Drops exact and near-duplicates (character 5-gram Jaccard >= 0.7), reports four-word openings shared by more than 1% of
rows, assigns ids, and a stratified (label x stakeholder group) 80/20 train/test split with seed 20261128 in which
statements that look alike (Jaccard >= 0.4) always fall on the same side.
"""
import csv, glob, os, random, re, collections

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)

def shingles(text, n=5):
    t = re.sub(r"\s+", " ", text.lower()).strip()
    return {t[i:i + n] for i in range(max(1, len(t) - n + 1))}

def jaccard(a, b):
    return len(a & b) / len(a | b)

def main():
    rows = []
    for path in sorted(glob.glob(os.path.join(DATA, "parts", "*.csv"))):
        for r in csv.DictReader(open(path, encoding="utf-8", newline="")):
            r = {k: (v or "").strip() for k, v in r.items()}
            r["text"] = re.sub(r"[ \t]+", " ", r["text"])
            r["part"] = os.path.basename(path)[:-4]
            rows.append(r)
    print(f"{len(rows)} rows from parts")

    # Candidate pairs through an inverted index of rare shingles, then exact Jaccard.
    sh = [shingles(r["text"]) for r in rows]
    index = collections.defaultdict(list)
    for i, s in enumerate(sh):
        for g in s:
            index[g].append(i)
    pairs = {}
    for i, s in enumerate(sh):
        counts = collections.Counter()
        for g in s:
            post = index[g]
            if len(post) > 200:
                continue
            for j in post:
                if j > i:
                    counts[j] += 1
        for j, c in counts.items():
            if c >= 0.3 * min(len(s), len(sh[j])):
                jac = jaccard(s, sh[j])
                if jac >= 0.4:
                    pairs[(i, j)] = jac

    dropped = set()
    for (i, j), jac in sorted(pairs.items()):
        if jac >= 0.7 and i not in dropped and j not in dropped:
            dropped.add(j)
    print(f"dropped {len(dropped)} near-duplicates (Jaccard >= 0.7)")
    keep = [i for i in range(len(rows)) if i not in dropped]

    # Clusters of look-alikes (>= 0.4) stay on one side of the split.
    parent = list(range(len(rows)))
    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for (i, j), jac in pairs.items():
        if i not in dropped and j not in dropped:
            parent[find(i)] = find(j)

    rng = random.Random(20261128)
    order = keep[:]
    rng.shuffle(order)
    clusters = collections.defaultdict(list)
    for i in order:
        clusters[find(i)].append(i)
    # Stratify by label x group: walk clusters in random order and send each to test while its stratum is under 20%.
    strata_total = collections.Counter((rows[i]["label"], rows[i]["stakeholder_group"]) for i in keep)
    strata_test = collections.Counter()
    split = {}
    cluster_list = list(clusters.values())
    rng.shuffle(cluster_list)
    for members in cluster_list:
        key = (rows[members[0]]["label"], rows[members[0]]["stakeholder_group"])
        want = strata_test[key] + len(members) <= round(0.2 * strata_total[key])
        for i in members:
            split[i] = "test" if want else "train"
            if want:
                strata_test[(rows[i]["label"], rows[i]["stakeholder_group"])] += 1

    out = os.path.join(DATA, "statements.csv")
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "text", "label", "stakeholder_group", "register", "language", "period", "tags", "split"])
        for n, i in enumerate(order, start=1):
            r = rows[i]
            w.writerow([f"s{n:04d}", r["text"], r["label"], r["stakeholder_group"], r["register"], r["language"], r["period"], r["tags"], split[i]])
    print(f"wrote {out}: {len(order)} rows, test {sum(1 for i in order if split[i] == 'test')}")

    openings = collections.Counter(" ".join(rows[i]["text"].lower().split()[:4]) for i in keep)
    limit = 0.01 * len(keep)
    for o, c in openings.most_common(5):
        print(f"opening {o!r}: {c}{'  OVER 1%' if c > limit else ''}")
    cross = [(i, j, jac) for (i, j), jac in pairs.items() if i in split and j in split and split[i] != split[j]]
    print(f"train/test pairs with Jaccard >= 0.4: {len(cross)}")

if __name__ == "__main__":
    main()
