#!/bin/sh
# National-scale benchmark of `rank evaluate` (see BENCHMARKS.md).
#
#   bench/run.sh [SURVEY_ROWS ...]      default: 10000000
#
# For each size it generates the export folder once with the project's
# generator (25,000 offices in an XLSX registry, their declarations,
# SURVEY_ROWS survey responses, 100,000 violation rulings, services for
# every area), runs `rank evaluate` on it RUNS times (default 3) and prints
# the best wall time, rows per second and peak memory (max RSS from
# /usr/bin/time). When DuckDB is installed it times, side by side, DuckDB
# aggregating the survey file alone (count and mean score per office
# within the period). Install it outside the repository's history:
#
#   npm install --prefix bench/.duckdb @duckdb/node-api    (gitignored)
#
# Environment: BENCH_DIR (generated folders, default /tmp/rank-bench),
# RUNS, DUCKDB_DIR (default bench/.duckdb), XLSX_ROWS (rows of the XLSX
# read benchmark, default 1000000; 0 skips it).
set -eu
cd "$(dirname "$0")/.."
BENCH_DIR=${BENCH_DIR:-/tmp/rank-bench}
RUNS=${RUNS:-3}
DUCKDB_DIR=${DUCKDB_DIR:-bench/.duckdb}
XLSX_ROWS=${XLSX_ROWS:-1000000}
PERIOD=1404-H1
mkdir -p "$BENCH_DIR/bin"
go build -o "$BENCH_DIR/bin/rank" .
go build -o "$BENCH_DIR/bin/synth" ./tools/synth
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
duck=no
if command -v node >/dev/null && [ -d "$DUCKDB_DIR/node_modules/@duckdb/node-api" ]; then
	duck=yes
fi

printf '%-10s %8s %12s %9s   %s\n' rows wall rows/s peakMiB "duckdb (aggregate only): wall peakMiB"
for rows in "${@:-10000000}"; do
	dir="$BENCH_DIR/national-$rows"
	if [ ! -f "$dir/surveys.csv" ]; then
		"$BENCH_DIR/bin/synth" -preset national -offices 25000 -surveys "$rows" \
			-violations 100000 -period "$PERIOD" -out "$dir" >/dev/null
	fi
	best=999999 peak=0
	for _ in $(seq "$RUNS"); do
		rm -rf "$BENCH_DIR/out"
		/usr/bin/time -f '%e %M' -o "$BENCH_DIR/time" "$BENCH_DIR/bin/rank" evaluate "$dir" \
			--period "$PERIOD" --out "$BENCH_DIR/out" --csv --format json -q >/dev/null
		read -r wall kb <"$BENCH_DIR/time"
		best=$(echo "$best $wall" | awk '{ print ($2 < $1) ? $2 : $1 }')
		peak=$(echo "$peak $kb" | awk '{ print ($2 > $1) ? $2 : $1 }')
	done
	dres="not installed"
	if [ $duck = yes ]; then
		dbest=999999 dpeak=0
		for _ in $(seq "$RUNS"); do
			DUCKDB_DIR="$DUCKDB_DIR" /usr/bin/time -f '%e %M' -o "$BENCH_DIR/time" \
				node bench/duckdb.mjs "$dir/surveys.csv" 1404/01/01 1404/06/31 >/dev/null
			read -r wall kb <"$BENCH_DIR/time"
			dbest=$(echo "$dbest $wall" | awk '{ print ($2 < $1) ? $2 : $1 }')
			dpeak=$(echo "$dpeak $kb" | awk '{ print ($2 > $1) ? $2 : $1 }')
		done
		dres=$(echo "$dbest $dpeak" | awk '{ printf "%.2fs %.0f", $1, $2 / 1024 }')
	fi
	echo "$rows $best $peak" | awk -v d="$dres" '{ printf "%-10d %7.2fs %12.0f %9.0f   %s\n", $1, $2, $1 / $2, $3 / 1024, d }'
done

if [ "$XLSX_ROWS" != 0 ]; then
	echo
	echo "XLSX read, $XLSX_ROWS rows x 15 columns (shared strings, as Excel saves):"
	RANK_BENCH_XLSX_ROWS=$XLSX_ROWS go test ./ingest -run '^$' -bench XLSXRows -benchtime 1x | grep Benchmark
fi
