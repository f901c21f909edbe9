"""The fast path (core/fastpath.py) answers with the bytes moto's full path answers with.

Every operation moto_ext answers, of the four AWS services, is called with a valid request
(tests/robustness/model_inputs.py) in a fresh mock, once through each path, with moto's random
generator seeded alike; the answers' status, body and headers must match, but for the values
that differ between any two calls (the date, the request id, timestamps). Each operation is
also called with one of its modeled errors injected. One test id per operation.
"""

import datetime
import json
import re
from contextlib import contextmanager

import pytest
from botocore import xform_name
from botocore.awsrequest import AWSRequest, AWSResponse
from botocore.config import Config
from moto.core.request import normalize_request
from moto.core.responses import BaseResponse
from moto.moto_api._internal import mock_random

from moto_ext import mock_ext
from moto_ext.core import fastpath, faults, registry
from moto_ext.core import light as light_module
from moto_ext.core import responses as ext_responses
from moto_ext.core.compiled import compiled
from tests.robustness.model_inputs import NO_VALUE, valid_structure
from tests.robustness.services import ENDPOINTS, SERVICES, owned_operations
from tests.support import SESSION

# epoch seconds or milliseconds, ISO-8601 instants, Neptune's engine start time ("Mon Nov 30 03:47:12
# UTC 2026"), and request ids in error bodies
_VARYING = re.compile(
    rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|"
    rb"[A-Z][a-z]{2} [A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d UTC \d{4}|"
    rb"\d{10,14}(\.\d+)?|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?"
)
_VARYING_HEADERS = {"date", "last-modified", "x-amzn-requestid", "x-amz-request-id", "x-amz-id-2"}


def _bytes(body):
    """A body as bytes (a streaming output's body is still a stream before parsing)."""
    return body if isinstance(body, bytes) else body.read()


def _client(service):
    return SESSION.client(
        service,
        region_name="us-east-1",
        endpoint_url=ENDPOINTS.get(service),
        config=Config(retries={"total_max_attempts": 1}, parameter_validation=False),
    )


@contextmanager
def fast_path_answers(before=None):
    """What the fast path answers while the block runs, in order (None: moto's full path answered);
    ``before(fast_path, event_name, request)`` sees each request first."""
    answers = []
    original = fastpath.FastPath.answer

    def spy(self, event_name, request):
        if before is not None:
            before(self, event_name, request)
        answer = original(self, event_name, request)
        answers.append(answer)
        return answer

    fastpath.FastPath.answer = spy
    try:
        yield answers
    finally:
        fastpath.FastPath.answer = original


def _answer(service, operation, request, fast, error=None):
    """The raw answer (status, headers, body) to one call in a fresh mock, and who answered it."""
    client = _client(service)
    seen = {}

    def capture(response_dict, **_):
        seen.update(response_dict, body=_bytes(response_dict["body"]))

    differences = []  # raised inside botocore's call, the client would take them as its own

    def compare_setup(fast_path, event_name, http_request):
        light = light_module.light_request(http_request)
        if light is not None:
            moto_request = normalize_request(http_request)
            try:
                assert_same_request(light, moto_request)
                route = fast_path._route(*event_name.split(".")[1:])
                if route is not None and ext_responses._setup_is_motos(route.response_class):
                    assert_same_setup(route.response_class, light, moto_request)
            except AssertionError as difference:
                differences.append(difference)

    client.meta.events.register("before-parse", capture)
    with fastpath.enabled(fast), mock_ext() as m:
        mock_random.seed(1234)
        if error is not None:
            m.inject_fault(service, operation, error, message="injected")
        raised = None
        try:
            with fast_path_answers(compare_setup) as answers:
                getattr(client, xform_name(operation))(**request)
        except Exception as error:  # noqa: BLE001 - the answer is what is compared, not how the client took it
            raised = error
        finally:
            faults._rules.clear()
    answered_by_fast_path = any(answer is not None for answer in answers)
    if differences:
        raise differences[0]
    if not seen:  # the mock raised (moto's NotImplementedError): the same exception both ways
        return (type(raised).__name__, str(raised)), answered_by_fast_path
    headers = {name.lower(): value for name, value in seen["headers"].items() if name.lower() not in _VARYING_HEADERS}
    return (seen["status_code"], headers, _VARYING.sub(b"<varies>", seen["body"])), answered_by_fast_path


def assert_same_request(light, moto_request):
    """The light request reads as moto's werkzeug request does, in everything moto's classes read."""
    for name in ("method", "host", "path", "raw_path", "query_string", "raw_url", "data", "content_type"):
        assert getattr(light, name) == getattr(moto_request, name), name
    assert list(light.headers) == list(moto_request.headers)
    assert list(light.headers.keys()) == list(moto_request.headers.keys())
    assert list(light.args.items(multi=True)) == list(moto_request.args.items(multi=True))
    assert list(light.values.items(multi=True)) == list(moto_request.values.items(multi=True))
    assert light.form == moto_request.form and bool(light.files) is bool(moto_request.files)
    assert light.get_data(as_text=True) == moto_request.get_data(as_text=True)
    assert light.content_encoding == moto_request.content_encoding
    assert light.from_wsgi_server == moto_request.from_wsgi_server


def assert_same_setup(response_class, light, moto_request):
    """The fast path's setup gives a response the attributes moto's setup_class gives it."""
    light_response, moto_response = response_class(), response_class()
    light_module.light_setup(light_response, light, light.raw_url, light.headers)
    BaseResponse.setup_class(moto_response, moto_request, moto_request.raw_url, moto_request.headers)
    # computed on first read: read them, as moto's are there
    light_response.querystring  # noqa: B018
    light_response.parsed_url  # noqa: B018
    got, expected = dict(vars(light_response)), dict(vars(moto_response))
    for attributes in (got, expected):
        attributes.pop("normalized_request")
        attributes["headers"] = list(attributes["headers"].items())
        attributes["form_data"] = list(attributes["form_data"].items(multi=True))
        attributes["response_headers"].pop("date")  # the clock may tick between the two
    assert got == expected
    assert type(got["querystring"]) is type(expected["querystring"])
    assert list(got["querystring"]) == list(expected["querystring"])


def _walk():
    for service in SERVICES:
        for operation in sorted(owned_operations(service)):
            yield pytest.param(service, operation, id=f"{service}.{operation}")


def _request(service, operation):
    model = _client(service).meta.service_model.operation_model(operation)
    request = valid_structure(model.input_shape) if model.input_shape is not None else {}
    if request is NO_VALUE:
        pytest.skip(f"{operation}: no valid request can be generated")
    return model, request


@pytest.mark.parametrize("service, operation", list(_walk()))
def test_every_answer_is_the_same_both_ways(service, operation):
    model, request = _request(service, operation)
    full, full_was_fast = _answer(service, operation, request, fast=False)
    fast, fast_was_fast = _answer(service, operation, request, fast=True)
    route = fastpath.FastPath(registry.services(registry.BOTOCORE))._route(
        model.service_model.service_id.hyphenize(), operation
    )
    streaming = model.has_streaming_input or model.has_streaming_output
    if not registry.get(service).extends_moto:
        assert (route is None) is streaming, f"{operation}: the fast path takes exactly the plain operations"
    assert not full_was_fast
    assert fast_was_fast is (route is not None)
    assert fast == full


@pytest.mark.parametrize("service, operation", list(_walk()))
def test_every_injected_error_is_the_same_both_ways(service, operation):
    model, request = _request(service, operation)
    if not model.error_shapes:
        pytest.skip(f"{operation}: no modeled error")
    error = model.error_shapes[0].name
    full, _ = _answer(service, operation, request, fast=False, error=error)
    fast, _ = _answer(service, operation, request, fast=True, error=error)
    assert full[0] >= 400
    assert fast == full


# --- whole programs: every answer of a realistic run, both ways ----------------------------------------
def _lookoutvision(clients):
    from tests.lookoutvision import helpers

    lv = clients("lookoutvision")
    clients("s3").create_bucket(Bucket=helpers.BUCKET)
    version = helpers.make_hosted_model(lv)
    lv.list_projects()
    lv.list_models(ProjectName="widgets")
    lv.list_dataset_entries(ProjectName="widgets", DatasetType="train", MaxResults=5)
    lv.tag_resource(
        ResourceArn=lv.describe_project(ProjectName="widgets")["ProjectDescription"]["ProjectArn"],
        Tags=[{"Key": "team", "Value": "qa"}],
    )
    lv.detect_anomalies(ProjectName="widgets", ModelVersion=version, Body=helpers.PNG, ContentType="image/png")
    lv.stop_model(ProjectName="widgets", ModelVersion=version)
    lv.describe_model(ProjectName="widgets", ModelVersion=version)


def _rekognition(clients):
    from tests.rekognition import helpers

    rek = clients("rekognition")
    s3 = clients("s3")
    s3.create_bucket(Bucket=helpers.BUCKET)
    project_arn, version_arn = helpers.make_running(rek, s3)
    rek.describe_projects()
    rek.describe_project_versions(ProjectArn=project_arn)
    rek.list_tags_for_resource(ResourceArn=project_arn)
    rek.detect_custom_labels(ProjectVersionArn=version_arn, Image={"Bytes": b"\xff\xd8\xff\xe0" + b"\x00" * 16})
    rek.detect_labels(Image={"Bytes": b"\x89PNG\r\n\x1a\n" + b"\x00" * 16})


def _machinelearning(clients):
    from tests.machinelearning import helpers

    ml = clients("machinelearning")
    s3 = clients("s3")
    s3.create_bucket(Bucket=helpers.BUCKET)
    s3.put_object(Bucket=helpers.BUCKET, Key="train/part-1.csv", Body=helpers.TRAIN_CSV)
    model_id = helpers.make_model(ml)
    url = helpers.make_endpoint(ml, model_id)
    ml.predict(MLModelId=model_id, Record={"age": "30", "colour": "red"}, PredictEndpoint=url)
    ml.describe_ml_models()
    ml.describe_data_sources(FilterVariable="Status", EQ="COMPLETED")
    ml.add_tags(ResourceId=model_id, ResourceType="MLModel", Tags=[{"Key": "a", "Value": "b"}])
    ml.describe_tags(ResourceId=model_id, ResourceType="MLModel")


def _neptunedata(clients):
    from tests.neptunedata import helpers

    neptune = clients("neptunedata", endpoint_url=helpers.CLUSTER)
    clients("s3").create_bucket(Bucket=helpers.BUCKET)
    helpers.completed_transform(neptune)
    neptune.list_ml_data_processing_jobs()
    neptune.list_ml_model_training_jobs()
    neptune.get_ml_model_transform_job(id="mt-1")
    neptune.execute_open_cypher_query(openCypherQuery="CREATE (n:Person {name: 'a'}) RETURN n")
    neptune.execute_open_cypher_query(openCypherQuery="MATCH (n) RETURN count(n) AS c")


_DRAWN = re.compile(rb"\d+\.\d+")

PROGRAMS = {
    "lookoutvision": _lookoutvision,
    "rekognition": _rekognition,
    "machinelearning": _machinelearning,
    "neptunedata": _neptunedata,
}


def _run(program, fast):
    """Every answer of the program (masked as above), and how many the fast path gave."""
    answers = []

    def record(response_dict, **_):
        headers = {k.lower(): v for k, v in response_dict["headers"].items() if k.lower() not in _VARYING_HEADERS}
        body = _VARYING.sub(b"<varies>", _bytes(response_dict["body"]))
        # scores and confidences are drawn from a seed that holds the creation time
        answers.append((response_dict["status_code"], headers, _DRAWN.sub(b"<drawn>", body)))

    def clients(name, **kwargs):
        made = SESSION.client(name, region_name="us-east-1", **kwargs)
        made.meta.events.register("before-parse", record)
        return made

    with fast_path_answers() as fast_answers, fastpath.enabled(fast), mock_ext():
        mock_random.seed(99)
        program(clients)
    return answers, sum(answer is not None for answer in fast_answers)


@pytest.mark.parametrize("service", sorted(PROGRAMS))
def test_a_whole_program_gets_the_same_answers_both_ways(service):
    full, none = _run(PROGRAMS[service], fast=False)
    fast, by_fast_path = _run(PROGRAMS[service], fast=True)
    assert none == 0 and by_fast_path > 5
    assert len(fast) == len(full) > 5
    for number, (got, expected) in enumerate(zip(fast, full)):
        assert got == expected, f"answer {number}"


def test_moto_operations_of_an_extended_service_stay_with_moto():
    # Rekognition's DetectLabels is moto's: the fast path leaves it to moto's stubber
    route = fastpath.FastPath([registry.get("rekognition")])
    assert route._route("rekognition", "DetectLabels") is None
    assert route._route("rekognition", "DescribeProjects") is not None


def test_the_switch_turns_it_off():
    client = _client("lookoutvision")
    with fast_path_answers() as calls, mock_ext():
        with fastpath.enabled(False):
            client.list_projects()
        with fastpath.enabled(True):
            client.list_projects()
    assert calls[0] is None
    assert isinstance(calls[1], AWSResponse)


def test_falls_back_while_iam_is_enforced_or_the_recorder_runs():
    from moto.core import set_initial_no_auth_action_count
    from moto.moto_api import recorder

    client = _client("lookoutvision")

    @set_initial_no_auth_action_count(0)
    def denied():
        try:
            client.list_projects()
        except Exception:  # noqa: BLE001 - the denial itself is tested elsewhere
            pass

    with fast_path_answers() as answers, mock_ext(), fastpath.enabled(True):
        denied()
        recorder.start_recording()
        try:
            client.list_projects()
        finally:
            recorder.stop_recording()
            recorder.reset_recording()
    assert answers == [None, None]


def test_only_the_services_standard_host_takes_the_fast_path():
    route = fastpath.FastPath(list(registry.services(registry.BOTOCORE)))
    event = "before-send.lookoutvision.ListProjects"

    def request(url):
        return AWSRequest(method="GET", url=url, headers={"Authorization": "x"}).prepare()

    with mock_ext(), fastpath.enabled(True):
        assert route.answer(event, request("http://localhost:5999/2020-11-20/projects")) is None
        assert (
            route.answer(event, request("https://lookoutvision.us-east-1.amazonaws.com.cn/2020-11-20/projects")) is None
        )
        assert route.answer(event, request("https://lookoutvision.us-east-1.amazonaws.com/2020-11-20/projects"))


def test_body_bytes_of_a_success_are_json():
    client = _client("lookoutvision")
    seen = {}
    client.meta.events.register("before-parse", lambda response_dict, **_: seen.update(response_dict))
    with mock_ext(), fastpath.enabled(True):
        client.create_project(ProjectName="fast")
    assert seen["status_code"] == 200
    assert json.loads(seen["body"])["ProjectMetadata"]["ProjectName"] == "fast"


_WHEN = datetime.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=datetime.timezone.utc)
# moto reads a naive timestamp as UTC and converts any other zone to UTC; whole seconds have no fraction
_OTHER_TIMES = (
    _WHEN.replace(tzinfo=None),
    _WHEN.astimezone(datetime.timezone(datetime.timedelta(hours=2))),
    _WHEN.replace(microsecond=0),
    _WHEN.replace(microsecond=999),
)


def _full_value(shape, depth=0, when=_WHEN):
    """A value of ``shape`` with every member set (one list item, one map entry)."""
    kind = shape.type_name
    if kind == "structure":
        if depth > 5:
            return {}
        return {name: _full_value(member, depth + 1, when) for name, member in shape.members.items()}
    if kind == "list":
        return [] if depth > 5 else [_full_value(shape.member, depth + 1, when)]
    if kind == "map":
        return {} if depth > 5 else {"key-1": _full_value(shape.value, depth + 1, when)}
    if kind == "string":
        return shape.enum[0] if shape.enum else 'text \u00e9 "quoted"'
    if kind in ("integer", "long"):
        return 7
    if kind in ("float", "double"):
        return 0.25
    if kind == "boolean":
        return False
    if kind == "timestamp":
        return when
    if kind == "blob":
        return b"\x00\x01blob"
    return None


def _snake_keys(value):
    """The same result with every structure key in snake_case (moto's picker finds those too)."""
    if isinstance(value, dict):
        return {xform_name(key): _snake_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_snake_keys(item) for item in value]
    return value


@pytest.mark.parametrize("service, operation", list(_walk()))
def test_the_compiled_serializer_writes_what_motos_serializer_writes(service, operation):
    from types import SimpleNamespace

    from moto.core import responses as moto_responses
    from moto.core.serialize import get_serializer_class
    from moto.core.utils import get_service_model

    model = get_service_model(registry.get(service).boto3_name)
    operation_model = model.operation_model(operation)
    if operation_model.output_shape is None:
        pytest.skip(f"{operation}: no output")
    result = _full_value(operation_model.output_shape)
    serializer_class = get_serializer_class(model.service_name, model.protocol)
    answer = compiled(operation_model, serializer_class, SimpleNamespace())
    if answer is None:
        # moto's serializer answers these: the output has a payload, header members or a stream
        output = operation_model.output_shape
        assert (
            output.serialization.get("payload")
            or operation_model.has_event_stream_output
            or any("location" in member.serialization for member in output.members.values())
        ), f"{operation}: no compiled serializer for a plain body output"
        return
    other_times = [_full_value(operation_model.output_shape, when=when) for when in _OTHER_TIMES]
    for shaped in (result, _snake_keys(result), {}, *other_times):
        expected = serializer_class(
            operation_model=operation_model,
            pretty_print=False,
            value_picker=moto_responses.XFormedAttributePicker(response_transformers={}),
        ).serialize(shaped)
        assert (answer.status, {"Content-Type": answer.content_type}, answer(shaped)) == (
            expected["status_code"],
            expected["headers"],
            expected["body"],
        )
