"""CPU cost of one call through moto_ext, fast path on and off, against the floor of any HTTP-level mock.

The floor: the same call answered by a ``before-send`` handler that returns canned bytes (the
bytes moto_ext answered once). What remains is botocore's own serialize / sign / parse cost,
which no mock working at the HTTP level can avoid. moto's own Rekognition DetectLabels is
measured beside them for comparison.

Contenders run in small interleaved blocks (``--block`` calls each, every contender once per
round, the order rotating each round), so machine noise lands on all of them alike; each figure
is the median over the rounds of the block's CPU time (``time.process_time``) per call.

    python benchmarks/bench_calls.py [--block 20] [--rounds 60]
"""

from __future__ import annotations

import argparse
import os
import statistics
from collections.abc import Callable
from typing import Any

import boto3
from botocore.awsrequest import AWSResponse
from moto.core.models import botocore_stubber
from shared import ML_SCHEMA, CannedBody, cpu_per_call

from moto_ext import mock_ext
from moto_ext.core import fastpath

REGION = "us-east-1"
NEPTUNE_CLUSTER = "https://bench.cluster-abc.us-east-1.neptune.amazonaws.com:8182"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
LV_BUCKET = "bench-lv"
ML_BUCKET = "bench-ml"


def client(service: str, **kwargs: Any) -> Any:
    return boto3.client(service, region_name=REGION, aws_access_key_id="x", aws_secret_access_key="x", **kwargs)


def canned_client(service: str, answer: tuple[int, dict[str, str], bytes], **kwargs: Any) -> Any:
    """A client whose every call is answered at once by a before-send handler."""
    status, headers, body = answer
    canned = client(service, **kwargs)

    def respond(request: Any, **_: Any) -> AWSResponse:
        return AWSResponse(request.url, status, headers, CannedBody(body))

    canned.meta.events.register_first("before-send", respond)
    # botocore calls every before-send handler: moto's stubber must not also answer this client
    canned.meta.events.unregister("before-send", botocore_stubber)
    return canned


def capture(mocked: Any, call: Callable[[Any], Any]) -> tuple[int, dict[str, str], bytes]:
    """The raw answer moto_ext gives to ``call``, to replay as the floor."""
    seen: dict[str, Any] = {}

    def keep(http_response: Any, **_: Any) -> None:
        seen["response"] = http_response

    mocked.meta.events.register("after-call", keep)
    call(mocked)
    mocked.meta.events.unregister("after-call", keep)
    response = seen["response"]
    return response.status_code, dict(response.headers), response.content


def answering_response(mocked: Any, call: Callable[[Any], Any]) -> Any:
    """The response instance moto_ext set up to answer ``call`` (one real call is made)."""
    from moto_ext.core.responses import ExtResponse

    kept: dict[str, Any] = {}
    original = ExtResponse.call_action

    def keep(self: Any) -> Any:
        kept["response"] = self
        return original(self)

    ExtResponse.call_action = keep  # type: ignore[method-assign]
    try:
        call(mocked)
    finally:
        ExtResponse.call_action = original  # type: ignore[method-assign]
    return kept["response"]


def answered_by(service: str, respond: Callable[..., AWSResponse], **kwargs: Any) -> Any:
    """A client whose every call ``respond`` answers (moto's stubber does not also answer)."""
    answered = client(service, **kwargs)
    answered.meta.events.register_first("before-send", respond)
    answered.meta.events.unregister("before-send", botocore_stubber)
    return answered


def bare_client(service: str, mocked: Any, call: Callable[[Any], Any], **kwargs: Any) -> Any:
    """A client answered by the least a mock of this design does for ``call``, as a yardstick.

    Its ``before-send`` handler reads botocore's request (``light_request``), parses it with the
    operation's parser, runs the service's own handler, renders the result with the compiled
    serializer, draws a request id and answers. It leaves out everything else a real answer
    takes: setting the response up per request (region, account, access key, date, routing),
    validation, faults, idempotency, the lifecycle frame, the IAM count and error handling (a
    response instance set up once by a real call is reused). No mock that reads the request, runs
    the service and writes the answer can cost less than this by much.
    """
    from moto_ext.core.light import light_request
    from moto_ext.core.responses import request_id_long, snake_case

    response = answering_response(mocked, call)
    handler = getattr(response, snake_case(response._get_action()))
    answer = response._compiled_answer()
    assert answer is not None, "the call has no compiled serializer"
    to_mock = _to_mocked_host(response, kwargs)

    def respond(request: Any, **_: Any) -> AWSResponse:
        to_mock(request)
        response.parse_parameters(light_request(request))
        body = answer(handler().result)
        headers = {"Content-Type": answer.content_type, "x-amzn-requestid": request_id_long()}
        return AWSResponse(request.url, answer.status, headers, CannedBody(body.encode()))

    return answered_by(service, respond, **kwargs)


def minimal_frame_client(service: str, mocked: Any, call: Callable[[Any], Any], **kwargs: Any) -> Any:
    """A client answered by the bare yardstick plus the least per-request frame an answer with
    moto_ext's semantics needs, hard-wired for ``call``: a fresh response instance (its
    constructor's attributes copied), the region, access key, account and date worked out, the
    request parsed, validated, checked for injected faults, the IAM request counted, the handler
    run inside the lifecycle frame. It knows its operation, route, parser and serializer in
    advance and leaves out idempotency, error handling and the checks that send a request to
    moto's full path: what the real fast path does beyond it is their cost and its generality.
    """
    from moto.core.authorization import ActionAuthenticatorMixin

    from moto_ext.core import faults, lifecycle
    from moto_ext.core.light import (
        _account_of,
        _http_date,
        _region_of,
        access_key_in,
        light_request,
    )
    from moto_ext.core.responses import from_waiter, request_id_long, snake_case

    response = answering_response(mocked, call)
    klass = type(response)
    operation = response.operation_model
    handler = getattr(klass, snake_case(operation.name))
    answer = response._compiled_answer()
    assert answer is not None, "the call has no compiled serializer"
    constructed = dict(klass().__dict__, fast_path=True, _action=operation.name, _operation=operation)
    uri_match = dict(response.uri_match)
    service_name = str(response.service_name)
    to_mock = _to_mocked_host(response, kwargs)

    def respond(request: Any, **_: Any) -> AWSResponse:
        to_mock(request)
        light = light_request(request)
        assert light is not None
        fresh = klass.__new__(klass)
        state = fresh.__dict__
        state.update(constructed)
        body = light.data.decode()
        state.update(
            normalized_request=light,
            headers=light.headers,
            uri=light.raw_url,
            path=light.raw_path,
            raw_path=light.raw_path,
            method=light.method,
            raw_body=light.data,
            body=body,
            _querystring_environ=(body, light.environ),
            uri_match=dict(uri_match),
            response_headers={"server": "amazon.com", "date": _http_date()},
        )
        fresh.region, fresh.partition = _region_of(fresh, light, light.raw_url)
        access_key = access_key_in(light.environ.get("HTTP_AUTHORIZATION", "")) or "AKIAEXAMPLE"
        fresh.access_key = access_key
        fresh.current_account = os.environ.get("MOTO_ACCOUNT_ID") or _account_of(access_key)[0]
        fresh.parse_parameters(light)
        fresh._check_input(operation)
        faults.before_call(service_name, operation.name)
        ActionAuthenticatorMixin.request_count += 1
        with lifecycle.answering(waiter=from_waiter(light.headers)):
            result = handler(fresh)
        headers = {"Content-Type": answer.content_type, **state["response_headers"]}
        headers["x-amzn-requestid"] = request_id_long()
        return AWSResponse(request.url, answer.status, headers, CannedBody(answer(result.result).encode()))

    return answered_by(service, respond, **kwargs)


def _to_mocked_host(response: Any, kwargs: dict[str, Any]) -> Callable[[Any], None]:
    """What the redirect does for a cluster endpoint (Neptune): the mock's host, as it writes it."""
    endpoint = kwargs.get("endpoint_url")
    mocked_url = f"https://{response.normalized_request.host}"

    def to_mock(request: Any) -> None:
        if endpoint:
            request.url = request.url.replace(endpoint, mocked_url, 1)

    return to_mock


# --- what each service's Describe call needs --------------------------------------------------------
def seed_lookoutvision(lv: Any) -> None:
    s3 = client("s3")
    s3.create_bucket(Bucket=LV_BUCKET)
    lv.create_project(ProjectName="bench")
    lv.create_dataset(ProjectName="bench", DatasetType="train")
    lines = [
        f'{{"source-ref": "s3://{LV_BUCKET}/{label}-{i}.png", "anomaly-label": {int(label == "anomaly")}, '
        f'"anomaly-label-metadata": {{"class-name": "{label}", "human-annotated": "yes", '
        f'"type": "groundtruth/image-classification"}}}}'
        for label, count in (("normal", 20), ("anomaly", 10))
        for i in range(count)
    ]
    lv.update_dataset_entries(ProjectName="bench", DatasetType="train", Changes="\n".join(lines).encode())
    lv.describe_dataset(ProjectName="bench", DatasetType="train")
    lv.create_model(ProjectName="bench", OutputConfig={"S3Location": {"Bucket": LV_BUCKET}})
    lv.describe_model(ProjectName="bench", ModelVersion="1")


def seed_machinelearning(ml: Any) -> None:
    s3 = client("s3")
    s3.create_bucket(Bucket=ML_BUCKET)
    s3.put_object(Bucket=ML_BUCKET, Key="train.csv", Body=b"age,label\n31,1\n42,0\n27,1\n55,0\n")
    ml.create_data_source_from_s3(
        DataSourceId="bench-ds",
        DataSpec={"DataLocationS3": f"s3://{ML_BUCKET}/train.csv", "DataSchema": ML_SCHEMA},
        ComputeStatistics=True,
    )
    ml.create_ml_model(MLModelId="bench-model", MLModelType="BINARY", TrainingDataSourceId="bench-ds")
    for _ in range(6):
        ml.get_ml_model(MLModelId="bench-model")


def seed_neptunedata(neptune: Any) -> None:
    client("s3").create_bucket(Bucket="bench-neptune")
    neptune.start_ml_data_processing_job(
        id="bench-job",
        inputDataS3Location="s3://bench-neptune/export",
        processedDataS3Location="s3://bench-neptune/processed",
    )
    for _ in range(2):
        neptune.get_ml_data_processing_job(id="bench-job")


# --- timing -------------------------------------------------------------------------------------------
def interleaved_medians(contenders: dict[str, Callable[[], Any]], block: int, rounds: int) -> dict[str, float]:
    names = list(contenders)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for name in names:  # warm-up: caches, models, first-call imports
        cpu_per_call(contenders[name], block)
    for round_number in range(rounds):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            samples[name].append(cpu_per_call(contenders[name], block))
    return {name: statistics.median(values) for name, values in samples.items()}


def same_answer(one: dict[str, Any], other: dict[str, Any]) -> bool:
    """Whether two parsed answers are alike but for their request ids."""
    return {**one, "ResponseMetadata": None} == {**other, "ResponseMetadata": None}


def bound(call: Callable[[Any], Any], target: Any) -> Callable[[], Any]:
    return lambda: call(target)


def with_fast_path(on: bool, call: Callable[[], Any]) -> Callable[[], Any]:
    def run() -> Any:
        with fastpath.enabled(on):
            return call()

    return run


def bench_calls(block: int, rounds: int) -> list[tuple[str, float, float]]:
    with mock_ext():
        lv = client("lookoutvision")
        rk = client("rekognition")
        ml = client("machinelearning")
        neptune = client("neptunedata", endpoint_url=NEPTUNE_CLUSTER)
        seed_lookoutvision(lv)
        rk.create_project(ProjectName="bench")
        seed_machinelearning(ml)
        seed_neptunedata(neptune)

        calls: list[tuple[str, Any, Callable[[Any], Any], dict[str, Any]]] = [
            (
                "Lookout for Vision DescribeModel",
                lv,
                lambda c: c.describe_model(ProjectName="bench", ModelVersion="1"),
                {},
            ),
            ("Rekognition DescribeProjects", rk, lambda c: c.describe_projects(), {}),
            ("Machine Learning GetMLModel", ml, lambda c: c.get_ml_model(MLModelId="bench-model"), {}),
            (
                "Neptune GetMLDataProcessingJob",
                neptune,
                lambda c: c.get_ml_data_processing_job(id="bench-job"),
                {"endpoint_url": NEPTUNE_CLUSTER},
            ),
        ]
        contenders: dict[str, Callable[[], Any]] = {}
        labels = []
        for label, mocked, call, options in calls:
            service = mocked.meta.service_model.service_name
            floor = canned_client(service, capture(mocked, call), **options)
            contenders[f"{label} fast"] = with_fast_path(True, bound(call, mocked))
            contenders[f"{label} full"] = with_fast_path(False, bound(call, mocked))
            contenders[f"{label} floor"] = bound(call, floor)
            contenders[f"{label} bare"] = bound(call, bare_client(service, mocked, call, **options))
            framed = minimal_frame_client(service, mocked, call, **options)
            assert same_answer(call(framed), call(mocked)), "the minimal frame answers otherwise"
            contenders[f"{label} frame"] = bound(call, framed)
            labels.append(label)

        def detect_labels(c: Any) -> Any:
            return c.detect_labels(Image={"Bytes": PNG})

        floor_detect = canned_client("rekognition", capture(rk, detect_labels))
        contenders["moto DetectLabels"] = lambda: detect_labels(rk)
        contenders["moto DetectLabels floor"] = lambda: detect_labels(floor_detect)
        times = interleaved_medians(contenders, block, rounds)

    rows = []
    for label in labels:
        floor = times[f"{label} floor"]
        rows.append((f"{label}, fast path", times[f"{label} fast"], times[f"{label} fast"] / floor))
        rows.append((f"{label}, full path", times[f"{label} full"], times[f"{label} full"] / floor))
        rows.append(("  yardstick: + minimal frame", times[f"{label} frame"], times[f"{label} frame"] / floor))
        rows.append(
            ("  yardstick: bare parse, handler, render", times[f"{label} bare"], times[f"{label} bare"] / floor)
        )
        rows.append(("  floor: canned before-send answer", floor, 1.0))
    floor = times["moto DetectLabels floor"]
    rows.append(
        ("Rekognition DetectLabels (moto's own)", times["moto DetectLabels"], times["moto DetectLabels"] / floor)
    )
    rows.append(("  floor: canned before-send answer", floor, 1.0))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--block", type=int, default=20, help="calls per block")
    parser.add_argument("--rounds", type=int, default=60, help="blocks per contender")
    args = parser.parse_args()
    print(f"{'call':52} {'CPU/call':>10} {'x floor':>8}")
    for label, seconds, ratio in bench_calls(args.block, args.rounds):
        print(f"{label:52} {seconds * 1e6:8.0f}us {ratio:7.2f}x")
    print(f"medians of {args.rounds} interleaved blocks of {args.block} calls. Goal: fast path <= 1.3x the floor.")


if __name__ == "__main__":
    main()
