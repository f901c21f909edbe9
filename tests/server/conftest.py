"""Server-mode fixtures: one moto_ext server on a free loopback port for the session, reset after each test."""

import os
import re
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
import requests
from botocore.config import Config

from moto_ext.server import ThreadedMotoExtServer

REGION = "us-east-1"
# One session: its loader keeps the parsed service models for every client the tests make.
SESSION = boto3.session.Session()
# No retries: an error the server answers reaches the test as it was sent.
NO_RETRIES = Config(retries={"total_max_attempts": 1})


@pytest.fixture(scope="session")
def running_server() -> Iterator[ThreadedMotoExtServer]:
    with ThreadedMotoExtServer() as server:
        yield server


@pytest.fixture
def server(running_server: ThreadedMotoExtServer) -> Iterator[ThreadedMotoExtServer]:
    """The session's server; everything a test created or set is reset after it, over HTTP."""
    yield running_server
    requests.post(f"{running_server.endpoint_url}/moto-api/reset", timeout=10).raise_for_status()


def aws(service: str, server: Any, region: str = REGION, **kwargs: Any) -> Any:
    """A boto3 client of ``service`` pointed at the server (``server``: a server or its URL)."""
    endpoint = server if isinstance(server, str) else server.endpoint_url
    kwargs.setdefault("config", NO_RETRIES)
    return SESSION.client(
        service,
        region_name=region,
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        **kwargs,
    )


def error_of(excinfo: Any) -> tuple[str, int, str]:
    """(code, HTTP status, message) of a botocore ClientError."""
    response = excinfo.value.response
    return (
        response["Error"]["Code"],
        response["ResponseMetadata"]["HTTPStatusCode"],
        response["Error"].get("Message", ""),
    )


class ServerProcess:
    """``python -m moto_ext`` in a child process, on a free port it reports on its first line."""

    def __init__(self, *args: str) -> None:
        # a file, not a pipe: a full pipe would block the server; it outlives stop() to be read
        self.log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "moto_ext", "--port", "0", *args],
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        line = self.process.stdout.readline()  # type: ignore[union-attr]
        match = re.search(r"running on (http://\S+)", line)
        if match is None:
            self.process.kill()
            raise AssertionError(f"the server did not start: {line!r} {self.stderr()!r}")
        self.endpoint_url = match.group(1)

    def stderr(self) -> str:
        self.log.seek(0)
        return self.log.read()

    def stop(self) -> int:
        """SIGTERM, as a container runtime stops it; the exit status."""
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=10)
        finally:
            if self.process.poll() is None:
                self.process.kill()
            # the log stays readable
            self.process.stdout.close()  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def server_process() -> Iterator[ServerProcess]:
    """A server in its own process (its own interpreter: client and server do not share a GIL)."""
    process = ServerProcess("--quiet")
    try:
        yield process
    finally:
        assert process.stop() == 0
