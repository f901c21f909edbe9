"""The engine status Neptune reports (GetEngineStatus): the mock's cluster is a healthy writer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass
class EngineStatus:
    """A healthy writer; the versions are those of a current Neptune engine release."""

    started: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": "healthy",
            "startTime": self.started.strftime("%a %b %d %H:%M:%S UTC %Y"),
            "dbEngineVersion": "1.4.5.1.R1",
            "role": "writer",
            "dfeQueryEngine": "viaQueryHint",
            "gremlin": {"version": "tinkerpop-3.7.3"},
            "sparql": {"version": "sparql-11"},
            "opencypher": {"version": "Neptune-9.0.20190305-1.0"},
            "labMode": {"ObjectIndex": "disabled", "ReadWriteConflictDetection": "enabled"},
            "features": {
                "SlowQueryLogs": "disabled",
                "ResultCache": {"status": "disabled"},
                "IAMAuthentication": "enabled",
                "Streams": "disabled",
                "AuditLog": "disabled",
            },
            "settings": {"clusterQueryTimeoutInMs": "120000", "SlowQueryLogsThreshold": "5000"},
            "rollingBackTrxCount": 0,
        }
