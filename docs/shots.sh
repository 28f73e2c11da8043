#!/usr/bin/env bash
# docs/shots.sh: the pictures in docs/img of a page of each kind of report,
# as LibreOffice prints them: each sheet printed alone (tools/printsize),
# a page of it drawn at 90 dpi. Needs soffice, pdftotext and pdftoppm:
#   apt-get install libreoffice-calc-nogui poppler-utils
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go run . evaluate testdata/gilan --period 1400-H1 --out "$tmp/offices" -q >/dev/null
go run . evaluate testdata/gilan --period 1400-H1 --out "$tmp/offices-en" --lang en -q >/dev/null
# The country: a synthetic export of 31 provinces, small enough to print.
go run ./tools/synth -preset national -offices 3000 -surveys 60000 -period 1404-H1 -out "$tmp/national-exports" >/dev/null
go run . evaluate "$tmp/national-exports" --period 1404-H1 --out "$tmp/national" -q >/dev/null
go run . evaluate testdata/agencies --rules agencies --period 1404-H1 --out "$tmp/agencies" -q >/dev/null
mkdir -p "$tmp/en" && cp "$tmp/offices-en/gilan.xlsx" "$tmp/en/gilan-en.xlsx"
go run ./tools/printsize -pdf "$tmp/pdf" "$tmp/offices/gilan.xlsx" "$tmp/en/gilan-en.xlsx" \
  "$tmp/national/national.xlsx" "$tmp/agencies/ranking.xlsx"
# shot BOOK-SHEET PAGE NAME: a page of a sheet (BOOK-N: its Nth sheet) as
# docs/img/NAME.png.
shot() {
  pdftoppm -png -r 90 -f "$2" -l "$2" -singlefile "$tmp/pdf/$1.pdf" "docs/img/$3"
}
shot gilan-1 1 province-summary
shot gilan-1 2 province-summary-inputs
shot gilan-2 1 province-ranking
shot gilan-6 1 province-scores-chart
shot gilan-en-2 1 province-ranking-en
shot national-2 1 national-provinces
shot national-6 1 national-grades-chart
shot ranking-1 1 agencies-ranking
shot ranking-6 1 agencies-lists
shot ranking-11 1 agencies-chart
ls -la docs/img
