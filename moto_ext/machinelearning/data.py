"""What Amazon ML reads and writes in S3, served from moto's S3: data files, schemas, recipes,
batch prediction results. Also the JSON documents callers pass in (schema, rearrangement).

Nothing here knows about HTTP; failures are ``DataProblem`` with the message the entity shows.
"""

import csv
import gzip
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

S3_URL = re.compile(r"^s3://([^/]+)(?:/(.*))?$", re.DOTALL)

#: attribute types a schema may declare (Amazon ML developer guide, "Creating a Data Schema")
ATTRIBUTE_TYPES = {"BINARY", "CATEGORICAL", "NUMERIC", "TEXT", "WEIGHTED_INT_SEQUENCE", "WEIGHTED_STRING_SEQUENCE"}


class DataProblem(Exception):
    """Something Amazon ML could not read or accept while processing an entity."""


def split_s3_url(url: str) -> tuple[str, str]:
    match = S3_URL.match(url)
    if match is None:
        raise DataProblem(f"{url} is not an S3 location.")
    return match.group(1), match.group(2) or ""


def _s3(account_id: str, partition: str) -> Any:
    from moto.s3.models import s3_backends

    return s3_backends[account_id][partition]


def _bucket(account_id: str, partition: str, name: str) -> Any:
    from moto.s3.exceptions import MissingBucket

    try:
        return _s3(account_id, partition).get_bucket(name)
    except MissingBucket:
        raise DataProblem(f"The S3 bucket {name} does not exist or Amazon ML cannot access it.") from None


def _objects(bucket: Any) -> dict[str, Any]:
    from moto.s3.models import FakeKey

    return {name: key for name, key in bucket.keys.items() if isinstance(key, FakeKey)}


@dataclass
class DataFile:
    url: str
    size: int
    body: bytes


def list_data_files(account_id: str, partition: str, url: str, *, allow_empty: bool = False) -> list[DataFile]:
    """The files an S3 location names: one object, or every object under a prefix or bucket."""
    bucket_name, key = split_s3_url(url)
    bucket = _bucket(account_id, partition, bucket_name)
    objects = _objects(bucket)
    if key and key in objects and not key.endswith("/"):
        chosen = [key]
    else:
        prefix = key if (not key or key.endswith("/")) else key + "/"
        chosen = sorted(name for name in objects if name.startswith(prefix) and not name.endswith("/"))
    if not chosen and not allow_empty:
        raise DataProblem(f"No data files were found at {url}.")
    return [DataFile(f"s3://{bucket_name}/{name}", objects[name].size, objects[name].value) for name in chosen]


def read_text(account_id: str, partition: str, url: str, what: str) -> str:
    bucket_name, key = split_s3_url(url)
    objects = _objects(_bucket(account_id, partition, bucket_name))
    if key not in objects:
        raise DataProblem(f"The {what} at {url} does not exist.")
    try:
        return bytes(objects[key].value).decode("utf-8")
    except UnicodeDecodeError:
        raise DataProblem(f"The {what} at {url} is not UTF-8 text.") from None


def require_bucket(account_id: str, partition: str, url: str, what: str) -> None:
    bucket_name, _ = split_s3_url(url)
    try:
        _bucket(account_id, partition, bucket_name)
    except DataProblem:
        raise DataProblem(f"Amazon ML cannot write the {what} to {url}: the bucket {bucket_name} does not exist.") from None


def write_object(account_id: str, partition: str, url: str, body: bytes) -> None:
    bucket_name, key = split_s3_url(url)
    _s3(account_id, partition).put_object(bucket_name, key, body)


def join_s3(base: str, *parts: str) -> str:
    return base.rstrip("/") + "/" + "/".join(parts)


# --- documents callers send ----------------------------------------------------------------------
@dataclass
class Schema:
    text: str
    attributes: list[str] = field(default_factory=list)
    target: str | None = None
    has_header: bool = False


def parse_schema(text: str) -> Schema:
    """A DataSchema document; raises ValueError with the reason when it is not one."""
    try:
        document = json.loads(text)
    except ValueError:
        raise ValueError("The DataSchema is not valid JSON.") from None
    if not isinstance(document, dict):
        raise ValueError("The DataSchema must be a JSON object.")
    attributes = document.get("attributes")
    if not isinstance(attributes, list) or not attributes:
        raise ValueError("The DataSchema must list its attributes.")
    names = []
    for attribute in attributes:
        # The developer guide names them fieldName/fieldType; early schemas used attribute*.
        if not isinstance(attribute, dict):
            raise ValueError("Each DataSchema attribute must be a JSON object.")
        name = attribute.get("fieldName", attribute.get("attributeName"))
        kind = attribute.get("fieldType", attribute.get("attributeType"))
        if not isinstance(name, str) or not name:
            raise ValueError("Each DataSchema attribute needs a fieldName.")
        if kind not in ATTRIBUTE_TYPES:
            raise ValueError(f"The attribute {name} has an unknown fieldType {kind!r}.")
        names.append(name)
    if len(set(names)) != len(names):
        raise ValueError("The DataSchema names an attribute twice.")
    target = document.get("targetFieldName", document.get("targetAttributeName"))
    if target is not None and target not in names:
        raise ValueError(f"The target {target} is not an attribute of the DataSchema.")
    data_format = document.get("dataFormat", "CSV")
    if data_format != "CSV":
        raise ValueError("The DataSchema dataFormat must be CSV.")
    return Schema(text, names, target, bool(document.get("dataFileContainsHeader", False)))


@dataclass
class Rearrangement:
    begin: float = 0
    end: float = 100
    complement: bool = False

    def select(self, rows: list[Any]) -> list[Any]:
        start = int(len(rows) * self.begin / 100)
        stop = int(len(rows) * self.end / 100)
        return rows[:start] + rows[stop:] if self.complement else rows[start:stop]


def parse_rearrangement(text: str | None) -> Rearrangement:
    if not text:
        return Rearrangement()
    try:
        document = json.loads(text)
    except ValueError:
        raise ValueError("The DataRearrangement is not valid JSON.") from None
    splitting = document.get("splitting", {}) if isinstance(document, dict) else None
    if not isinstance(splitting, dict):
        raise ValueError("The DataRearrangement must be a JSON object with a splitting object.")
    begin, end = splitting.get("percentBegin", 0), splitting.get("percentEnd", 100)
    for value in (begin, end):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
            raise ValueError("percentBegin and percentEnd must be numbers from 0 to 100.")
    if begin > end:
        raise ValueError("percentBegin must not be greater than percentEnd.")
    if splitting.get("strategy", "sequential") not in ("sequential", "random"):
        raise ValueError("The splitting strategy must be sequential or random.")
    return Rearrangement(begin, end, bool(splitting.get("complement", False)))


def parse_json_object(text: str, what: str) -> dict[str, Any]:
    try:
        document = json.loads(text)
    except ValueError:
        raise ValueError(f"The {what} is not valid JSON.") from None
    if not isinstance(document, dict):
        raise ValueError(f"The {what} must be a JSON object.")
    return document


# --- observations --------------------------------------------------------------------------------
@dataclass
class Observations:
    records: list[dict[str, str]]
    invalid: int


def read_observations(files: list[DataFile], schema: Schema, rearrangement: Rearrangement) -> list[tuple[DataFile, Observations]]:
    """The CSV rows of each file as records keyed by attribute name; rows of the wrong width are invalid."""
    result = []
    for data_file in files:
        text = data_file.body.decode("utf-8", "replace")
        rows = [row for row in csv.reader(io.StringIO(text)) if row]
        if schema.has_header and rows:
            rows = rows[1:]
        rows = rearrangement.select(rows)
        good = [dict(zip(schema.attributes, row)) for row in rows if len(row) == len(schema.attributes)]
        result.append((data_file, Observations(good, len(rows) - len(good))))
    return result


def gzip_csv(header: list[str], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return gzip.compress(buffer.getvalue().encode("utf-8"), mtime=0)
