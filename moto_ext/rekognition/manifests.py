"""What a SageMaker Ground Truth manifest means to Rekognition Custom Labels.

core.groundtruth reads the layout (JSON Lines, one image a line, label attributes with their
``-metadata``) and rejects a manifest with an unreadable line. This module reads each label
attribute as Custom Labels does:

- image-level label: the attribute is a class id, the metadata has ``class-name``;
- several image-level labels: the attribute is a list of class ids, the metadata a ``class-map``;
- object detection: the attribute has ``annotations`` (``class_id``, ``top``, ``left``,
  ``width``, ``height``), the metadata a ``class-map``.

A line whose labels are inconsistent (a class id missing from the class map, a box without its
coordinates ...) is kept as an entry with non-terminal errors. The guide ("Understanding
training and testing validation result manifests") puts each error, ``{"code", "message"}``,
in an ``errors`` array beside what it is about: the annotation, the label attribute, its
``-metadata``, or the line itself (the image). ListDatasetEntries and the validation manifests
training writes show the lines so; ``ErrorEntries`` and ``HasErrors`` count them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from moto_ext.core import groundtruth

from .service_model import shape

MAX_LABEL_LENGTH = int(shape("DatasetLabel").metadata["max"])

# codes and messages of the guide's "Non-Terminal JSON Line Validation Errors"
ATTRIBUTE_FORMAT = "ERROR_INVALID_LABEL_ATTRIBUTE_FORMAT"
METADATA_FORMAT = "ERROR_INVALID_LABEL_ATTRIBUTE_METADATA_FORMAT"
MISSING_CLASS_MAP_ID = "ERROR_MISSING_CLASS_MAP_ID"
INVALID_BOUNDING_BOX = "ERROR_INVALID_BOUNDING_BOX"
MESSAGES = {
    MISSING_CLASS_MAP_ID: "One of more class ids is missing from the class map.",
    INVALID_BOUNDING_BOX: "The bounding box has off frame values.",
}


@dataclass(frozen=True)
class EntryError:
    """A non-terminal error of one line; ``where`` is ("image",), ("attribute", name),
    ("metadata", name) or ("annotation", name, index)."""

    code: str
    message: str
    where: tuple[Any, ...] = ("image",)

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass
class Entry:
    source_ref: str
    line: str
    # label name -> number of bounding boxes with that label (0 for an image-level label)
    labels: dict[str, int] = field(default_factory=dict)
    errors: list[EntryError] = field(default_factory=list)

    @property
    def labeled(self) -> bool:
        return bool(self.labels)

    @property
    def order_key(self) -> str:
        """A stable pseudo-random key: DistributeDatasetEntries picks its share by it."""
        return hashlib.sha256(self.source_ref.encode()).hexdigest()

    def copy(self) -> Entry:
        return Entry(self.source_ref, self.line, dict(self.labels), list(self.errors))

    def error(self, code: str, message: str, *where: Any) -> None:
        self.errors.append(EntryError(code, message, where or ("image",)))

    def listed_line(self) -> str:
        """The JSON line as given, with its errors added where the guide puts them."""
        if not self.errors:
            return self.line
        record = json.loads(self.line)
        for error in self.errors:
            _holder(record, error.where).setdefault("errors", []).append(error.to_dict())
        return json.dumps(record)


def _holder(record: dict[str, Any], where: tuple[Any, ...]) -> dict[str, Any]:
    """The object of a line an error belongs in (the line itself when the place can't hold one)."""
    kind = where[0]
    if kind == "metadata":
        found = record.get(f"{where[1]}-metadata")
    elif kind == "attribute":
        found = record.get(where[1])
    elif kind == "annotation":
        annotations = (record.get(where[1]) or {}).get("annotations") or []
        found = annotations[where[2]] if where[2] < len(annotations) else None
    else:
        found = record
    return found if isinstance(found, dict) else record


def parse_manifest(blob: bytes | str) -> list[Entry]:
    """Every entry of a manifest, in order; a later line for the same image replaces an earlier one.

    groundtruth.ManifestError when a line cannot be read at all.
    """
    entries: dict[str, Entry] = {}
    for line in groundtruth.lines(blob, "manifest"):
        entry = Entry(source_ref=line.source_ref, line=line.text)
        for attribute, value, metadata in groundtruth.label_attributes(line.record):
            _read_attribute(entry, attribute, value, metadata)
        entries.pop(entry.source_ref, None)
        entries[entry.source_ref] = entry
    return list(entries.values())


def _attribute_format(entry: Entry, attribute: str, where: str) -> None:
    entry.error(ATTRIBUTE_FORMAT, f"The format of the label attribute {attribute} is invalid.", where, attribute)


def _metadata_format(entry: Entry, attribute: str) -> None:
    entry.error(
        METADATA_FORMAT, f"The format of the label attribute {attribute}-metadata is invalid.", "metadata", attribute
    )


def _read_attribute(entry: Entry, attribute: str, value: object, metadata: dict) -> None:
    kind = str(metadata.get("type", ""))
    class_map = metadata.get("class-map")
    if isinstance(value, dict) or "object-detection" in kind:
        annotations = value.get("annotations") if isinstance(value, dict) else None
        if not isinstance(annotations, list):
            _attribute_format(entry, attribute, "attribute" if isinstance(value, dict) else "metadata")
            return
        if not isinstance(class_map, dict):
            _metadata_format(entry, attribute)
            return
        for index, annotation in enumerate(annotations):
            if not isinstance(annotation, dict):
                _attribute_format(entry, attribute, "attribute")
                continue
            box: list[Any] = [annotation.get(k) for k in ("top", "left", "width", "height")]
            if (
                not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in box)
                or min(box) < 0
                or box[2] <= 0
                or box[3] <= 0
            ):
                entry.error(INVALID_BOUNDING_BOX, MESSAGES[INVALID_BOUNDING_BOX], "annotation", attribute, index)
                continue
            name = _class_name(class_map, annotation.get("class_id"))
            if name is None:
                entry.error(MISSING_CLASS_MAP_ID, MESSAGES[MISSING_CLASS_MAP_ID], "annotation", attribute, index)
                continue
            entry.labels[name] = entry.labels.get(name, 0) + 1
    elif isinstance(value, list) or "multilabel" in kind:
        if not isinstance(value, list):
            _attribute_format(entry, attribute, "metadata")
            return
        if not isinstance(class_map, dict):
            _metadata_format(entry, attribute)
            return
        for class_id in value:
            name = _class_name(class_map, class_id)
            if name is None:
                entry.error(MISSING_CLASS_MAP_ID, MESSAGES[MISSING_CLASS_MAP_ID], "metadata", attribute)
                continue
            entry.labels.setdefault(name, 0)
    else:
        name = metadata.get("class-name")
        if not isinstance(name, str) or not name or len(name) > MAX_LABEL_LENGTH:
            _metadata_format(entry, attribute)
            return
        entry.labels.setdefault(name, 0)


def _class_name(class_map: dict, class_id: object) -> str | None:
    name = class_map.get(str(class_id))
    if not isinstance(name, str) or not name or len(name) > MAX_LABEL_LENGTH:
        return None
    return name
