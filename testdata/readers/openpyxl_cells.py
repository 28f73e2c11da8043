"""Prints the cells of workbooks as openpyxl reads them, for rank's reader
matrix (readers_test.go): a JSON object {path: {"sheets": [{"name", "rows"}],
"warnings": [...]}}, numbers as numbers and text as text.

    /usr/bin/python3 openpyxl_cells.py normal|read-only BOOK.xlsx...

read-only is openpyxl's streaming mode, which sizes each sheet by its
<dimension> element.
"""
import json
import sys
import warnings

import openpyxl


def value(v):
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    return str(v)


def cells(path, read_only):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        wb = openpyxl.load_workbook(path, read_only=read_only, data_only=True)
        sheets = []
        for ws in wb.worksheets:
            rows = [[value(v) for v in row] for row in ws.iter_rows(values_only=True)]
            sheets.append({"name": ws.title, "rows": rows})
        wb.close()
    return {"sheets": sheets, "warnings": [str(w.message) for w in caught]}


def main():
    mode, paths = sys.argv[1], sys.argv[2:]
    if mode not in ("normal", "read-only"):
        sys.exit("mode: want normal or read-only, got %r" % mode)
    out = {p: cells(p, mode == "read-only") for p in paths}
    json.dump(out, sys.stdout, ensure_ascii=False, allow_nan=False)


main()
