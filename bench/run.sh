#!/bin/sh
# National-scale benchmark of `rank evaluate` (see BENCHMARKS.md).
#
#   bench/run.sh [SURVEY_ROWS ...]      default: 10000000
#
# For each size it generates the export folder once with the project's
# generator (25,000 offices in an XLSX registry, their declarations,
# SURVEY_ROWS survey responses, 100,000 violation rulings, services for
# every area), runs `rank evaluate` on it RUNS times (default 3) and prints
# the best and median wall time, rows per second (at the best) and peak
# memory (max RSS from /usr/bin/time). When DuckDB is installed it times,
# side by side (the two in turn), DuckDB aggregating the survey file alone
# (count and mean score per office within the period). Install it outside
# the repository's history:
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

# Best and median of a file of "wall KiB" lines, and the peak memory.
summary() {
	sort -n "$1" | awk '{ w[NR] = $1; if ($2 > m) m = $2 } END { printf "%.2f %.2f %.0f", w[1], w[int((NR + 1) / 2)], m / 1024 }'
}

printf '%-10s %8s %8s %12s %9s   %s\n' rows best median rows/s peakMiB "duckdb (aggregate only): best median peakMiB"
for rows in "${@:-10000000}"; do
	dir="$BENCH_DIR/national-$rows"
	if [ ! -f "$dir/surveys.csv" ]; then
		"$BENCH_DIR/bin/synth" -preset national -offices 25000 -surveys "$rows" \
			-violations 100000 -period "$PERIOD" -out "$dir" >/dev/null
	fi
	# The two run in turn, RUNS times each: the machine's noise falls on
	# both alike.
	: >"$BENCH_DIR/rank.runs"
	: >"$BENCH_DIR/duckdb.runs"
	for _ in $(seq "$RUNS"); do
		rm -rf "$BENCH_DIR/out"
		/usr/bin/time -f '%e %M' -a -o "$BENCH_DIR/rank.runs" "$BENCH_DIR/bin/rank" evaluate "$dir" \
			--period "$PERIOD" --out "$BENCH_DIR/out" --csv --format json -q >/dev/null
		if [ $duck = yes ]; then
			DUCKDB_DIR="$DUCKDB_DIR" /usr/bin/time -f '%e %M' -a -o "$BENCH_DIR/duckdb.runs" \
				node bench/duckdb.mjs "$dir/surveys.csv" 1404/01/01 1404/06/31 >/dev/null
		fi
	done
	dres="not installed"
	if [ $duck = yes ]; then
		dres=$(summary "$BENCH_DIR/duckdb.runs" | awk '{ printf "%.2fs %.2fs %d", $1, $2, $3 }')
	fi
	summary "$BENCH_DIR/rank.runs" | awk -v rows="$rows" -v d="$dres" \
		'{ printf "%-10d %7.2fs %7.2fs %12.0f %9d   %s\n", rows, $1, $2, rows / $1, $3, d }'
done

if [ "$XLSX_ROWS" != 0 ]; then
	echo
	echo "XLSX read, $XLSX_ROWS rows x 15 columns (shared strings, as Excel saves):"
	RANK_BENCH_XLSX_ROWS=$XLSX_ROWS go test ./ingest -run '^$' -bench XLSXRows -benchtime 1x | grep Benchmark
fi
