"""What a SageMaker Ground Truth manifest means to Rekognition Custom Labels.

core.groundtruth reads the layout (JSON Lines, one image a line, label attributes with their
``-metadata``) and rejects a manifest with an unreadable line. This module reads each label
attribute as Custom Labels does:

- image-level label: the attribute is a class id, the metadata has ``class-name``;
- several image-level labels: the attribute is a list of class ids, the metadata a ``class-map``;
- object detection: the attribute has ``annotations`` (``class_id``, ``top``, ``left``,
  ``width``, ``height``), the metadata a ``class-map``.

A line whose labels are inconsistent (a class id missing from the class map, a box without its
coordinates ...) is kept as an entry with errors; Custom Labels counts such entries in
``ErrorEntries`` and lists them with ``HasErrors``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from moto_ext.core import groundtruth

from .service_model import shape

MAX_LABEL_LENGTH = int(shape("DatasetLabel").metadata["max"])


@dataclass
class Entry:
    source_ref: str
    line: str
    # label name -> number of bounding boxes with that label (0 for an image-level label)
    labels: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def labeled(self) -> bool:
        return bool(self.labels)

    @property
    def order_key(self) -> str:
        """A stable pseudo-random key: DistributeDatasetEntries picks its share by it."""
        return hashlib.sha256(self.source_ref.encode()).hexdigest()

    def copy(self) -> Entry:
        return Entry(self.source_ref, self.line, dict(self.labels), list(self.errors))


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


def _read_attribute(entry: Entry, attribute: str, value: object, metadata: dict) -> None:
    kind = str(metadata.get("type", ""))
    class_map = metadata.get("class-map")
    if isinstance(value, dict) or "object-detection" in kind:
        annotations = value.get("annotations") if isinstance(value, dict) else None
        if not isinstance(annotations, list) or not isinstance(class_map, dict):
            entry.errors.append(f"{attribute}: an object detection label needs annotations and a class-map.")
            return
        for annotation in annotations:
            if not isinstance(annotation, dict):
                entry.errors.append(f"{attribute}: an annotation is not an object.")
                continue
            box: list[Any] = [annotation.get(k) for k in ("top", "left", "width", "height")]
            if (
                not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in box)
                or box[2] <= 0
                or box[3] <= 0
            ):
                entry.errors.append(f"{attribute}: an annotation has an invalid bounding box.")
                continue
            name = _class_name(entry, attribute, class_map, annotation.get("class_id"))
            if name is not None:
                entry.labels[name] = entry.labels.get(name, 0) + 1
    elif isinstance(value, list) or "multilabel" in kind:
        if not isinstance(value, list) or not isinstance(class_map, dict):
            entry.errors.append(f"{attribute}: a multi-label attribute needs a list of class ids and a class-map.")
            return
        for class_id in value:
            name = _class_name(entry, attribute, class_map, class_id)
            if name is not None:
                entry.labels.setdefault(name, 0)
    else:
        name = metadata.get("class-name")
        if not isinstance(name, str) or not name or len(name) > MAX_LABEL_LENGTH:
            entry.errors.append(
                f"{attribute}: an image-level label needs a class-name of 1 to {MAX_LABEL_LENGTH} characters."
            )
            return
        entry.labels.setdefault(name, 0)


def _class_name(entry: Entry, attribute: str, class_map: dict, class_id: object) -> str | None:
    name = class_map.get(str(class_id))
    if not isinstance(name, str) or not name or len(name) > MAX_LABEL_LENGTH:
        entry.errors.append(f"{attribute}: class id {class_id!r} is not in the class-map.")
        return None
    return name
