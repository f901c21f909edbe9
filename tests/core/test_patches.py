"""core.patches: what moto_ext changes in moto and botocore, each change checked and idempotent."""

import os
import types

import botocore
import botocore.loaders
import pytest
from botocore.awsrequest import AWSRequest
from moto import mock_aws

import moto_ext  # noqa: F401  (registers the services and applies the patches)
from moto_ext.core import patches, registry
from moto_ext.core.patches import DATA_PATH, PatchError, redirect_to

SIGNED = "AWS4-HMAC-SHA256 Credential=AKID/20261130/eu-west-2/neptune-db/aws4_request, SignedHeaders=host, Signature=x"
CLUSTER_URL = "http://my-cluster.cluster-abc.us-east-1.neptune.amazonaws.com:8182/propertygraph/status?mode=x#f"


def _request(url=CLUSTER_URL, authorization=SIGNED):
    headers = {"Authorization": authorization} if authorization else {}
    return AWSRequest(method="GET", url=url, headers=headers)


# --- _require ----------------------------------------------------------------------------------------
def test_require_returns_what_is_there():
    import moto.backends

    assert patches._require(moto.backends, "get_backend") is moto.backends.get_backend


def test_require_names_the_missing_attribute_of_a_module():
    with pytest.raises(PatchError, match=r"^moto_ext patches botocore\.loaders\.no_such_thing, which this version"):
        patches._require(botocore.loaders, "no_such_thing")


def test_require_names_the_missing_attribute_of_any_object():
    owner = types.SimpleNamespace(present=1)
    with pytest.raises(PatchError) as error:
        patches._require(owner, "absent")
    assert "absent" in str(error.value) and "namespace" in str(error.value)
    assert error.value.__context__ is None or error.value.__suppress_context__


def test_patch_error_is_a_runtime_error():
    assert issubclass(PatchError, RuntimeError)


# --- apply is idempotent ------------------------------------------------------------------------------
def _state():
    import moto.backend_index
    import moto.backends
    import moto.core.responses as moto_responses
    import moto.rekognition.urls
    from botocore.handlers import BUILTIN_HANDLERS
    from moto.core.botocore_stubber import BotocoreStubber

    return {
        "stubber": BotocoreStubber.__call__,
        "get_backend": moto.backends.get_backend,
        "patterns": sorted((name, pattern.pattern) for name, pattern in moto.backend_index.backend_url_patterns),
        "handlers": list(BUILTIN_HANDLERS),
        "rekognition routes": dict(moto.rekognition.urls.url_paths),
        "search_paths": botocore.loaders.Loader.search_paths,
        "picker": moto_responses.XFormedAttributePicker,
        "method_names": moto_responses.method_names_from_class,
    }


def test_apply_again_changes_nothing():
    before = _state()
    patches.apply(registry.services())
    assert _state() == before


def test_every_patch_is_idempotent_even_when_run_again(monkeypatch):
    import moto.backend_index

    patterns = moto.backend_index.backend_url_patterns
    saved = list(patterns)
    before = _state()
    monkeypatch.setattr(patches, "_applied", False)
    try:
        patches.apply(registry.services())
        assert _state() == before
        assert len(patterns) == len(saved)
    finally:
        patterns[:] = saved  # the same entries, in the original order


# --- moto's backend lookup and URL patterns ---------------------------------------------------------
def test_get_backend_resolves_moto_ext_services_and_leaves_moto_s_alone():
    import moto.backends
    from moto.rekognition.models import rekognition_backends
    from moto.s3.models import s3_backends

    assert moto.backends.get_backend("lookoutvision") is registry.get("lookoutvision").backends
    assert moto.backends.get_backend("neptunedata") is registry.get("neptunedata").backends
    assert moto.backends.get_backend("rekognition") is rekognition_backends  # extends moto's own
    assert moto.backends.get_backend("s3") is s3_backends


def test_url_patterns_of_the_services_are_in_moto_s_table():
    import moto.backend_index

    patterns = moto.backend_index.backend_url_patterns
    assert isinstance(patterns, list)

    def owner(url):
        return next(name for name, pattern in patterns if pattern.match(url))

    assert owner("https://lookoutvision.us-east-1.amazonaws.com/2020-11-20/projects") == "lookoutvision"
    assert owner("https://rekognition.eu-west-1.amazonaws.com/") == "rekognition"
    assert owner("https://machinelearning.us-east-1.amazonaws.com/") == "machinelearning"
    assert owner("https://neptune-db.us-east-1.amazonaws.com/status") == "neptunedata"
    assert not any(name == "modelarts" for name, _ in patterns)  # a responses service, not moto's


def test_a_service_that_extends_moto_answers_moto_s_routes():
    import moto.rekognition.urls

    service = registry.get("rekognition")
    assert moto.rekognition.urls.url_paths == service.url_paths
    from moto.rekognition.responses import RekognitionResponse

    assert issubclass(service.response_class, RekognitionResponse)


# --- botocore's data path ---------------------------------------------------------------------------
def test_data_path_is_searched_after_botocore_s_own_data():
    paths = botocore.loaders.Loader().search_paths
    own = os.path.join(os.path.dirname(botocore.__file__), "data")
    assert DATA_PATH in paths and own in paths
    assert paths.index(own) < paths.index(DATA_PATH)
    assert paths[-1] == DATA_PATH


def test_data_path_is_added_once_however_often_it_is_read():
    loader = botocore.loaders.Loader()
    for _ in range(3):
        assert loader.search_paths.count(DATA_PATH) == 1


def test_data_path_holds_the_lookoutvision_model_botocore_finds():
    assert os.path.isdir(os.path.join(DATA_PATH, "lookoutvision"))
    loader = botocore.loaders.create_loader()
    assert "lookoutvision" in loader.list_available_services("service-2")
    model = loader.load_service_model("lookoutvision", "service-2")
    assert model["metadata"]["apiVersion"] == "2020-11-20"


# --- redirects -------------------------------------------------------------------------------------------
def test_redirect_leaves_the_url_alone_without_a_mock():
    request = _request()
    assert redirect_to("neptune-db.{region}.amazonaws.com")(request) is None
    assert request.url == CLUSTER_URL


def test_redirect_rewrites_to_the_signed_region_while_moto_mocks():
    request = _request()
    with mock_aws():
        assert redirect_to("neptune-db.{region}.amazonaws.com")(request, event_name="before-send.neptunedata") is None
    assert request.url == "https://neptune-db.eu-west-2.amazonaws.com/propertygraph/status?mode=x#f"


def test_redirect_of_an_unsigned_request_uses_the_default_region():
    request = _request(url="https://10.0.0.1:8182/sparql", authorization=None)
    with mock_aws():
        redirect_to("neptune-db.{region}.amazonaws.com")(request)
    assert request.url == "https://neptune-db.us-east-1.amazonaws.com/sparql"


def test_redirect_stops_with_the_mock():
    with mock_aws():
        pass
    request = _request()
    redirect_to("neptune-db.{region}.amazonaws.com")(request)
    assert request.url == CLUSTER_URL


def test_the_services_redirects_reach_the_mock_from_any_host():
    """A client naming a cluster or prediction host is answered by the mock, not the network."""
    import boto3
    from botocore.config import Config

    config = Config(retries={"total_max_attempts": 1})
    with mock_aws():
        neptune = boto3.client(
            "neptunedata",
            region_name="eu-west-2",
            endpoint_url="https://my-cluster.cluster-abc.eu-west-2.neptune.amazonaws.com:8182",
            config=config,
        )
        assert neptune.get_engine_status()["ResponseMetadata"]["HTTPStatusCode"] == 200
        ml = boto3.client("machinelearning", region_name="us-east-1", config=config)
        with pytest.raises(ml.exceptions.ResourceNotFoundException):
            ml.predict(MLModelId="coretest-none", Record={}, PredictEndpoint="https://realtime.example.invalid")


# --- speed-ups ---------------------------------------------------------------------------------------------
def test_method_names_from_class_is_cached_and_answers_the_same():
    import moto.core.responses as moto_responses

    cached = moto_responses.method_names_from_class
    response_class = registry.get("lookoutvision").response_class
    assert cached(response_class) == cached.__wrapped__(response_class)
    hits = cached.cache_info().hits
    cached(response_class)
    assert cached.cache_info().hits == hits + 1


def _context(obj, key="ModelName"):
    from moto.core.serialize import AttributePickerContext

    return AttributePickerContext(obj=obj, key=key, shape=None)


def test_direct_dict_picker_takes_a_dict_s_model_name_at_once():
    import moto.core.responses as moto_responses
    from moto.core.serialize import XFormedAttributePicker

    picker_class = moto_responses.XFormedAttributePicker
    assert picker_class is not XFormedAttributePicker and issubclass(picker_class, XFormedAttributePicker)
    picker = picker_class()
    assert picker(_context({"ModelName": "direct", "model_name": "snake"})) == "direct"
    assert picker(_context({"ModelName": None})) is None


def test_direct_dict_picker_falls_back_to_moto_s_picker():
    import moto.core.responses as moto_responses

    picker = moto_responses.XFormedAttributePicker()
    assert picker(_context({"model_name": "snake"})) == "snake"
    assert picker(_context(types.SimpleNamespace(model_name="attribute"))) == "attribute"
    assert picker(_context({})) is None


def test_direct_dict_picker_keeps_response_transformers():
    import moto.core.responses as moto_responses

    picker = moto_responses.XFormedAttributePicker(response_transformers={"ModelName": str.upper})
    assert picker(_context({"ModelName": "lower"})) == "LOWER"
