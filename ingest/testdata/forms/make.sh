#!/bin/sh
# make.sh writes, from the export folder plain/, the forms LibreOffice
# saves it in, for TestForms (ingest/forms_test.go): Excel 97-2003 (xls/),
# OpenDocument (ods/), CSV separated by semicolons (semicolon/) and
# "Unicode Text", UTF-16 separated by tabs (unicode/). The files are kept
# in the repository, so the test needs no LibreOffice; run this again
# only when plain/ changes. plain/ itself is
#   go run ./tools/synth -preset national -offices 80 -surveys 1000 \
#     -violations 30 -period 1404-H1 -quirks -out ingest/testdata/forms/plain
# Dates are imported as text, as the exports write them (LibreOffice would
# take 1404-02-03 for a Gregorian date).
set -eu
cd "$(dirname "$0")"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
soffice() {
	command soffice "-env:UserInstallation=file://$profile" --headless "$@" >/dev/null
}
rm -rf xls ods semicolon unicode
for f in plain/*; do
	name=$(basename "$f")
	case $name in
	declarations.csv | surveys.csv) in="CSV:44,34,76,1,3/2" ;;
	violations.csv) in="CSV:44,34,76,1,4/2" ;;
	*.csv) in="CSV:44,34,76,1" ;;
	*) in="" ;;
	esac
	set -- "$f"
	[ -n "$in" ] && set -- --infilter="$in" "$f"
	soffice --convert-to xls --outdir xls "$@"
	soffice --convert-to ods --outdir ods "$@"
	soffice --convert-to 'csv:Text - txt - csv (StarCalc):59,34,76,1' --outdir semicolon "$@"
	soffice --convert-to 'txt:Text - txt - csv (StarCalc):9,34,65535,1' --outdir unicode "$@"
done
