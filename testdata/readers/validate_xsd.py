"""Validates every XML part of workbooks against the ECMA-376 (ISO/IEC
29500) transitional schemas, for rank's reader matrix (readers_test.go).

    /usr/bin/python3 validate_xsd.py SCHEMA_DIR BOOK.xlsx...

SCHEMA_DIR holds the schemas as published: sml.xsd, dml-chart.xsd,
dml-spreadsheetDrawing.xsd, dml-main.xsd, the shared-*.xsd they import,
opc-contentTypes.xsd, opc-relationships.xsd, opc-coreProperties.xsd (with
the Dublin Core schemas it imports, as DCMI publishes them, where its
schemaLocation finds them), shared-documentPropertiesExtended.xsd.
rank does not ship them. Markup compatibility (ECMA-376 Part 3) is applied
first, as a consumer does: what mc:Ignorable names is dropped. Prints a
JSON object {path: [problem, ...]}.
"""
import json
import os
import sys
import zipfile

from lxml import etree

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
SCHEMAS = [
    ("http://schemas.openxmlformats.org/spreadsheetml/2006/main", "sml.xsd"),
    ("http://schemas.openxmlformats.org/drawingml/2006/chart", "dml-chart.xsd"),
    ("http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing", "dml-spreadsheetDrawing.xsd"),
    ("http://schemas.openxmlformats.org/drawingml/2006/main", "dml-main.xsd"),
    ("http://schemas.openxmlformats.org/package/2006/content-types", "opc-contentTypes.xsd"),
    ("http://schemas.openxmlformats.org/package/2006/relationships", "opc-relationships.xsd"),
    ("http://schemas.openxmlformats.org/package/2006/metadata/core-properties", "opc-coreProperties.xsd"),
    ("http://schemas.openxmlformats.org/officeDocument/2006/extended-properties", "shared-documentPropertiesExtended.xsd"),
]


class Schemas:
    """The schema of each part's root namespace, compiled when first met."""

    def __init__(self, folder):
        self.folder, self.compiled = folder, {}

    def of(self, ns):
        if ns not in self.compiled:
            f = dict(SCHEMAS).get(ns)
            self.compiled[ns] = f and etree.XMLSchema(etree.parse(os.path.join(self.folder, f)))
        return self.compiled[ns]


def compatible(root):
    """Applies markup compatibility: drops the namespaces mc:Ignorable
    names, the mc attributes, and AlternateContent (taking its Fallback)."""
    ignorable = set()
    for el in root.iter():
        prefixes = el.get("{%s}Ignorable" % MC)
        if prefixes:
            ignorable.update(el.nsmap.get(p) for p in prefixes.split())
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        ns = etree.QName(el).namespace
        if el.tag == "{%s}AlternateContent" % MC:
            fallback = el.find("{%s}Fallback" % MC)
            parent = el.getparent()
            i = parent.index(el)
            parent.remove(el)
            if fallback is not None:
                for child in reversed(list(fallback)):
                    parent.insert(i, child)
            continue
        if ns in ignorable and el.getparent() is not None:
            el.getparent().remove(el)
            continue
        for name in list(el.attrib):
            ans = etree.QName(name).namespace
            if ans == MC or ans in ignorable:
                del el.attrib[name]
        # The schema gives a cell's text (<t>) a simple type, which can
        # carry no attribute, while Part 1 (18.4.12) and every writer,
        # Excel first, put xml:space="preserve" on text with blanks at
        # its ends.
        if el.tag == "{%s}t" % SML and XML_SPACE in el.attrib:
            del el.attrib[XML_SPACE]
    return root


def problems(schemas, path):
    out = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not (name.endswith(".xml") or name.endswith(".rels")):
                continue
            root = compatible(etree.fromstring(z.read(name)))
            xsd = schemas.of(etree.QName(root).namespace)
            if xsd is None:
                out.append("%s: no schema for %s" % (name, root.tag))
            elif not xsd.validate(root):
                for e in xsd.error_log:
                    out.append("%s:%d: %s" % (name, e.line, e.message))
    return out


def main():
    schemas = Schemas(sys.argv[1])
    json.dump({p: problems(schemas, p) for p in sys.argv[2:]}, sys.stdout, ensure_ascii=False)


main()
