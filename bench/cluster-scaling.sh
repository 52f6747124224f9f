#!/usr/bin/env bash
# Scaling of `explore --cluster` on this machine: the same pct exploration run by one process, then by a
# coordinator with 1 and with 2 worker processes (each worker one simulation at a time) on 127.0.0.1.
# Prints each whole command's wall time and schedules/s = runs / wall time (start-up and joining included),
# and the CPU seconds all its processes used. Checks that every outcome table equals the one-process table.
# Usage: bench/cluster-scaling.sh [RUNS] [SCENARIO]   (build first: dotnet build -c Release src/Cli)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-100000}
scenario=${2:-scenarios/m_concurrent_deletes.yaml}
bin=src/Cli/bin/Release/net10.0/modactors
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

cpu() { awk '{ s += $1 + $2 } END { printf "%.1f", s }' "$tmp"/cpu.*; }

measure() { # label, workers, command...
  local label=$1 workers=$2; shift 2
  rm -f "$tmp"/cpu.*
  local pids=() start end
  for i in $(seq 1 "$workers"); do
    /usr/bin/time -f "%U %S" -o "$tmp/cpu.w$i" "$bin" worker --join "127.0.0.1:$port" --jobs 1 --name "w$i" 2> /dev/null & pids+=($!)
  done
  start=$(date +%s.%N)
  /usr/bin/time -f "%U %S" -o "$tmp/cpu.c" "$@" > "$tmp/out" 2> /dev/null
  end=$(date +%s.%N)
  [ "$workers" -gt 0 ] && wait "${pids[@]}"
  python3 -c "w=$end-$start; print(f'{\"$label\":<30} {w:7.2f} s wall {$runs/w:8.0f} schedules/s   cpu $(cpu) s')"
  if [ -f "$tmp/one" ]; then cmp -s "$tmp/one" "$tmp/out" || echo "  the outcome table differs from one process!"; else cp "$tmp/out" "$tmp/one"; fi
}

echo "$runs pct schedules of $scenario; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
measure "one process, --jobs 1" 0 "$bin" explore "$scenario" --runs "$runs" --jobs 1
measure "cluster, 1 worker process" 1 "$bin" explore "$scenario" --runs "$runs" --cluster "127.0.0.1:$port"
measure "cluster, 2 worker processes" 2 "$bin" explore "$scenario" --runs "$runs" --cluster "127.0.0.1:$port"
measure "one process, --jobs 2" 0 "$bin" explore "$scenario" --runs "$runs" --jobs 2
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
