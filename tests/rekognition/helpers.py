"""Shared bits of the Rekognition Custom Labels tests: manifests, images, a trained model."""

import json

BUCKET = "rek-data"
ACCOUNT = "123456789012"
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
FAST = {"Delay": 0, "MaxAttempts": 5}


def classification_line(ref, label):
    return json.dumps(
        {
            "source-ref": ref,
            "animal": 1,
            "animal-metadata": {
                "class-name": label,
                "confidence": 1,
                "type": "groundtruth/image-classification",
                "human-annotated": "yes",
            },
        }
    )


def detection_line(ref, labels):
    """One box per label."""
    names = sorted(set(labels))
    class_map = {str(i): name for i, name in enumerate(names)}
    annotations = [
        {"class_id": names.index(label), "top": 10, "left": 10, "width": 50, "height": 40} for label in labels
    ]
    return json.dumps(
        {
            "source-ref": ref,
            "boxes": {"image_size": [{"width": 640, "height": 480, "depth": 3}], "annotations": annotations},
            "boxes-metadata": {
                "class-map": class_map,
                "objects": [{"confidence": 1}] * len(labels),
                "type": "groundtruth/object-detection",
            },
        }
    )


def unlabeled_line(ref):
    return json.dumps({"source-ref": ref})


def put_manifest(s3, key, lines):
    s3.put_object(Bucket=BUCKET, Key=key, Body="\n".join(lines).encode())
    return {"GroundTruthManifest": {"S3Object": {"Bucket": BUCKET, "Name": key}}}


def animals(count=10, prefix="img"):
    return [classification_line(f"s3://{BUCKET}/{prefix}{i}.jpg", "cat" if i % 2 else "dog") for i in range(count)]


def make_datasets(rek, s3, project_arn, train_lines=None, test_lines=None):
    """A train and a test dataset from manifests, read until they are complete."""
    train = rek.create_dataset(
        ProjectArn=project_arn,
        DatasetType="TRAIN",
        DatasetSource=put_manifest(s3, "train.manifest", train_lines or animals(10)),
    )["DatasetArn"]
    test = rek.create_dataset(
        ProjectArn=project_arn,
        DatasetType="TEST",
        DatasetSource=put_manifest(s3, "test.manifest", test_lines or animals(4, "t")),
    )["DatasetArn"]
    for arn in (train, test):
        assert rek.describe_dataset(DatasetArn=arn)["DatasetDescription"]["Status"] == "CREATE_COMPLETE"
    return train, test


def make_version(rek, s3, project="proj", version="v1", train_lines=None):
    """A project with datasets and a version whose training has completed: (project ARN, version ARN)."""
    existing = rek.describe_projects(ProjectNames=[project])["ProjectDescriptions"]
    if existing:
        project_arn = existing[0]["ProjectArn"]
    else:
        project_arn = rek.create_project(ProjectName=project)["ProjectArn"]
        make_datasets(rek, s3, project_arn, train_lines)
    version_arn = rek.create_project_version(
        ProjectArn=project_arn, VersionName=version, OutputConfig={"S3Bucket": BUCKET, "S3KeyPrefix": "output/"}
    )["ProjectVersionArn"]
    rek.get_waiter("project_version_training_completed").wait(
        ProjectArn=project_arn, VersionNames=[version], WaiterConfig=FAST
    )
    return project_arn, version_arn


def make_running(rek, s3, project="proj", version="v1", train_lines=None):
    project_arn, version_arn = make_version(rek, s3, project, version, train_lines)
    rek.start_project_version(ProjectVersionArn=version_arn, MinInferenceUnits=1)
    rek.get_waiter("project_version_running").wait(ProjectArn=project_arn, VersionNames=[version], WaiterConfig=FAST)
    return project_arn, version_arn


def version_status(rek, project_arn, name):
    found = rek.describe_project_versions(ProjectArn=project_arn, VersionNames=[name])["ProjectVersionDescriptions"]
    return found[0]["Status"] if found else None
