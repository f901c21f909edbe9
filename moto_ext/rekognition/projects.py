"""Custom Labels projects: the resource that holds datasets, model versions and project policies.

``rekognition.project``: CREATING -> CREATED; DeleteProject: DELETING -> gone (with its datasets
and policies).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from moto_ext.core.lifecycle import Lifecycle, LifecycleKind
from moto_ext.core.paging import Catalog

from .service_model import enum

if TYPE_CHECKING:
    from .datasets import Dataset
    from .models import CustomLabelsBackend
    from .policies import ProjectPolicy
    from .versions import ProjectVersion

#: a resource whose deletion has finished: entering it removes the resource from its backend
GONE = "DELETED"

CUSTOM_LABELS = "CUSTOM_LABELS"
CONTENT_MODERATION = "CONTENT_MODERATION"

PROJECT_KIND = LifecycleKind(
    "rekognition.project",
    steps={"CREATING": "CREATED", "DELETING": GONE},
    statuses=enum("ProjectStatus"),
    gone=[GONE],
)


def owners(projects: Catalog[str, Project], arn: str) -> list[Project]:
    """The projects a version or dataset ARN may belong to: found by the project name in it (a
    project ARN is ``.../project/<name>/<time>``, its versions' and datasets' start so too)."""
    name = arn.split(":project/", 1)[-1].split("/", 1)[0]
    return [project for project in projects.having("name", name) if arn.startswith(f"{project.arn_prefix}/")]


class Project:
    def __init__(
        self, backend: CustomLabelsBackend, name: str, feature: str, auto_update: str | None, tags: dict[str, str]
    ) -> None:
        millis, self.created = backend.stamp()
        self.name = name
        self.arn = (
            f"arn:{backend.partition}:rekognition:{backend.region_name}:{backend.account_id}:project/{name}/{millis}"
        )
        self.feature = feature
        self.auto_update = auto_update
        self.tags = dict(tags)
        self.versions: Catalog[str, ProjectVersion] = Catalog()  # by name, in order of creation
        self.datasets: dict[str, Dataset] = {}  # by dataset type
        self.policies: dict[str, ProjectPolicy] = {}  # by name

        def forget() -> None:
            backend.projects.pop(self.arn, None)

        self.lifecycle = Lifecycle(PROJECT_KIND, "CREATING", ids=[self.arn], on_gone=forget)

    @property
    def status(self) -> str:
        return self.lifecycle.status  # type: ignore[no-any-return]

    @property
    def arn_prefix(self) -> str:
        """The project's ARN without its creation time: its versions' and datasets' ARNs start so."""
        return self.arn.rsplit("/", 1)[0]

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "ProjectArn": self.arn,
            "CreationTimestamp": self.created,
            "Status": self.status,
            "Datasets": [dataset.to_summary() for dataset in self.datasets.values()],
            "Feature": self.feature,
        }
        if self.auto_update:
            result["AutoUpdate"] = self.auto_update
        return result
