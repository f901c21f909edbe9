"""Walk every operation of the neptunedata model, one test per operation: implemented ones answer
within their output shape (those about queries in flight with their typed error: the mock has
none), every other one answers with the typed UnsupportedOperationException naming it."""

import inspect

import pytest
import requests
from botocore import xform_name
from moto.core import DEFAULT_ACCOUNT_ID
from moto.core.utils import camelcase_to_underscores, method_names_from_class

from moto_ext.core import registry
from moto_ext.neptunedata import exceptions
from moto_ext.neptunedata.models import neptunedata_backends
from moto_ext.neptunedata.responses import NeptuneDataResponse
from tests.support import assert_matches_output_shape

from .helpers import BUCKET, CLUSTER, ROLE, completed_transform

PROCESSING = {"inputDataS3Location": f"s3://{BUCKET}/export", "processedDataS3Location": f"s3://{BUCKET}/processed"}
TRAINING = {"dataProcessingJobId": "dp-1", "trainModelS3Location": f"s3://{BUCKET}/training"}
TRANSFORM = {
    "dataProcessingJobId": "dp-1",
    "mlModelTrainingJobId": "tr-1",
    "modelTransformOutputS3Location": f"s3://{BUCKET}/transform",
}
LOAD = {"source": f"s3://{BUCKET}/graph", "format": "csv", "s3BucketRegion": "us-east-1", "iamRoleArn": ROLE}


def _load_id(neptune):
    return neptune.start_loader_job(**LOAD)["payload"]["loadId"]


def _streaming(neptune, kind):
    """Streams on (the mock's test-time switch), then one write of the kind's data."""
    neptunedata_backends[DEFAULT_ACCOUNT_ID]["us-east-1"].enable_streams(neptune.meta.endpoint_url)
    if kind == "pg":
        neptune.execute_open_cypher_query(openCypherQuery="CREATE (:airport {code: 'SEA'})")
    else:
        requests.post(f"{CLUSTER}/sparql", data={"update": "INSERT DATA { <http://a> <http://b> 'c' }"}, timeout=5)
    return {"iteratorType": "TRIM_HORIZON", "limit": 5}


def _endpoint(neptune):
    neptune.create_ml_endpoint(id="ep", mlModelTransformJobId="mt-1")
    return "ep"


# operation -> its arguments, given a client on a backend holding dp-1, tr-1 and mt-1 (all
# completed) and an object under s3://BUCKET/graph; it starts what the operation needs first.
IMPLEMENTED_CALLS = {
    "StartMLDataProcessingJob": lambda nd: {"id": "dp-run", "neptuneIamRoleArn": ROLE, **PROCESSING},
    "GetMLDataProcessingJob": lambda nd: {"id": "dp-1", "neptuneIamRoleArn": ROLE},
    "ListMLDataProcessingJobs": lambda nd: {"maxItems": 1},
    "CancelMLDataProcessingJob": lambda nd: {
        "id": nd.start_ml_data_processing_job(id="dp-run", **PROCESSING)["id"],
        "clean": True,
    },
    "StartMLModelTrainingJob": lambda nd: {"id": "tr-run", **TRAINING},
    "GetMLModelTrainingJob": lambda nd: {"id": "tr-1"},
    "ListMLModelTrainingJobs": lambda nd: {},
    "CancelMLModelTrainingJob": lambda nd: {
        "id": nd.start_ml_model_training_job(id="tr-run", **TRAINING)["id"],
        "clean": False,
    },
    "StartMLModelTransformJob": lambda nd: {"id": "mt-run", **TRANSFORM},
    "GetMLModelTransformJob": lambda nd: {"id": "mt-1"},
    "ListMLModelTransformJobs": lambda nd: {},
    "CancelMLModelTransformJob": lambda nd: {"id": nd.start_ml_model_transform_job(id="mt-run", **TRANSFORM)["id"]},
    "CreateMLEndpoint": lambda nd: {"id": "ep", "mlModelTransformJobId": "mt-1", "instanceType": "ml.m5.xlarge"},
    "GetMLEndpoint": lambda nd: {"id": _endpoint(nd)},
    "ListMLEndpoints": lambda nd: {},
    "DeleteMLEndpoint": lambda nd: {"id": _endpoint(nd), "clean": True},
    "StartLoaderJob": lambda nd: dict(LOAD),
    "GetLoaderJobStatus": lambda nd: {"loadId": _load_id(nd), "details": True, "errors": True},
    "ListLoaderJobs": lambda nd: {"limit": 10, "includeQueuedLoads": True},
    "CancelLoaderJob": lambda nd: {"loadId": _load_id(nd)},
    "GetEngineStatus": lambda nd: {},
    "ExecuteFastReset": lambda nd: {"action": "initiateDatabaseReset"},
    "ExecuteOpenCypherQuery": lambda nd: {"openCypherQuery": "MATCH (n) RETURN n", "parameters": "{}"},
    "ExecuteGremlinQuery": lambda nd: {"gremlinQuery": "g.V().count()"},
    "GetPropertygraphSummary": lambda nd: {"mode": "detailed"},
    "GetPropertygraphStatistics": lambda nd: {},
    "ManagePropertygraphStatistics": lambda nd: {"mode": "refresh"},
    "DeletePropertygraphStatistics": lambda nd: {},
    "GetRDFGraphSummary": lambda nd: {"mode": "detailed"},
    "GetSparqlStatistics": lambda nd: {},
    "ManageSparqlStatistics": lambda nd: {"mode": "refresh"},
    "DeleteSparqlStatistics": lambda nd: {},
    "ExecuteOpenCypherExplainQuery": lambda nd: {"openCypherQuery": "MATCH (n) RETURN n", "explainMode": "dynamic"},
    "ExecuteGremlinExplainQuery": lambda nd: {"gremlinQuery": "g.V().out()"},
    "ExecuteGremlinProfileQuery": lambda nd: {"gremlinQuery": "g.V().out()", "results": True, "chop": 100},
    "ListGremlinQueries": lambda nd: {"includeWaiting": True},
    "ListOpenCypherQueries": lambda nd: {"includeWaiting": True},
    "GetPropertygraphStream": lambda nd: _streaming(nd, "pg"),
    "GetSparqlStream": lambda nd: _streaming(nd, "rdf"),
}
# operations whose only answer in the mock is a typed error: no query is ever in flight to look at
ANSWERED_WITH_AN_ERROR = {
    "GetGremlinQueryStatus": "BadRequestException",
    "CancelGremlinQuery": "BadRequestException",
    "GetOpenCypherQueryStatus": "BadRequestException",
    "CancelOpenCypherQuery": "BadRequestException",
}


def minimal_value(shape):
    """The smallest value the model accepts for a shape (required members only)."""
    kind = shape.type_name
    if kind == "structure":
        return {name: minimal_value(shape.members[name]) for name in shape.required_members}
    if kind == "list":
        return [minimal_value(shape.member)] * max(shape.metadata.get("min", 1), 1)
    if kind == "map":
        return {}
    if kind == "string":
        return shape.enum[0] if shape.enum else "x" * max(shape.metadata.get("min", 1), 1)
    if kind in ("integer", "long"):
        return max(shape.metadata.get("min", 1), 1)
    if kind == "boolean":
        return True
    if kind == "blob":
        return b"x"
    raise AssertionError(f"no minimal value for {shape.name} ({kind})")


def test_the_implemented_operations_are_the_ml_loader_engine_and_graph_ones(neptune):
    model = neptune.meta.service_model
    implemented = {
        operation
        for operation in model.operation_names
        if camelcase_to_underscores(operation) in method_names_from_class(NeptuneDataResponse)
    }
    assert implemented == set(IMPLEMENTED_CALLS) | set(ANSWERED_WITH_AN_ERROR)
    assert len([op for op in implemented if "ML" in op]) == 16
    assert len(model.operation_names) - len(implemented) == 5


@pytest.mark.parametrize("operation", registry.get("neptunedata").operations())
def test_every_operation_answers_in_shape_or_as_unsupported(moto_ext_mock, neptune, s3, operation):
    if operation in ANSWERED_WITH_AN_ERROR:
        with pytest.raises(neptune.exceptions.ClientError) as excinfo:
            getattr(neptune, xform_name(operation))(queryId="q-1")
        assert excinfo.value.response["Error"]["Code"] == ANSWERED_WITH_AN_ERROR[operation]
        assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
        return
    if operation not in IMPLEMENTED_CALLS:
        operation_model = neptune.meta.service_model.operation_model(operation)
        arguments = minimal_value(operation_model.input_shape) if operation_model.input_shape else {}
        with pytest.raises(neptune.exceptions.UnsupportedOperationException) as excinfo:
            getattr(neptune, xform_name(operation))(**arguments)
        error = excinfo.value.response
        assert error["ResponseMetadata"]["HTTPStatusCode"] == 400
        assert error["code"] == "UnsupportedOperationException"
        assert error["detailedMessage"].startswith(f"{operation} is not implemented by moto_ext")
        return

    completed_transform(neptune)  # dp-1, tr-1, mt-1, all completed
    s3.put_object(Bucket=BUCKET, Key="graph/vertices.csv", Body=b"~id,~label\nv1,person\n")
    # what an operation starts stays running, so cancels find it running
    for kind in ("data_processing_job", "training_job", "transform_job", "loader_job"):
        moto_ext_mock.set_progression(f"neptunedata.{kind}", "manual", times=100)

    response = getattr(neptune, xform_name(operation))(**IMPLEMENTED_CALLS[operation](neptune))

    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert_matches_output_shape(neptune, operation, response)


def test_every_error_class_is_a_modeled_error_of_the_service(neptune):
    modeled = {shape.name for shape in neptune.meta.service_model.error_shapes}
    classes = [
        cls
        for _, cls in inspect.getmembers(exceptions, inspect.isclass)
        if issubclass(cls, exceptions.NeptuneDataError) and cls is not exceptions.NeptuneDataError
    ]
    assert classes
    assert {cls.code for cls in classes} <= modeled
