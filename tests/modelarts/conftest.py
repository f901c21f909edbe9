"""Helpers for the ModelArts tests: a ``requests`` session with a mock-issued token, and snapshots."""

import copy
from typing import Any

import pytest
import requests

from moto_ext.modelarts.models import DEFAULT_PROJECT_ID, DEFAULT_REGION

CONFIG: dict[str, Any] = {
    "worker_server_num": 1,
    "app_url": "/bucket/code/",
    "boot_file_url": "/bucket/code/train.py",
    "data_url": "/bucket/data/",
    "train_url": "/bucket/output/",
    "spec_id": 2,
    "engine_id": 1,
}

#: a training job version's members as the v1 reference lists them (GetTrainingJobVersion)
VERSION_FIELDS = {
    "job_id",
    "job_name",
    "job_desc",
    "version_id",
    "version_name",
    "pre_version_id",
    "engine_type",
    "engine_name",
    "engine_id",
    "engine_version",
    "status",
    "app_url",
    "boot_file_url",
    "create_time",
    "parameter",
    "duration",
    "spec_id",
    "core",
    "cpu",
    "gpu_num",
    "gpu_type",
    "worker_server_num",
    "data_url",
    "train_url",
    "log_url",
    "dataset_version_id",
    "dataset_id",
    "data_source",
    "model_id",
    "model_metric_list",
    "system_metric_list",
    "user_image_url",
    "user_command",
    "resource_id",
    "start_time",
    "volumes",
    "pool_id",
    "pool_name",
    "spec_code",
    "nas_mount_path",
    "nas_share_addr",
    "nas_type",
}


class ModelArts:
    """Plain ``requests`` against the mocked endpoint, authenticated with a token the mock issued."""

    def __init__(
        self,
        handle: Any,
        project_id: str = DEFAULT_PROJECT_ID,
        region: str = DEFAULT_REGION,
        cloud: str = "otc.t-systems.com",
    ) -> None:
        self.handle = handle
        self.backend = handle.backend("modelarts", account_id=project_id, region=region)
        self.base = f"https://modelarts.{region}.{cloud}/v1/{project_id}"
        self.session = requests.Session()
        self.session.headers["X-Auth-Token"] = self.backend.issue_token()

    def call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        return self.session.request(method, self.base + path, **kwargs)

    def ok(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        response = self.call(method, path, **kwargs)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["is_success"] is True
        assert "error_code" not in body
        return body

    def fails(self, method: str, path: str, status: int, code: str, **kwargs: Any) -> dict[str, Any]:
        """Assert a typed v1 error and that nothing in the project changed."""
        before = snapshot(self.backend)
        response = self.call(method, path, **kwargs)
        assert response.status_code == status, response.text
        body = response.json()
        assert body["is_success"] is False
        assert body["error_code"] == code, body
        assert body["error_message"]
        assert snapshot(self.backend) == before
        return body

    def create_job(self, name: str = "job-1", desc: str = "", **config: Any) -> dict[str, Any]:
        body = {"job_name": name, "job_desc": desc, "config": {**CONFIG, **config}}
        return self.ok("POST", "/training-jobs", json=body)

    def status(self, job: dict[str, Any]) -> int:
        """The version's status as one read reports it (a read may move it)."""
        return self.ok("GET", f"/training-jobs/{job['job_id']}/versions/{job['version_id']}")["status"]


def snapshot(backend: Any) -> Any:
    """Everything a failed call must leave alone, read without moving any status."""
    return copy.deepcopy(
        {
            "jobs": {
                job_id: (
                    job.name,
                    job.description,
                    {
                        vid: (v.version_name, v.lifecycle.status, v.config, v.job_desc)
                        for vid, v in job.versions.items()
                    },
                )
                for job_id, job in backend.jobs.items()
            },
            "configs": {name: (c.description, c.config) for name, c in backend.configs.items()},
            "visualization": {
                jid: (j.name, j.description, j.lifecycle.status) for jid, j in backend.visualization_jobs.items()
            },
        }
    )


@pytest.fixture
def ma(moto_ext_mock: Any) -> ModelArts:
    return ModelArts(moto_ext_mock)
