"""What Amazon ML reads and writes in S3, served from moto's S3: data files, schemas, recipes,
batch prediction results; the databases it unloads (moto's RDS and Redshift); the JSON documents
callers pass in (schema, rearrangement).

Nothing here knows about HTTP; failures are ``DataProblem`` with the message the entity shows.
"""

import csv
import gzip
import io
from dataclasses import dataclass, field
from typing import Any

from moto_ext.core import s3
from moto_ext.core.jsonbody import json_object

#: attribute types a schema may declare (Amazon ML developer guide, "Creating a Data Schema")
ATTRIBUTE_TYPES = {"BINARY", "CATEGORICAL", "NUMERIC", "TEXT", "WEIGHTED_INT_SEQUENCE", "WEIGHTED_STRING_SEQUENCE"}


class DataProblem(Exception):
    """Something Amazon ML could not read or accept while processing an entity."""


def split_s3_url(url: str) -> tuple[str, str]:
    try:
        return s3.split_uri(url)
    except s3.S3LocationError:
        raise DataProblem(f"{url} is not an S3 location.") from None


def _require_bucket(account_id: str, partition: str, name: str) -> None:
    if not s3.bucket_exists(account_id, partition, name):
        raise DataProblem(f"The S3 bucket {name} does not exist or Amazon ML cannot access it.")


@dataclass
class DataFile:
    url: str
    size: int
    body: bytes


def list_data_files(account_id: str, partition: str, url: str, *, allow_empty: bool = False) -> list[DataFile]:
    """The files an S3 location names: one object, or every object under a prefix or bucket."""
    bucket_name, key = split_s3_url(url)
    _require_bucket(account_id, partition, bucket_name)
    objects = s3.objects(account_id, partition, bucket_name, prefix=key)
    if key and key in objects and not key.endswith("/"):
        chosen = [key]
    else:
        prefix = key if (not key or key.endswith("/")) else key + "/"
        chosen = [name for name in objects if name.startswith(prefix) and not name.endswith("/")]
    if not chosen and not allow_empty:
        raise DataProblem(f"No data files were found at {url}.")
    return [DataFile(f"s3://{bucket_name}/{name}", objects[name].size, objects[name].value) for name in chosen]


def read_text(account_id: str, partition: str, url: str, what: str) -> str:
    bucket_name, key = split_s3_url(url)
    _require_bucket(account_id, partition, bucket_name)
    try:
        body = s3.read(account_id, partition, bucket_name, key)
    except s3.S3LocationError:
        raise DataProblem(f"The {what} at {url} does not exist.") from None
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise DataProblem(f"The {what} at {url} is not UTF-8 text.") from None


def require_bucket(account_id: str, partition: str, url: str, what: str) -> None:
    bucket_name, _ = split_s3_url(url)
    if not s3.bucket_exists(account_id, partition, bucket_name):
        raise DataProblem(f"Amazon ML cannot write the {what} to {url}: the bucket {bucket_name} does not exist.")


def write_object(account_id: str, partition: str, url: str, body: bytes) -> None:
    bucket_name, key = split_s3_url(url)
    try:
        s3.write(account_id, partition, bucket_name, key, body)
    except s3.S3LocationError:
        raise DataProblem(f"Amazon ML cannot write to {url}: the bucket {bucket_name} does not exist.") from None


def rds_instance_exists(account_id: str, region: str, identifier: str) -> bool:
    from moto.rds.models import rds_backends

    return identifier in rds_backends[account_id][region].databases


def redshift_cluster_exists(account_id: str, region: str, identifier: str) -> bool:
    from moto.redshift.models import redshift_backends

    return identifier in redshift_backends[account_id][region].clusters


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
    document = json_object(text, "The DataSchema")
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
    """A DataRearrangement document (none: every row); raises ValueError when it is not one."""
    if not text:
        return Rearrangement()
    splitting = json_object(text, "The DataRearrangement").get("splitting", {})
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


# --- observations --------------------------------------------------------------------------------
@dataclass
class Observations:
    records: list[dict[str, str]]
    invalid: int


def read_observations(
    files: list[DataFile], schema: Schema, rearrangement: Rearrangement
) -> list[tuple[DataFile, Observations]]:
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
