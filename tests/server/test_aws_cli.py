"""The AWS CLI (``awscli`` from PyPI, in its own environment) drives the four seed operations against the server.

The CLI is found through ``MOTO_EXT_AWS_CLI`` (the path of its ``aws``) or on PATH. Without one the
tests are skipped, unless ``MOTO_EXT_REQUIRE_AWS_CLI=1`` (CI sets it): then they fail.
"""

import json
import os
import shutil
import subprocess
import sys

import pytest

from . import flows

REQUIRED = os.environ.get("MOTO_EXT_REQUIRE_AWS_CLI", "").lower() in ("1", "true", "yes")


def find_cli():
    configured = os.environ.get("MOTO_EXT_AWS_CLI")
    if configured:
        if not (os.path.isfile(configured) and os.access(configured, os.X_OK)):
            pytest.fail(f"MOTO_EXT_AWS_CLI={configured} is not an executable file")
        return configured
    found = shutil.which("aws")
    if found:
        return found
    message = (
        "no AWS CLI: install it in its own venv (python3 -m venv .venv-cli && .venv-cli/bin/pip install awscli) "
        "and set MOTO_EXT_AWS_CLI=.venv-cli/bin/aws"
    )
    if REQUIRED:
        pytest.fail(f"MOTO_EXT_REQUIRE_AWS_CLI is set but there is {message}")
    pytest.skip(message)


@pytest.fixture(scope="module")
def cli_env():
    """The CLI's environment: fake credentials, no user config, and moto_ext's models on AWS_DATA_PATH."""
    data_path = subprocess.run(
        [sys.executable, "-m", "moto_ext", "data-path"], capture_output=True, text=True, check=True
    ).stdout.strip()
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", "/tmp"),
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_PAGER": "",
        "AWS_DATA_PATH": data_path,
    }


@pytest.fixture
def aws_cli(server, cli_env):
    executable = find_cli()

    def run(*args):
        command = [executable, *args, "--endpoint-url", server.endpoint_url, "--output", "json"]
        result = subprocess.run(command, env=cli_env, capture_output=True, text=True, timeout=120)
        return result.returncode, json.loads(result.stdout) if result.stdout.strip() else None, result.stderr

    return run


def test_lookoutvision_stop_model(server, aws_cli):
    lv, _ = flows.lookoutvision_hosted_model(server)
    code, output, stderr = aws_cli("lookoutvision", "stop-model", "--project-name", "widgets", "--model-version", "1")
    assert code == 0, stderr
    assert output == {"Status": "STOPPING_HOSTING"}
    assert lv.describe_model(ProjectName="widgets", ModelVersion="1")["ModelDescription"]["Status"] == "TRAINED"
    code, _, stderr = aws_cli("lookoutvision", "stop-model", "--project-name", "widgets", "--model-version", "1")
    assert code != 0 and "ConflictException" in stderr


def test_rekognition_stop_project_version(server, aws_cli):
    rek, project_arn, version_arn = flows.rekognition_running_version(server)
    code, output, stderr = aws_cli("rekognition", "stop-project-version", "--project-version-arn", version_arn)
    assert code == 0, stderr
    assert output == {"Status": "STOPPING"}
    [version] = rek.describe_project_versions(ProjectArn=project_arn, VersionNames=["v1"])["ProjectVersionDescriptions"]
    assert version["Status"] == "STOPPED"


def test_machinelearning_delete_realtime_endpoint(server, aws_cli):
    ml, url = flows.machinelearning_endpoint(server)
    code, output, stderr = aws_cli("machinelearning", "delete-realtime-endpoint", "--ml-model-id", "model-1")
    assert code == 0, stderr
    assert output["MLModelId"] == "model-1"
    assert output["RealtimeEndpointInfo"]["EndpointStatus"] == "NONE"
    assert output["RealtimeEndpointInfo"]["EndpointUrl"] == url == server.endpoint_url
    assert ml.get_ml_model(MLModelId="model-1")["EndpointInfo"]["EndpointStatus"] == "NONE"


def test_neptunedata_cancel_ml_model_transform_job(server, aws_cli):
    neptune = flows.neptune_transform_job(server)
    code, output, stderr = aws_cli("neptunedata", "cancel-ml-model-transform-job", "--id", "mt-1", "--clean")
    assert code == 0, stderr
    assert output == {"status": "Stopping"}
    assert flows.polled(lambda: neptune.get_ml_model_transform_job(id="mt-1")["status"], until="Stopped") == "Stopped"
    code, _, stderr = aws_cli("neptunedata", "cancel-ml-model-transform-job", "--id", "no-such-job")
    assert code != 0 and "MLResourceNotFoundException" in stderr
