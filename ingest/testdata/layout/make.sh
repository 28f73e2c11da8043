#!/bin/sh
# make.sh writes, from offices.xlsx (go test ./ingest -run TestLayout
# -layout.write writes it), the forms LibreOffice saves it in, for
# TestLayout (ingest/layout_test.go): Excel 97-2003 (offices.xls),
# OpenDocument (offices.ods) and LibreOffice's own xlsx
# (offices.libreoffice.xlsx). The hidden sheet, the merged title and the
# blank row go with them. The files are kept in the repository, so the
# test needs no LibreOffice.
set -eu
cd "$(dirname "$0")"
profile=$(mktemp -d)
out=$(mktemp -d)
trap 'rm -rf "$profile" "$out"' EXIT
soffice() {
	command soffice "-env:UserInstallation=file://$profile" --headless "$@" >/dev/null
}
soffice --convert-to xls --outdir . offices.xlsx
soffice --convert-to ods --outdir . offices.xlsx
soffice --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$out" offices.xlsx
mv "$out/offices.xlsx" offices.libreoffice.xlsx
