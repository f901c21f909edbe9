"""The AWS CLI (``awscli`` from PyPI, in its own environment) drives the four seed operations against the server.

The CLI is found through ``MOTO_EXT_AWS_CLI`` (the path of its ``aws``) or on PATH. Without one the
tests are skipped, unless ``MOTO_EXT_REQUIRE_AWS_CLI=1`` (CI sets it): then they fail.
"""

import json
import os
import shutil
import subprocess
import sys
import time

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


# --- `aws ... wait`: every waiter of the services returns on its first poll -----------------------
def _timed(aws_cli, *args):
    started = time.monotonic()
    code, _, stderr = aws_cli(*args)
    return code, time.monotonic() - started, stderr


def test_machinelearning_wait_commands_return_at_once(server, aws_cli):
    flows.bucket(server, "ml-wait", {"train.csv": b"age,label\n31,1\n42,0\n27,1\n55,0\n"})
    ml = flows.aws("machinelearning", server)
    ml.create_data_source_from_s3(
        DataSourceId="ds-wait",
        DataSourceName="ds-wait",
        DataSpec={"DataLocationS3": "s3://ml-wait/train.csv", "DataSchema": flows.ML_SCHEMA},
        ComputeStatistics=True,
    )
    ml.create_ml_model(MLModelId="m-wait", MLModelName="m-wait", MLModelType="BINARY", TrainingDataSourceId="ds-wait")
    ml.create_evaluation(
        EvaluationId="e-wait", EvaluationName="e-wait", MLModelId="m-wait", EvaluationDataSourceId="ds-wait"
    )
    ml.create_batch_prediction(
        BatchPredictionId="b-wait",
        BatchPredictionName="b-wait",
        MLModelId="m-wait",
        BatchPredictionDataSourceId="ds-wait",
        OutputUri="s3://ml-wait/out/",
    )
    # nothing was read: each entity is PENDING, the later ones queued behind the data source;
    # the waiters' default delay is 30 s, so a second poll would show in the time
    for waiter, name in (
        ("batch-prediction-available", "b-wait"),
        ("evaluation-available", "e-wait"),
        ("ml-model-available", "m-wait"),
        ("data-source-available", "ds-wait"),
    ):
        code, seconds, stderr = _timed(
            aws_cli, "machinelearning", "wait", waiter, "--filter-variable", "Name", "--eq", name
        )
        assert code == 0, stderr
        assert seconds < 2, f"{waiter} took {seconds:.1f} s"
    assert ml.get_batch_prediction(BatchPredictionId="b-wait")["Status"] == "COMPLETED"


def test_rekognition_wait_commands_return_at_once(server, aws_cli):
    rek, project_arn, version_arn = flows.rekognition_running_version(server)
    rek.stop_project_version(ProjectVersionArn=version_arn)
    assert flows.polled(
        lambda: rek.describe_project_versions(ProjectArn=project_arn, VersionNames=["v1"])[
            "ProjectVersionDescriptions"
        ][0]["Status"],
        until="STOPPED",
    )
    rek.start_project_version(ProjectVersionArn=version_arn, MinInferenceUnits=1)  # STARTING, not yet read
    code, seconds, stderr = _timed(
        aws_cli, "rekognition", "wait", "project-version-running", "--project-arn", project_arn, "--version-names", "v1"
    )
    assert code == 0, stderr
    assert seconds < 2
    rek.create_project_version(
        ProjectArn=project_arn, VersionName="v2", OutputConfig={"S3Bucket": "rek-data", "S3KeyPrefix": "output/"}
    )
    code, seconds, stderr = _timed(
        aws_cli,
        "rekognition",
        "wait",
        "project-version-training-completed",
        "--project-arn",
        project_arn,
        "--version-names",
        "v2",
    )
    assert code == 0, stderr
    assert seconds < 2
