#!/usr/bin/env bash
# Kill loop of issue 14: N kills (default 200) at random moments over builds and sends of a
# 300-spokesperson roster, against the recording SMTP server tests/fixtures/fault_smtp.py.
# After each kill it checks the month (complete, or complete aside until the next run puts it
# back), then the next run must find a complete month. At the end one send without kill, and
# the check that nobody received the same month's briefing twice except through --resend.
#
# Usage: scripts/kill-loop.sh [KILLS] [ROSTER_SOURCE_DIR]
#   ROSTER_SOURCE_DIR: a project with >= 300 spokespersons (default: a synthetic project of
#   1000, written by examples/synthetic_inputs.rs).
# The environment passes through: BRIEFING_FLUSH=files runs the loop with the per-file flush
# of the other platforms instead of Linux's syncfs (issue 25).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
kills="${1:-200}"
# BIN: a binary built already (then nothing is built; the synthetic_inputs example must be there).
bin="${BIN:-$repo/target/release/briefing}"
[ -n "${BIN:-}" ] || cargo build --release --quiet --manifest-path "$repo/Cargo.toml" --bin briefing --example synthetic_inputs

work="$(mktemp -d)"
source_dir="${2:-$work/n1000}"
[ -d "$source_dir" ] || "$repo/target/release/examples/synthetic_inputs" 1000 "$source_dir" >/dev/null
smtp_dir="$work/smtp"
mkdir -p "$smtp_dir"
cp -r "$source_dir/inputs" "$source_dir/templates" "$work/"
[ -f "$source_dir/briefing.yaml" ] && cp "$source_dir/briefing.yaml" "$work/"
python3 - "$work/inputs/sprecher.yaml" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
head, people = text.split("\nsprecher:\n", 1)
blocks = people.split("\n  - id: ")
kept = [blocks[0]] + blocks[1:300]
open(path, "w", encoding="utf-8").write(head + "\nsprecher:\n" + "\n  - id: ".join(kept).rstrip("\n") + "\n")
PY
python3 "$repo/tests/fixtures/fault_smtp.py" "$smtp_dir" &
smtp_pid=$!
trap 'kill "$smtp_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
while [ ! -f "$smtp_dir/port" ]; do sleep 0.05; done
port="$(cat "$smtp_dir/port")"
cd "$work"

month_state() {
    # complete | aside | missing | BROKEN:<why>
    python3 - out/2026-11 out/.2026-11.alt <<'PY'
import csv, hashlib, os, sys
def complete(folder):
    manifest = os.path.join(folder, "versand.csv")
    if not os.path.isfile(manifest):
        return "no versand.csv"
    rows = list(csv.DictReader(open(manifest, encoding="utf-8")))
    for row in rows:
        path = os.path.join(folder, row["file"])
        if not os.path.isfile(path):
            return "missing " + row["file"]
        if hashlib.sha256(open(path, "rb").read()).hexdigest() != row["sha256"]:
            return "checksum " + row["file"]
        if not os.path.isfile(os.path.join(folder, "termine-%s.ics" % row["id"])):
            return "missing calendar " + row["id"]
    return "" if rows else "empty manifest"
month, aside = sys.argv[1], sys.argv[2]
if os.path.isdir(month):
    why = complete(month)
    print("complete" if not why else "BROKEN:" + why)
elif os.path.isdir(aside):
    why = complete(aside)
    print("aside" if not why else "BROKEN:aside " + why)
else:
    print("missing")
PY
}

"$bin" build --stand 2026-11-20 >/dev/null
send=("$bin" send --yes --smtp-host 127.0.0.1 --smtp-port "$port" --smtp-tls none)
declare -A resent=()
builds=0 sends=0 complete=0 aside=0 broken=0 recovered_ok=0 recovered_bad=0
for ((i = 1; i <= kills; i++)); do
    if (( RANDOM % 2 )); then
        builds=$((builds + 1))
        "$bin" build --stand "2026-11-$((20 + RANDOM % 9))" >/dev/null 2>&1 &
    else
        sends=$((sends + 1))
        if (( RANDOM % 10 == 0 )); then
            id="sprecher-$((RANDOM % 300))"
            resent[$id]=$(( ${resent[$id]:-0} + 1 ))
            "${send[@]}" --resend "$id" --only "$id" >/dev/null 2>&1 &
        else
            "${send[@]}" >/dev/null 2>&1 &
        fi
    fi
    pid=$!
    sleep "0.$(printf '%03d' $((RANDOM % 1000)))"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    state="$(month_state)"
    case "$state" in
        complete) complete=$((complete + 1)) ;;
        aside) aside=$((aside + 1)) ;;
        *) broken=$((broken + 1)); echo "kill $i: $state" ;;
    esac
    # The next run first restores a complete month.
    "$bin" send --dry-run --only sprecher-0 >/dev/null 2>&1 || true
    if [ "$(month_state)" = complete ]; then recovered_ok=$((recovered_ok + 1)); else recovered_bad=$((recovered_bad + 1)); fi
done

final="$("${send[@]}" 2>&1 || true)"
summary="$(printf '%s\n' "$final" | grep -E '^[0-9]+ gesendet' || true)"
unknown="$(printf '%s\n' "$final" | grep -c 'unklar, ob' || true)"
python3 - "$smtp_dir/received.txt" "$(for id in "${!resent[@]}"; do echo "$id=${resent[$id]}"; done | paste -sd, -)" <<PY
import collections, sys
received = [line.rstrip("\n").split("\t") for line in open(sys.argv[1], encoding="utf-8")]
resent = dict(pair.split("=") for pair in sys.argv[2].split(",") if pair)
per = collections.Counter(to for to, _ in received)
twice = {to: n for to, n in per.items() if n > 1}
unexplained = {to: n for to, n in twice.items()
               if n > 1 + int(resent.get(to.replace("sprecher", "sprecher-").split("@")[0], 0))}
print("messages received:", len(received), "distinct recipients:", len(per))
print("recipients with more than one message:", len(twice), "(resend requests:", sum(map(int, resent.values())), ")")
print("duplicates not explained by --resend:", len(unexplained), unexplained if unexplained else "")
PY
echo "kills: $kills (builds $builds, sends $sends)"
echo "after the kill: month complete $complete, complete copy aside $aside, broken $broken"
echo "after the next run: complete $recovered_ok, not complete $recovered_bad"
echo "final send: $summary; unknown (not resent, listed): $unknown"
