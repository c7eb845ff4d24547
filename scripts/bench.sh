#!/usr/bin/env bash
# Times the whole `briefing build` process: wall time and peak RSS (GNU time), median of
# several runs, for the shipped example (N = 15) and synthetic projects of N = 1000 and 5000.
# Also measures the deflate floor: the time to just compress the XML parts of the produced
# documents. Results: see BENCHMARKS.md.
#
# Usage: scripts/bench.sh [RUNS]
#        BASELINE=/path/to/older/briefing scripts/bench.sh [RUNS] durable
#        (BIN=/path/to/briefing: time that binary instead of building this tree's)
#
# `durable` (issue 25) only runs the N = 1000 build with the output on disk and on tmpfs,
# alternating the binaries and the places run by run (the machine drifts; every variant gets
# the same drift): BASELINE if given, this tree's binary, and this tree's binary with the
# per-file flush of the other platforms (BRIEFING_FLUSH=files). It prints the medians of wall,
# system and user time, and the ratio disk / tmpfs of each variant.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-7}"
only="${2:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# BIN: a binary built already (then nothing is built; the examples must be there).
if [ -z "${BIN:-}" ]; then
    cargo build --release --quiet --bin briefing --example synthetic_inputs --example deflate_floor
fi
bin="${BIN:-$PWD/target/release/briefing}"

median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

if [ "$only" = durable ]; then
    ./target/release/examples/synthetic_inputs 1000 "$work/n1000" >/dev/null
    shm="$(mktemp -d /dev/shm/briefing-bench.XXXXXX)"
    trap 'rm -rf "$work" "$shm"' EXIT
    declare -A bins=([now]="$bin")
    variants=(now files)
    if [ -n "${BASELINE:-}" ]; then bins[before]="$BASELINE"; variants=(before "${variants[@]}"); fi
    bins[files]="$bin"
    echo "N = 1000, $runs alternating runs after a warm-up; disk: $work (on $(df --output=source "$work" | tail -1), $(findmnt -no FSTYPE -T "$work")), tmpfs: $shm"
    uptime
    for round in $(seq 0 "$runs"); do
        for variant in "${variants[@]}"; do
            for place in disk tmpfs; do
                if [ "$place" = disk ]; then out="$work/n1000/out"; else out="$shm/out"; fi
                rm -rf "$out"
                flush=auto; [ "$variant" = files ] && flush=files
                ( cd "$work/n1000" && BRIEFING_FLUSH="$flush" /usr/bin/time -f "%e %S %U" -o "$work/time" \
                    "${bins[$variant]}" build --stand 2026-11-28 --out "$out" >/dev/null 2>&1 )
                # Round 0 warms up (page cache, binary).
                [ "$round" -gt 0 ] && cat "$work/time" >>"$work/$variant-$place"
            done
        done
    done
    uptime
    printf '%-8s %-6s %10s %10s %10s   %s\n' variant place wall system user "wall of each run"
    for variant in "${variants[@]}"; do
        for place in disk tmpfs; do
            f="$work/$variant-$place"
            printf '%-8s %-6s %9.3fs %9.3fs %9.3fs   %s\n' "$variant" "$place" \
                "$(cut -d' ' -f1 "$f" | median)" "$(cut -d' ' -f2 "$f" | median)" \
                "$(cut -d' ' -f3 "$f" | median)" "$(cut -d' ' -f1 "$f" | paste -sd' ')"
        done
        printf '%-8s ratio disk / tmpfs (wall medians): %.2f\n' "$variant" \
            "$(echo "$(cut -d' ' -f1 "$work/$variant-disk" | median) / $(cut -d' ' -f1 "$work/$variant-tmpfs" | median)" | bc -l)"
    done
    exit 0
fi

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
