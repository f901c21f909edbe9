"""Real-time endpoints and Predict: the host switch, mounting, prediction shapes, test-set answers."""

import pytest
from botocore.config import Config

from tests.support import client, error_of

from .helpers import SCHEMA, make_endpoint, make_model

RECORD = {"age": "33", "colour": "red"}


def _sent_requests(ml):
    """The Predict requests botocore sends; read their URLs after the call, once every handler
    (moto_ext's redirect, inside moto's stubber, included) has had them."""
    requests = []
    ml.meta.events.register_last("before-send.machine-learning.Predict", lambda request, **_: requests.append(request))
    return requests


def test_predict_on_the_endpoint_url_it_handed_out(ml, s3):
    make_model(ml, "m")
    url = make_endpoint(ml, "m")
    assert url == "https://realtime.machinelearning.us-east-1.amazonaws.com"
    sent = _sent_requests(ml)
    prediction = ml.predict(MLModelId="m", Record=RECORD, PredictEndpoint=url)["Prediction"]
    assert prediction["details"] == {"PredictiveModelType": "BINARY", "Algorithm": "SGD"}
    assert [request.url.split("/")[2] for request in sent] == [
        "machinelearning.us-east-1.amazonaws.com"
    ]  # moto's mock answered it


def test_predict_on_a_custom_host_is_caught_too(ml, s3):
    # botocore sends Predict to whatever host PredictEndpoint names; the conftest refuses any
    # connection off the machine, so an answer here proves the mock caught it.
    make_model(ml, "m")
    url = make_endpoint(ml, "m")
    switched = []
    ml.meta.events.register_last(
        "request-created.machine-learning.Predict", lambda request, **_: switched.append(request.url)
    )
    custom = ml.predict(MLModelId="m", Record=RECORD, PredictEndpoint="https://some.other.host")
    assert switched == ["https://some.other.host/"]  # botocore's host switch happened
    assert custom["Prediction"] == ml.predict(MLModelId="m", Record=RECORD, PredictEndpoint=url)["Prediction"]
    other_region = client("machinelearning", region="eu-west-1")
    with pytest.raises(other_region.exceptions.ResourceNotFoundException):
        # the signed region picks the backend, whatever the host
        other_region.predict(MLModelId="m", Record=RECORD, PredictEndpoint="https://some.other.host:8443/x")


def test_predict_needs_a_ready_endpoint(ml, s3, moto_ext_mock):
    make_model(ml, "m")
    with pytest.raises(ml.exceptions.PredictorNotMountedException) as raised:
        ml.predict(
            MLModelId="m", Record=RECORD, PredictEndpoint="https://realtime.machinelearning.us-east-1.amazonaws.com"
        )
    failure = error_of(raised)
    assert failure.status == 400 and "code" not in failure.response  # this shape has no code member
    moto_ext_mock.set_progression("machinelearning.realtime_endpoint", "manual", times=2)
    created = ml.create_realtime_endpoint(MLModelId="m")
    info = created["RealtimeEndpointInfo"]
    assert info["EndpointStatus"] == "UPDATING" and info["PeakRequestsPerSecond"] == 200 and "CreatedAt" in info
    assert ml.get_ml_model(MLModelId="m")["EndpointInfo"]["EndpointStatus"] == "UPDATING"
    with pytest.raises(ml.exceptions.PredictorNotMountedException):
        ml.predict(MLModelId="m", Record=RECORD, PredictEndpoint=info["EndpointUrl"])
    assert ml.get_ml_model(MLModelId="m")["EndpointInfo"]["EndpointStatus"] == "READY"
    assert ml.predict(MLModelId="m", Record=RECORD, PredictEndpoint=info["EndpointUrl"])["Prediction"]
    with pytest.raises(ml.exceptions.ResourceNotFoundException):
        ml.predict(MLModelId="nope", Record=RECORD, PredictEndpoint=info["EndpointUrl"])


def test_delete_realtime_endpoint_answers_its_info_and_unmounts(ml, s3):
    make_model(ml, "m")
    url = make_endpoint(ml, "m")
    before = ml.get_ml_model(MLModelId="m")["EndpointInfo"]
    deleted = ml.delete_realtime_endpoint(MLModelId="m")
    assert deleted["MLModelId"] == "m"
    assert deleted["RealtimeEndpointInfo"] == {**before, "EndpointStatus": "NONE"}
    assert ml.get_ml_model(MLModelId="m")["EndpointInfo"] == {"PeakRequestsPerSecond": 0, "EndpointStatus": "NONE"}
    with pytest.raises(ml.exceptions.PredictorNotMountedException):
        ml.predict(MLModelId="m", Record=RECORD, PredictEndpoint=url)
    # deleting what is not there changes nothing
    assert ml.delete_realtime_endpoint(MLModelId="m")["RealtimeEndpointInfo"]["EndpointStatus"] == "NONE"
    with pytest.raises(ml.exceptions.ResourceNotFoundException):
        ml.delete_realtime_endpoint(MLModelId="nope")


def test_create_realtime_endpoint_rules(ml, s3, moto_ext_mock):
    with pytest.raises(ml.exceptions.ResourceNotFoundException):
        ml.create_realtime_endpoint(MLModelId="nope")
    make_model(ml, "m")
    ml.create_ml_model(MLModelId="young", MLModelType="BINARY", TrainingDataSourceId="ds-train")
    with pytest.raises(ml.exceptions.InvalidInputException, match="COMPLETED"):
        ml.create_realtime_endpoint(MLModelId="young")
    make_endpoint(ml, "m")
    again = ml.create_realtime_endpoint(MLModelId="m")["RealtimeEndpointInfo"]
    assert again["EndpointStatus"] == "READY"  # creating again answers with the endpoint as it is
    moto_ext_mock.set_status("m/endpoint", "FAILED")
    assert ml.get_ml_model(MLModelId="m")["EndpointInfo"]["EndpointStatus"] == "FAILED"
    assert ml.create_realtime_endpoint(MLModelId="m")["RealtimeEndpointInfo"]["EndpointStatus"] == "UPDATING"


def test_prediction_shape_follows_the_model_type(ml, s3):
    for model_id, model_type in (("b", "BINARY"), ("r", "REGRESSION"), ("c", "MULTICLASS")):
        make_model(ml, model_id, model_type, data_source_id=None if model_id == "b" else "ds-train")
        make_endpoint(ml, model_id)
    url = "https://realtime.machinelearning.us-east-1.amazonaws.com"

    binary = ml.predict(MLModelId="b", Record=RECORD, PredictEndpoint=url)["Prediction"]
    assert set(binary) == {"predictedLabel", "predictedScores", "details"}
    assert binary["predictedLabel"] in ("0", "1") and list(binary["predictedScores"]) == [binary["predictedLabel"]]
    score = binary["predictedScores"][binary["predictedLabel"]]
    assert binary["predictedLabel"] == ("1" if score >= 0.5 else "0")

    regression = ml.predict(MLModelId="r", Record=RECORD, PredictEndpoint=url)["Prediction"]
    assert set(regression) == {"predictedValue", "details"}
    assert regression["details"]["PredictiveModelType"] == "REGRESSION"

    multiclass = ml.predict(MLModelId="c", Record=RECORD, PredictEndpoint=url)["Prediction"]
    assert set(multiclass["predictedScores"]) == {"red", "green", "blue"}  # the training target's classes
    assert multiclass["predictedLabel"] == max(multiclass["predictedScores"], key=multiclass["predictedScores"].get)
    assert sum(multiclass["predictedScores"].values()) == pytest.approx(1, abs=1e-5)


def test_predictions_are_deterministic_per_record(ml, s3):
    make_model(ml, "m")
    url = make_endpoint(ml, "m")
    answers = [
        ml.predict(MLModelId="m", Record={"age": str(age)}, PredictEndpoint=url)["Prediction"] for age in range(12)
    ]
    again = [
        ml.predict(MLModelId="m", Record={"age": str(age)}, PredictEndpoint=url)["Prediction"] for age in range(12)
    ]
    assert answers == again
    assert len({json_key(a) for a in answers}) == 12
    labels = {a["predictedLabel"] for a in answers}
    ml.update_ml_model(MLModelId="m", ScoreThreshold=0.0)
    assert {
        ml.predict(MLModelId="m", Record={"age": str(age)}, PredictEndpoint=url)["Prediction"]["predictedLabel"]
        for age in range(12)
    } == {"1"}
    assert labels == {"0", "1"}


def json_key(prediction):
    return tuple(sorted(prediction["predictedScores"].items()))


def test_a_test_can_set_the_prediction(ml, s3, backend):
    make_model(ml, "m")
    url = make_endpoint(ml, "m")
    backend.set_prediction("m", {"predictedLabel": "1", "predictedScores": {"1": 0.99}})
    backend.set_prediction("m", {"predictedLabel": "0", "predictedScores": {"0": 0.01}}, record={"age": "7"})
    assert ml.predict(MLModelId="m", Record=RECORD, PredictEndpoint=url)["Prediction"] == {
        "predictedLabel": "1",
        "predictedScores": {"1": 0.99},
    }
    assert ml.predict(MLModelId="m", Record={"age": "7"}, PredictEndpoint=url)["Prediction"]["predictedLabel"] == "0"
    with pytest.raises(ValueError):
        backend.set_prediction("m", {"predictedLabel": ""})
    with pytest.raises(KeyError):
        backend.set_prediction("nope", {"predictedLabel": "1"})


def test_server_mode_endpoint_points_back_at_the_server():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        options = {"endpoint_url": f"http://{host}:{port}", "aws_access_key_id": "ak", "aws_secret_access_key": "sk"}
        s3 = client("s3", **options)
        s3.create_bucket(Bucket="server-data")
        s3.put_object(Bucket="server-data", Key="d.csv", Body=b"age,colour,label\n1,red,red\n")
        ml = client("machinelearning", config=Config(retries={"total_max_attempts": 1}), **options)
        ml.create_data_source_from_s3(
            DataSourceId="ds",
            DataSpec={"DataLocationS3": "s3://server-data/d.csv", "DataSchema": SCHEMA},
            ComputeStatistics=True,
        )
        make_model(ml, "m", data_source_id="ds")
        url = make_endpoint(ml, "m")
        assert url == f"http://{host}:{port}"
        assert (
            ml.predict(MLModelId="m", Record=RECORD, PredictEndpoint=url)["Prediction"]["details"]["Algorithm"] == "SGD"
        )
    finally:
        server.stop()
