"""Lookout for Vision: projects, datasets, models, hosting, packaging jobs, tags."""

from datetime import datetime, timezone
from typing import Any

from moto.core.base_backend import BackendDict, BaseBackend

from moto_ext.core.paging import paginate

from .exceptions import ConflictException, ResourceNotFoundException, ValidationException

# Lookout for Vision was offered in these regions (AWS general reference); botocore no longer
# lists them, so BackendDict is told.
REGIONS = ["us-east-1", "us-east-2", "us-west-2", "eu-central-1", "eu-west-1", "ap-northeast-1", "ap-northeast-2"]


class Project:
    def __init__(self, backend: "LookoutVisionBackend", name: str) -> None:
        self.name = name
        self.arn = f"arn:{backend.partition}:lookoutvision:{backend.region_name}:{backend.account_id}:project/{name}"
        self.created = datetime.now(timezone.utc)

    def metadata(self) -> dict[str, Any]:
        return {"ProjectArn": self.arn, "ProjectName": self.name, "CreationTimestamp": self.created}

    def description(self) -> dict[str, Any]:
        return {**self.metadata(), "Datasets": []}


class LookoutVisionBackend(BaseBackend):
    def __init__(self, region_name: str, account_id: str) -> None:
        super().__init__(region_name, account_id)
        self.projects: dict[str, Project] = {}

    def create_project(self, project_name: str) -> Project:
        if project_name in self.projects:
            raise ConflictException(f"A project named {project_name} already exists.", project_name, "PROJECT")
        project = Project(self, project_name)
        self.projects[project_name] = project
        return project

    def describe_project(self, project_name: str) -> Project:
        project = self.projects.get(project_name)
        if project is None:
            raise ResourceNotFoundException(f"Project {project_name} does not exist.", project_name, "PROJECT")
        return project

    def list_projects(self, next_token: str | None, max_results: int | None) -> tuple[list[Project], str | None]:
        projects = sorted(self.projects.values(), key=lambda p: p.name)
        return paginate(projects, next_token, max_results, default_size=100, invalid=ValidationException)


lookoutvision_backends = BackendDict(LookoutVisionBackend, "lookoutvision", use_boto3_regions=False, additional_regions=REGIONS)
