"""Rekognition Custom Labels: projects, datasets, model versions, project policies, tags.

The rules of the service live here and in the resource modules (projects.py, datasets.py,
versions.py, policies.py); HTTP lives in responses.py. Each resource's status moves through its
lifecycle kind (moto_ext.core.lifecycle); what a status change means is the resource's own
``on_change``, and a resource that enters its kind's gone status removes itself.

Every operation that looks at a resource observes it (core.lifecycle), which may move its
status: the reads that report it (DescribeProjects, DescribeProjectVersions, DescribeDataset,
ListDatasetEntries, ListDatasetLabels), and the operations that check its status or use it
(Start/Stop/Delete/CopyProjectVersion, DetectCustomLabels, DeleteProject looking at its versions
and datasets, CreateProjectVersion looking at the datasets it trains on, the dataset writes, tags).
A resource that a look finds gone answers as one that does not exist.
"""

from __future__ import annotations

import base64
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from moto.core.base_backend import BaseBackend

from moto_ext.core import backends, groundtruth
from moto_ext.core.paging import Catalog

from . import inputs, policies
from .datasets import SETTLED, Dataset, DatasetChange, DatasetLabel
from .exceptions import (
    AccessDeniedException,
    InvalidImageFormatException,
    InvalidParameterException,
    InvalidPolicyRevisionIdException,
    MalformedPolicyDocumentException,
    ResourceAlreadyExistsException,
    ResourceInUseException,
    ResourceNotFoundException,
    ResourceNotReadyException,
    ServiceQuotaExceededException,
)
from .manifests import Entry, parse_manifest
from .policies import Caller, ProjectPolicy
from .projects import CONTENT_MODERATION, CUSTOM_LABELS, Project, owners
from .service_model import page as _page
from .tags import check_tags
from .versions import STARTABLE, TRAINED, UNDELETABLE, CustomLabel, ProjectVersion, training_entries

# DetectCustomLabels without MinConfidence applies each label's "assumed threshold";
# moto_ext assumes 50 for every label ([UNVERIFIED]: the real threshold comes from training).
ASSUMED_THRESHOLD = 50.0
DISTRIBUTE_SHARE = 0.2  # DistributeDatasetEntries moves 20% of the training entries

_ARN = re.compile(
    r"^arn:(?P<partition>[a-z\d-]+):rekognition:(?P<region>[a-z\d-]+):(?P<account>\d{12}):(?P<resource>.+)$"
)


@dataclass
class Quotas:
    """Rekognition's limits that tests may lower."""

    tags_per_resource: int = 200
    policies_per_project: int = 5


class CustomLabelsBackend(BaseBackend):
    """Rekognition Custom Labels for one account and region."""

    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        # by ARN, in order of creation; by name (the duplicate check) and by feature (DescribeProjects)
        self.projects: Catalog[str, Project] = Catalog({"name": lambda p: p.name, "feature": lambda p: p.feature})
        self.quotas = Quotas()
        self._last_millis = 0

    def stamp(self) -> tuple[int, datetime]:
        """Creation time of a new resource: ARNs end with it in epoch milliseconds, unique here."""
        millis = max(int(time.time() * 1000), self._last_millis + 1)
        self._last_millis = millis
        return millis, datetime.fromtimestamp(millis / 1000, tz=timezone.utc)

    # --- finding things ---------------------------------------------------------------------
    def _project(self, arn: str) -> Project:
        project = self.projects.get(arn)
        if project is None:
            raise ResourceNotFoundException(f"The project {arn} does not exist.")
        return project

    def _version(self, arn: str, look: bool = True) -> ProjectVersion:
        """The version ``arn``, observed (``look``): a version that is gone does not exist."""
        for project in owners(self.projects, arn):  # by name: no scan of every project
            version = project.versions.get(arn.rsplit("/", 2)[-2])  # .../version/<name>/<time>
            if version is not None and version.arn == arn and (not look or self._observe(version)):
                return version
        raise ResourceNotFoundException(f"The project version {arn} does not exist.")

    def _dataset(self, arn: str) -> Dataset:
        """The dataset ``arn``, observed: a dataset that is gone does not exist."""
        for project in owners(self.projects, arn):
            for dataset in list(project.datasets.values()):
                if dataset.arn == arn and self._observe(dataset):
                    return dataset
        raise ResourceNotFoundException(f"The dataset {arn} does not exist.")

    # --- looks move statuses ----------------------------------------------------------------
    @staticmethod
    def _observe(resource: Project | ProjectVersion | Dataset) -> bool:
        """Count a look at a resource; False once it is gone (its on_gone has removed it)."""
        resource.lifecycle.observe()
        return not resource.lifecycle.gone

    def _observe_project(self, project: Project) -> bool:
        """A project's description shows its datasets: reading it reads them too."""
        if not self._observe(project):
            return False
        for dataset in list(project.datasets.values()):
            self._observe(dataset)
        return True

    # --- projects ---------------------------------------------------------------------------
    def create_project(
        self,
        project_name: str,
        feature: str | None = None,
        auto_update: str | None = None,
        tags: dict[str, str] | None = None,
    ) -> Project:
        check_tags(tags or {})
        feature = feature or CUSTOM_LABELS
        if auto_update and feature != CONTENT_MODERATION:
            raise InvalidParameterException("AutoUpdate applies to CONTENT_MODERATION projects only.")
        if feature == CONTENT_MODERATION:
            auto_update = auto_update or "DISABLED"
        if self.projects.having("name", project_name):
            # [UNVERIFIED] error for a duplicate name: ResourceInUseException is the one modeled
            raise ResourceInUseException(f"A project named {project_name} already exists.")
        project = Project(self, project_name, feature, auto_update, tags or {})
        self.projects[project.arn] = project
        return project

    def describe_projects(
        self,
        next_token: str | None = None,
        max_results: int | None = None,
        project_names: list[str] | None = None,
        features: list[str] | None = None,
    ) -> tuple[list[Project], str | None]:
        # "If no value is specified, CUSTOM_LABELS is used as a default."; [UNVERIFIED] order:
        # oldest first (creation order), stable across pages
        features = features or [CUSTOM_LABELS]
        found: Sequence[Project] = self.projects.view()  # both features the model knows: every project
        if project_names:
            named = {p.arn for name in set(project_names) for p in self.projects.having("name", name)}
            found = [p for p in self.projects.ordered(named) if p.feature in features]
        elif len(set(features)) == 1:
            found = self.projects.having("feature", features[0])
        scope = {"names": sorted(project_names or []), "features": sorted(features)}
        page, token = _page("DescribeProjects", found, next_token, max_results, scope)
        return [p for p in page if self._observe_project(p)], token

    def delete_project(self, project_arn: str) -> Project:
        project = self._project(project_arn)
        # it looks at its versions (a deleting one may be gone by now) and its datasets
        for version in list(project.versions.values()):
            self._observe(version)
        for dataset in list(project.datasets.values()):
            self._observe(dataset)
        if project.versions:
            raise ResourceInUseException("The project has model versions. Delete them with DeleteProjectVersion first.")
        if project.status != "DELETING":
            project.lifecycle.begin("DELETING")
        return project

    # --- model versions ---------------------------------------------------------------------
    def create_project_version(
        self,
        project_arn: str,
        version_name: str,
        output_config: dict[str, Any],
        training_data: dict[str, Any] | None = None,
        testing_data: dict[str, Any] | None = None,
        tags: dict[str, str] | None = None,
        kms_key_id: str | None = None,
        version_description: str | None = None,
        feature_config: dict[str, Any] | None = None,
    ) -> ProjectVersion:
        project = self._project(project_arn)
        if project.status == "DELETING":
            raise ResourceInUseException("The project is being deleted.")
        check_tags(tags or {})
        if not output_config.get("S3Bucket"):
            raise InvalidParameterException("OutputConfig needs an S3Bucket for the training results.")
        if feature_config and project.feature != CONTENT_MODERATION:
            raise InvalidParameterException("FeatureConfig applies to CONTENT_MODERATION projects only.")
        if version_name in project.versions:
            raise ResourceInUseException(f"A version named {version_name} already exists in the project.")
        for dataset in list(project.datasets.values()):  # the datasets it trains on
            self._observe(dataset)

        train_entries, test_entries, failure = training_entries(self, project, training_data, testing_data)
        version = ProjectVersion(
            self,
            project,
            version_name,
            output_config,
            tags or {},
            kms_key_id,
            version_description,
            feature_config,
            "TRAINING_IN_PROGRESS",
        )
        version.train(training_data, testing_data, train_entries, test_entries, failure)
        project.versions[version_name] = version
        return version

    def describe_project_versions(
        self,
        project_arn: str,
        version_names: list[str] | None = None,
        next_token: str | None = None,
        max_results: int | None = None,
    ) -> tuple[list[ProjectVersion], str | None]:
        project = self._project(project_arn)
        # [UNVERIFIED] order: newest first, as the console lists model versions
        versions = project.versions
        found = (
            versions.ordered(set(version_names), descending=True) if version_names else versions.view(descending=True)
        )
        scope = {"project": project_arn, "names": sorted(version_names or [])}
        page, token = _page("DescribeProjectVersions", found, next_token, max_results, scope)
        return [v for v in page if self._observe(v)], token

    def start_project_version(
        self, project_version_arn: str, min_inference_units: int, max_inference_units: int | None = None
    ) -> ProjectVersion:
        version = self._version(project_version_arn)
        if version.feature != CUSTOM_LABELS:
            raise InvalidParameterException(
                "Only Custom Labels models are started; adapters are used by DetectModerationLabels."
            )
        if max_inference_units is not None and max_inference_units < min_inference_units:
            raise InvalidParameterException("MaxInferenceUnits must be at least MinInferenceUnits.")
        status = version.status
        if status not in STARTABLE:
            # [UNVERIFIED] wrong-state error: ResourceInUseException is the modeled conflict
            raise ResourceInUseException(f"The model version is {status} and can't be started.")
        version.min_units, version.max_units = min_inference_units, max_inference_units
        version.lifecycle.begin("STARTING")
        return version

    def stop_project_version(self, project_version_arn: str) -> ProjectVersion:
        version = self._version(project_version_arn)
        status = version.status
        if status != "RUNNING":
            raise ResourceInUseException(f"The model version is {status}: only a RUNNING model can be stopped.")
        version.lifecycle.begin("STOPPING")
        return version

    def delete_project_version(self, project_version_arn: str) -> ProjectVersion:
        version = self._version(project_version_arn)
        status = version.status
        if status in UNDELETABLE:
            raise ResourceInUseException(f"The model version is {status} and can't be deleted.")
        if status != "DELETING":  # a repeated delete answers as the first did
            version.lifecycle.begin("DELETING")
        return version

    def copy_project_version(
        self,
        source_project_arn: str,
        source_project_version_arn: str,
        destination_project_arn: str,
        version_name: str,
        output_config: dict[str, Any],
        tags: dict[str, str] | None = None,
        kms_key_id: str | None = None,
        caller: Caller | None = None,
    ) -> ProjectVersion:
        """``caller``: who asks (the project policies of another account's source decide); None:
        this account itself."""
        destination = self._project(destination_project_arn)
        if destination.feature != CUSTOM_LABELS:
            raise InvalidParameterException("CopyProjectVersion applies to Custom Labels projects only.")
        if destination.status == "DELETING":
            raise ResourceInUseException("The destination project is being deleted.")
        check_tags(tags or {})
        if not output_config.get("S3Bucket"):
            raise InvalidParameterException("OutputConfig needs an S3Bucket.")
        source_arn = _ARN.match(source_project_arn)
        assert source_arn is not None  # the model's pattern was checked already
        if source_arn["region"] != self.region_name:
            raise InvalidParameterException("The source and destination projects must be in the same AWS Region.")
        owner = (
            self
            if source_arn["account"] == self.account_id
            else rekognition_backends[source_arn["account"]][self.region_name]
        )
        source_project = owner._project(source_project_arn)
        source = next(
            (
                v
                for v in list(source_project.versions.values())
                if v.arn == source_project_version_arn and owner._observe(v)
            ),
            None,
        )
        if source is None:
            raise ResourceNotFoundException(
                f"The project version {source_project_version_arn} does not exist in {source_project_arn}."
            )
        if owner is not self:
            documents = [p.document for p in source_project.policies.values()]
            if not policies.allows_copy(documents, caller or Caller(self.account_id), self.partition, source.arn):
                raise AccessDeniedException(
                    "No project policy of the source project allows this account to copy the model."
                )
        status = source.status
        if status not in TRAINED:
            raise ResourceInUseException(f"The source model version is {status}: only a trained model can be copied.")
        if version_name in destination.versions:
            raise ResourceInUseException(f"A version named {version_name} already exists in the project.")
        version = ProjectVersion(
            self, destination, version_name, output_config, tags or {}, kms_key_id, None, None, "COPYING_IN_PROGRESS"
        )
        version.copy_from(source)
        destination.versions[version_name] = version
        return version

    def detect_custom_labels(
        self,
        project_version_arn: str,
        image: dict[str, Any],
        max_results: int | None = None,
        min_confidence: float | None = None,
    ) -> list[CustomLabel]:
        # An ARN this backend never made (moto's old fixed answer) gets ResourceNotFoundException.
        version = self._version(project_version_arn)
        if version.feature != CUSTOM_LABELS:
            raise InvalidParameterException(
                "DetectCustomLabels takes a Custom Labels model; use DetectModerationLabels for adapters."
            )
        status = version.status
        if status != "RUNNING":
            raise ResourceNotReadyException(f"The model version is {status}; start it with StartProjectVersion.")
        if ("Bytes" in image) == ("S3Object" in image):
            raise InvalidParameterException("Image needs exactly one of Bytes and S3Object.")
        data = image["Bytes"] if "Bytes" in image else inputs.read_s3_object(self, image["S3Object"])
        if isinstance(data, str):
            data = base64.b64decode(data)
        if not inputs.image_format_ok(data):
            raise InvalidImageFormatException("Request has invalid image format")
        threshold = ASSUMED_THRESHOLD if min_confidence is None else min_confidence
        labels = sorted(
            (label for label in version.detected_labels() if label.confidence >= threshold),
            key=lambda label: -label.confidence,
        )
        return labels if max_results is None else labels[:max_results]

    def set_custom_labels(self, version_arn: str, labels: list[Any] | None) -> None:
        """Test-time control: what DetectCustomLabels finds with this version (None: the default).

        Each label is a name (confidence 99) or a CustomLabel dict (Name, Confidence, Geometry).
        MinConfidence and MaxResults still apply; without MinConfidence, labels under 50 are
        left out, as the service leaves out labels under their assumed threshold.
        """
        try:
            version = self._version(version_arn, look=False)
        except ResourceNotFoundException:
            raise KeyError(
                f"no project version {version_arn!r} in account {self.account_id}, region {self.region_name}"
            ) from None
        if labels is None:
            version.detections = None
            return
        version.detections = [CustomLabel.from_wire(label) for label in labels]

    # --- datasets ---------------------------------------------------------------------------
    def create_dataset(
        self,
        project_arn: str,
        dataset_type: str,
        dataset_source: dict[str, Any] | None = None,
        tags: dict[str, str] | None = None,
    ) -> Dataset:
        project = self._project(project_arn)
        if project.status == "DELETING":
            raise ResourceNotFoundException(f"The project {project_arn} is being deleted.")
        check_tags(tags or {})
        existing = project.datasets.get(dataset_type)
        if existing is not None and self._observe(existing):  # a deleting one may be gone by now
            raise ResourceAlreadyExistsException(f"The project already has a {dataset_type.lower()} dataset.")
        source = dataset_source or {}
        if "GroundTruthManifest" in source and "DatasetArn" in source:
            raise InvalidParameterException("DatasetSource takes a GroundTruthManifest or a DatasetArn, not both.")
        change = DatasetChange(replace=[])
        if "GroundTruthManifest" in source:
            s3_object = source["GroundTruthManifest"].get("S3Object")
            if not s3_object:
                raise InvalidParameterException("GroundTruthManifest needs an S3Object.")
            content = inputs.read_s3_object(self, s3_object)
            try:
                change.replace = parse_manifest(content)
            except groundtruth.ManifestError as error:
                # the object is there but unreadable: creation fails asynchronously, as in the service
                change.failure = f"The manifest file is not valid: {error}"
        elif "DatasetArn" in source:
            change.replace = [entry.copy() for entry in self._dataset(source["DatasetArn"]).entries.values()]
        dataset = Dataset(self, project, dataset_type, tags or {}, change)
        project.datasets[dataset_type] = dataset
        return dataset

    def describe_dataset(self, dataset_arn: str) -> Dataset:
        return self._dataset(dataset_arn)

    def delete_dataset(self, dataset_arn: str) -> None:
        dataset = self._dataset(dataset_arn)
        status = dataset.status
        if status in ("CREATE_IN_PROGRESS", "UPDATE_IN_PROGRESS"):
            raise ResourceInUseException(f"The dataset is {status} and can't be deleted.")
        if status != "DELETE_IN_PROGRESS":
            dataset.begin("DELETE_IN_PROGRESS", None, "The dataset is being deleted.")

    def _readable_dataset(self, dataset_arn: str) -> Dataset:
        dataset = self.describe_dataset(dataset_arn)
        status = dataset.status
        if status in ("CREATE_IN_PROGRESS", "CREATE_FAILED"):
            raise ResourceNotReadyException(f"The dataset is {status}.")
        if status not in SETTLED:
            raise ResourceInUseException(f"The dataset is {status}.")
        return dataset

    def list_dataset_entries(
        self,
        dataset_arn: str,
        contains_labels: list[str] | None = None,
        labeled: bool | None = None,
        source_ref_contains: str | None = None,
        has_errors: bool | None = None,
        next_token: str | None = None,
        max_results: int | None = None,
    ) -> tuple[list[Entry], str | None]:
        entries = self._readable_dataset(dataset_arn).entries.view()

        def keep(e: Entry) -> bool:
            return (
                (not contains_labels or any(label in e.labels for label in contains_labels))
                and (labeled is None or e.labeled == labeled)
                and (not source_ref_contains or source_ref_contains in e.source_ref)
                and (has_errors is None or bool(e.errors) == has_errors)
            )

        filtered = bool(contains_labels) or labeled is not None or bool(source_ref_contains) or has_errors is not None
        scope = {
            "arn": dataset_arn,
            "labels": contains_labels,
            "labeled": labeled,
            "ref": source_ref_contains,
            "errors": has_errors,
        }
        # filtered: read in order until the page is full, O(skipped + page)
        return _page("ListDatasetEntries", entries, next_token, max_results, scope, keep=keep if filtered else None)

    def list_dataset_labels(
        self, dataset_arn: str, next_token: str | None = None, max_results: int | None = None
    ) -> tuple[list[DatasetLabel], str | None]:
        labels = self._readable_dataset(dataset_arn).labels()
        return _page("ListDatasetLabels", labels, next_token, max_results, {"arn": dataset_arn})

    def update_dataset_entries(self, dataset_arn: str, changes: dict[str, Any]) -> None:
        dataset = self._dataset(dataset_arn)
        status = dataset.status
        if status not in SETTLED:
            raise ResourceInUseException(f"The dataset is {status} and can't be updated now.")
        try:
            # [UNVERIFIED] an unreadable GroundTruth is rejected at once rather than failing the update later
            entries = parse_manifest(bytes(changes["GroundTruth"]))
        except groundtruth.ManifestError as error:
            raise InvalidParameterException(f"Changes.GroundTruth is not a valid manifest: {error}") from None
        if not entries:
            raise InvalidParameterException("Changes.GroundTruth holds no entries.")
        dataset.begin("UPDATE_IN_PROGRESS", DatasetChange(upsert=entries), "The dataset is being updated.")

    def distribute_dataset_entries(self, datasets: list[dict[str, str]]) -> None:
        arns = [dataset["Arn"] for dataset in datasets]
        if len(set(arns)) != 2:
            raise InvalidParameterException("Give the training dataset and the test dataset of one project.")
        found = [self._dataset(arn) for arn in arns]
        if found[0].project is not found[1].project:
            raise InvalidParameterException("The datasets must belong to the same project.")
        by_type = {d.dataset_type: d for d in found}
        if set(by_type) != {"TRAIN", "TEST"}:
            raise InvalidParameterException("Give one TRAIN and one TEST dataset.")
        train, test = by_type["TRAIN"], by_type["TEST"]
        for dataset in (train, test):
            if dataset.status not in SETTLED:
                raise ResourceNotReadyException(f"The {dataset.dataset_type.lower()} dataset is {dataset.status}.")
        if test.entries:
            raise InvalidParameterException("The test dataset must be empty.")
        if len(train.entries) < 2:
            raise InvalidParameterException("The training dataset needs at least 2 entries to split.")
        share = max(1, round(len(train.entries) * DISTRIBUTE_SHARE))
        moved = sorted(train.entries.values(), key=lambda e: e.order_key)[:share]
        train.begin(
            "UPDATE_IN_PROGRESS", DatasetChange(remove={e.source_ref for e in moved}), "The dataset is being updated."
        )
        test.begin("UPDATE_IN_PROGRESS", DatasetChange(upsert=moved), "The dataset is being updated.")

    # --- project policies -------------------------------------------------------------------
    def _policy_project(self, project_arn: str) -> Project:
        project = self._project(project_arn)
        if project.feature != CUSTOM_LABELS:
            raise InvalidParameterException("Project policies apply to Custom Labels projects only.")
        return project

    def put_project_policy(
        self, project_arn: str, policy_name: str, policy_document: str, policy_revision_id: str | None = None
    ) -> ProjectPolicy:
        project = self._policy_project(project_arn)
        try:
            policies.parse(policy_document)
        except policies.MalformedPolicy as error:
            raise MalformedPolicyDocumentException(str(error)) from None
        policy = project.policies.get(policy_name)
        if policy is None:
            if policy_revision_id:
                raise InvalidPolicyRevisionIdException(
                    f"The project has no policy {policy_name} with revision {policy_revision_id}."
                )
            limit = self.quotas.policies_per_project
            if len(project.policies) >= limit:
                # [UNVERIFIED] which error: a quota, and botocore retries LimitExceededException as throttling
                raise ServiceQuotaExceededException(f"A project has at most {limit} project policies.")
            policy = ProjectPolicy(project, policy_name, policy_document)
            project.policies[policy_name] = policy
            return policy
        if not policy_revision_id:
            raise ResourceAlreadyExistsException(
                f"The policy {policy_name} exists: give its PolicyRevisionId to update it."
            )
        if policy_revision_id != policy.revision:
            raise InvalidPolicyRevisionIdException(
                f"{policy_revision_id} is not the current revision of the policy {policy_name}."
            )
        policy.revise(policy_document)
        return policy

    def delete_project_policy(self, project_arn: str, policy_name: str, policy_revision_id: str | None = None) -> None:
        project = self._policy_project(project_arn)
        policy = project.policies.get(policy_name)
        if policy is None:
            raise ResourceNotFoundException(f"The project has no policy named {policy_name}.")
        if policy_revision_id and policy_revision_id != policy.revision:
            raise InvalidPolicyRevisionIdException(
                f"{policy_revision_id} is not the current revision of the policy {policy_name}."
            )
        del project.policies[policy_name]

    def list_project_policies(
        self, project_arn: str, next_token: str | None = None, max_results: int | None = None
    ) -> tuple[list[ProjectPolicy], str | None]:
        project = self._policy_project(project_arn)
        return _page(
            "ListProjectPolicies", list(project.policies.values()), next_token, max_results, {"arn": project_arn}
        )

    # --- tags -------------------------------------------------------------------------------
    def _taggable(self, resource_arn: str) -> Project | ProjectVersion | Dataset:
        if not _ARN.match(resource_arn):
            raise InvalidParameterException(f"{resource_arn} is not a Rekognition ARN.")
        if resource_arn in self.projects:
            return self.projects[resource_arn]
        for find in (self._version, self._dataset):
            try:
                return find(resource_arn)
            except ResourceNotFoundException:
                pass
        raise ResourceNotFoundException(f"The resource {resource_arn} does not exist.")

    def tag_resource(self, resource_arn: str, tags: dict[str, str]) -> None:
        resource = self._taggable(resource_arn)
        check_tags(tags)
        limit = self.quotas.tags_per_resource
        if len({**resource.tags, **tags}) > limit:
            raise ServiceQuotaExceededException(f"A resource has at most {limit} tags.")
        resource.tags.update(tags)

    def untag_resource(self, resource_arn: str, tag_keys: list[str]) -> None:
        resource = self._taggable(resource_arn)
        for key in tag_keys:
            resource.tags.pop(key, None)

    def list_tags_for_resource(self, resource_arn: str) -> dict[str, str]:
        return dict(self._taggable(resource_arn).tags)


rekognition_backends = backends.ExtBackendDict(CustomLabelsBackend, "rekognition")
