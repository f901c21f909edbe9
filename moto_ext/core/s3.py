"""moto's S3, as the services read and write it: the objects a client put, the files a service writes.

Errors are this module's own (``S3LocationError``, a ``LookupError``) and name what is missing;
each service turns them into its modeled error, with its own message.
"""

from __future__ import annotations

import re
from typing import Any

S3_URI = re.compile(r"s3://(?P<bucket>[^/]+)/?(?P<key>.*)", re.DOTALL)


class S3LocationError(LookupError):
    """A bucket, object or version that is not there (or an S3 URI that is not one)."""


def backend(account_id: str, partition: str = "aws") -> Any:
    from moto.s3.models import s3_backends

    return s3_backends[account_id][partition]


def split_uri(uri: str) -> tuple[str, str]:
    """(bucket, key) of ``s3://bucket/key``."""
    match = S3_URI.fullmatch(uri or "")
    if match is None:
        raise S3LocationError(f"{uri} is not an S3 location (s3://bucket/key).")
    return match.group("bucket"), match.group("key")


def bucket(account_id: str, partition: str, name: str) -> Any:
    """moto's bucket ``name``; S3LocationError if there is none."""
    from moto.s3.exceptions import AccessDeniedByLock, MissingBucket

    try:
        return backend(account_id, partition).get_bucket(name)
    except MissingBucket:
        raise S3LocationError(f"The bucket {name} does not exist.") from None
    except AccessDeniedByLock:  # another account's bucket, with moto's cross-account access off
        raise S3LocationError(f"The bucket {name} is not accessible.") from None


def bucket_exists(account_id: str, partition: str, name: str) -> bool:
    try:
        bucket(account_id, partition, name)
    except S3LocationError:
        return False
    return True


def read(account_id: str, partition: str, bucket_name: str, key: str, version_id: str | None = None) -> bytes:
    """The bytes of an object; S3LocationError if the bucket, object or version is missing."""
    found_bucket = bucket(account_id, partition, bucket_name)
    try:
        found = backend(account_id, partition).get_object(bucket_name, key, version_id=version_id)
    except Exception:  # moto raises for versions it cannot find or cross-account access
        found = None
    if found is None:
        where = f"s3://{found_bucket.name}/{key}" + (f" (version {version_id})" if version_id else "")
        raise S3LocationError(f"The object {where} does not exist.")
    return bytes(found.value)


def objects(account_id: str, partition: str, bucket_name: str, prefix: str = "") -> dict[str, Any]:
    """The current objects of a bucket under ``prefix`` (moto's ``FakeKey``s), by key, sorted."""
    from moto.s3.models import FakeKey

    keys = bucket(account_id, partition, bucket_name).keys
    return {
        name: keys[name] for name in sorted(keys.keys()) if name.startswith(prefix) and isinstance(keys[name], FakeKey)
    }


def write(account_id: str, partition: str, bucket_name: str, key: str, body: bytes | str) -> None:
    """Put an object as the service would (S3LocationError if the bucket is missing)."""
    bucket(account_id, partition, bucket_name)
    data = body.encode("utf-8") if isinstance(body, str) else body
    backend(account_id, partition).put_object(bucket_name, key, data)


def delete(account_id: str, partition: str, bucket_name: str, key: str) -> bool:
    """Delete one object; whether it was there (False when the bucket is missing too)."""
    try:
        found = key in objects(account_id, partition, bucket_name, key)
    except S3LocationError:
        return False
    if found:
        backend(account_id, partition).delete_object(bucket_name, key)
    return found


def delete_prefix(account_id: str, partition: str, bucket_name: str, prefix: str) -> int:
    """Delete every object under ``prefix``; how many there were (0 when the bucket is missing)."""
    try:
        found = objects(account_id, partition, bucket_name, prefix)
    except S3LocationError:
        return 0
    s3 = backend(account_id, partition)
    for key in found:
        s3.delete_object(bucket_name, key)
    return len(found)
