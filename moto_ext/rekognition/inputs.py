"""What Custom Labels reads from the caller's S3: manifests and images, in the backend's own region."""

from __future__ import annotations

from typing import Any

from moto.core.base_backend import BaseBackend

from moto_ext.core import groundtruth, s3

from .exceptions import InvalidParameterException, InvalidS3ObjectException
from .manifests import Entry, parse_manifest

S3_OBJECT_UNREADABLE = "Unable to get object metadata from S3. Check object key, region and/or access permissions."


def read_s3_object(backend: BaseBackend, s3_object: dict[str, Any]) -> bytes:
    """An object of moto's S3 (an S3Object member) for the backend's account, or InvalidS3ObjectException."""
    bucket_name, key, version = s3_object.get("Bucket"), s3_object.get("Name"), s3_object.get("Version")
    if not bucket_name or not key:
        raise InvalidParameterException("An S3Object needs a Bucket and a Name.")
    try:
        bucket = s3.bucket(backend.account_id, backend.partition, bucket_name)
        # Rekognition reads buckets of its own region only
        if getattr(bucket, "region_name", backend.region_name) != backend.region_name:
            raise InvalidS3ObjectException(S3_OBJECT_UNREADABLE)
        return s3.read(backend.account_id, backend.partition, bucket_name, key, version)
    except s3.S3LocationError:
        raise InvalidS3ObjectException(S3_OBJECT_UNREADABLE) from None


def read_manifests(backend: BaseBackend, assets: list[dict[str, Any]]) -> tuple[list[Entry], str | None]:
    """Entries of the GroundTruth manifests of TrainingData/TestingData, or why training will fail."""
    entries: list[Entry] = []
    for asset in assets:
        s3_object = (asset.get("GroundTruthManifest") or {}).get("S3Object")
        if not s3_object:
            raise InvalidParameterException("Each asset needs a GroundTruthManifest with an S3Object.")
        location = f"s3://{s3_object.get('Bucket')}/{s3_object.get('Name')}"
        try:
            entries += parse_manifest(read_s3_object(backend, s3_object))
        except InvalidS3ObjectException:
            return [], f"The manifest file {location} could not be read."
        except groundtruth.ManifestError as error:
            return [], f"The manifest file {location} is not valid: {error}"
    return entries, None


def image_format_ok(data: bytes) -> bool:
    # Custom Labels accepts JPEG and PNG images
    return data.startswith(b"\xff\xd8\xff") or data.startswith(b"\x89PNG\r\n\x1a\n")
