"""Lookout for Vision over HTTP: parse with the model, call the backend, serialize with the model."""

from moto.core.responses import ActionResult

from moto_ext.core.responses import ExtResponse

from .exceptions import ValidationException
from .models import LookoutVisionBackend, lookoutvision_backends


class LookoutVisionResponse(ExtResponse):
    validation_error = ValidationException

    def __init__(self) -> None:
        super().__init__(service_name="lookoutvision")

    @property
    def backend(self) -> LookoutVisionBackend:
        return lookoutvision_backends[self.current_account][self.region]

    def create_project(self) -> ActionResult:
        project = self.backend.create_project(self._get_param("ProjectName"))
        return ActionResult({"ProjectMetadata": project.metadata()})

    def describe_project(self) -> ActionResult:
        project = self.backend.describe_project(self._get_param("ProjectName"))
        return ActionResult({"ProjectDescription": project.description()})

    def list_projects(self) -> ActionResult:
        projects, token = self.backend.list_projects(self._get_param("NextToken"), self._get_param("MaxResults"))
        return ActionResult({"Projects": [p.metadata() for p in projects], "NextToken": token})
