#!/bin/sh
# Makes the .xls, .ods (and, where LibreOffice can, .xlsb) versions of the shipped example's
# November sheets under tests/fixtures/sheets/, for tests/other_formats.rs. Run from the
# repository root; needs LibreOffice (`soffice`). The results are committed, so the tests do
# not need LibreOffice.
set -eu
out=tests/fixtures/sheets
mkdir -p "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
convert() {
    soffice -env:UserInstallation="file://$profile" --headless --convert-to "$1" \
        --outdir "$out" inputs/2026-11/ansprechpartner.xlsx inputs/2026-11/termine.xlsx
}
convert xls
convert ods
# LibreOffice has no filter that writes .xlsb; this reports failure and leaves no file.
convert 'xlsb:Calc MS Excel 2007 Binary' || true
ls -l "$out"
