"""SageMaker Ground Truth manifests: JSON Lines, one image a line (``source-ref``), and label
attributes, each ``<attribute>`` with an ``<attribute>-metadata`` object beside it.

This module reads the layout every service shares; what a label means (normal/anomaly for
Lookout for Vision, labels and boxes for Custom Labels) is each service's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .jsonbody import NotAJsonObject, json_object


class ManifestError(ValueError):
    """A manifest that cannot be read at all: the message names the first bad line."""


@dataclass(frozen=True)
class Line:
    number: int
    text: str
    record: dict[str, Any]

    @property
    def source_ref(self) -> str:
        return str(self.record["source-ref"])


def lines(
    blob: bytes | str, what: str = "manifest", *, max_length: int | None = None, s3_only: bool = False
) -> list[Line]:
    """The non-blank lines of a manifest, each a JSON object with a ``source-ref``."""
    if isinstance(blob, bytes):
        try:
            blob = blob.decode("utf-8")
        except UnicodeDecodeError:
            raise ManifestError(f"The {what} is not UTF-8 text.") from None
    found = []
    for number, raw in enumerate(blob.splitlines(), start=1):
        text = raw.strip()
        if not text:
            continue
        if max_length is not None and len(text) > max_length:
            raise ManifestError(f"Line {number} of the {what} is longer than {max_length} characters.")
        try:
            record = json_object(text, f"Line {number} of the {what}")
        except NotAJsonObject as error:
            raise ManifestError(str(error)) from None
        source_ref = record.get("source-ref")
        if not isinstance(source_ref, str) or not source_ref or (s3_only and not source_ref.startswith("s3://")):
            where = " with an s3:// location" if s3_only else ""
            raise ManifestError(f"Line {number} of the {what} has no source-ref{where}.")
        found.append(Line(number, text, record))
    return found


def label_attributes(record: dict[str, Any]) -> Iterator[tuple[str, Any, dict[str, Any]]]:
    """(attribute, value, metadata) of every label attribute of a manifest line."""
    for attribute, value in record.items():
        if attribute == "source-ref" or attribute.endswith("-metadata"):
            continue
        metadata = record.get(f"{attribute}-metadata")
        if isinstance(metadata, dict):
            yield attribute, value, metadata
