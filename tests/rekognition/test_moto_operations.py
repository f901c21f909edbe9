"""moto's own Rekognition operations keep answering beside Custom Labels."""

from moto import mock_aws

from moto_ext import mock_ext
from tests.support import assert_matches_output_shape, client, failure

from .helpers import JPEG, make_running

VIDEO = {"S3Object": {"Bucket": "videos", "Name": "clip.mp4"}}


def check_moto_operations(rek):
    labels = rek.detect_labels(Image={"Bytes": JPEG})
    assert_matches_output_shape(rek, "DetectLabels", labels)
    assert labels["Labels"][0]["Name"] == "Mobile Phone" and labels["LabelModelVersion"] == "3.0"
    faces = rek.compare_faces(SourceImage={"Bytes": JPEG}, TargetImage={"Bytes": JPEG})
    assert_matches_output_shape(rek, "CompareFaces", faces)
    assert faces["FaceMatches"] and faces["SourceImageFace"]
    text = rek.detect_text(Image={"S3Object": {"Bucket": "images", "Name": "sign.jpg"}})
    assert_matches_output_shape(rek, "DetectText", text)
    assert text["TextDetections"]
    job = rek.start_face_search(CollectionId="people", Video=VIDEO)["JobId"]
    search = rek.get_face_search(JobId=job)
    assert_matches_output_shape(rek, "GetFaceSearch", search)
    assert search["JobStatus"] == "SUCCEEDED"
    job = rek.start_text_detection(Video=VIDEO)["JobId"]
    assert rek.get_text_detection(JobId=job)["TextDetections"]


@mock_ext
def test_inside_mock_ext():
    check_moto_operations(client("rekognition"))


def test_inside_plain_mock_aws():
    with mock_aws():
        check_moto_operations(client("rekognition", "eu-west-1"))


def test_beside_custom_labels(rek, s3):
    _, arn = make_running(rek, s3)
    assert [
        label["Name"]
        for label in rek.detect_custom_labels(ProjectVersionArn=arn, Image={"Bytes": JPEG})["CustomLabels"]
    ] == ["cat", "dog"]
    check_moto_operations(rek)


def test_moto_operations_are_validated_too(rek):
    assert failure(rek.detect_labels, Image={"Bytes": JPEG}, MinConfidence=101)[:2] == (
        "InvalidParameterException",
        400,
    )
