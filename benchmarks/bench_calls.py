"""Per-call cost of moto_ext against the floor of any HTTP-level botocore mock, measured side by side.

The floor: the same call answered by a ``before-send`` handler that returns a canned response
(the bytes moto_ext answered once). What remains is botocore's own serialize / sign / parse
cost, which no mock working at the HTTP level can avoid. Each figure is the median of several
interleaved rounds, so machine noise hits every contender alike.

    python benchmarks/bench_calls.py [--calls 200] [--rounds 7]
"""

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

import boto3
from botocore.awsrequest import AWSResponse
from moto import mock_aws
from moto.core.models import botocore_stubber

from moto_ext import mock_ext

REGION = "us-east-1"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


class _Raw:
    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: Any) -> Any:
        yield self._body


def canned_client(service: str, status: int, headers: dict[str, str], body: bytes) -> Any:
    """A client whose every call is answered at once by a before-send handler."""
    client = boto3.client(service, region_name=REGION, aws_access_key_id="x", aws_secret_access_key="x")

    def answer(request: Any, **_: Any) -> AWSResponse:
        return AWSResponse(request.url, status, headers, _Raw(body))

    client.meta.events.register_first("before-send", answer)
    # botocore calls every before-send handler: moto's stubber must not also answer this client
    client.meta.events.unregister("before-send", botocore_stubber)
    return client


def capture(client: Any, call: Callable[[Any], Any]) -> tuple[int, dict[str, str], bytes]:
    """The raw response moto_ext gives for ``call``, to replay as the floor."""
    seen: dict[str, Any] = {}
    client.meta.events.register("after-call", lambda **kw: seen.update(r=kw["http_response"]))
    call(client)
    response = seen["r"]
    return response.status_code, dict(response.headers), response.content


def per_call(fn: Callable[[], Any], calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls


def median_rounds(contenders: dict[str, Callable[[], Any]], calls: int, rounds: int) -> dict[str, float]:
    samples: dict[str, list[float]] = {name: [] for name in contenders}
    for name, fn in contenders.items():  # warm-up
        per_call(fn, max(5, calls // 10))
    for _ in range(rounds):
        for name, fn in contenders.items():
            samples[name].append(per_call(fn, calls))
    return {name: statistics.median(values) for name, values in samples.items()}


def seed_lookoutvision(client: Any) -> None:
    client.create_project(ProjectName="bench")
    client.create_dataset(ProjectName="bench", DatasetType="train")
    client.create_model(ProjectName="bench", OutputConfig={"S3Location": {"Bucket": "bench-out"}})
    client.describe_model(ProjectName="bench", ModelVersion="1")


def bench_calls(calls: int, rounds: int) -> list[tuple[str, float, float]]:
    rows = []
    with mock_ext():
        lv = boto3.client("lookoutvision", region_name=REGION)
        rk = boto3.client("rekognition", region_name=REGION)
        seed_lookoutvision(lv)
        rk.create_project(ProjectName="bench")

        def describe_model(c: Any) -> Any:
            return c.describe_model(ProjectName="bench", ModelVersion="1")

        def describe_projects(c: Any) -> Any:
            return c.describe_projects()

        def detect_labels(c: Any) -> Any:
            return c.detect_labels(Image={"Bytes": PNG})

        floor_lv = canned_client("lookoutvision", *capture(lv, describe_model))
        floor_dp = canned_client("rekognition", *capture(rk, describe_projects))
        floor_dl = canned_client("rekognition", *capture(rk, detect_labels))
        times = median_rounds(
            {
                "DescribeModel moto_ext": lambda: describe_model(lv),
                "DescribeModel floor": lambda: describe_model(floor_lv),
                "DescribeProjects moto_ext": lambda: describe_projects(rk),
                "DescribeProjects floor": lambda: describe_projects(floor_dp),
                "DetectLabels moto": lambda: detect_labels(rk),
                "DetectLabels floor": lambda: detect_labels(floor_dl),
            },
            calls,
            rounds,
        )
    for label, floor in (
        ("DescribeModel (Lookout for Vision, moto_ext)", "DescribeModel"),
        ("DescribeProjects (Rekognition, moto_ext)", "DescribeProjects"),
        ("DetectLabels (Rekognition, moto's own, for comparison)", "DetectLabels"),
    ):
        mocked = times[f"{floor} moto_ext"] if f"{floor} moto_ext" in times else times[f"{floor} moto"]
        rows.append((label, mocked, mocked / times[f"{floor} floor"]))
        rows.append(("  floor: canned before-send answer", times[f"{floor} floor"], 1.0))
    return rows


def bench_enter_leave(rounds: int) -> list[tuple[str, float, float]]:
    def enter_leave(factory: Callable[[], Any]) -> Callable[[], None]:
        def run() -> None:
            with factory():
                pass

        return run

    times = median_rounds({"mock_ext": enter_leave(mock_ext), "mock_aws": enter_leave(mock_aws)}, 20, rounds)
    return [
        ("enter + leave mock_ext", times["mock_ext"], times["mock_ext"] / times["mock_aws"]),
        ("enter + leave mock_aws (reference)", times["mock_aws"], 1.0),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    print(f"{'measure':58} {'per call':>10} {'ratio':>7}")
    for label, seconds, ratio in bench_calls(args.calls, args.rounds) + bench_enter_leave(args.rounds):
        print(f"{label:58} {seconds * 1e6:8.0f}us {ratio:6.2f}x")
    print("ratios: to the floor for calls; to mock_aws for entering and leaving. Goal: moto_ext <= 1.5x the floor.")


if __name__ == "__main__":
    main()
