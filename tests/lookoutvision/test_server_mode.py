"""moto's server mode serves Lookout for Vision too: raw image bodies and ARNs in paths survive the HTTP hop."""

import boto3
import pytest
from moto.core.base_backend import BackendDict
from moto.server import ThreadedMotoServer

import moto_ext  # noqa: F401  (plugs the service into moto)

from .helpers import JPEG, add_images


@pytest.fixture
def server_client():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield boto3.client(
            "lookoutvision",
            region_name="us-east-1",
            endpoint_url=f"http://{host}:{port}",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
    finally:
        server.stop()
        BackendDict.reset()


def test_end_to_end_over_http(server_client):
    lv = server_client
    s3 = boto3.client(
        "s3",
        region_name="us-east-1",
        endpoint_url=lv.meta.endpoint_url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    s3.create_bucket(Bucket="out")
    lv.create_project(ProjectName="served")
    lv.create_dataset(ProjectName="served", DatasetType="train")
    add_images(lv, "served")
    arn = lv.create_model(ProjectName="served", OutputConfig={"S3Location": {"Bucket": "out"}})["ModelMetadata"][
        "ModelArn"
    ]
    assert lv.describe_model(ProjectName="served", ModelVersion="1")["ModelDescription"]["Status"] == "TRAINED"
    lv.start_model(ProjectName="served", ModelVersion="latest", MinInferenceUnits=1)
    assert lv.describe_model(ProjectName="served", ModelVersion="1")["ModelDescription"]["Status"] == "HOSTED"
    result = lv.detect_anomalies(ProjectName="served", ModelVersion="1", Body=JPEG, ContentType="image/jpeg")
    assert result["DetectAnomalyResult"]["Source"] == {"Type": "direct"}
    with pytest.raises(lv.exceptions.ValidationException):
        lv.detect_anomalies(ProjectName="served", ModelVersion="1", Body=JPEG, ContentType="application/json")
    lv.tag_resource(ResourceArn=arn, Tags=[{"Key": "via", "Value": "server"}])
    assert lv.list_tags_for_resource(ResourceArn=arn)["Tags"] == [{"Key": "via", "Value": "server"}]
    with pytest.raises(lv.exceptions.ConflictException) as raised:
        lv.delete_model(ProjectName="served", ModelVersion="1")
    assert raised.value.response["ResourceType"] == "MODEL"
