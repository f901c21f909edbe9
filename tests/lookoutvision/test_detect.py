"""DetectAnomalies: a hosted model, an image of the declared type, a deterministic answer."""

import pytest

from tests.support import error_of

from .helpers import JPEG, PNG, make_hosted_model, make_trained_model


def detect(lv, body=PNG, content_type="image/png", version="1"):
    return lv.detect_anomalies(ProjectName="widgets", ModelVersion=version, Body=body, ContentType=content_type)


def test_answer_is_derived_from_the_image(lv):
    make_hosted_model(lv)
    first = detect(lv)["DetectAnomalyResult"]
    assert first["Source"] == {"Type": "direct"}
    assert isinstance(first["IsAnomalous"], bool)
    assert 0.5 <= first["Confidence"] <= 1.0
    assert detect(lv)["DetectAnomalyResult"] == first
    assert detect(lv, JPEG, "image/jpeg")["DetectAnomalyResult"]["Source"] == {"Type": "direct"}
    # different images give different answers (over a handful, not all can agree)
    answers = {
        (r["IsAnomalous"], r["Confidence"])
        for r in (detect(lv, PNG + bytes([i]))["DetectAnomalyResult"] for i in range(8))
    }
    assert len(answers) > 1


def test_file_objects_are_sent_as_the_body(lv, tmp_path):
    make_hosted_model(lv)
    path = tmp_path / "image.png"
    path.write_bytes(PNG)
    with path.open("rb") as image:
        assert detect(lv, image)["DetectAnomalyResult"] == detect(lv)["DetectAnomalyResult"]


def test_backend_override_per_model(lv, backend):
    make_hosted_model(lv)
    backend.set_detection_result(
        "widgets",
        "1",
        {
            "IsAnomalous": True,
            "Confidence": 0.97,
            "Anomalies": [{"Name": "scratch", "PixelAnomaly": {"TotalPercentageArea": 0.02, "Color": "#23A436"}}],
            "AnomalyMask": PNG,
        },
    )
    result = detect(lv)["DetectAnomalyResult"]
    assert result["IsAnomalous"] is True
    assert result["Confidence"] == pytest.approx(0.97)
    assert result["Anomalies"][0]["Name"] == "scratch"
    assert result["AnomalyMask"] == PNG
    assert result["Source"] == {"Type": "direct"}
    backend.set_detection_result("widgets", 1, None)
    assert "Anomalies" not in detect(lv)["DetectAnomalyResult"]
    with pytest.raises(ValueError):
        backend.set_detection_result("widgets", "1", {"Verdict": "bad"})


@pytest.mark.parametrize(
    "content_type", ["image/gif", "application/octet-stream", "application/json", "application/x-amz-json-1.1"]
)
def test_only_jpeg_and_png(lv, content_type):
    make_hosted_model(lv)
    with pytest.raises(lv.exceptions.ValidationException) as raised:
        detect(lv, PNG, content_type)
    assert error_of(raised).status == 400


@pytest.mark.parametrize(
    "body, content_type",
    [(JPEG, "image/png"), (PNG, "image/jpeg"), (b"plain text", "image/png"), (b"", "image/jpeg")],
)
def test_body_must_be_the_declared_image_type(lv, body, content_type):
    make_hosted_model(lv)
    with pytest.raises(lv.exceptions.ValidationException):
        detect(lv, body, content_type)


@pytest.mark.parametrize("status", ["TRAINED", "STARTING_HOSTING", "STOPPING_HOSTING", "HOSTING_FAILED"])
def test_model_must_be_hosted(moto_ext_mock, lv, status):
    version = make_trained_model(lv)
    # DetectAnomalies looks at the model: keep an in-progress status where it is
    moto_ext_mock.set_progression("lookoutvision.model", "manual", times=100)
    arn = lv.describe_model(ProjectName="widgets", ModelVersion=version)["ModelDescription"]["ModelArn"]
    moto_ext_mock.set_status(arn, status)
    with pytest.raises(lv.exceptions.ConflictException) as raised:
        detect(lv, version=version)
    code, http, _, response = error_of(raised)
    assert (http, response["ResourceType"], response["ResourceId"]) == (409, "MODEL", version)


def test_unknown_model_or_project(lv):
    make_hosted_model(lv)
    with pytest.raises(lv.exceptions.ResourceNotFoundException):
        detect(lv, version="7")
    with pytest.raises(lv.exceptions.ResourceNotFoundException):
        lv.detect_anomalies(ProjectName="nothing", ModelVersion="1", Body=PNG, ContentType="image/png")


def test_latest(lv):
    make_trained_model(lv)
    make_hosted_model(lv)  # version 2 is the newest
    assert detect(lv, version="latest")["DetectAnomalyResult"]["Source"] == {"Type": "direct"}
