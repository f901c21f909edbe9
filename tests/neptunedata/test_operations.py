"""Walk every operation of the neptunedata model: implemented ones answer within their output
shape, every other one answers with the typed UnsupportedOperationException naming it."""

import inspect

import pytest
from botocore import xform_name
from moto.core.utils import camelcase_to_underscores, method_names_from_class

from moto_ext.neptunedata import exceptions
from moto_ext.neptunedata.responses import NeptuneDataResponse
from tests.shape_check import assert_matches_output_shape

from .helpers import BUCKET, ROLE, completed_transform

PROCESSING = {"inputDataS3Location": f"s3://{BUCKET}/export", "processedDataS3Location": f"s3://{BUCKET}/processed"}

# (operation, its arguments given the responses so far); order matters: cancels come after starts
IMPLEMENTED_CALLS = [
    ("StartMLDataProcessingJob", lambda r: {"id": "dp-run", "neptuneIamRoleArn": ROLE, **PROCESSING}),
    ("GetMLDataProcessingJob", lambda r: {"id": "dp-1", "neptuneIamRoleArn": ROLE}),
    ("ListMLDataProcessingJobs", lambda r: {"maxItems": 1}),
    ("CancelMLDataProcessingJob", lambda r: {"id": "dp-run", "clean": True}),
    (
        "StartMLModelTrainingJob",
        lambda r: {"id": "tr-run", "dataProcessingJobId": "dp-1", "trainModelS3Location": f"s3://{BUCKET}/training"},
    ),
    ("GetMLModelTrainingJob", lambda r: {"id": "tr-1"}),
    ("ListMLModelTrainingJobs", lambda r: {}),
    ("CancelMLModelTrainingJob", lambda r: {"id": "tr-run", "clean": False}),
    (
        "StartMLModelTransformJob",
        lambda r: {
            "id": "mt-run", "dataProcessingJobId": "dp-1", "mlModelTrainingJobId": "tr-1",
            "modelTransformOutputS3Location": f"s3://{BUCKET}/transform",
        },
    ),
    ("GetMLModelTransformJob", lambda r: {"id": "mt-1"}),
    ("ListMLModelTransformJobs", lambda r: {}),
    ("CancelMLModelTransformJob", lambda r: {"id": "mt-run"}),
    ("CreateMLEndpoint", lambda r: {"id": "ep", "mlModelTransformJobId": "mt-1", "instanceType": "ml.m5.xlarge"}),
    ("GetMLEndpoint", lambda r: {"id": "ep"}),
    ("ListMLEndpoints", lambda r: {}),
    ("DeleteMLEndpoint", lambda r: {"id": "ep", "clean": True}),
    (
        "StartLoaderJob",
        lambda r: {"source": f"s3://{BUCKET}/graph", "format": "csv", "s3BucketRegion": "us-east-1", "iamRoleArn": ROLE},
    ),
    ("GetLoaderJobStatus", lambda r: {"loadId": r["StartLoaderJob"]["payload"]["loadId"], "details": True, "errors": True}),
    ("ListLoaderJobs", lambda r: {"limit": 10, "includeQueuedLoads": True}),
    ("CancelLoaderJob", lambda r: {"loadId": r["StartLoaderJob"]["payload"]["loadId"]}),
    ("GetEngineStatus", lambda r: {}),
]


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


def test_the_implemented_operations_are_the_ml_loader_and_engine_ones(neptune):
    model = neptune.meta.service_model
    implemented = {
        operation for operation in model.operation_names
        if camelcase_to_underscores(operation) in method_names_from_class(NeptuneDataResponse)
    }
    assert implemented == {operation for operation, _ in IMPLEMENTED_CALLS}
    assert len([op for op in implemented if "ML" in op]) == 16
    assert len(model.operation_names) - len(implemented) == 27


def test_every_operation_answers_in_shape_or_as_unsupported(moto_ext_mock, neptune, s3):
    completed_transform(neptune)  # dp-1, tr-1, mt-1, all completed
    s3.put_object(Bucket=BUCKET, Key="graph/vertices.csv", Body=b"~id,~label\nv1,person\n")
    for kind in ("data_processing_job", "training_job", "transform_job", "loader_job"):
        moto_ext_mock.set_progression(f"neptunedata.{kind}", "manual", times=100)

    responses = {}
    for operation, arguments in IMPLEMENTED_CALLS:
        response = getattr(neptune, xform_name(operation))(**arguments(responses))
        assert response["ResponseMetadata"]["HTTPStatusCode"] == 200, operation
        assert_matches_output_shape(neptune, operation, response)
        responses[operation] = response

    model = neptune.meta.service_model
    unsupported = [operation for operation in model.operation_names if operation not in responses]
    for operation in unsupported:
        operation_model = model.operation_model(operation)
        arguments = minimal_value(operation_model.input_shape) if operation_model.input_shape else {}
        with pytest.raises(neptune.exceptions.UnsupportedOperationException) as excinfo:
            getattr(neptune, xform_name(operation))(**arguments)
        error = excinfo.value.response
        assert error["ResponseMetadata"]["HTTPStatusCode"] == 400, operation
        assert error["code"] == "UnsupportedOperationException"
        assert error["detailedMessage"].startswith(f"{operation} is not implemented by moto_ext"), operation


def test_every_error_class_is_a_modeled_error_of_the_service(neptune):
    modeled = {shape.name for shape in neptune.meta.service_model.error_shapes}
    classes = [
        cls for _, cls in inspect.getmembers(exceptions, inspect.isclass)
        if issubclass(cls, exceptions.NeptuneDataError) and cls is not exceptions.NeptuneDataError
    ]
    assert classes
    assert {cls.code for cls in classes} <= modeled
