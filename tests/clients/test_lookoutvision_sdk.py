"""AWS's Python SDK for Lookout for Vision (PyPI ``lookoutvision``) driving the mock end to end:
manifests from images in S3, datasets, training, hosting, predicting from local files, metrics,
k-fold cross-validation (which reads the evaluation files training writes), stopping, deleting.

The SDK paces its polling with ``time.sleep`` (5 to 60 seconds a poll); the tests let those
sleeps return at once. Nothing else of the SDK is changed.
"""

import io
from types import SimpleNamespace

import boto3
import matplotlib

matplotlib.use("Agg")  # the SDK imports pyplot; its plots must not open windows

import lookoutvision.lookoutvision as lookoutvision_sdk  # noqa: E402
import pytest  # noqa: E402
from lookoutvision.lookoutvision import LookoutForVision  # noqa: E402
from lookoutvision.manifest import Manifest  # noqa: E402
from lookoutvision.metrics import Metrics  # noqa: E402
from PIL import Image  # noqa: E402  (a dependency of the SDK)

IMAGES = "lv-sdk-images"
OUTPUT = "lv-sdk-output"


def image_bytes(seed, image_format="PNG"):
    """A distinct 64x64 image (the smallest the service takes)."""
    image = Image.new("RGB", (64, 64), ((seed * 37) % 256, (seed * 91) % 256, (seed * 53) % 256))
    image.putpixel((seed % 64, (seed // 64) % 64), (255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format=image_format)
    return buffer.getvalue()


def upload_images(s3, prefix, counts):
    """``counts``: {"training": (normal, anomaly), "validation": (...)} under ``prefix``, laid out
    as the SDK's Manifest helper reads them (<prefix><dataset>/<normal|anomaly>/<file>)."""
    seed = 0
    for dataset, (normal, anomaly) in counts.items():
        for folder, count in (("normal", normal), ("anomaly", anomaly)):
            for index in range(count):
                seed += 1
                key = f"{prefix}{dataset}/{folder}/{folder}-{index}.png"
                s3.put_object(Bucket=IMAGES, Key=key, Body=image_bytes(seed))


@pytest.fixture
def s3(moto_ext_mock, monkeypatch):
    # the SDK module's own ``time`` (it calls only time.sleep): the process's clock is untouched
    monkeypatch.setattr(lookoutvision_sdk, "time", SimpleNamespace(sleep=lambda seconds: None))
    client = boto3.client("s3")
    client.create_bucket(Bucket=IMAGES)
    client.create_bucket(Bucket=OUTPUT)
    return client


def test_train_host_predict_stop_delete(s3, tmp_path):
    # separate datasets with the documented minimums: 10 normal training images, 10 + 10 test images
    upload_images(s3, "widgets/", {"training": (12, 3), "validation": (10, 10)})
    manifests = Manifest(bucket=IMAGES, s3_path="widgets/", datasets=["training", "validation"]).push_manifests()
    assert set(manifests) == {"training", "validation"}

    l4v = LookoutForVision(project_name="sdk-widgets")
    assert l4v.create_project().endswith(":project/sdk-widgets")
    datasets = l4v.create_datasets(manifests, wait=True)
    assert {name: d["Status"] for name, d in datasets.items()} == {
        "training": "CREATE_COMPLETE",
        "validation": "CREATE_COMPLETE",
    }
    # update_datasets deletes both datasets, then creates them again at once
    datasets = l4v.update_datasets(manifests, wait=True)
    assert {name: d["Status"] for name, d in datasets.items()} == {
        "training": "CREATE_COMPLETE",
        "validation": "CREATE_COMPLETE",
    }

    fitted = l4v.fit(output_bucket=OUTPUT, model_prefix="widgets-model/", wait=True)
    assert fitted["status"] == "Success!"
    assert fitted["train_datasets"]["ImageStats"] == {"Total": 15, "Labeled": 15, "Normal": 12, "Anomaly": 3}
    assert fitted["test_datasets"]["ImageStats"]["Labeled"] == 20

    metrics = Metrics("sdk-widgets").describe_model("1")
    assert set(metrics.index) == {"F1Score", "Precision", "Recall"}
    assert ((metrics["Performance"] > 0) & (metrics["Performance"] <= 1)).all()
    Metrics("sdk-widgets").compare_models()  # a seaborn bar plot (the Agg backend shows nothing)

    deployed = l4v.deploy(min_inf_units=1, wait=True)
    assert deployed["status"] == "HOSTED"
    assert deployed["model"]["MinInferenceUnits"] == 1

    # predict from local files: the SDK reads each into a bytearray body
    png_file = tmp_path / "part.png"
    png_file.write_bytes(image_bytes(500))
    jpeg_file = tmp_path / "part.jpg"
    jpeg_file.write_bytes(image_bytes(501, "JPEG"))
    from_png = l4v.predict(local_file=str(png_file), content_type="image/png")
    from_jpeg = l4v.predict(local_file=str(jpeg_file))  # the SDK's default content type: image/jpeg
    for result in (from_png, from_jpeg):
        assert result["Source"] == {"Type": "direct"}
        assert isinstance(result["IsAnomalous"], bool)
        assert 0 <= result["Confidence"] <= 1
    assert l4v.predict(local_file=str(png_file), content_type="image/png") == from_png
    # and from an object in S3
    from_s3 = l4v.predict(bucket=IMAGES, key="widgets/validation/normal/normal-0.png", content_type="image/png")
    assert from_s3["Source"] == {"Type": "direct"}
    # a folder of local files
    folder = tmp_path / "batch"
    folder.mkdir()
    for seed in range(3):
        (folder / f"{seed}.png").write_bytes(image_bytes(600 + seed))
    batch = l4v.batch_predict(local_path=str(folder), content_type="image/png")
    assert batch["status"] == "Success!" and len(batch["predicted_result"]) == 3

    stopped = l4v.stop_model(wait=True)
    assert stopped["Status"] == "STOPPING_HOSTING" and "Error" not in stopped
    lv = boto3.client("lookoutvision")
    assert lv.describe_model(ProjectName="sdk-widgets", ModelVersion="1")["ModelDescription"]["Status"] == "TRAINED"

    assert l4v.delete_lookoutvision_project("sdk-widgets") == {"Success": True}
    assert lv.list_projects()["Projects"] == []


@pytest.mark.parametrize("parallel", [False, True], ids=["in-sequence", "parallel"])
def test_k_fold_training_summarizes_the_evaluation_files(s3, parallel):
    for split in range(2):
        upload_images(s3, f"folds/kfold_{split}/", {"training": (10, 2), "validation": (10, 10)})
    l4v = LookoutForVision(project_name="kfold")
    summary = l4v.train_k_fold(
        input_bucket=IMAGES, output_bucket=OUTPUT, s3_path="folds", n_splits=2, parallel_training=parallel
    )
    assert list(summary["model_name"]) == ["kfold_0", "kfold_1"]
    for column in ("ROCAUC", "AveragePrecision", "Precision", "Recall", "F1Score"):
        assert ((summary[column] > 0) & (summary[column] <= 1)).all(), column
    assert list(summary["model_version"]) == [1, 1]  # the evaluation result's Version
    assert list(summary["NumberOfTrainImages"]) == [12, 12]
    assert list(summary["NumberOfTestImages"]) == [20, 20]
    # the fold projects were deleted after training
    assert boto3.client("lookoutvision").list_projects()["Projects"] == []
