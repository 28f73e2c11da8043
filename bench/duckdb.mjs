// DuckDB's time to aggregate a surveys file: count and mean score per
// office within the period. Run from bench/run.sh:
//   NODE_PATH=DIR/node_modules node bench/duckdb.mjs surveys.csv 1404/01/01 1404/06/31
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(path.resolve(process.env.DUCKDB_DIR || ".", "node_modules", "x.js"));
const { DuckDBInstance } = require("@duckdb/node-api");

const [file, from, to] = process.argv.slice(2);
const start = process.hrtime.bigint();
const db = await DuckDBInstance.create(":memory:");
const con = await db.connect();
// Jalali dates are text YYYY/MM/DD; zero-padded, they compare as text.
const sql = `SELECT office_code, count(*) AS n, avg(score) AS mean
  FROM read_csv('${file.replaceAll("'", "''")}', header = true,
    columns = {'response_id': 'VARCHAR', 'office_code': 'VARCHAR', 'response_date': 'VARCHAR', 'score': 'INTEGER'})
  WHERE response_date BETWEEN '${from}' AND '${to}'
  GROUP BY office_code`;
const reader = await con.runAndReadAll(sql);
const rows = reader.getRows();
const secs = Number(process.hrtime.bigint() - start) / 1e9;
let total = 0n;
for (const r of rows) total += BigInt(r[1]);
console.log(JSON.stringify({ seconds: secs, offices: rows.length, in_period: Number(total) }));
