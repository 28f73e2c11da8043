#!/usr/bin/env bash
# docs/shots.sh: the pictures in docs/img of a page of each kind of report,
# as LibreOffice prints them. Needs soffice and pdftoppm:
#   apt-get install libreoffice-calc-nogui poppler-utils
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go run . evaluate testdata/gilan --period 1400-H1 --out "$tmp/offices" -q >/dev/null
go run . evaluate testdata/agencies --rules agencies --period 1404-H1 --out "$tmp/agencies" -q >/dev/null
soffice -env:UserInstallation="file://$tmp/profile" --headless --convert-to pdf --outdir "$tmp/pdf" \
  "$tmp/offices/gilan.xlsx" "$tmp/offices/national.xlsx" "$tmp/agencies/ranking.xlsx" >/dev/null 2>&1
# shot PDF PAGE NAME: one page as docs/img/NAME.png ("last" is the last page).
shot() {
  local page=$2
  if [ "$page" = last ]; then page=$(pdfinfo "$1" | awk '/^Pages:/ {print $2}'); fi
  pdftoppm -png -r 90 -f "$page" -l "$page" -singlefile "$1" "docs/img/$3"
}
shot "$tmp/pdf/gilan.pdf" 1 province-summary
shot "$tmp/pdf/gilan.pdf" 2 province-ranking
shot "$tmp/pdf/gilan.pdf" last province-scores-chart
shot "$tmp/pdf/national.pdf" 2 national-provinces
shot "$tmp/pdf/national.pdf" last national-grades-chart
shot "$tmp/pdf/ranking.pdf" 1 agencies-ranking
shot "$tmp/pdf/ranking.pdf" last agencies-chart
ls -la docs/img
