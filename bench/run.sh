#!/bin/bash
# National-scale benchmark of `rank evaluate` against DuckDB (see
# BENCHMARKS.md). One command gives the whole table:
#
#   bench/run.sh [SURVEY_ROWS ...]      default: 10000000 20000000 30000000
#
# For each size and each shape of response id (SHAPES) it generates the
# export folder with the project's generator (25,000 offices in an XLSX
# registry, their declarations, SURVEY_ROWS survey responses, 100,000
# violation rulings, services for every area), then runs, in turn, RUNS
# times each, `rank evaluate` on it and DuckDB aggregating its survey file
# alone (count and mean score per office within the period), each under
# /usr/bin/time. It prints a Markdown table: best and median wall time,
# rank's median CPU time (user + system), peak memory (max RSS), and the
# ratio of rank's median to DuckDB's. Every shape's ranking.csv must be
# the sequential one's: the ids change nothing else. Each folder is
# deleted once measured (KEEP=1 keeps them): 30M rows of UUIDs take
# 1.8 GB.
#
# DuckDB is installed outside the repository's history:
#
#   npm install --prefix bench/.duckdb @duckdb/node-api    (gitignored)
#
# Environment: SHAPES (default: sequential shuffled uuid random prefixed;
# hex too), RUNS (default 5), BENCH_DIR (default /tmp/rank-bench),
# DUCKDB_DIR (default bench/.duckdb), KEEP, XLSX_ROWS (rows of the XLSX read
# benchmark after the table, default 0: skipped).
set -eu
cd "$(dirname "$0")/.."
BENCH_DIR=${BENCH_DIR:-/tmp/rank-bench}
RUNS=${RUNS:-5}
DUCKDB_DIR=${DUCKDB_DIR:-bench/.duckdb}
SHAPES=${SHAPES:-sequential shuffled uuid random prefixed}
XLSX_ROWS=${XLSX_ROWS:-0}
KEEP=${KEEP:-}
PERIOD=1404-H1
mkdir -p "$BENCH_DIR/bin"
go build -o "$BENCH_DIR/bin/rank" .
go build -o "$BENCH_DIR/bin/synth" ./tools/synth
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
duck=no
if command -v node >/dev/null && [ -d "$DUCKDB_DIR/node_modules/@duckdb/node-api" ]; then
	duck=yes
else
	echo "bench: DuckDB is not installed (npm install --prefix $DUCKDB_DIR @duckdb/node-api): rank alone" >&2
fi

# stats FILE: best and median wall, median CPU, peak MiB of "wall user sys KiB" lines.
stats() {
	awk '{ w[NR] = $1; c[NR] = $2 + $3; if ($4 > m) m = $4 }
	function med(a, n,   i, j, t) {
		for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j > 0 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	END { printf "%.2f %.2f %.2f %.0f", best(w, NR), med(w, NR), med(c, NR), m / 1024 }
	function best(a, n,   i, b) { b = a[1]; for (i = 2; i <= n; i++) if (a[i] < b) b = a[i]; return b }' "$1"
}

echo "| response ids | survey rows | rank best | rank median | rank CPU (median) | rank peak RSS | DuckDB best | DuckDB median | DuckDB peak RSS | rank / DuckDB (medians) |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for rows in "${@:-10000000 20000000 30000000}"; do
	for rows1 in $rows; do
		ref=""
		for shape in $SHAPES; do
			dir="$BENCH_DIR/national-$shape-$rows1"
			if [ ! -f "$dir/surveys.csv" ]; then
				"$BENCH_DIR/bin/synth" -preset national -offices 25000 -surveys "$rows1" \
					-violations 100000 -period "$PERIOD" -ids "$shape" -out "$dir" >/dev/null
			fi
			out="$BENCH_DIR/out-$shape"
			: >"$BENCH_DIR/rank.runs"
			: >"$BENCH_DIR/duckdb.runs"
			# In turn, RUNS times each: the machine's noise falls on both alike.
			for _ in $(seq "$RUNS"); do
				rm -rf "$out"
				/usr/bin/time -f '%e %U %S %M' -a -o "$BENCH_DIR/rank.runs" "$BENCH_DIR/bin/rank" evaluate "$dir" \
					--period "$PERIOD" --out "$out" --csv --format json -q >/dev/null
				if [ $duck = yes ]; then
					DUCKDB_DIR="$DUCKDB_DIR" /usr/bin/time -f '%e %U %S %M' -a -o "$BENCH_DIR/duckdb.runs" \
						node bench/duckdb.mjs "$dir/surveys.csv" 1404/01/01 1404/06/31 >/dev/null
				fi
			done
			if [ -z "$ref" ]; then
				ref="$BENCH_DIR/ranking-$rows1.csv"
				cp "$out/ranking.csv" "$ref"
			elif ! cmp -s "$ref" "$out/ranking.csv"; then
				echo "bench: $shape ids at $rows1 rows: ranking.csv differs from the first shape's" >&2
				exit 1
			fi
			read -r rb rm rc rp <<<"$(stats "$BENCH_DIR/rank.runs")"
			db="—" dm="—" dp="—" ratio="—"
			if [ $duck = yes ]; then
				read -r db dm _ dp <<<"$(stats "$BENCH_DIR/duckdb.runs")"
				ratio=$(awk -v a="$rm" -v b="$dm" 'BEGIN { printf "%.2f", a / b }')
				db="$db s" dm="$dm s" dp="$dp MiB"
			fi
			printf '| %s | %s | %s s | %s s | %s s | %s MiB | %s | %s | %s | %s |\n' \
				"$shape" "$(printf "%'d" "$rows1" 2>/dev/null || echo "$rows1")" "$rb" "$rm" "$rc" "$rp" "$db" "$dm" "$dp" "$ratio"
			[ -n "$KEEP" ] || rm -rf "$dir"
			rm -rf "$out"
		done
		rm -f "$BENCH_DIR/ranking-$rows1.csv"
	done
done

if [ "$XLSX_ROWS" != 0 ]; then
	echo
	echo "XLSX read, $XLSX_ROWS rows x 15 columns (shared strings, as Excel saves):"
	RANK_BENCH_XLSX_ROWS=$XLSX_ROWS go test ./ingest -run '^$' -bench XLSXRows -benchtime 1x | grep Benchmark
fi
