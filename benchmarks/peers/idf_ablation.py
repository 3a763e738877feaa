"""IDF ablation: scikit-learn LinearSVC on the corpus's train split, with and without inverse document frequency.

Run from the repository root with Debian's interpreter (benchmarks/peers/run.sh installs python3-sklearn):
    /usr/bin/python3 benchmarks/peers/idf_ablation.py [--realdev ../shared/realdev/real_dev.csv]
Prints test-split macro-F1 (and real-dev macro-F1 when the file is given: evaluation only, nothing is fitted on it)
for word 1-2 + char_wb n-grams, sublinear TF, one L2-normalised block each, LinearSVC C = 3 (the C the peers' grid
search chose), changing one thing at a time.
"""
import argparse
import csv
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import f1_score
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC


def read(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/statements.csv")
    parser.add_argument("--realdev")
    args = parser.parse_args()
    rows = read(args.data)
    train = [r for r in rows if r["split"] == "train"]
    test = [r for r in rows if r["split"] == "test"]
    realdev = read(args.realdev) if args.realdev else []
    print(f"train {len(train)}, test {len(test)}, real dev {len(realdev)}")
    for chars, idf in [((3, 5), True), ((3, 5), False), ((5, 5), True), ((5, 5), False)]:
        started = time.time()
        blocks = [
            ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode", use_idf=idf)),
            ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=chars, sublinear_tf=True, strip_accents="unicode", use_idf=idf)),
        ]
        model = Pipeline([("features", FeatureUnion(blocks)), ("svm", LinearSVC(C=3))])
        model.fit([r["text"] for r in train], [r["label"] for r in train])
        test_f1 = f1_score([r["label"] for r in test], model.predict([r["text"] for r in test]), average="macro")
        line = f"char {chars[0]}-{chars[1]}, {'IDF   ' if idf else 'no IDF'}: test macro-F1 {test_f1:.3f}"
        if realdev:
            dev_f1 = f1_score([r["label"] for r in realdev], model.predict([r["text"] for r in realdev]), average="macro")
            line += f", real dev macro-F1 {dev_f1:.3f}"
        print(f"{line} ({time.time() - started:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
