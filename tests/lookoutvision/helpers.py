"""Helpers of the Lookout for Vision tests: constants, manifest lines, ready-made resources."""

import json

BUCKET = "lv-data"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"png-payload"
JPEG = b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF" + b"jpeg-payload"
OUTPUT = {"S3Location": {"Bucket": BUCKET, "Prefix": "models/"}}


def manifest_line(ref, label=None, created=None, attribute="anomaly-label"):
    """One Ground Truth manifest line (label: None, "normal" or "anomaly")."""
    line = {"source-ref": ref}
    if label is not None:
        line[attribute] = 1 if label == "anomaly" else 0
        metadata = {"class-name": label, "human-annotated": "yes", "type": "groundtruth/image-classification"}
        if created:
            metadata["creation-date"] = created
        line[f"{attribute}-metadata"] = metadata
    return json.dumps(line)


def image_lines(normal=20, anomaly=10, folder="images"):
    """Labeled manifest lines: by default the fewest a single-dataset project trains with
    (developer guide, "Quotas": 20 normal and 10 anomalous images)."""
    return [manifest_line(f"s3://{BUCKET}/{folder}/normal-{i}.png", "normal") for i in range(normal)] + [
        manifest_line(f"s3://{BUCKET}/{folder}/anomaly-{i}.png", "anomaly") for i in range(anomaly)
    ]


def add_images(lv, project="widgets", dataset_type="train", normal=20, anomaly=10, folder="images"):
    """Add labeled images to a dataset and read it once (immediate progression: UPDATE_COMPLETE)."""
    changes = "\n".join(image_lines(normal, anomaly, folder)).encode()
    lv.update_dataset_entries(ProjectName=project, DatasetType=dataset_type, Changes=changes)
    status = lv.describe_dataset(ProjectName=project, DatasetType=dataset_type)["DatasetDescription"]["Status"]
    assert status == "UPDATE_COMPLETE"


def make_project(lv, name="widgets", with_train=True):
    """A project; with a train dataset of enough labeled images to train a model."""
    lv.create_project(ProjectName=name)
    if with_train:
        lv.create_dataset(ProjectName=name, DatasetType="train")
        add_images(lv, name)
    return name


def make_trained_model(lv, project="widgets", **kwargs):
    """A project with a train dataset and a model read once (immediate progression: TRAINED)."""
    if project not in [p["ProjectName"] for p in lv.list_projects()["Projects"]]:
        make_project(lv, project)
    version = lv.create_model(ProjectName=project, OutputConfig=OUTPUT, **kwargs)["ModelMetadata"]["ModelVersion"]
    assert lv.describe_model(ProjectName=project, ModelVersion=version)["ModelDescription"]["Status"] == "TRAINED"
    return version


def make_hosted_model(lv, project="widgets"):
    version = make_trained_model(lv, project)
    lv.start_model(ProjectName=project, ModelVersion=version, MinInferenceUnits=1)
    assert lv.describe_model(ProjectName=project, ModelVersion=version)["ModelDescription"]["Status"] == "HOSTED"
    return version
