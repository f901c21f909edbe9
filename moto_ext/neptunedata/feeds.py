"""Reading bulk-loader feeds: count the records of one S3 object in a Neptune load format.

It reads each object under the load's source as the loader would, to report ``totalRecords``
and parsing errors per feed (graph/records.py reads the vertices and edges the graph gets). CSV formats and N-Triples /
N-Quads are read record by record; Turtle and RDF/XML are counted approximately (triples in
the document), which is what a test of a load's bookkeeping needs.
"""

import csv
import gzip
import io
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field

RDF_NS = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"


@dataclass
class FeedResult:
    records: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (record number, message)


def read_feed(data: bytes, key: str, load_format: str) -> FeedResult:
    if key.endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            return FeedResult(errors=[(0, "The gzip file could not be decompressed.")])
    text = data.decode("utf-8", errors="replace")
    reader = _READERS[load_format]
    return reader(text)


def _read_csv(text: str, id_columns: "tuple[tuple[str, ...], ...]", format_name: str) -> FeedResult:
    result = FeedResult()
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    if not header:
        return result
    columns = [column.strip() for column in header]
    identified = any(all(_has_column(columns, name) for name in group) for group in id_columns)
    for number, row in enumerate(rows, start=1):
        if not row or all(not cell.strip() for cell in row):
            continue
        result.records += 1
        if not identified:
            result.errors.append((number, f"The {format_name} header has no id column: {','.join(columns)}"))
        elif len(row) != len(columns):
            result.errors.append((number, f"Expected {len(columns)} fields, found {len(row)}."))
    return result


def _has_column(columns: list[str], name: str) -> bool:
    # Gremlin's id column is exactly "~id"; openCypher's are "movieId:ID", ":ID(Movies)", ":START_ID" ...
    if not name.startswith(":"):
        return name in columns
    pattern = re.compile(re.escape(name) + r"(\([^)]*\))?$")
    return any(pattern.search(column) for column in columns)


def _read_gremlin_csv(text: str) -> FeedResult:
    return _read_csv(text, (("~id",),), "Gremlin CSV")


def _read_opencypher_csv(text: str) -> FeedResult:
    return _read_csv(text, ((":ID",), (":START_ID", ":END_ID")), "openCypher CSV")


def _read_lines(text: str) -> FeedResult:
    result = FeedResult()
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        result.records += 1
        if not stripped.endswith("."):
            result.errors.append((number, "The statement does not end with '.'."))
    return result


_TURTLE_SKIP = re.compile(r"^\s*(@prefix|@base|prefix|base)\b", re.IGNORECASE)
_TURTLE_LITERALS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'|<[^>]*>')


def _read_turtle(text: str) -> FeedResult:
    # Approximate: one triple per object, i.e. per ',' / ';' / '.' separator outside literals and IRIs.
    body = "\n".join(line for line in text.splitlines() if not _TURTLE_SKIP.match(line))
    body = re.sub(r"#[^\n]*", "", _TURTLE_LITERALS.sub('""', body))
    body = re.sub(r";\s*\.", ".", body)
    records = body.count(",") + body.count(";") + len(re.findall(r"\.(\s|$)", body))
    return FeedResult(records=records)


def _read_rdfxml(text: str) -> FeedResult:
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        return FeedResult(errors=[(0, f"The RDF/XML document could not be parsed: {error}")])
    return FeedResult(records=sum(_node_triples(node) for node in root))


def _node_triples(node: ElementTree.Element) -> int:
    triples = 0 if node.tag == f"{RDF_NS}Description" else 1  # a typed node states its rdf:type
    for prop in node:
        triples += 1
        triples += sum(_node_triples(child) for child in prop)
    return triples


_READERS = {
    "csv": _read_gremlin_csv,
    "opencypher": _read_opencypher_csv,
    "ntriples": _read_lines,
    "nquads": _read_lines,
    "turtle": _read_turtle,
    "rdfxml": _read_rdfxml,
}
