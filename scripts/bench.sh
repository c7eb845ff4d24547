#!/usr/bin/env bash
# Times the whole `briefing build` process: wall time and peak RSS (GNU time), median of
# several runs, for the shipped example (N = 15) and synthetic projects of N = 1000 and 5000.
# Also measures the deflate floor: the time to just compress the XML parts of the produced
# documents. Results: see BENCHMARKS.md. Usage: scripts/bench.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --bin briefing --example synthetic_inputs --example deflate_floor
bin="$PWD/target/release/briefing"

median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

measure() { # name dir [output folder; default: DIR/out]
    local name="$1" dir="$2" out="${3:-$2/out}" times=() rss=()
    for _ in $(seq "$runs"); do
        rm -rf "$out"
        ( cd "$dir" && /usr/bin/time -f "%e %M" -o "$work/time" "$bin" build --stand 2026-11-28 --out "$out" >/dev/null 2>&1 )
        read -r t m <"$work/time"
        times+=("$t"); rss+=("$m")
    done
    local t m
    t="$(printf '%s\n' "${times[@]}" | median)"
    m="$(printf '%s\n' "${rss[@]}" | median)"
    printf '%-12s wall median %6.3f s (runs: %s)   peak RSS median %6.1f MB\n' \
        "$name" "$t" "${times[*]}" "$(echo "$m / 1024" | bc -l)"
    echo "$t" >"$work/$name.wall"
}

example="$work/example"
mkdir -p "$example"
cp -r inputs templates briefing.yaml "$example/"
measure "N=15" "$example"

for n in 1000 5000; do
    ./target/release/examples/synthetic_inputs "$n" "$work/n$n" >/dev/null
    measure "N=$n" "$work/n$n"
done
ratio() { echo "$(cat "$work/$1.wall") / $(cat "$work/$2.wall")" | bc -l; }
printf 'ratio N=5000 / N=1000: %.2f\n' "$(ratio N=5000 N=1000)"

# The same with the output on tmpfs: what is left without the file system's cost of
# creating thousands of files (large on some disks, see BENCHMARKS.md).
if [ -d /dev/shm ]; then
    shm="$(mktemp -d /dev/shm/briefing-bench.XXXXXX)"
    trap 'rm -rf "$work" "$shm"' EXIT
    for n in 1000 5000; do
        measure "N=$n-tmpfs" "$work/n$n" "$shm/out"
    done
    printf 'ratio N=5000 / N=1000 (tmpfs): %.2f\n' "$(ratio N=5000-tmpfs N=1000-tmpfs)"
fi

echo
echo "Deflate floor for N=1000 (compressing the produced XML parts only, one core):"
floor="$(./target/release/examples/deflate_floor "$work/n1000/out/2026-11")"
echo "$floor"
floor_seconds="$(echo "$floor" | sed -n 's/.*median \([0-9.]*\) s.*/\1/p')"
for name in N=1000 N=1000-tmpfs; do
    [ -f "$work/$name.wall" ] || continue
    printf 'ratio whole process %s / deflate floor: %.2f\n' "$name" \
        "$(echo "$(cat "$work/$name.wall") / $floor_seconds" | bc -l)"
done
