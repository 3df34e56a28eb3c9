#!/usr/bin/env bash
# What an idle stack costs: starts the embedded stack fresh (no sockets, no traffic), lets
# it settle, then reads the CPU of its JVM and of PostgreSQL from /proc over a window, and
# the JVM's threads that used it (grouped by name, digits as #).
# Usage: infra/bench/idle-cpu.sh [window seconds, default 60] [settle seconds, default 60]
set -euo pipefail
cd "$(dirname "$0")/../.."
window=${1:-60}
settle=${2:-60}
log=target/idle-stack.log
mkdir -p target
# The stack is found, and stopped at the end, by its main class: another one running
# would be measured or stopped in its place.
if pgrep -f dev.ferry.infra.devstack.DevStack >/dev/null; then
  echo "A Ferry stack is already running; stop it first." >&2
  exit 1
fi
./mvnw -q -Pstack -Dferry.stack.args="--fresh --data-dir=target/idle-stack" >"$log" 2>&1 &
trap 'pkill -f dev.ferry.infra.devstack.DevStack || true' EXIT
until grep -q "Ferry is running" "$log"; do sleep 2; done
sleep "$settle"
jvm=$(pgrep -f dev.ferry.infra.devstack.DevStack | head -1)
ticks() { # CPU ticks (user + system) of the given processes
  local total=0
  for pid in "$@"; do
    if [ -r "/proc/$pid/stat" ]; then total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); fi
  done
  echo "$total"
}
threads() { # ticks per thread name
  for task in /proc/"$jvm"/task/*; do
    echo "$(awk '{print $14 + $15}' "$task/stat" 2>/dev/null || echo 0) $(sed 's/[0-9]\+/#/g; s/ /_/g' "$task/comm" 2>/dev/null)"
  done | awk '{sum[$2] += $1} END {for (name in sum) print name, sum[name]}' | sort
}
# This stack's PostgreSQL (the server whose data is under target/idle-stack) and its
# backends, not any other server on the machine.
postmaster=$(pgrep -f -- "bin/postgres -D .*target/idle-stack" | head -1)
postgres="$postmaster $(pgrep -P "$postmaster" | tr '\n' ' ')"
jvm0=$(ticks "$jvm"); pg0=$(ticks $postgres); threads >target/idle-threads-0
sleep "$window"
jvm1=$(ticks "$jvm"); pg1=$(ticks $postgres); threads >target/idle-threads-1
hz=$(getconf CLK_TCK)
awk -v j=$((jvm1 - jvm0)) -v p=$((pg1 - pg0)) -v hz="$hz" -v w="$window" \
  'BEGIN {printf "Idle over %d s: stack JVM %.4f cores, PostgreSQL %.4f cores\n", w, j / hz / w, p / hz / w}'
join target/idle-threads-0 target/idle-threads-1 \
  | awk -v hz="$hz" -v w="$window" '{printf "  %-20s %.4f\n", $1, ($3 - $2) / hz / w}' | sort -k2 -rn | head -12
