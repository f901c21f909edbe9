"""The bulk loader's loads: their statuses, their feeds (one per S3 object) and what a status request reports.

A load reads its feeds when it starts (see feeds.py); its status settles as core.lifecycle moves it.
Which queued load starts, and when, is the backend's call (it knows the other loads).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from moto_ext.core.lifecycle import Lifecycle, LifecycleKind

from .feeds import FeedResult, read_feed
from .graph import records as graph_records
from .graph.records import GraphRecords

LOAD_RUNNING = {"LOAD_NOT_STARTED", "LOAD_IN_PROGRESS"}
LOAD_WAITING = {"LOAD_IN_QUEUE"}
LOADER_JOB = LifecycleKind(
    "neptunedata.loader_job",
    # LOAD_IN_QUEUE is left out on purpose: a queued load starts when the loader is free
    # and its dependencies have completed, which the backend decides.
    steps={"LOAD_NOT_STARTED": "LOAD_IN_PROGRESS", "LOAD_IN_PROGRESS": "LOAD_COMPLETED"},
    failures={"LOAD_IN_PROGRESS": "LOAD_FAILED"},
    statuses=[
        "LOAD_NOT_STARTED",
        "LOAD_IN_QUEUE",
        "LOAD_IN_PROGRESS",
        "LOAD_COMPLETED",
        "LOAD_CANCELLED_BY_USER",
        "LOAD_CANCELLED_DUE_TO_ERRORS",
        "LOAD_UNEXPECTED_ERROR",
        "LOAD_FAILED",
        "LOAD_S3_READ_ERROR",
        "LOAD_S3_ACCESS_DENIED_ERROR",
        "LOAD_COMMITTED_W_WRITE_CONFLICTS",
        "LOAD_DATA_DEADLOCK",
        "LOAD_DATA_FAILED_DUE_TO_FEED_MODIFIED_OR_DELETED",
        "LOAD_FAILED_BECAUSE_DEPENDENCY_NOT_SATISFIED",
        "LOAD_FAILED_INVALID_REQUEST",
    ],
)


@dataclass(frozen=True)
class Feed:
    """One S3 object of a load, read when the load starts."""

    uri: str
    result: FeedResult
    records: GraphRecords | None = None  # the property-graph formats' vertices and edges


def read_object(uri: str, data: bytes, load_format: str) -> Feed:
    """One S3 object of a load: its record count and errors, and what it puts in the graph."""
    result = read_feed(data, uri, load_format)
    records = graph_records.parse(data, uri, load_format)
    if not result.errors:
        result.errors.extend(records.errors)  # a value not of its column's type fails its record
    return Feed(uri, result, records)


class LoaderJob:
    def __init__(
        self,
        load_id: str,
        *,
        source: str,
        feeds: list[Feed],
        dependencies: list[str],
        fail_on_error: bool,
        queued: bool,
        cluster: str = "",
        update_single: bool = False,
    ) -> None:
        self.id = load_id
        self.source = source
        self.feeds = feeds
        self.dependencies = dependencies
        self.cluster = cluster  # the graph the load writes into
        self.fail_on_error = fail_on_error
        self.update_single = update_single
        self.start_time = int(time.time())
        self.end_time: int | None = None
        # [choice] A source with no objects is accepted and the load settles in LOAD_FAILED
        # (as the loader finds its feeds after the request); a missing bucket is refused at once.
        self.fails = not feeds or (fail_on_error and any(feed.result.errors for feed in feeds))
        self.lifecycle = Lifecycle(
            LOADER_JOB, "LOAD_IN_QUEUE" if queued else "LOAD_IN_PROGRESS", ids=[load_id], on_change=self._changed
        )

    def _changed(self, old: str, new: str) -> None:
        if self.end_time is None and new not in LOAD_RUNNING | LOAD_WAITING:
            self.end_time = int(time.time())

    @property
    def status(self) -> str:
        return self.lifecycle.status  # type: ignore[no-any-return]

    @property
    def finished(self) -> bool:
        return self.status not in LOAD_RUNNING | LOAD_WAITING

    def _feed_status(self, feed: Feed) -> str:
        status = self.status
        if (
            status == "LOAD_FAILED"
            and self.fails
            and not feed.result.errors
            and any(f.result.errors for f in self.feeds)
        ):
            return "LOAD_COMPLETED"  # the failing feeds failed the load; this one was loaded
        return status

    def _error_logs(self) -> list[dict[str, Any]]:
        if not self.feeds:
            return [
                {
                    "errorCode": "FILE_NOT_FOUND",
                    "errorMessage": f"No files were found at the source {self.source}.",
                    "fileName": self.source,
                    "recordNum": 0,
                }
            ]
        return [
            {"errorCode": "PARSING_ERROR", "errorMessage": message, "fileName": feed.uri, "recordNum": number}
            for feed in self.feeds
            for number, message in feed.result.errors
        ]

    def _load_status(self, uri: str, status: str, feeds: list[Feed]) -> dict[str, Any]:
        """The status of the whole load (``overallStatus``) or of one feed (``failedFeeds``)."""
        done = self.finished and status != "LOAD_CANCELLED_BY_USER"
        end = self.end_time if self.end_time is not None else int(time.time())
        return {
            "fullUri": uri,
            "runNumber": 1,
            "retryNumber": 0,
            "status": status,
            "totalTimeSpent": end - self.start_time,
            "startTime": self.start_time,
            "totalRecords": sum(feed.result.records for feed in feeds) if done else 0,
            "totalDuplicates": 0,
            "parsingErrors": sum(len(feed.result.errors) for feed in feeds) if done else 0,
            "datatypeMismatchErrors": 0,
            "insertErrors": 0,
        }

    def to_dict(
        self, *, details: bool = False, errors: bool = False, page: int = 1, errors_per_page: int = 10
    ) -> dict[str, Any]:
        """The ``payload`` of GetLoaderJobStatus; ``details`` and ``errors`` (one page of
        ``errors_per_page`` logs) add what the request asks for once the load has finished."""
        payload: dict[str, Any] = {"overallStatus": self._load_status(self.source, self.status, self.feeds)}
        if self.feeds and self.status not in LOAD_WAITING:
            counts: dict[str, int] = {}
            for feed in self.feeds:
                counts[self._feed_status(feed)] = counts.get(self._feed_status(feed), 0) + 1
            payload["feedCount"] = [{status: count} for status, count in counts.items()]
        if details and self.finished:
            failed = [feed for feed in self.feeds if self._feed_status(feed) != "LOAD_COMPLETED"]
            payload["failedFeeds"] = [self._load_status(feed.uri, self._feed_status(feed), [feed]) for feed in failed]
        if errors and self.finished:
            logs = self._error_logs() if self.status != "LOAD_CANCELLED_BY_USER" else []
            start = (page - 1) * errors_per_page
            shown = logs[start : start + errors_per_page]
            payload["errors"] = {
                "startIndex": start + 1 if shown else 0,
                "endIndex": start + len(shown) if shown else 0,
                "loadId": self.id,
                "errorLogs": shown,
            }
        return payload
