"""Rekognition over HTTP: moto's own operations plus Custom Labels, in one response class.

moto's RekognitionResponse keeps answering DetectLabels, CompareFaces, DetectText, the face
search and text detection jobs (its methods read ``_get_param``, which works with automated
parameter parsing too). This subclass adds the Custom Labels operations and replaces moto's
fixed DetectCustomLabels with a stateful one; ExtResponse validates every request against the
model, runs fault injection and gives each error its modeled status.

An operation that neither moto nor moto_ext implements is left to moto: it raises moto's own
NotImplementedError ("The <operation> action has not been implemented"), which is what users of
plain moto catch for these operations.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

from moto.core.exceptions import ServiceException
from moto.core.responses import ActionResult, BaseResponse, EmptyResult
from moto.iam.models import iam_backends
from moto.moto_api._internal import mock_random
from moto.rekognition.responses import RekognitionResponse
from moto.utilities.utils import get_partition

from moto_ext.core.jsonbody import json_object
from moto_ext.core.responses import ExtResponse

from .exceptions import ImageTooLargeException, InvalidParameterException, ValidationException
from .models import CustomLabelsBackend, rekognition_backends
from .policies import Caller
from .service_model import shape

IMAGE_LIMIT = int(shape("ImageBlob").metadata["max"])
# The Image.Bytes reference: "the maximum image size you can pass to DetectCustomLabels is 4MB"
# (ImageBlob's 5 MB is 5 MiB, so 4 MB is read as 4 MiB).
IMAGE_LIMITS = {"DetectCustomLabels": 4 * 1024 * 1024}


def _validation_exception_members(operation: Any) -> dict[str, Any]:
    """The input members whose reference says a value out of range is a ValidationException
    (MaxResults of the Custom Labels list operations), read from the model's documentation."""
    members = operation.input_shape.members if operation.input_shape else {}
    return {name: member for name, member in members.items() if "ValidationException" in (member.documentation or "")}


class CustomLabelsResponse(ExtResponse, RekognitionResponse):
    validation_error = InvalidParameterException

    def __init__(self) -> None:
        # RekognitionResponse.__init__ takes no service name and ExtResponse's passes one on
        BaseResponse.__init__(self, service_name="rekognition")
        self.automated_parameter_parsing = True

    @property
    def custom_labels_backend(self) -> CustomLabelsBackend:
        return rekognition_backends[self.current_account][self.region]  # type: ignore[no-any-return]

    # --- errors on the wire -----------------------------------------------------------------
    def serialized(self, action_result: ActionResult) -> Any:
        error = action_result.result
        if not isinstance(error, ServiceException):
            return super().serialized(action_result)
        with warnings.catch_warnings():
            # moto warns that ValidationException is not a modeled error: the reference names it
            warnings.simplefilter("ignore", UserWarning)
            status, headers, body = super().serialized(action_result)
        payload = json_object(body, "The error body")
        # the service's error body carries Code and Logref beside __type and Message
        payload["Code"] = error.code
        payload["Logref"] = str(mock_random.uuid4())
        return status, headers, json.dumps(payload)

    def _check_input(self, operation: Any) -> None:
        params = self.request_params()
        for name, member in _validation_exception_members(operation).items():
            value, low, high = params.get(name), member.metadata.get("min"), member.metadata.get("max")
            if not isinstance(value, int):
                continue
            # AWS's validation message: the member named in camelCase
            where = name[0].lower() + name[1:]
            if high is not None and value > high:
                raise ValidationException(
                    f"1 validation error detected: Value '{value}' at '{where}' failed to satisfy constraint: "
                    f"Member must have value less than or equal to {high}"
                )
            if low is not None and value < low:
                raise ValidationException(
                    f"1 validation error detected: Value '{value}' at '{where}' failed to satisfy constraint: "
                    f"Member must have value greater than or equal to {low}"
                )
        # An image over its limit gets the service's ImageTooLargeException, not a validation error.
        if "ImageTooLargeException" in {error.name for error in operation.error_shapes}:
            limit = IMAGE_LIMITS.get(operation.name, IMAGE_LIMIT)
            for name, member in operation.input_shape.members.items():
                image = params.get(name)
                too_large = (
                    isinstance(image, dict) and isinstance(image.get("Bytes"), bytes) and len(image["Bytes"]) > limit
                )
                if member.name == "Image" and too_large:
                    raise ImageTooLargeException(f"{name}.Bytes is larger than {limit} bytes.")
        super()._check_input(operation)

    def caller(self) -> Caller:
        """Who signs the request: an assumed role's session or an IAM user of moto's IAM, else the account."""
        account = self.current_account
        key = iam_backends[account][get_partition(self.region)].access_keys.get(self.get_access_key())
        if key is not None and key.role_arn:
            return Caller(account, role_arn=key.role_arn)
        if key is not None and key.user_name:
            return Caller(account, user_arn=f"arn:{get_partition(self.region)}:iam::{account}:user/{key.user_name}")
        return Caller(account)

    # --- projects ---------------------------------------------------------------------------
    def create_project(self) -> ActionResult:
        project = self.custom_labels_backend.create_project(
            project_name=self._get_param("ProjectName"),
            feature=self._get_param("Feature"),
            auto_update=self._get_param("AutoUpdate"),
            tags=self._get_param("Tags"),
        )
        return ActionResult({"ProjectArn": project.arn})

    def describe_projects(self) -> ActionResult:
        projects, token = self.custom_labels_backend.describe_projects(
            next_token=self._get_param("NextToken"),
            max_results=self._get_param("MaxResults"),
            project_names=self._get_param("ProjectNames"),
            features=self._get_param("Features"),
        )
        return ActionResult({"ProjectDescriptions": [project.to_dict() for project in projects], "NextToken": token})

    def delete_project(self) -> ActionResult:
        project = self.custom_labels_backend.delete_project(project_arn=self._get_param("ProjectArn"))
        return ActionResult({"Status": project.status})

    # --- model versions ---------------------------------------------------------------------
    def create_project_version(self) -> ActionResult:
        version = self.custom_labels_backend.create_project_version(
            project_arn=self._get_param("ProjectArn"),
            version_name=self._get_param("VersionName"),
            output_config=self._get_param("OutputConfig"),
            training_data=self._get_param("TrainingData"),
            testing_data=self._get_param("TestingData"),
            tags=self._get_param("Tags"),
            kms_key_id=self._get_param("KmsKeyId"),
            version_description=self._get_param("VersionDescription"),
            feature_config=self._get_param("FeatureConfig"),
        )
        return ActionResult({"ProjectVersionArn": version.arn})

    def describe_project_versions(self) -> ActionResult:
        versions, token = self.custom_labels_backend.describe_project_versions(
            project_arn=self._get_param("ProjectArn"),
            version_names=self._get_param("VersionNames"),
            next_token=self._get_param("NextToken"),
            max_results=self._get_param("MaxResults"),
        )
        return ActionResult(
            {"ProjectVersionDescriptions": [version.to_dict() for version in versions], "NextToken": token}
        )

    def start_project_version(self) -> ActionResult:
        version = self.custom_labels_backend.start_project_version(
            project_version_arn=self._get_param("ProjectVersionArn"),
            min_inference_units=self._get_param("MinInferenceUnits"),
            max_inference_units=self._get_param("MaxInferenceUnits"),
        )
        return ActionResult({"Status": version.status})

    def stop_project_version(self) -> ActionResult:
        version = self.custom_labels_backend.stop_project_version(
            project_version_arn=self._get_param("ProjectVersionArn")
        )
        return ActionResult({"Status": version.status})

    def delete_project_version(self) -> ActionResult:
        version = self.custom_labels_backend.delete_project_version(
            project_version_arn=self._get_param("ProjectVersionArn")
        )
        return ActionResult({"Status": version.status})

    def copy_project_version(self) -> ActionResult:
        version = self.custom_labels_backend.copy_project_version(
            source_project_arn=self._get_param("SourceProjectArn"),
            source_project_version_arn=self._get_param("SourceProjectVersionArn"),
            destination_project_arn=self._get_param("DestinationProjectArn"),
            version_name=self._get_param("VersionName"),
            output_config=self._get_param("OutputConfig"),
            tags=self._get_param("Tags"),
            kms_key_id=self._get_param("KmsKeyId"),
            caller=self.caller(),
        )
        return ActionResult({"ProjectVersionArn": version.arn})

    def detect_custom_labels(self) -> ActionResult:  # type: ignore[override]
        labels = self.custom_labels_backend.detect_custom_labels(
            project_version_arn=self._get_param("ProjectVersionArn"),
            image=self._get_param("Image"),
            max_results=self._get_param("MaxResults"),
            min_confidence=self._get_param("MinConfidence"),
        )
        return ActionResult({"CustomLabels": [label.to_dict() for label in labels]})

    # --- datasets ---------------------------------------------------------------------------
    def create_dataset(self) -> ActionResult:
        dataset = self.custom_labels_backend.create_dataset(
            project_arn=self._get_param("ProjectArn"),
            dataset_type=self._get_param("DatasetType"),
            dataset_source=self._get_param("DatasetSource"),
            tags=self._get_param("Tags"),
        )
        return ActionResult({"DatasetArn": dataset.arn})

    def describe_dataset(self) -> ActionResult:
        dataset = self.custom_labels_backend.describe_dataset(dataset_arn=self._get_param("DatasetArn"))
        return ActionResult({"DatasetDescription": dataset.to_dict()})

    def delete_dataset(self) -> EmptyResult:
        self.custom_labels_backend.delete_dataset(dataset_arn=self._get_param("DatasetArn"))
        return EmptyResult()

    def list_dataset_entries(self) -> ActionResult:
        entries, token = self.custom_labels_backend.list_dataset_entries(
            dataset_arn=self._get_param("DatasetArn"),
            contains_labels=self._get_param("ContainsLabels"),
            labeled=self._get_param("Labeled"),
            source_ref_contains=self._get_param("SourceRefContains"),
            has_errors=self._get_param("HasErrors"),
            next_token=self._get_param("NextToken"),
            max_results=self._get_param("MaxResults"),
        )
        # an entry is answered as the JSON line it was given as, with its errors added
        return ActionResult({"DatasetEntries": [entry.listed_line() for entry in entries], "NextToken": token})

    def list_dataset_labels(self) -> ActionResult:
        labels, token = self.custom_labels_backend.list_dataset_labels(
            dataset_arn=self._get_param("DatasetArn"),
            next_token=self._get_param("NextToken"),
            max_results=self._get_param("MaxResults"),
        )
        return ActionResult({"DatasetLabelDescriptions": [label.to_dict() for label in labels], "NextToken": token})

    def update_dataset_entries(self) -> EmptyResult:
        self.custom_labels_backend.update_dataset_entries(
            dataset_arn=self._get_param("DatasetArn"), changes=self._get_param("Changes")
        )
        return EmptyResult()

    def distribute_dataset_entries(self) -> EmptyResult:
        self.custom_labels_backend.distribute_dataset_entries(datasets=self._get_param("Datasets"))
        return EmptyResult()

    # --- project policies -------------------------------------------------------------------
    def put_project_policy(self) -> ActionResult:
        policy = self.custom_labels_backend.put_project_policy(
            project_arn=self._get_param("ProjectArn"),
            policy_name=self._get_param("PolicyName"),
            policy_document=self._get_param("PolicyDocument"),
            policy_revision_id=self._get_param("PolicyRevisionId"),
        )
        return ActionResult({"PolicyRevisionId": policy.revision})

    def delete_project_policy(self) -> EmptyResult:
        self.custom_labels_backend.delete_project_policy(
            project_arn=self._get_param("ProjectArn"),
            policy_name=self._get_param("PolicyName"),
            policy_revision_id=self._get_param("PolicyRevisionId"),
        )
        return EmptyResult()

    def list_project_policies(self) -> ActionResult:
        project_policies, token = self.custom_labels_backend.list_project_policies(
            project_arn=self._get_param("ProjectArn"),
            next_token=self._get_param("NextToken"),
            max_results=self._get_param("MaxResults"),
        )
        return ActionResult({"ProjectPolicies": [policy.to_dict() for policy in project_policies], "NextToken": token})

    # --- tags -------------------------------------------------------------------------------
    def tag_resource(self) -> EmptyResult:
        self.custom_labels_backend.tag_resource(
            resource_arn=self._get_param("ResourceArn"), tags=self._get_param("Tags")
        )
        return EmptyResult()

    def untag_resource(self) -> EmptyResult:
        self.custom_labels_backend.untag_resource(
            resource_arn=self._get_param("ResourceArn"), tag_keys=self._get_param("TagKeys")
        )
        return EmptyResult()

    def list_tags_for_resource(self) -> ActionResult:
        tags = self.custom_labels_backend.list_tags_for_resource(resource_arn=self._get_param("ResourceArn"))
        return ActionResult({"Tags": tags})
