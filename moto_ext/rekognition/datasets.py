"""Custom Labels datasets: a project's TRAIN and TEST images, their labels and how they change.

``rekognition.dataset``: CREATE_IN_PROGRESS -> CREATE_COMPLETE | CREATE_FAILED;
UPDATE_IN_PROGRESS -> UPDATE_COMPLETE | UPDATE_FAILED; DELETE_IN_PROGRESS -> gone.

A change (a manifest, UpdateDatasetEntries, DistributeDatasetEntries) waits in ``pending`` and
takes effect when the status settles in *_COMPLETE; it is dropped if it settles in *_FAILED.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from moto_ext.core.lifecycle import Lifecycle, LifecycleKind
from moto_ext.core.paging import Catalog

from .manifests import Entry
from .projects import GONE, Project
from .service_model import enum

if TYPE_CHECKING:
    from .models import CustomLabelsBackend

DATASET_KIND = LifecycleKind(
    "rekognition.dataset",
    steps={
        "CREATE_IN_PROGRESS": "CREATE_COMPLETE",
        "UPDATE_IN_PROGRESS": "UPDATE_COMPLETE",
        "DELETE_IN_PROGRESS": GONE,
    },
    failures={"CREATE_IN_PROGRESS": "CREATE_FAILED", "UPDATE_IN_PROGRESS": "UPDATE_FAILED"},
    statuses=enum("DatasetStatus"),
    gone=[GONE],
)

COMPLETE = {"CREATE_COMPLETE", "UPDATE_COMPLETE"}
FAILED = {"CREATE_FAILED", "UPDATE_FAILED"}
#: datasets whose entries can be read, trained on, updated or split
SETTLED = {"CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_FAILED"}


@dataclass
class DatasetChange:
    """A change that takes effect when the dataset's status settles."""

    replace: list[Entry] | None = None  # the dataset's new content (CreateDataset)
    upsert: list[Entry] = field(default_factory=list)
    remove: set[str] = field(default_factory=set)  # source-refs
    failure: str | None = None  # the change cannot succeed: it settles in *_FAILED with this message


@dataclass(frozen=True)
class DatasetLabel:
    name: str
    entry_count: int
    bounding_box_count: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "LabelName": self.name,
            "LabelStats": {"EntryCount": self.entry_count, "BoundingBoxCount": self.bounding_box_count},
        }


class Dataset:
    def __init__(
        self,
        backend: CustomLabelsBackend,
        project: Project,
        dataset_type: str,
        tags: dict[str, str],
        change: DatasetChange,
    ) -> None:
        millis, self.created = backend.stamp()
        self.project = project
        self.dataset_type = dataset_type
        self.arn = f"{project.arn_prefix}/dataset/{dataset_type.lower()}/{millis}"
        self.updated = self.created
        self.tags = dict(tags)
        self.entries: Catalog[str, Entry] = Catalog()  # by source-ref, in order of arrival
        self._labels: list[DatasetLabel] | None = None  # labels() of the current entries
        self.pending: DatasetChange | None = change
        self.message = "The dataset is being created."
        self.message_code: str | None = None
        self.lifecycle = Lifecycle(
            DATASET_KIND, "CREATE_IN_PROGRESS", ids=[self.arn], on_change=self._on_change, on_gone=self._on_gone
        )
        self._expect("CREATE_IN_PROGRESS", change)

    @property
    def status(self) -> str:
        return self.lifecycle.status  # type: ignore[no-any-return]

    def begin(self, status: str, change: DatasetChange | None, message: str) -> None:
        self.pending = change
        self.message, self.message_code = message, None
        self._expect(status, change)
        self.lifecycle.begin(status)

    def _expect(self, status: str, change: DatasetChange | None) -> None:
        """A change known to fail settles in the failure when it ends."""
        failing = change is not None and change.failure
        self.lifecycle.settle_in(status, DATASET_KIND.failures.get(status) if failing else None)

    def _on_change(self, old: str, new: str) -> None:
        if self.pending is None or DATASET_KIND.in_progress(new):
            return
        change, self.pending = self.pending, None
        if new in COMPLETE:
            self._labels = None
            if change.replace is not None:
                self.entries = Catalog()
                self.entries.update((entry.source_ref, entry) for entry in change.replace)
            for source_ref in change.remove:
                self.entries.pop(source_ref, None)
            for entry in change.upsert:
                self.entries[entry.source_ref] = entry
            self.updated = datetime.now(timezone.utc)
            self.message = (
                "The dataset was successfully created."
                if new == "CREATE_COMPLETE"
                else "The dataset was successfully updated."
            )
            self.message_code = "SUCCESS"
        elif new in FAILED:
            if change.failure:
                self.message, self.message_code = change.failure, "CLIENT_ERROR"
            else:
                verb = "created" if new == "CREATE_FAILED" else "updated"
                self.message, self.message_code = f"The dataset could not be {verb}.", "SERVICE_ERROR"

    def _on_gone(self) -> None:
        if self.project.datasets.get(self.dataset_type) is self:
            del self.project.datasets[self.dataset_type]

    def labels(self) -> list[DatasetLabel]:
        """The labels of the entries, by name (computed once for each state of the entries)."""
        if self._labels is not None:
            return self._labels
        found: dict[str, tuple[int, int]] = {}
        for entry in self.entries.values():
            for name, boxes in entry.labels.items():
                count, total = found.get(name, (0, 0))
                found[name] = (count + 1, total + boxes)
        self._labels = [DatasetLabel(name, count, boxes) for name, (count, boxes) in sorted(found.items())]
        return self._labels

    def to_summary(self) -> dict[str, Any]:
        """The DatasetMetadata a project description lists."""
        result = {
            "CreationTimestamp": self.created,
            "DatasetType": self.dataset_type,
            "DatasetArn": self.arn,
            "Status": self.status,
            "StatusMessage": self.message,
        }
        if self.message_code:
            result["StatusMessageCode"] = self.message_code
        return result

    def to_dict(self) -> dict[str, Any]:
        entries = list(self.entries.values())
        result = {
            "CreationTimestamp": self.created,
            "LastUpdatedTimestamp": self.updated,
            "Status": self.status,
            "StatusMessage": self.message,
            "DatasetStats": {
                "LabeledEntries": sum(1 for entry in entries if entry.labeled),
                "TotalEntries": len(entries),
                "TotalLabels": len(self.labels()),
                "ErrorEntries": sum(1 for entry in entries if entry.errors),
            },
        }
        if self.message_code:
            result["StatusMessageCode"] = self.message_code
        return result
