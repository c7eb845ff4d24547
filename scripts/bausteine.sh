#!/usr/bin/env bash
# Regenerates the example's Word blocks (docs/bausteine/bausteine/**/*.docx) from their
# sources (docs/bausteine/quellen/**/*.html) with LibreOffice, headless: the blocks are
# made by a real word processor, as an editor's would be, and can be made again after a change
# of a source. Editors change the .docx in Word directly; the sources are for the example only.
#
# Usage: scripts/bausteine.sh   (needs soffice: apt-get install libreoffice-writer-nogui)
set -euo pipefail
cd "$(dirname "$0")/.."
src=docs/bausteine/quellen
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
find "$src" -name '*.html' -printf '%h\n' | sort -u | while read -r dir; do
    out="docs/bausteine/bausteine${dir#"$src"}"
    mkdir -p "$out"
    soffice "-env:UserInstallation=file://$profile" --headless --infilter="HTML (StarWriter)" \
        --convert-to 'docx:MS Word 2007 XML' --outdir "$out" "$dir"/*.html >/dev/null 2>&1
    for html in "$dir"/*.html; do
        docx="$out/$(basename "${html%.html}").docx"
        [ -s "$docx" ] || { echo "FAIL: $html was not converted" >&2; exit 1; }
        echo "ok: $docx"
    done
done
