#!/usr/bin/env bash
# StanceKit and its peers side by side, on the corpus's own split (issue 5, part 3). Prints ONE markdown table:
# test macro-F1, per-item latency (single calls, one thread), batch throughput, training time, for
#   StanceKit's fast path (new StanceTrainerOptions()), a plain ML.NET text pipeline (PredictionEngine),
#   scikit-learn TF-IDF + LogisticRegression and + LinearSVC (C by 5-fold CV on train), and fastText.
#
#   bash benchmarks/peers/run.sh [--passes N] [--repeats N]     # from anywhere in the repository
#
# Installs Debian's python3-sklearn, python3-fasttext and the fasttext CLI when missing (apt-get; needs root or sudo).
# Set PEERS_OUT=DIR to keep the per-system JSON files (predictions included); by default a temporary folder is used.
# When the project's real development set is beside the repository (../shared/realdev/real_dev.csv, or REALDEV=FILE),
# every system is also scored on it (evaluation only: nothing is trained or tuned on it) in an extra column.
# Takes about 15 minutes on 2 cores, most of it the scikit-learn grid searches (5-fold CV, 5 values of C each)
# and the fastText tuning.
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

PASSES=5
REPEATS=20
while [[ $# -gt 0 ]]; do
  case "$1" in
    --passes) PASSES="$2"; shift 2 ;;
    --repeats) REPEATS="$2"; shift 2 ;;
    *) echo "usage: run.sh [--passes N] [--repeats N]" >&2; exit 2 ;;
  esac
done

# Debian's own interpreter: python3-sklearn and python3-fasttext are installed for it, not for a pyenv or venv python3.
PYTHON=/usr/bin/python3
missing=()
[[ -x "$PYTHON" ]] && "$PYTHON" -c 'import sklearn, threadpoolctl' 2>/dev/null || missing+=(python3 python3-sklearn)
[[ -x "$PYTHON" ]] && "$PYTHON" -c 'import fasttext' 2>/dev/null || missing+=(python3-fasttext)
command -v fasttext >/dev/null || missing+=(fasttext)
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "installing ${missing[*]} (apt-get)" >&2
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >&2
fi

REALDEV="${REALDEV:-../shared/realdev/real_dev.csv}"
REALDEV_ARGS=()
[[ -f "$REALDEV" ]] && REALDEV_ARGS=(--realdev "$REALDEV")

OUT="${PEERS_OUT:-$(mktemp -d -t stancekit-peers.XXXXXX)}"
mkdir -p "$OUT"
rm -f "$OUT"/*.json
echo "results in $OUT; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

dotnet build benchmarks/StanceKit.PeerHarness -c Release -v quiet -nologo >&2
dotnet run -c Release --no-build --project benchmarks/StanceKit.PeerHarness -- \
  --data data/statements.csv --out "$OUT" --passes "$PASSES" --repeats "$REPEATS" "${REALDEV_ARGS[@]}" >&2
"$PYTHON" benchmarks/peers/peers.py measure --data data/statements.csv --out "$OUT" --passes "$PASSES" --repeats "$REPEATS" "${REALDEV_ARGS[@]}" >&2

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$PYTHON" benchmarks/peers/peers.py table --data data/statements.csv --out "$OUT" "${REALDEV_ARGS[@]}"
