// Prints the cells of workbooks as exceljs reads them, for rank's reader
// matrix (readers_test.go): a JSON object {path: {"sheets": [{"name",
// "rows"}]}}, numbers as numbers and text as text.
//
//     NODE_PATH=.ci/node/node_modules node exceljs_cells.js BOOK.xlsx...
'use strict';
const ExcelJS = require('exceljs');

function value(v) {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
  if (v.result !== undefined) return value(v.result);
  if (v.text !== undefined) return v.text;
  return JSON.stringify(v);
}

async function cells(path) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const sheets = [];
  wb.eachSheet((ws) => {
    const rows = [];
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      rows[n - 1] = Array.from(row.values.slice(1), value);
    });
    sheets.push({ name: ws.name, rows: Array.from(rows, (r) => r || []) });
  });
  return { sheets };
}

(async () => {
  const out = {};
  for (const path of process.argv.slice(2)) {
    out[path] = await cells(path);
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => {
  process.stderr.write(String((e && e.stack) || e) + '\n');
  process.exit(1);
});
