"""Training: the documented minimum numbers of labeled images, the output bucket, and the
evaluation files training writes where DescribeModel points."""

import json

import pytest

from tests.support import error_of

from .helpers import BUCKET, OUTPUT, add_images, make_project, manifest_line


def describe(lv, version="1"):
    return lv.describe_model(ProjectName="widgets", ModelVersion=version)["ModelDescription"]


def train(lv, output=OUTPUT):
    version = lv.create_model(ProjectName="widgets", OutputConfig=output)["ModelMetadata"]["ModelVersion"]
    return describe(lv, version)


def read_json(s3, location):
    return s3.get_object(Bucket=location["Bucket"], Key=location["Key"])["Body"].read().decode()


def test_evaluation_result_file(lv, s3):
    make_project(lv)  # one dataset: 20 normal, 10 anomalous images
    model = train(lv)
    assert model["Status"] == "TRAINED"
    assert model["EvaluationResult"] == {"Bucket": BUCKET, "Key": "models/EvaluationResult-widgets-1.json"}
    result = json.loads(read_json(s3, model["EvaluationResult"]))
    assert result["Version"] == 1
    details = result["EvaluationDetails"]
    assert details["ModelArn"] == model["ModelArn"]
    assert details["EvaluationEndTimestamp"]
    # the service splits a single dataset: every image is used once, for training or testing
    assert details["NumberOfTrainingImages"] + details["NumberOfTestingImages"] == 30
    assert details["NumberOfTestingImages"] > 0
    metrics = result["AggregatedEvaluationResults"]["Metrics"]
    assert set(metrics) == {"ROCAUC", "AveragePrecision", "Precision", "Recall", "F1Score"}
    assert all(0 < value <= 1 for value in metrics.values())
    # DescribeModel's summary is the file's
    assert model["Performance"] == {name: pytest.approx(metrics[name]) for name in ("F1Score", "Precision", "Recall")}


def test_evaluation_manifest_file(lv, s3):
    make_project(lv)
    model = train(lv)
    assert model["EvaluationManifest"] == {"Bucket": BUCKET, "Key": "models/EvaluationManifest-widgets-1.json"}
    lines = [json.loads(line) for line in read_json(s3, model["EvaluationManifest"]).splitlines()]
    result = json.loads(read_json(s3, model["EvaluationResult"]))
    assert len(lines) == result["EvaluationDetails"]["NumberOfTestingImages"]
    for line in lines:
        assert line["source-ref"].startswith(f"s3://{BUCKET}/images/")
        assert line["anomaly-label-metadata"]["class-name"] in ("normal", "anomaly")  # the ground truth
        detected = line["anomaly-label-detected-metadata"]
        assert detected["class-name"] in ("normal", "anomaly")
        assert line["anomaly-label-detected"] == (1 if detected["class-name"] == "anomaly" else 0)
        assert 0.5 <= detected["confidence"] <= 1
        assert (detected["model-arn"], detected["project-name"], detected["model-version"]) == (
            model["ModelArn"],
            "widgets",
            "1",
        )


def test_separate_datasets_train_and_test_with_their_own_images(lv, s3):
    make_project(lv, with_train=False)
    lv.create_dataset(ProjectName="widgets", DatasetType="train")
    add_images(lv, dataset_type="train", normal=10, anomaly=0)
    lv.create_dataset(ProjectName="widgets", DatasetType="test")
    add_images(lv, dataset_type="test", normal=10, anomaly=10, folder="test")
    model = train(lv)
    assert model["Status"] == "TRAINED"
    details = json.loads(read_json(s3, model["EvaluationResult"]))["EvaluationDetails"]
    assert (details["NumberOfTrainingImages"], details["NumberOfTestingImages"]) == (10, 20)


def test_prefix_is_used_as_given(lv, s3):
    """The AWS SDK's k-fold summary reads ``<prefix>EvaluationResult-<project>-<version>.json``."""
    make_project(lv)
    model = train(lv, {"S3Location": {"Bucket": BUCKET, "Prefix": "k_fold_"}})
    assert model["EvaluationResult"]["Key"] == "k_fold_EvaluationResult-widgets-1.json"
    assert read_json(s3, model["EvaluationResult"])
    unprefixed = train(lv, {"S3Location": {"Bucket": BUCKET}})
    assert unprefixed["EvaluationManifest"]["Key"] == "EvaluationManifest-widgets-2.json"


@pytest.mark.parametrize(
    "train_images, test_images, reason",
    [
        ((19, 10), None, "19 images labeled normal"),
        ((20, 9), None, "9 images labeled anomaly"),
        ((9, 0), (10, 10), "training dataset has 9 images labeled normal"),
        ((10, 0), (9, 10), "test dataset has 9 images labeled normal"),
        ((10, 0), (10, 9), "test dataset has 9 images labeled anomaly"),
    ],
)
def test_too_few_images_fail_training(lv, s3, train_images, test_images, reason):
    make_project(lv, with_train=False)
    lv.create_dataset(ProjectName="widgets", DatasetType="train")
    add_images(lv, dataset_type="train", normal=train_images[0], anomaly=train_images[1])
    if test_images:
        lv.create_dataset(ProjectName="widgets", DatasetType="test")
        add_images(lv, dataset_type="test", normal=test_images[0], anomaly=test_images[1], folder="test")
    created = lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT)
    assert created["ModelMetadata"]["Status"] == "TRAINING"  # the call is accepted; training fails
    model = describe(lv)
    assert model["Status"] == "TRAINING_FAILED"
    assert reason in model["StatusMessage"]
    assert "Performance" not in model and "EvaluationResult" not in model
    assert s3.list_objects_v2(Bucket=BUCKET, Prefix="models/").get("KeyCount", 0) == 0


def test_unlabeled_images_do_not_count(lv):
    """An image whose class-name is neither normal nor anomaly is unlabeled, whatever the label
    attribute's value; unlabeled images are ignored in training."""
    make_project(lv, with_train=False)
    lv.create_dataset(ProjectName="widgets", DatasetType="train")
    add_images(lv, normal=20, anomaly=9)
    scratch = json.loads(manifest_line(f"s3://{BUCKET}/images/scratch.png", "anomaly"))
    scratch["anomaly-label-metadata"]["class-name"] = "scratch"  # value 1, class-name not a class
    lv.update_dataset_entries(ProjectName="widgets", DatasetType="train", Changes=json.dumps(scratch).encode())
    stats = lv.describe_dataset(ProjectName="widgets", DatasetType="train")["DatasetDescription"]["ImageStats"]
    assert stats == {"Total": 30, "Labeled": 29, "Normal": 20, "Anomaly": 9}
    assert describe(lv, train(lv)["ModelVersion"])["Status"] == "TRAINING_FAILED"


def test_the_label_value_is_not_used(lv):
    normal = json.loads(manifest_line(f"s3://{BUCKET}/images/odd.png", "normal"))
    normal["anomaly-label"] = 1  # class-name says normal
    make_project(lv, with_train=False)
    lv.create_dataset(ProjectName="widgets", DatasetType="train")
    lv.update_dataset_entries(ProjectName="widgets", DatasetType="train", Changes=json.dumps(normal).encode())
    stats = lv.describe_dataset(ProjectName="widgets", DatasetType="train")["DatasetDescription"]["ImageStats"]
    assert stats == {"Total": 1, "Labeled": 1, "Normal": 1, "Anomaly": 0}
    entries = lv.list_dataset_entries(ProjectName="widgets", DatasetType="train", AnomalyClass="normal")
    assert len(entries["DatasetEntries"]) == 1


def test_output_bucket_must_exist(lv):
    make_project(lv)
    with pytest.raises(lv.exceptions.ValidationException) as raised:
        lv.create_model(ProjectName="widgets", OutputConfig={"S3Location": {"Bucket": "no-such-bucket"}})
    assert "no-such-bucket" in error_of(raised).message
    assert lv.list_models(ProjectName="widgets")["Models"] == []
    # nothing was made: the next model is version 1
    assert lv.create_model(ProjectName="widgets", OutputConfig=OUTPUT)["ModelMetadata"]["ModelVersion"] == "1"


def test_bucket_deleted_while_training_fails_it(moto_ext_mock, lv, s3):
    make_project(lv)
    s3.create_bucket(Bucket="short-lived")
    moto_ext_mock.set_progression("lookoutvision.model", "manual", times=2)
    lv.create_model(ProjectName="widgets", OutputConfig={"S3Location": {"Bucket": "short-lived"}})
    s3.delete_bucket(Bucket="short-lived")
    statuses = [describe(lv)["Status"] for _ in range(2)]
    assert statuses == ["TRAINING", "TRAINING_FAILED"]
    assert "short-lived" in describe(lv)["StatusMessage"]
