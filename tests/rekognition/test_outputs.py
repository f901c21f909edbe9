"""The files training writes (issue 12): the training results summary file, the validation
manifests and manifest summary, the output manifests, at the locations DescribeProjectVersions
reports, under the version's own OutputConfig (a copy's too)."""

import json

import pytest

from tests.support import client

from .helpers import BUCKET, classification_line, detection_line, make_datasets, version_status


def describe(rek, project, name):
    return rek.describe_project_versions(ProjectArn=project, VersionNames=[name])["ProjectVersionDescriptions"][0]


def read(s3, location):
    s3_object = location["S3Object"] if "S3Object" in location else location["GroundTruthManifest"]["S3Object"]
    return s3.get_object(Bucket=s3_object["Bucket"], Key=s3_object["Name"])["Body"].read().decode()


def every_location(version):
    """Every S3 object a version description points to."""
    found = [version["EvaluationResult"]["Summary"], version["ManifestSummary"]]
    for result in ("TrainingDataResult", "TestingDataResult"):
        for part in ("Input", "Output", "Validation"):
            found += version[result][part]["Assets"]
    return found


def trained(rek, s3, prefix="output/", train_lines=None, test_lines=None, name="proj"):
    project = rek.create_project(ProjectName=name)["ProjectArn"]
    make_datasets(rek, s3, project, train_lines, test_lines)
    rek.create_project_version(
        ProjectArn=project, VersionName="v1", OutputConfig={"S3Bucket": BUCKET, "S3KeyPrefix": prefix}
    )
    rek.get_waiter("project_version_training_completed").wait(ProjectArn=project, VersionNames=["v1"])
    return project, describe(rek, project, "v1")


def test_the_summary_file_has_the_documented_content(rek, s3):
    _, version = trained(rek, s3)
    location = version["EvaluationResult"]["Summary"]["S3Object"]
    assert location == {"Bucket": BUCKET, "Name": "output/EvaluationResultSummary-proj-v1.json"}
    summary = json.loads(read(s3, version["EvaluationResult"]["Summary"]))
    assert summary["Version"] == 1
    details = summary["EvaluationDetails"]
    assert details["ProjectVersionArn"] == version["ProjectVersionArn"]
    assert details["Labels"] == ["cat", "dog"]
    assert (details["NumberOfTrainingImages"], details["NumberOfTestingImages"]) == (10, 4)
    assert details["EvaluationEndTimestamp"]
    metrics = summary["AggregatedEvaluationResults"]["Metrics"]
    assert metrics["F1Score"] == version["EvaluationResult"]["F1Score"]
    assert 0 < metrics["Precision"] <= 1 and 0 < metrics["Recall"] <= 1
    # image-level labels: a confusion matrix, no mAP/mAR
    assert {(c["GroundTruthLabel"], c["PredictedLabel"]) for c in metrics["ConfusionMatrix"]} == {
        ("cat", "cat"),
        ("cat", "dog"),
        ("dog", "cat"),
        ("dog", "dog"),
    }
    assert "AveragePrecision" not in metrics
    # per-label metrics, best F1 first
    per_label = summary["LabelEvaluationResults"]
    assert sorted(result["Label"] for result in per_label) == ["cat", "dog"]
    f1_scores = [result["Metrics"]["F1Score"] for result in per_label]
    assert f1_scores == sorted(f1_scores, reverse=True)
    for result in per_label:
        assert set(result["Metrics"]) == {"Threshold", "Precision", "Recall", "F1Score"}
        assert result["NumberOfTestingImages"] == 2


def test_object_detection_gets_average_precision_and_recall(rek, s3):
    lines = [detection_line(f"s3://{BUCKET}/d{i}.jpg", ["car", "bike"]) for i in range(6)]
    _, version = trained(rek, s3, train_lines=lines, test_lines=lines[:2])
    metrics = json.loads(read(s3, version["EvaluationResult"]["Summary"]))["AggregatedEvaluationResults"]["Metrics"]
    assert {"AveragePrecision", "AverageRecall"} <= set(metrics) and "ConfusionMatrix" not in metrics


@pytest.mark.parametrize("prefix", ["output", "output/"])
def test_a_prefix_with_or_without_its_slash_gives_the_same_keys(rek, s3, prefix):
    _, version = trained(rek, s3, prefix=prefix)
    keys = [
        location["S3Object"]["Name"] if "S3Object" in location else location["GroundTruthManifest"]["S3Object"]["Name"]
        for location in every_location(version)
    ]
    assert all(key.startswith("output/") for key in keys), keys
    assert not any(key.startswith("outputproj") for key in keys)
    assert version["EvaluationResult"]["Summary"]["S3Object"]["Name"] == "output/EvaluationResultSummary-proj-v1.json"


def test_no_prefix(rek, s3):
    _, version = trained(rek, s3, prefix="")
    assert version["EvaluationResult"]["Summary"]["S3Object"]["Name"] == "EvaluationResultSummary-proj-v1.json"


def test_every_reported_location_holds_a_file(rek, s3):
    _, version = trained(rek, s3)
    for location in every_location(version):
        assert read(s3, location)


def test_validation_results_show_the_errors(rek, s3):
    broken = json.dumps(
        {
            "source-ref": f"s3://{BUCKET}/broken.jpg",
            "boxes": {"annotations": [{"class_id": 5, "top": 1, "left": 1, "width": 9, "height": 9}]},
            "boxes-metadata": {"class-map": {"0": "car"}, "type": "groundtruth/object-detection"},
        }
    )
    train = [classification_line(f"s3://{BUCKET}/c{i}.jpg", "cat" if i % 2 else "dog") for i in range(6)] + [broken]
    _, version = trained(rek, s3, train_lines=train)
    summary = json.loads(read(s3, version["ManifestSummary"]))
    training = summary["statistics"]["training"]
    assert training["use_case"] == "IMAGE_LEVEL_LABELS"
    assert (training["total_json_lines"], training["valid_json_lines"], training["invalid_json_lines"]) == (7, 6, 1)
    assert training["error_json_line_indices"] == [7]
    assert summary["statistics"]["testing"]["invalid_json_lines"] == 0 and summary["errors"] == []
    validation = read(s3, version["TrainingDataResult"]["Validation"]["Assets"][0]).splitlines()
    assert len(validation) == 7
    last = json.loads(validation[-1])
    assert last["boxes"]["annotations"][0]["errors"] == [
        {"code": "ERROR_MISSING_CLASS_MAP_ID", "message": "One of more class ids is missing from the class map."}
    ]
    assert "errors" not in json.loads(validation[0])
    # the output manifest lists the images training used
    assert len(read(s3, version["TrainingDataResult"]["Output"]["Assets"][0]).splitlines()) == 6


def test_a_client_reads_per_label_metrics(rek, s3):
    """What a client does with the summary: a dict of label -> F1 score, read from S3."""
    _, version = trained(rek, s3)
    location = version["EvaluationResult"]["Summary"]["S3Object"]
    body = client("s3").get_object(Bucket=location["Bucket"], Key=location["Name"])["Body"].read()
    scores = {result["Label"]: result["Metrics"]["F1Score"] for result in json.loads(body)["LabelEvaluationResults"]}
    assert set(scores) == {"cat", "dog"} and all(0 < score <= 1 for score in scores.values())


def test_a_failed_training_writes_no_summary(rek, s3, moto_ext_mock):
    moto_ext_mock.set_outcome("rekognition.project_version", "TRAINING_FAILED")
    project = rek.create_project(ProjectName="proj")["ProjectArn"]
    make_datasets(rek, s3, project)
    rek.create_project_version(
        ProjectArn=project, VersionName="v1", OutputConfig={"S3Bucket": BUCKET, "S3KeyPrefix": "output/"}
    )
    assert version_status(rek, project, "v1") == "TRAINING_FAILED"
    assert "EvaluationResult" not in describe(rek, project, "v1")
    assert s3.list_objects_v2(Bucket=BUCKET, Prefix="output/").get("KeyCount") == 0


def test_a_copy_reports_and_writes_its_own_output_location(rek, s3):
    source_project, source = trained(rek, s3)
    s3.create_bucket(Bucket="copies")
    destination = rek.create_project(ProjectName="dest")["ProjectArn"]
    rek.copy_project_version(
        SourceProjectArn=source_project,
        SourceProjectVersionArn=source["ProjectVersionArn"],
        DestinationProjectArn=destination,
        VersionName="c1",
        OutputConfig={"S3Bucket": "copies", "S3KeyPrefix": "mine"},
    )
    copied = describe(rek, destination, "c1")
    assert copied["Status"] == "COPYING_COMPLETED"
    assert copied["OutputConfig"] == {"S3Bucket": "copies", "S3KeyPrefix": "mine"}
    assert copied["EvaluationResult"]["Summary"]["S3Object"] == {
        "Bucket": "copies",
        "Name": "mine/EvaluationResultSummary-dest-c1.json",
    }
    for location in every_location(copied):
        s3_object = location.get("S3Object") or location["GroundTruthManifest"]["S3Object"]
        assert s3_object["Bucket"] == "copies" and s3_object["Name"].startswith("mine/")
        assert read(s3, location)
    summary = json.loads(read(s3, copied["EvaluationResult"]["Summary"]))
    assert summary["EvaluationDetails"]["ProjectVersionArn"] == copied["ProjectVersionArn"]
    original = json.loads(read(s3, source["EvaluationResult"]["Summary"]))
    assert summary["LabelEvaluationResults"] == original["LabelEvaluationResults"]
