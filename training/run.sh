#!/usr/bin/env bash
# One command from phantoms to a shipped model: export training cases in parallel, then train and export ONNX.
#
#   bash training/run.sh [--cases 960] [--jobs 2] [--data training/data] [--out models] [train.py options...]
#
# Environment: PYTHON (default python3), EXPORT_CMD (default "npx tsx scripts/export-training-cases.ts").
# On this project's 2-core machines: `bash training/run.sh --cases 240 --max-minutes 55` trains in about an hour on the
# CPU; a GPU is used automatically when PyTorch sees one.
set -euo pipefail
cd "$(dirname "$0")/.."
cases=960 jobs=2 data=training/data out=models
train_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --cases) cases=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) train_args+=("$1"); shift ;;
  esac
done
PYTHON=${PYTHON:-python3}
EXPORT_CMD=${EXPORT_CMD:-npx tsx scripts/export-training-cases.ts}
rm -rf "$data" && mkdir -p "$data"
echo "exporting $cases phantom cases with $jobs jobs into $data"
start=$(date +%s)
pids=()
for ((shard = 0; shard < jobs; shard++)); do
  $EXPORT_CMD --out "$data" --cases "$cases" --first-seed 1 --shard "$shard" --shards "$jobs" &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done
echo "export took $(($(date +%s) - start)) s"
"$PYTHON" training/train.py --data "$data" --out "$out" "${train_args[@]}"
