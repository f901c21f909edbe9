"""Datasets: the images of a project's train or test set, read from Ground Truth manifests.

A dataset is created empty (CREATE_COMPLETE at once) or from a manifest in S3
(CREATE_IN_PROGRESS -> CREATE_COMPLETE | CREATE_FAILED); UpdateDatasetEntries moves it through
UPDATE_IN_PROGRESS -> UPDATE_COMPLETE (or the rollback statuses), DeleteDataset through
DELETE_IN_PROGRESS until it is gone. The entries of a running create or update join the dataset
when it completes and are dropped if it fails: the dataset's ``on_change`` hook says so, whatever
moved the status (a read, a test forcing it).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from moto_ext.core import groundtruth
from moto_ext.core.lifecycle import Lifecycle, LifecycleKind
from moto_ext.core.paging import Catalog

from .resources import enum, now, utc

if TYPE_CHECKING:
    from .resources import Project

# A dataset in DELETE_IN_PROGRESS settles here and is gone (removed from its project) at once.
DATASET_GONE = "DELETE_COMPLETE"

DATASET_KIND = LifecycleKind(
    "lookoutvision.dataset",
    steps={
        "CREATE_IN_PROGRESS": "CREATE_COMPLETE",
        "UPDATE_IN_PROGRESS": "UPDATE_COMPLETE",
        "UPDATE_FAILED_ROLLBACK_IN_PROGRESS": "UPDATE_FAILED_ROLLBACK_COMPLETE",
        "DELETE_IN_PROGRESS": DATASET_GONE,
    },
    failures={
        "CREATE_IN_PROGRESS": "CREATE_FAILED",
        "UPDATE_IN_PROGRESS": "UPDATE_FAILED_ROLLBACK_IN_PROGRESS",
        "DELETE_IN_PROGRESS": "DELETE_FAILED",
    },
    statuses=enum("DatasetStatus"),
    gone=[DATASET_GONE],
)

#: dataset statuses in which its entries can be used (train) or changed
DATASET_READY = {"CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_FAILED_ROLLBACK_COMPLETE"}
DATASET_BUSY = {"CREATE_IN_PROGRESS", "UPDATE_IN_PROGRESS", "UPDATE_FAILED_ROLLBACK_IN_PROGRESS", "DELETE_IN_PROGRESS"}
#: statuses in which the entries of a running create or update are dropped
_PENDING_DROPPED = {"CREATE_FAILED", "UPDATE_FAILED_ROLLBACK_IN_PROGRESS", "UPDATE_FAILED_ROLLBACK_COMPLETE"}

DATASET_MESSAGES = {
    "CREATE_IN_PROGRESS": "Creating the dataset.",
    "CREATE_COMPLETE": "Dataset created.",
    "CREATE_FAILED": "Dataset creation failed.",
    "UPDATE_IN_PROGRESS": "Updating the dataset.",
    "UPDATE_COMPLETE": "Dataset updated.",
    "UPDATE_FAILED_ROLLBACK_IN_PROGRESS": "Dataset update failed; rolling back.",
    "UPDATE_FAILED_ROLLBACK_COMPLETE": "Dataset update failed; rolled back.",
    "DELETE_IN_PROGRESS": "Deleting the dataset.",
    "DELETE_FAILED": "Dataset deletion failed.",
}

#: a DatasetEntry is a JSON object of at most this many characters
MAX_ENTRY_LENGTH = 8192


class Entry:
    """One image of a dataset: a JSON line of a Ground Truth manifest."""

    def __init__(self, line: groundtruth.Line, added: datetime) -> None:
        self.line = line.text
        self.record = line.record
        self.source_ref = line.source_ref
        self.label, created = _label_of(line.record)
        self.created = _parse_date(created) or added
        #: anomaly types of a segmentation line (its mask's color map, background left out): name -> color
        self.mask_colors = _mask_colors(line.record)

    @property
    def labeled(self) -> bool:
        return self.label is not None


def entries_of(blob: bytes, what: str) -> list[Entry]:
    """The entries of a manifest or a change set; ``groundtruth.ManifestError`` names the first bad line."""
    lines = groundtruth.lines(blob, what, max_length=MAX_ENTRY_LENGTH, s3_only=True)
    if not lines:
        raise groundtruth.ManifestError(f"The {what} has no entries.")
    added = now()
    return [Entry(line, added) for line in lines]


def _label_of(record: dict[str, Any]) -> tuple[str | None, Any]:
    """The anomaly class of a manifest line and its label's creation date, if it is labeled.

    The developer guide ("Defining JSON lines for anomaly classification"): the label
    attribute's value is required but not used; its ``class-name`` says normal or anomaly, and
    an image whose ``class-name`` is any other value is added unlabeled.
    """
    for _, _, metadata in groundtruth.label_attributes(record):
        class_name = metadata.get("class-name")
        if isinstance(class_name, str) and class_name.lower() in ("normal", "anomaly"):
            return class_name.lower(), metadata.get("creation-date")
    return None, None


def _mask_colors(record: dict[str, Any]) -> dict[str, str]:
    """The anomaly types of a segmentation line: the ``internal-color-map`` of its mask attribute
    (a key ending in ``-ref``, "Defining JSON lines for image segmentation"); entry 0 is the
    background, not an anomaly type."""
    colors: dict[str, str] = {}
    for attribute, _, metadata in groundtruth.label_attributes(record):
        color_map = metadata.get("internal-color-map")
        if not attribute.endswith("-ref") or not isinstance(color_map, dict):
            continue
        for key, entry in color_map.items():
            if str(key) == "0" or not isinstance(entry, dict):
                continue
            name, color = entry.get("class-name"), entry.get("hex-color")
            if isinstance(name, str) and isinstance(color, str):
                colors[name] = color
    return colors


def _parse_date(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return utc(datetime.fromisoformat(value))
    except ValueError:
        return None


class Dataset:
    def __init__(
        self,
        project: Project,
        dataset_type: str,
        entries: list[Entry] | None = None,
        failure: str | None = None,
    ) -> None:
        self.project = project
        self.dataset_type = dataset_type
        self.created = now()
        self.last_updated = self.created
        self.entries: Catalog[str, Entry] = Catalog()  # by source-ref, in order of arrival
        # entries that join when the running create/update completes (and are dropped if it fails)
        self.pending: list[Entry] | None = entries
        # why a manifest import must fail once it completes (found when the manifest was read)
        self.failure = failure
        self.message: str | None = None
        initial = "CREATE_COMPLETE" if entries is None else "CREATE_IN_PROGRESS"
        self.lifecycle = Lifecycle(
            DATASET_KIND,
            initial,
            ids=[f"{project.arn}/dataset/{dataset_type}", f"{project.name}/dataset/{dataset_type}"],
            on_change=self._changed,
            on_gone=self._gone,
        )

    @property
    def status(self) -> str:
        return str(self.lifecycle.status)

    def observe(self) -> str:
        return str(self.lifecycle.observe())

    def update(self, entries: list[Entry]) -> None:
        self.pending = entries
        self.lifecycle.begin("UPDATE_IN_PROGRESS")

    def _changed(self, old: str, new: str) -> None:
        if self.pending is None:
            return
        if new == "CREATE_COMPLETE" and self.failure:
            self.message = self.failure
            self.lifecycle.force("CREATE_FAILED")  # calls this hook again, which drops the entries
        elif new in ("CREATE_COMPLETE", "UPDATE_COMPLETE"):
            for entry in self.pending:
                self.entries[entry.source_ref] = entry
            self.pending = None
            self.last_updated = now()
        elif new in _PENDING_DROPPED:
            self.pending = None

    def _gone(self) -> None:
        if self.project.datasets.get(self.dataset_type) is self:
            del self.project.datasets[self.dataset_type]

    def to_dict(self) -> dict[str, Any]:
        """DatasetDescription (DatasetMetadata is a subset of its members)."""
        status = self.status
        entries = list(self.entries.values())
        labeled = [e for e in entries if e.labeled]
        return {
            "ProjectName": self.project.name,
            "DatasetType": self.dataset_type,
            "CreationTimestamp": self.created,
            "LastUpdatedTimestamp": self.last_updated,
            "Status": status,
            "StatusMessage": self.message
            if status == "CREATE_FAILED" and self.message
            else DATASET_MESSAGES.get(status),
            "ImageStats": {
                "Total": len(entries),
                "Labeled": len(labeled),
                "Normal": sum(1 for e in labeled if e.label == "normal"),
                "Anomaly": sum(1 for e in labeled if e.label == "anomaly"),
            },
        }
