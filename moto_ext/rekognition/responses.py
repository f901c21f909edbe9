"""Rekognition over HTTP: moto's own operations plus Custom Labels, in one response class.

moto's RekognitionResponse keeps answering DetectLabels, CompareFaces, DetectText, the face
search and text detection jobs (its methods read ``_get_param``, which works with automated
parameter parsing too). This subclass adds the Custom Labels operations, replaces moto's fixed
DetectCustomLabels with a stateful one, validates every request against the model, runs fault
injection, and answers errors with the status Rekognition's error-handling guide gives: 500 for
the error shapes the model marks as faults (InternalServerError, ThrottlingException), 400 for
the others.
"""

import json
import re
import warnings
from functools import lru_cache
from typing import Any

import botocore.loaders
from moto.core.exceptions import ServiceException
from moto.core.responses import ActionResult, BaseResponse, EmptyResult
from moto.core.utils import get_service_model
from moto.moto_api._internal import mock_random
from moto.rekognition.responses import RekognitionResponse

from moto_ext.core.responses import ExtResponse

from .exceptions import ImageTooLargeException, InvalidParameterException, NotImplementedByMotoExt
from .models import CustomLabelsBackend, rekognition_backends


@lru_cache(maxsize=1)
def _fault_codes() -> frozenset[str]:
    # botocore's Shape drops the model's "fault" flag: read it from the model file
    model = botocore.loaders.create_loader().load_service_model("rekognition", "service-2")
    return frozenset(name for name, shape in model["shapes"].items() if shape.get("fault"))


def _unmatched_patterns(value: Any, shape: Any, path: str) -> list[str]:
    """Strings that match their pattern only in part.

    The service matches a member's pattern against the whole value (``[a-zA-Z0-9_.\\-]+`` refuses
    "a b"); the shared checker searches for it anywhere in the value, so whole matches are
    checked here.
    """
    found: list[str] = []
    if value is None or shape is None:
        return found
    if shape.type_name == "structure" and isinstance(value, dict):
        for name, member in shape.members.items():
            found += _unmatched_patterns(value.get(name), member, f"{path}.{name}" if path else name)
    elif shape.type_name == "list" and isinstance(value, list):
        for index, item in enumerate(value):
            found += _unmatched_patterns(item, shape.member, f"{path}[{index}]")
    elif shape.type_name == "string" and isinstance(value, str) and shape.metadata.get("pattern"):
        try:
            compiled = re.compile(shape.metadata["pattern"], re.DOTALL)
        except re.error:  # \p{..} classes: Python's re cannot read them
            return found
        if not compiled.fullmatch(value):
            found.append(f"Value '{value}' at '{path}' failed to satisfy constraint: Member must satisfy regular expression pattern: {compiled.pattern}")
    return found


class CustomLabelsResponse(ExtResponse, RekognitionResponse):
    validation_error = InvalidParameterException
    unsupported_error = NotImplementedByMotoExt

    def __init__(self) -> None:
        # RekognitionResponse.__init__ takes no service name and ExtResponse's passes one on
        BaseResponse.__init__(self, service_name="rekognition")
        self.automated_parameter_parsing = True

    @property
    def custom_labels_backend(self) -> CustomLabelsBackend:
        return rekognition_backends[self.current_account][self.region]

    # --- errors on the wire -----------------------------------------------------------------
    def serialized(self, action_result: ActionResult) -> Any:
        error = action_result.result
        if not isinstance(error, ServiceException):
            return super().serialized(action_result)
        with warnings.catch_warnings():
            # moto warns that NotImplementedByMotoExt is not a modeled error: that is the point
            warnings.simplefilter("ignore", UserWarning)
            status, headers, body = super().serialized(action_result)
        if error.code in _fault_codes():
            status = 500
        payload = json.loads(body)
        # the service's error body carries Code and Logref beside __type and Message
        payload["Code"] = error.code
        payload["Logref"] = str(mock_random.uuid4())
        return status, headers, json.dumps(payload)

    def _check_input(self, operation: Any) -> None:
        # An image over ImageBlob's 5 MB gets the service's ImageTooLargeException, not a validation error.
        if "ImageTooLargeException" in {shape.name for shape in operation.error_shapes}:
            limit = get_service_model("rekognition").shape_for("ImageBlob").metadata.get("max")
            params = getattr(self, "params", None) or {}
            for name, member in operation.input_shape.members.items():
                image = params.get(name)
                if member.name == "Image" and isinstance(image, dict) and isinstance(image.get("Bytes"), bytes):
                    if limit is not None and len(image["Bytes"]) > limit:
                        raise ImageTooLargeException(f"{name}.Bytes is larger than {limit} bytes.")
        super()._check_input(operation)
        found = _unmatched_patterns(getattr(self, "params", None) or {}, operation.input_shape, "")
        if found:
            raise InvalidParameterException("; ".join(found))

    # --- projects ---------------------------------------------------------------------------
    def create_project(self) -> ActionResult:
        project = self.custom_labels_backend.create_project(
            self._get_param("ProjectName"), self._get_param("Feature"), self._get_param("AutoUpdate"), self._get_param("Tags")
        )
        return ActionResult({"ProjectArn": project.arn})

    def describe_projects(self) -> ActionResult:
        projects, token = self.custom_labels_backend.describe_projects(
            self._get_param("ProjectNames"), self._get_param("Features"), self._get_param("NextToken"), self._get_param("MaxResults")
        )
        return ActionResult({"ProjectDescriptions": [p.description() for p in projects], "NextToken": token})

    def delete_project(self) -> ActionResult:
        return ActionResult({"Status": self.custom_labels_backend.delete_project(self._get_param("ProjectArn"))})

    # --- model versions ---------------------------------------------------------------------
    def create_project_version(self) -> ActionResult:
        version = self.custom_labels_backend.create_project_version(
            project_arn=self._get_param("ProjectArn"),
            name=self._get_param("VersionName"),
            output_config=self._get_param("OutputConfig"),
            training_data=self._get_param("TrainingData"),
            testing_data=self._get_param("TestingData"),
            tags=self._get_param("Tags"),
            kms_key_id=self._get_param("KmsKeyId"),
            description=self._get_param("VersionDescription"),
            feature_config=self._get_param("FeatureConfig"),
        )
        return ActionResult({"ProjectVersionArn": version.arn})

    def describe_project_versions(self) -> ActionResult:
        versions, token = self.custom_labels_backend.describe_project_versions(
            self._get_param("ProjectArn"), self._get_param("VersionNames"), self._get_param("NextToken"), self._get_param("MaxResults")
        )
        return ActionResult({"ProjectVersionDescriptions": [v.description() for v in versions], "NextToken": token})

    def start_project_version(self) -> ActionResult:
        status = self.custom_labels_backend.start_project_version(
            self._get_param("ProjectVersionArn"), self._get_param("MinInferenceUnits"), self._get_param("MaxInferenceUnits")
        )
        return ActionResult({"Status": status})

    def stop_project_version(self) -> ActionResult:
        return ActionResult({"Status": self.custom_labels_backend.stop_project_version(self._get_param("ProjectVersionArn"))})

    def delete_project_version(self) -> ActionResult:
        return ActionResult({"Status": self.custom_labels_backend.delete_project_version(self._get_param("ProjectVersionArn"))})

    def copy_project_version(self) -> ActionResult:
        version = self.custom_labels_backend.copy_project_version(
            source_project_arn=self._get_param("SourceProjectArn"),
            source_version_arn=self._get_param("SourceProjectVersionArn"),
            destination_project_arn=self._get_param("DestinationProjectArn"),
            name=self._get_param("VersionName"),
            output_config=self._get_param("OutputConfig"),
            tags=self._get_param("Tags"),
            kms_key_id=self._get_param("KmsKeyId"),
        )
        return ActionResult({"ProjectVersionArn": version.arn})

    def detect_custom_labels(self) -> ActionResult:  # type: ignore[override]
        labels = self.custom_labels_backend.detect_custom_labels(
            self._get_param("ProjectVersionArn"), self._get_param("Image"), self._get_param("MaxResults"), self._get_param("MinConfidence")
        )
        return ActionResult({"CustomLabels": labels})

    # --- datasets ---------------------------------------------------------------------------
    def create_dataset(self) -> ActionResult:
        dataset = self.custom_labels_backend.create_dataset(
            self._get_param("ProjectArn"), self._get_param("DatasetType"), self._get_param("DatasetSource"), self._get_param("Tags")
        )
        return ActionResult({"DatasetArn": dataset.arn})

    def describe_dataset(self) -> ActionResult:
        dataset = self.custom_labels_backend.describe_dataset(self._get_param("DatasetArn"))
        return ActionResult({"DatasetDescription": dataset.description()})

    def delete_dataset(self) -> EmptyResult:
        self.custom_labels_backend.delete_dataset(self._get_param("DatasetArn"))
        return EmptyResult()

    def list_dataset_entries(self) -> ActionResult:
        entries, token = self.custom_labels_backend.list_dataset_entries(
            arn=self._get_param("DatasetArn"),
            contains_labels=self._get_param("ContainsLabels"),
            labeled=self._get_param("Labeled"),
            source_ref_contains=self._get_param("SourceRefContains"),
            has_errors=self._get_param("HasErrors"),
            next_token=self._get_param("NextToken"),
            max_results=self._get_param("MaxResults"),
        )
        return ActionResult({"DatasetEntries": entries, "NextToken": token})

    def list_dataset_labels(self) -> ActionResult:
        labels, token = self.custom_labels_backend.list_dataset_labels(
            self._get_param("DatasetArn"), self._get_param("NextToken"), self._get_param("MaxResults")
        )
        return ActionResult({"DatasetLabelDescriptions": labels, "NextToken": token})

    def update_dataset_entries(self) -> EmptyResult:
        changes = self._get_param("Changes")
        self.custom_labels_backend.update_dataset_entries(self._get_param("DatasetArn"), changes["GroundTruth"])
        return EmptyResult()

    def distribute_dataset_entries(self) -> EmptyResult:
        arns = [dataset["Arn"] for dataset in self._get_param("Datasets")]
        self.custom_labels_backend.distribute_dataset_entries(arns)
        return EmptyResult()

    # --- project policies -------------------------------------------------------------------
    def put_project_policy(self) -> ActionResult:
        revision = self.custom_labels_backend.put_project_policy(
            self._get_param("ProjectArn"), self._get_param("PolicyName"), self._get_param("PolicyRevisionId"), self._get_param("PolicyDocument")
        )
        return ActionResult({"PolicyRevisionId": revision})

    def delete_project_policy(self) -> EmptyResult:
        self.custom_labels_backend.delete_project_policy(
            self._get_param("ProjectArn"), self._get_param("PolicyName"), self._get_param("PolicyRevisionId")
        )
        return EmptyResult()

    def list_project_policies(self) -> ActionResult:
        project_policies, token = self.custom_labels_backend.list_project_policies(
            self._get_param("ProjectArn"), self._get_param("NextToken"), self._get_param("MaxResults")
        )
        return ActionResult({"ProjectPolicies": [p.description() for p in project_policies], "NextToken": token})

    # --- tags -------------------------------------------------------------------------------
    def tag_resource(self) -> EmptyResult:
        self.custom_labels_backend.tag_resource(self._get_param("ResourceArn"), self._get_param("Tags"))
        return EmptyResult()

    def untag_resource(self) -> EmptyResult:
        self.custom_labels_backend.untag_resource(self._get_param("ResourceArn"), self._get_param("TagKeys"))
        return EmptyResult()

    def list_tags_for_resource(self) -> ActionResult:
        return ActionResult({"Tags": self.custom_labels_backend.list_tags_for_resource(self._get_param("ResourceArn"))})
