"""Installed but unused, moto_ext changes nothing: pytest loads its plugin in every run of every
project, and that must not plug moto_ext's services into moto.

A separate pytest run (no conftest of this project, so nothing imports moto_ext) runs a plain
moto test: moto's own DetectCustomLabels answers as plain moto does, whatever ARN it is sent.
"""

import subprocess
import sys
import textwrap

PLAIN_MOTO_TEST = textwrap.dedent(
    """
    import sys

    import boto3
    from moto import mock_aws


    def test_plain_moto_is_untouched():
        with mock_aws():
            client = boto3.client("rekognition", region_name="us-east-1")
            answer = client.detect_custom_labels(
                ProjectVersionArn="arn:aws:rekognition:us-east-1:123456789012:project/random/version/v1/1",
                Image={"S3Object": {"Bucket": "any-bucket", "Name": "any.jpg"}},
            )
        # plain moto answers with its canned labels; moto_ext would check the ARN and refuse it
        assert answer["CustomLabels"]
        assert "moto_ext" not in sys.modules


    def test_the_fixture_is_offered_all_the_same(moto_ext_mock):
        assert "moto_ext" in sys.modules
        assert moto_ext_mock.backend("lookoutvision") is not None
    """
)


def test_an_installed_moto_ext_leaves_plain_moto_tests_alone(tmp_path):
    (tmp_path / "test_plain.py").write_text(PLAIN_MOTO_TEST)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_plain.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "PATH": "/usr/bin:/bin"},
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 passed" in run.stdout, run.stdout
