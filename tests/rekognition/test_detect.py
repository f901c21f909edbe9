"""DetectCustomLabels: only on a running model, from its labels or a test's setting."""

import pytest

from tests.support import REGION, assert_matches_output_shape, failure

from .helpers import ACCOUNT, BUCKET, JPEG, PNG, classification_line, detection_line, make_running, make_version


def test_default_answer_comes_from_the_training_labels(rek, s3):
    lines = [classification_line(f"s3://{BUCKET}/c{i}.jpg", "cat") for i in range(3)] + [
        detection_line(f"s3://{BUCKET}/d{i}.jpg", ["dog", "dog"]) for i in range(2)
    ]
    _, arn = make_running(rek, s3, train_lines=lines)
    response = rek.detect_custom_labels(ProjectVersionArn=arn, Image={"Bytes": JPEG})
    assert_matches_output_shape(rek, "DetectCustomLabels", response)
    labels = response["CustomLabels"]
    assert [label["Name"] for label in labels] == ["cat", "dog"]
    assert labels[0]["Confidence"] > labels[1]["Confidence"] >= 50
    assert "Geometry" not in labels[0]  # an image-level label
    assert set(labels[1]["Geometry"]["BoundingBox"]) == {"Width", "Height", "Left", "Top"}  # an object
    # the same image gets the same answer
    assert rek.detect_custom_labels(ProjectVersionArn=arn, Image={"Bytes": PNG})["CustomLabels"] == labels


def test_min_confidence_and_max_results(rek, s3, backend):
    _, arn = make_running(rek, s3)
    backend.set_custom_labels(
        arn,
        [
            {"Name": "low", "Confidence": 20.0},
            {"Name": "high", "Confidence": 95.5},
            {"Name": "mid", "Confidence": 70.0},
            "sure",
        ],
    )

    def detect(**kw):
        return [
            label["Name"]
            for label in rek.detect_custom_labels(ProjectVersionArn=arn, Image={"Bytes": JPEG}, **kw)["CustomLabels"]
        ]

    assert detect() == ["sure", "high", "mid"]  # highest first; under the assumed threshold of 50 left out
    assert detect(MinConfidence=0) == ["sure", "high", "mid", "low"]
    assert detect(MinConfidence=70) == ["sure", "high", "mid"]
    assert detect(MinConfidence=95.5, MaxResults=5) == ["sure", "high"]
    assert detect(MinConfidence=0, MaxResults=2) == ["sure", "high"]
    assert detect(MaxResults=0) == []
    assert failure(rek.detect_custom_labels, ProjectVersionArn=arn, Image={"Bytes": JPEG}, MinConfidence=100.5)[:2] == (
        "InvalidParameterException",
        400,
    )
    backend.set_custom_labels(arn, None)
    assert detect() == ["cat", "dog"]


def test_set_custom_labels_checks_its_input(rek, s3, backend):
    _, arn = make_version(rek, s3)
    with pytest.raises(ValueError):
        backend.set_custom_labels(arn, [{"Name": "x", "Confidence": 140}])
    with pytest.raises(KeyError):
        backend.set_custom_labels(arn.replace("/v1/", "/v9/"), ["x"])


def test_geometry_set_by_a_test(rek, s3, backend):
    _, arn = make_running(rek, s3)
    box = {"Width": 0.5, "Height": 0.25, "Left": 0.1, "Top": 0.2}
    backend.set_custom_labels(arn, [{"Name": "logo", "Confidence": 88.0, "Geometry": {"BoundingBox": box}}])
    assert rek.detect_custom_labels(ProjectVersionArn=arn, Image={"Bytes": JPEG})["CustomLabels"] == [
        {"Name": "logo", "Confidence": 88.0, "Geometry": {"BoundingBox": box}}
    ]


def test_only_a_running_model_detects(rek, s3, moto_ext_mock):
    project, arn = make_version(rek, s3)
    assert failure(rek.detect_custom_labels, ProjectVersionArn=arn, Image={"Bytes": JPEG})[:2] == (
        "ResourceNotReadyException",
        400,
    )
    moto_ext_mock.set_progression("rekognition.project_version", "manual", times=2)
    rek.start_project_version(ProjectVersionArn=arn, MinInferenceUnits=1)
    assert failure(rek.detect_custom_labels, ProjectVersionArn=arn, Image={"Bytes": JPEG})[:2] == (
        "ResourceNotReadyException",
        400,
    )  # STARTING
    moto_ext_mock.set_status(arn, "RUNNING")
    assert rek.detect_custom_labels(ProjectVersionArn=arn, Image={"Bytes": JPEG})["CustomLabels"]
    rek.stop_project_version(ProjectVersionArn=arn)
    assert failure(rek.detect_custom_labels, ProjectVersionArn=arn, Image={"Bytes": JPEG})[:2] == (
        "ResourceNotReadyException",
        400,
    )


def test_unknown_and_malformed_versions(rek):
    # an ARN moto_ext never created (moto's old fixed answer took any): not found
    unknown = f"arn:aws:rekognition:{REGION}:{ACCOUNT}:project/logos/version/logos.2020-01-01/1617548260281"
    assert failure(rek.detect_custom_labels, ProjectVersionArn=unknown, Image={"Bytes": JPEG})[:2] == (
        "ResourceNotFoundException",
        400,
    )
    assert failure(
        rek.detect_custom_labels,
        ProjectVersionArn="arn:aws:rekognition:us-east-1:123:project/x/version/y",
        Image={"Bytes": JPEG},
    )[:2] == (
        "InvalidParameterException",
        400,
    )


def test_images_from_s3(rek, s3):
    _, arn = make_running(rek, s3)
    s3.put_object(Bucket=BUCKET, Key="photo.jpg", Body=JPEG)
    s3.put_object(Bucket=BUCKET, Key="notes.txt", Body=b"hello")
    labels = rek.detect_custom_labels(
        ProjectVersionArn=arn, Image={"S3Object": {"Bucket": BUCKET, "Name": "photo.jpg"}}
    )["CustomLabels"]
    assert [label["Name"] for label in labels] == ["cat", "dog"]
    assert failure(
        rek.detect_custom_labels, ProjectVersionArn=arn, Image={"S3Object": {"Bucket": BUCKET, "Name": "missing.jpg"}}
    )[:2] == (
        "InvalidS3ObjectException",
        400,
    )
    assert failure(
        rek.detect_custom_labels, ProjectVersionArn=arn, Image={"S3Object": {"Bucket": BUCKET, "Name": "notes.txt"}}
    )[:2] == (
        "InvalidImageFormatException",
        400,
    )


def test_image_checks(rek, s3):
    _, arn = make_running(rek, s3)
    assert failure(rek.detect_custom_labels, ProjectVersionArn=arn, Image={"Bytes": b"GIF89a....."})[:2] == (
        "InvalidImageFormatException",
        400,
    )
    assert failure(
        rek.detect_custom_labels, ProjectVersionArn=arn, Image={"Bytes": JPEG + b"\x00" * (5 * 1024 * 1024)}
    )[:2] == ("ImageTooLargeException", 400)
    assert failure(rek.detect_custom_labels, ProjectVersionArn=arn, Image={})[:2] == ("InvalidParameterException", 400)
    both = {"Bytes": JPEG, "S3Object": {"Bucket": BUCKET, "Name": "photo.jpg"}}
    assert failure(rek.detect_custom_labels, ProjectVersionArn=arn, Image=both)[:2] == (
        "InvalidParameterException",
        400,
    )


def test_image_bytes_over_4_mb_are_too_large(rek, s3):
    # Image.Bytes: "the maximum image size you can pass to DetectCustomLabels is 4MB" (other operations: 5 MB)
    _, arn = make_running(rek, s3)
    limit = 4 * 1024 * 1024
    image = JPEG + b"\x00" * (limit - len(JPEG))
    assert rek.detect_custom_labels(ProjectVersionArn=arn, Image={"Bytes": image})["CustomLabels"]
    with pytest.raises(rek.exceptions.ImageTooLargeException):
        rek.detect_custom_labels(ProjectVersionArn=arn, Image={"Bytes": image + b"\x00"})
    # moto's DetectLabels keeps ImageBlob's 5 MB
    assert rek.detect_labels(Image={"Bytes": image + b"\x00"})["Labels"]
