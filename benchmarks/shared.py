"""What several benchmarks use: the CPU time of a block of calls, a canned response body for
botocore, and the Machine Learning schema their data sources are made with.

A benchmark run as ``python benchmarks/<name>.py`` finds this module beside it."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

ML_SCHEMA = (
    '{"version": "1.0", "targetFieldName": "label", "dataFormat": "CSV", "dataFileContainsHeader": true,'
    ' "attributes": [{"fieldName": "age", "fieldType": "NUMERIC"}, {"fieldName": "label", "fieldType": "BINARY"}]}'
)


def cpu_per_call(fn: Callable[[], Any], calls: int) -> float:
    """CPU seconds (``time.process_time``) per call of ``fn``, over a block of ``calls`` calls."""
    start = time.process_time()
    for _ in range(calls):
        fn()
    return (time.process_time() - start) / calls


class CannedBody:
    """A raw body botocore's ``AWSResponse`` reads: the same bytes every time."""

    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._body
