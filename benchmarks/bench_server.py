"""Server mode's requests per second against moto's own server, on the same call, side by side.

moto's ``ThreadedMotoServer`` and moto_ext's ``ThreadedMotoExtServer`` run in this process on free
loopback ports. Small blocks of the same call go to one server, then the other (the order swaps
every block), so machine noise hits both alike; each figure is the median of the blocks' rates.

Two clients:
- ``boto3``: a boto3 client per server (serialize, sign, send, parse: what a user's program pays);
- ``raw``: the request a boto3 client sent once, sent again as is with ``http.client`` (a new
  connection whenever the server closes one): the client's share of the time is small, so the
  servers' difference shows.

Both servers answer with the same service code: importing moto_ext installs it into moto (the
Rekognition response class, the URL table), so what differs is the server layer. Request logging
is off for both (werkzeug's request log line costs the same on each and is not the server's work).

    python benchmarks/bench_server.py [--blocks 15] [--block-size 40]
"""

import argparse
import http.client
import logging
import statistics
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import boto3
from botocore.awsrequest import AWSResponse
from botocore.config import Config
from moto.server import ThreadedMotoServer
from shared import CannedBody

from moto_ext.server import ThreadedMotoExtServer

REGION = "us-east-1"
JPEG = b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF" + b"\x00" * 64
NO_RETRIES = Config(retries={"total_max_attempts": 1})

#: name -> (service, the call)
CALLS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "s3.ListBuckets": ("s3", lambda client: client.list_buckets()),
    "rekognition.DetectLabels": ("rekognition", lambda client: client.detect_labels(Image={"Bytes": JPEG})),
}


def boto3_client(service: str, endpoint_url: str) -> Any:
    return boto3.client(
        service,
        region_name=REGION,
        endpoint_url=endpoint_url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=NO_RETRIES,
    )


def boto3_caller(service: str, call: Callable[[Any], Any], endpoint_url: str) -> Callable[[], None]:
    client = boto3_client(service, endpoint_url)
    return lambda: call(client)


def raw_caller(service: str, call: Callable[[Any], Any], endpoint_url: str) -> Callable[[], None]:
    """Resend the request boto3 builds for ``call`` (its signature is not checked by either server)."""
    client = boto3_client(service, endpoint_url)
    sent: dict[str, Any] = {}

    def capture(request: Any, **_: Any) -> AWSResponse:
        sent.update(method=request.method, url=request.url, headers=dict(request.headers), body=request.body)
        return AWSResponse(request.url, 200, {}, CannedBody(b"{}"))  # never sent: only captured

    client.meta.events.register_first("before-send", capture)
    try:
        call(client)
    except Exception:  # noqa: S110 - the canned answer may not parse; the request is what is wanted
        pass
    parts = urlsplit(sent["url"])
    target = f"{parts.path or '/'}?{parts.query}" if parts.query else parts.path or "/"
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)

    def send() -> None:
        nonlocal connection
        connection.request(sent["method"], target, body=sent["body"], headers=sent["headers"])
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"{sent['method']} {sent['url']}: {response.status} {body[:200]!r}")
        if response.will_close:  # the server ended the connection: open the next one
            connection.close()
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)

    return send


def rate(caller: Callable[[], None], calls: int) -> float:
    started = time.perf_counter()
    for _ in range(calls):
        caller()
    return calls / (time.perf_counter() - started)


def measure(callers: dict[str, Callable[[], None]], blocks: int, block_size: int) -> dict[str, float]:
    """Median requests per second of each caller over ``blocks`` interleaved blocks."""
    names = list(callers)
    for name in names:  # warm-up: first-request costs (imports, model loading, app creation)
        rate(callers[name], 10)
    rates: dict[str, list[float]] = {name: [] for name in names}
    for block in range(blocks):
        for name in names if block % 2 == 0 else reversed(names):
            rates[name].append(rate(callers[name], block_size))
    return {name: statistics.median(values) for name, values in rates.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--blocks", type=int, default=15, help="blocks per server (default 15)")
    parser.add_argument("--block-size", type=int, default=40, help="calls per block (default 40)")
    parser.add_argument("--call", choices=sorted(CALLS), action="append", help="the calls to time (default: all)")
    parser.add_argument("--client", choices=["boto3", "raw"], action="append", help="the clients (default: both)")
    args = parser.parse_args(argv)
    if not (1 <= args.blocks <= 1000 and 1 <= args.block_size <= 10_000):
        parser.error("--blocks must be 1..1000 and --block-size 1..10000")
    logging.getLogger("werkzeug").setLevel(logging.ERROR)

    moto_server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    moto_server.start()
    ext_server = ThreadedMotoExtServer().start()
    try:
        host, port = moto_server.get_host_and_port()
        endpoints = {"moto_server": f"http://{host}:{port}", "moto_ext": ext_server.endpoint_url}
        makers = {"boto3": boto3_caller, "raw": raw_caller}
        print(f"{'call':<26} {'client':<6} {'moto_server rps':>16} {'moto_ext rps':>13} {'ratio':>6}")  # noqa: T201
        for name in args.call or sorted(CALLS):
            service, call = CALLS[name]
            for client in args.client or ["raw", "boto3"]:
                callers = {server: makers[client](service, call, url) for server, url in endpoints.items()}
                medians = measure(callers, args.blocks, args.block_size)
                ratio = medians["moto_ext"] / medians["moto_server"]
                line = (
                    f"{name:<26} {client:<6} {medians['moto_server']:>16.0f} {medians['moto_ext']:>13.0f} {ratio:>6.2f}"
                )
                print(line, flush=True)  # noqa: T201
    finally:
        ext_server.stop()
        moto_server.stop()


if __name__ == "__main__":
    main()
