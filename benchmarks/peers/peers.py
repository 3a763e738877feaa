#!/usr/bin/python3
"""Peers of StanceKit on the corpus's own train/test split: scikit-learn and fastText.

  peers.py measure --data data/statements.csv --out DIR   # writes DIR/sklearn-lr.json, sklearn-svm.json, fasttext.json
  peers.py table --data data/statements.csv --out DIR     # reads every DIR/*.json and prints one markdown table

Every system is trained on split=train only; C (scikit-learn) is chosen by 5-fold CV on train, fastText's settings on a
20% validation slice of train. The test split is used once per system, for the table. Run through run.sh, which uses
Debian's python3 (/usr/bin/python3) with python3-sklearn and python3-fasttext.
"""

import argparse
import csv
import json
import multiprocessing
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

LABELS = ["supportive", "sceptical", "opposed"]
# Filled before the worker pools fork, so that workers inherit the fitted model instead of receiving it pickled.
_WORKER_PREDICT = None


def read_corpus(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    train = [r for r in rows if r["split"] == "train"]
    test = [r for r in rows if r["split"] == "test"]
    return train, test


def read_realdev(path):
    """Real statements for evaluation only (never trained or tuned on): rows with id, text, label; [] when absent."""
    if not path or not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def macro_f1(gold, predicted):
    total = 0.0
    for label in LABELS:
        tp = sum(1 for g, p in zip(gold, predicted) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted) if g == label and p != label)
        total += 0.0 if tp == 0 else 2.0 * tp / (2.0 * tp + fp + fn)
    return total / len(LABELS)


def latency(texts, call, passes):
    """Median and p90 in microseconds of single-statement calls on one thread, after a one-second warm-up."""
    end = time.perf_counter() + 1.0
    while time.perf_counter() < end:
        for t in texts[:200]:
            call(t)
    samples = []
    clock = time.perf_counter_ns
    for _ in range(passes):
        for t in texts:
            start = clock()
            call(t)
            samples.append((clock() - start) / 1000.0)
    samples.sort()
    return samples[len(samples) // 2], samples[int(len(samples) * 0.9)]


def throughput(count, run, repeats):
    """Statements per second over the whole test set: the median of several timed runs after two warm-up runs."""
    run()
    run()
    rates = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        rates.append(count / (time.perf_counter() - start))
    return statistics.median(rates)


def _predict_chunk(chunk):
    return _WORKER_PREDICT(chunk)


def batch_throughput(texts, predict_many, repeats):
    """The better of one call over all statements in this process and the statements split over one process per core."""
    global _WORKER_PREDICT
    single = throughput(len(texts), lambda: predict_many(texts), repeats)
    cores = os.cpu_count() or 1
    if cores < 2:
        return single, "one call over all statements (1 core)"
    _WORKER_PREDICT = predict_many
    size = (len(texts) + cores - 1) // cores
    chunks = [texts[i:i + size] for i in range(0, len(texts), size)]
    with multiprocessing.get_context("fork").Pool(cores) as pool:
        parallel = throughput(len(texts), lambda: pool.map(_predict_chunk, chunks), repeats)
    if parallel >= single:
        return parallel, f"statements split over {cores} forked worker processes (one call in one process: {single:.0f}/s)"
    return single, f"one call over all statements in one process ({cores} forked worker processes: {parallel:.0f}/s)"


def write(out, name, result):
    with open(os.path.join(out, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2, ensure_ascii=False)
    print(f"{result['system']}: macro-F1 {result['macro_f1']:.3f}, latency median {result['latency_median_microseconds']:.1f} µs, "
          f"batch {result['throughput_per_second']:.0f}/s, training {result['train_seconds']:.1f} s", flush=True)


# ---------------------------------------------------------------- scikit-learn

def sklearn_peers(train, test, realdev, out, passes, repeats):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV, StratifiedKFold
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.svm import LinearSVC
    from threadpoolctl import threadpool_limits

    x_train = [r["text"] for r in train]
    y_train = [r["label"] for r in train]
    x_test = [r["text"] for r in test]
    y_test = [r["label"] for r in test]

    def features():
        return FeatureUnion([
            ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, strip_accents="unicode", lowercase=True)),
            ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, strip_accents="unicode", lowercase=True)),
        ])

    peers = [
        ("sklearn-lr", "scikit-learn TF-IDF + LogisticRegression",
         LogisticRegression(max_iter=3000), [3, 10, 30, 100, 300], True),
        ("sklearn-svm", "scikit-learn TF-IDF + LinearSVC",
         LinearSVC(max_iter=5000), [0.1, 0.3, 1, 3, 10], False),
    ]
    for name, system, classifier, grid, has_proba in peers:
        pipeline = Pipeline([("features", features()), ("clf", classifier)])
        search = GridSearchCV(pipeline, {"clf__C": grid}, scoring="f1_macro",
                              cv=StratifiedKFold(5, shuffle=True, random_state=1), n_jobs=-1, refit=False)
        start = time.perf_counter()
        search.fit(x_train, y_train)
        cv_seconds = time.perf_counter() - start
        best_c = search.best_params_["clf__C"]
        cv_scores = {str(c): round(float(s), 4) for c, s in zip(grid, search.cv_results_["mean_test_score"])}
        print(f"{system}: 5-fold CV macro-F1 by C {cv_scores}; best C = {best_c}", flush=True)

        pipeline.set_params(clf__C=best_c)
        start = time.perf_counter()
        pipeline.fit(x_train, y_train)
        train_seconds = time.perf_counter() - start
        predictions = list(pipeline.predict(x_test))

        single = pipeline.predict_proba if has_proba else pipeline.predict
        with threadpool_limits(1):
            median, p90 = latency(x_test, lambda t: single([t]), passes)
        rate, method = batch_throughput(x_test, lambda texts: list(pipeline.predict(texts)), repeats)
        write(out, name, {
            "system": system,
            "config": f"word 1-2 + char_wb 3-5 TF-IDF (sublinear, accents stripped); C = {best_c} by 5-fold CV on train "
                      f"(macro-F1 by C: {cv_scores}; search {cv_seconds:.0f} s)",
            "best_c": best_c,
            "cv_scores": cv_scores,
            "cv_seconds": cv_seconds,
            "macro_f1": macro_f1(y_test, predictions),
            "latency_median_microseconds": median,
            "latency_p90_microseconds": p90,
            "latency_call": "predict_proba([text])" if has_proba else "predict([text])",
            "throughput_per_second": rate,
            "batch_method": method,
            "train_seconds": train_seconds,
            "predictions": {r["id"]: p for r, p in zip(test, predictions)},
            "real_dev_predictions": {r["id"]: p for r, p in zip(realdev, pipeline.predict([r["text"] for r in realdev]) if realdev else [])},
        })


# ---------------------------------------------------------------- fastText

_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def fasttext_text(text):
    """fastText's usual preparation: lower case, punctuation split from words, one line."""
    return " ".join(_TOKEN.findall(text.lower()))


def fasttext_train(rows, path, settings, threads):
    """Trains with the fasttext command-line tool; returns (model path, wall seconds)."""
    data = path + ".train.txt"
    with open(data, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(f"__label__{r['label']} {fasttext_text(r['text'])}\n")
    command = ["fasttext", "supervised", "-input", data, "-output", path, "-thread", str(threads), "-verbose", "0",
               "-seed", "1"] + [str(x) for pair in settings.items() for x in ("-" + pair[0], pair[1])]
    start = time.perf_counter()
    subprocess.run(command, check=True)
    return path + ".bin", time.perf_counter() - start


def fasttext_peer(train, test, realdev, out, passes, repeats):
    import fasttext

    fasttext.FastText.eprint = lambda *args, **kwargs: None  # 0.9.2 warns on every load_model that it returns a FastText object
    work = tempfile.mkdtemp(prefix="stancekit-fasttext-")
    threads = os.cpu_count() or 1
    # Light tuning on a stratified 20% validation slice of train; the test split is not looked at.
    rng = random.Random(1)
    validation_ids = set()
    for label in LABELS:
        members = [r["id"] for r in train if r["label"] == label]
        rng.shuffle(members)
        validation_ids.update(members[:round(len(members) * 0.2)])
    sub_train = [r for r in train if r["id"] not in validation_ids]
    validation = [r for r in train if r["id"] in validation_ids]
    # Coordinate search, kept light: word n-grams and character n-grams first (lr 0.5, 25 epochs), then the epochs and
    # the learning rate of the best of those, one at a time.
    base = {"dim": 100, "bucket": 200000, "loss": "softmax", "lr": 0.5, "epoch": 25}
    tuning = []
    best, best_f1 = None, -1.0

    def evaluate(settings):
        nonlocal best, best_f1
        path, _ = fasttext_train(sub_train, os.path.join(work, f"tune{len(tuning)}"), settings, threads)
        model = fasttext.load_model(path)
        labels, _ = model.predict([fasttext_text(r["text"]) for r in validation])
        f1 = macro_f1([r["label"] for r in validation], [l[0].replace("__label__", "") for l in labels])
        tuning.append((f1, settings))
        if f1 > best_f1:
            best, best_f1 = settings, f1
        os.remove(path)

    for word_ngrams in (1, 2):
        for minn, maxn in ((0, 0), (3, 5)):
            evaluate(dict(base, wordNgrams=word_ngrams, minn=minn, maxn=maxn))
    stage = dict(best)
    for epoch in (10, 50):
        evaluate(dict(stage, epoch=epoch))
    stage = dict(best)
    for lr in (0.25, 1.0):
        evaluate(dict(stage, lr=lr))
    grid = tuning
    print(f"fastText: best validation macro-F1 {best_f1:.3f} with {best}", flush=True)

    path, train_seconds = fasttext_train(train, os.path.join(work, "final"), best, threads)
    model = fasttext.load_model(path)

    def predict_many(texts):
        labels, _ = model.predict([fasttext_text(t) for t in texts])
        return [l[0].replace("__label__", "") for l in labels]

    x_test = [r["text"] for r in test]
    predictions = predict_many(x_test)
    median, p90 = latency(x_test, lambda t: model.predict(fasttext_text(t)), passes)
    rate, method = batch_throughput(x_test, predict_many, repeats)
    flags = " ".join(f"-{k} {v}" for k, v in best.items())
    write(out, "fasttext", {
        "system": "fastText (CLI training, Python bindings for prediction)",
        "config": f"{flags} -thread {threads}; tuned over {len(grid)} settings on a 20% validation slice of train "
                  f"(best validation macro-F1 {best_f1:.3f})",
        "settings": best,
        "tuning": [{"macro_f1": f1, **s} for f1, s in sorted(tuning, key=lambda p: -p[0])],
        "macro_f1": macro_f1([r["label"] for r in test], predictions),
        "latency_median_microseconds": median,
        "latency_p90_microseconds": p90,
        "latency_call": "model.predict(text)",
        "throughput_per_second": rate,
        "batch_method": method,
        "train_seconds": train_seconds,
        "predictions": {r["id"]: p for r, p in zip(test, predictions)},
        "real_dev_predictions": {r["id"]: p for r, p in zip(realdev, predict_many([r["text"] for r in realdev]) if realdev else [])},
    })
    shutil.rmtree(work, ignore_errors=True)


# ---------------------------------------------------------------- table

ORDER = ["stancekit", "mlnet", "sklearn-lr", "sklearn-svm", "fasttext"]


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def bootstrap(gold, ours, theirs, resamples=2000):
    """95% interval of macro-F1(ours) - macro-F1(theirs) by a paired bootstrap over test statements."""
    rng = random.Random(7)
    n = len(gold)
    differences = []
    for _ in range(resamples):
        idx = [rng.randrange(n) for _ in range(n)]
        g = [gold[i] for i in idx]
        differences.append(macro_f1(g, [ours[i] for i in idx]) - macro_f1(g, [theirs[i] for i in idx]))
    differences.sort()
    return differences[int(resamples * 0.025)], differences[int(resamples * 0.975)]


def ratio(theirs, ours, better, worse):
    """StanceKit's standing as a factor: 'N.Nx better' when theirs > ours (for costs: peer cost / StanceKit cost)."""
    if ours <= 0 or theirs <= 0:
        return "n/a"
    return f"{theirs / ours:.1f}x {better}" if theirs >= ours else f"{ours / theirs:.1f}x {worse}"


def table(data, out, realdev):
    _, test = read_corpus(data)
    gold = {r["id"]: r["label"] for r in test}
    ids = sorted(gold)
    results = {}
    for name in ORDER:
        path = os.path.join(out, name + ".json")
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                results[name] = json.load(f)
    missing = [n for n in ORDER if n not in results]
    for name, r in results.items():
        if sorted(r["predictions"]) != ids:
            sys.exit(f"{name}: predictions do not cover exactly the {len(ids)} test statements")
    g = [gold[i] for i in ids]
    preds = {n: [r["predictions"][i] for i in ids] for n, r in results.items()}
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0, 0, 0)
    real_gold = {r["id"]: r["label"] for r in realdev}
    has_real = bool(real_gold) and all(sorted(r.get("real_dev_predictions", {})) == sorted(real_gold) for r in results.values())
    real_ids = sorted(real_gold)
    lines = [
        f"Machine: {os.cpu_count()} cores (nproc), {cpu_model()}; {platform.system()} {platform.release()}; "
        f"load average at table time {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1/5/15 min). "
        "The machine may be shared with other jobs, so timings are indicative.",
        f"Corpus: {len(ids)} test statements (split=test); every system trained on split=train only.",
        "",
        "| system | test macro-F1 | per-item latency, median µs (p90), 1 thread | batch throughput, statements/s | training time, s |"
        + (f" real dev macro-F1 (n={len(real_ids)}) |" if has_real else ""),
        "| --- | ---: | ---: | ---: | ---: |" + (" ---: |" if has_real else ""),
    ]
    for name, r in results.items():
        f1 = macro_f1(g, preds[name])
        lines.append(f"| {r['system']} | {f1:.3f} | {r['latency_median_microseconds']:.1f} ({r['latency_p90_microseconds']:.0f}) "
                     f"| {r['throughput_per_second']:,.0f} | {r['train_seconds']:.1f} |"
                     + (f" {macro_f1([real_gold[i] for i in real_ids], [r['real_dev_predictions'][i] for i in real_ids]):.3f} |" if has_real else ""))
    lines.append("")
    for name, r in results.items():
        lines.append(f"- **{r['system']}**: {r['config']}. Batch: {r['batch_method']}.")
    if "stancekit" in results:
        ours = results["stancekit"]
        lines.append("")
        lines.append("StanceKit against each peer (macro-F1 difference with a paired bootstrap 95% interval over the test statements; speed ratios):")
        lines.append("")
        for name, r in results.items():
            if name == "stancekit":
                continue
            low, high = bootstrap(g, preds["stancekit"], preds[name])
            diff = macro_f1(g, preds["stancekit"]) - macro_f1(g, preds[name])
            lines.append(
                f"- vs {r['system']}: macro-F1 {diff:+.3f} [{low:+.3f}, {high:+.3f}]; "
                f"per-item latency {ratio(r['latency_median_microseconds'], ours['latency_median_microseconds'], 'faster', 'slower')}; "
                f"batch throughput {ratio(ours['throughput_per_second'], r['throughput_per_second'], 'higher', 'lower')}; "
                f"training {ratio(r['train_seconds'], ours['train_seconds'], 'shorter', 'longer')}")
    if has_real:
        lines.append("")
        lines.append(f"Real dev: {len(real_ids)} real published statements (the project's evaluation-only set), scored after training; "
                     "nothing was trained or tuned on them. It is what StanceKit's default options were chosen for.")
    if missing:
        lines.append("")
        lines.append(f"Missing results: {', '.join(missing)}.")
    print("\n".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["measure", "table"])
    parser.add_argument("--data", default="data/statements.csv")
    parser.add_argument("--out", required=True)
    parser.add_argument("--passes", type=int, default=5, help="timed passes over the test set for latency")
    parser.add_argument("--repeats", type=int, default=20, help="timed batch runs (median reported)")
    parser.add_argument("--systems", default="sklearn,fasttext")
    parser.add_argument("--realdev", default=None, help="optional CSV of real statements (id,text,label), scored only")
    args = parser.parse_args()
    if args.command == "table":
        table(args.data, args.out, read_realdev(args.realdev))
        return
    os.makedirs(args.out, exist_ok=True)
    train, test = read_corpus(args.data)
    realdev = read_realdev(args.realdev)
    systems = args.systems.split(",")
    if "sklearn" in systems:
        sklearn_peers(train, test, realdev, args.out, args.passes, args.repeats)
    if "fasttext" in systems:
        fasttext_peer(train, test, realdev, args.out, args.passes, args.repeats)


if __name__ == "__main__":
    main()
