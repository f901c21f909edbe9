"""The four AWS services, moto's own and the controls' effects, through boto3 clients pointed at the server."""

import pytest
import requests

from moto_ext.core import registry

from . import flows
from .conftest import REGION, aws, error_of


def test_lookoutvision_lifecycle_and_typed_errors(server):
    lv, arn = flows.lookoutvision_hosted_model(server)
    assert lv.stop_model(ProjectName="widgets", ModelVersion="1")["Status"] == "STOPPING_HOSTING"
    assert lv.describe_model(ProjectName="widgets", ModelVersion="1")["ModelDescription"]["Status"] == "TRAINED"
    with pytest.raises(lv.exceptions.ResourceNotFoundException) as raised:
        lv.describe_project(ProjectName="nothing-here")
    assert error_of(raised)[:2] == ("ResourceNotFoundException", 404)
    assert raised.value.response["ResourceType"] == "PROJECT"
    # an ARN in the path (percent-encoded slashes) survives the hop
    lv.tag_resource(ResourceArn=arn, Tags=[{"Key": "via", "Value": "server"}])
    assert lv.list_tags_for_resource(ResourceArn=arn)["Tags"] == [{"Key": "via", "Value": "server"}]


def test_rekognition_custom_labels_beside_motos_own_operations(server):
    rek, project_arn, version_arn = flows.rekognition_running_version(server)
    assert rek.stop_project_version(ProjectVersionArn=version_arn)["Status"] == "STOPPING"
    with pytest.raises(rek.exceptions.ResourceNotFoundException):
        rek.describe_project_versions(ProjectArn=project_arn.replace("animals", "other"))
    # moto's DetectLabels is still answered by the same service
    assert rek.detect_labels(Image={"Bytes": b"\xff\xd8\xff\xe0" + b"\x00" * 32})["Labels"]


def test_machinelearning_endpoint_url_points_back_at_the_server(server):
    ml, url = flows.machinelearning_endpoint(server)
    assert url == server.endpoint_url
    # botocore sends Predict to PredictEndpoint's host: here, the server again
    prediction = ml.predict(MLModelId="model-1", Record={"age": "30"}, PredictEndpoint=url)["Prediction"]
    assert prediction["predictedLabel"] in ("0", "1")
    assert ml.delete_realtime_endpoint(MLModelId="model-1")["RealtimeEndpointInfo"]["EndpointStatus"] == "NONE"
    with pytest.raises(ml.exceptions.PredictorNotMountedException):
        ml.predict(MLModelId="model-1", Record={"age": "30"}, PredictEndpoint=url)


def test_machinelearning_endpoint_url_follows_the_address_the_client_used(server):
    """Reached as localhost, the server hands out a localhost URL: the one the client can reach."""
    host_url = server.endpoint_url.replace("127.0.0.1", "localhost")
    _, url = flows.machinelearning_endpoint(host_url)
    assert url == host_url


def test_neptunedata_signed_as_neptune_db_reaches_moto_exts_backend(server):
    nd = flows.neptune_transform_job(server)
    sent = []
    nd.meta.events.register("before-send", lambda request, **_: sent.append(str(request.headers["Authorization"])))
    assert nd.cancel_ml_model_transform_job(id="mt-1")["status"] == "Stopping"
    assert "/us-east-1/neptune-db/aws4_request" in sent[0]
    assert "mt-1" in registry.get("neptunedata").backends["123456789012"][REGION].transform_jobs
    with pytest.raises(nd.exceptions.MLResourceNotFoundException) as raised:
        nd.get_ml_model_transform_job(id="unknown")
    assert error_of(raised)[1] == 404


def test_regions_and_accounts_stay_apart(server):
    aws("lookoutvision", server, region="us-east-1").create_project(ProjectName="east")
    assert aws("lookoutvision", server, region="eu-west-1").list_projects()["Projects"] == []
    other_account = aws("lookoutvision", server)
    other_account.meta.events.register(
        "before-sign", lambda request, **_: request.headers.__setitem__("x-moto-account-id", "111122223333")
    )
    assert other_account.list_projects()["Projects"] == []


def test_motos_services_are_served_beside(server):
    s3 = flows.bucket(server, "plain-bucket", {"k": b"v"})
    assert s3.get_object(Bucket="plain-bucket", Key="k")["Body"].read() == b"v"
    assert aws("sts", server).get_caller_identity()["Account"] == "123456789012"
    # mq's REST API lives under /v1/: signed requests there stay with moto, not ModelArts
    assert aws("mq", server).list_brokers()["BrokerSummaries"] == []


def test_moto_reset_clears_every_service(server):
    flows.lookoutvision_hosted_model(server)
    flows.machinelearning_endpoint(server)
    assert requests.post(f"{server.endpoint_url}/moto-api/reset", timeout=10).json() == {"status": "ok"}
    assert aws("lookoutvision", server).list_projects()["Projects"] == []
    assert aws("machinelearning", server).describe_ml_models()["Results"] == []
    assert aws("s3", server).list_buckets()["Buckets"] == []
