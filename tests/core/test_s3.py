"""core.s3: moto's S3 as the services read and write it, and S3LocationError naming what is missing."""

import boto3
import pytest
from moto import mock_aws
from moto.core import DEFAULT_ACCOUNT_ID as ACCOUNT

import moto_ext  # noqa: F401  (registers the services)
from moto_ext.core import s3
from moto_ext.core.s3 import S3LocationError

PARTITION = "aws"
BUCKET = "coretest-bucket"


@pytest.fixture
def client():
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        yield client


# --- split_uri ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "uri, expected",
    [
        ("s3://bucket/key.jpg", ("bucket", "key.jpg")),
        ("s3://bucket/a/b/c/", ("bucket", "a/b/c/")),
        ("s3://bucket/", ("bucket", "")),
        ("s3://bucket", ("bucket", "")),
        ("s3://bucket//double", ("bucket", "/double")),
    ],
)
def test_split_uri(uri, expected):
    assert s3.split_uri(uri) == expected


@pytest.mark.parametrize(
    "uri", ["", None, "bucket/key", "https://bucket.s3.amazonaws.com/key", "s3:///key", "S3://bucket/key"]
)
def test_split_uri_rejects_what_is_not_an_s3_location(uri):
    with pytest.raises(S3LocationError, match="is not an S3 location"):
        s3.split_uri(uri)


def test_the_error_is_a_lookup_error():
    assert issubclass(S3LocationError, LookupError)


# --- buckets -----------------------------------------------------------------------------------------
def test_bucket_and_bucket_exists(client):
    assert s3.bucket(ACCOUNT, PARTITION, BUCKET).name == BUCKET
    assert s3.bucket_exists(ACCOUNT, PARTITION, BUCKET) is True
    assert s3.bucket_exists(ACCOUNT, PARTITION, "coretest-missing") is False
    with pytest.raises(S3LocationError, match="^The bucket coretest-missing does not exist.$"):
        s3.bucket(ACCOUNT, PARTITION, "coretest-missing")


def test_backend_is_mocks_s3_backend(client):
    from moto.s3.models import s3_backends

    assert s3.backend(ACCOUNT) is s3_backends[ACCOUNT][PARTITION]


# --- read and write ----------------------------------------------------------------------------------
def test_read_what_a_client_put(client):
    client.put_object(Bucket=BUCKET, Key="images/a.jpg", Body=b"\x00\x01jpeg")
    assert s3.read(ACCOUNT, PARTITION, BUCKET, "images/a.jpg") == b"\x00\x01jpeg"


def test_a_client_reads_what_write_put(client):
    s3.write(ACCOUNT, PARTITION, BUCKET, "out/summary.json", '{"ok": "é"}')
    body = client.get_object(Bucket=BUCKET, Key="out/summary.json")["Body"].read()
    assert body == '{"ok": "é"}'.encode()
    s3.write(ACCOUNT, PARTITION, BUCKET, "out/raw.bin", b"\xff\xfe")
    assert s3.read(ACCOUNT, PARTITION, BUCKET, "out/raw.bin") == b"\xff\xfe"


def test_write_replaces_an_object(client):
    s3.write(ACCOUNT, PARTITION, BUCKET, "k", "one")
    s3.write(ACCOUNT, PARTITION, BUCKET, "k", "two")
    assert s3.read(ACCOUNT, PARTITION, BUCKET, "k") == b"two"


def test_write_to_a_missing_bucket_raises(client):
    with pytest.raises(S3LocationError, match="coretest-missing"):
        s3.write(ACCOUNT, PARTITION, "coretest-missing", "k", "x")
    assert not s3.bucket_exists(ACCOUNT, PARTITION, "coretest-missing")  # not created on the way


def test_read_of_a_missing_bucket_names_the_bucket(client):
    with pytest.raises(S3LocationError, match="^The bucket coretest-missing does not exist.$"):
        s3.read(ACCOUNT, PARTITION, "coretest-missing", "k")


def test_read_of_a_missing_key_names_the_location(client):
    with pytest.raises(S3LocationError, match=f"^The object s3://{BUCKET}/no/such.jpg does not exist.$"):
        s3.read(ACCOUNT, PARTITION, BUCKET, "no/such.jpg")


def _put_version(key, body):
    return s3.backend(ACCOUNT).put_object(BUCKET, key, body).version_id


def test_read_of_a_version(client):
    client.put_bucket_versioning(Bucket=BUCKET, VersioningConfiguration={"Status": "Enabled"})
    first = _put_version("m.json", b"v1")
    second = _put_version("m.json", b"v2")
    assert s3.read(ACCOUNT, PARTITION, BUCKET, "m.json", first) == b"v1"
    assert s3.read(ACCOUNT, PARTITION, BUCKET, "m.json", second) == b"v2"
    assert s3.read(ACCOUNT, PARTITION, BUCKET, "m.json") == b"v2"


def test_read_of_a_missing_version_names_it(client):
    client.put_bucket_versioning(Bucket=BUCKET, VersioningConfiguration={"Status": "Enabled"})
    _put_version("m.json", b"v1")
    with pytest.raises(
        S3LocationError, match=rf"^The object s3://{BUCKET}/m.json \(version nosuchversion\) does not exist.$"
    ):
        s3.read(ACCOUNT, PARTITION, BUCKET, "m.json", "nosuchversion")


def test_read_of_a_deleted_key_in_a_versioned_bucket_raises(client):
    client.put_bucket_versioning(Bucket=BUCKET, VersioningConfiguration={"Status": "Enabled"})
    version = _put_version("gone.json", b"v1")
    client.delete_object(Bucket=BUCKET, Key="gone.json")  # leaves a delete marker
    with pytest.raises(S3LocationError, match="does not exist"):
        s3.read(ACCOUNT, PARTITION, BUCKET, "gone.json")
    assert s3.read(ACCOUNT, PARTITION, BUCKET, "gone.json", version) == b"v1"


# --- objects and delete_prefix -----------------------------------------------------------------------
def _put(client, *keys):
    for key in keys:
        s3.backend(ACCOUNT).put_object(BUCKET, key, key.encode())


def test_objects_under_a_prefix_sorted_by_key(client):
    _put(client, "run/b.json", "run/a.json", "other/c.json", "run2/d.json")
    found = s3.objects(ACCOUNT, PARTITION, BUCKET, "run/")
    assert list(found) == ["run/a.json", "run/b.json"]
    assert bytes(found["run/a.json"].value) == b"run/a.json"
    assert list(s3.objects(ACCOUNT, PARTITION, BUCKET)) == ["other/c.json", "run/a.json", "run/b.json", "run2/d.json"]
    assert list(s3.objects(ACCOUNT, PARTITION, BUCKET, "run")) == ["run/a.json", "run/b.json", "run2/d.json"]


def test_objects_of_an_empty_prefix_and_a_missing_bucket(client):
    assert s3.objects(ACCOUNT, PARTITION, BUCKET, "nothing/") == {}
    with pytest.raises(S3LocationError):
        s3.objects(ACCOUNT, PARTITION, "coretest-missing")


def test_objects_leave_out_deleted_keys_of_a_versioned_bucket(client):
    client.put_bucket_versioning(Bucket=BUCKET, VersioningConfiguration={"Status": "Enabled"})
    _put(client, "v/a", "v/b")
    client.delete_object(Bucket=BUCKET, Key="v/a")
    assert list(s3.objects(ACCOUNT, PARTITION, BUCKET, "v/")) == ["v/b"]


def test_delete_prefix_deletes_only_under_the_prefix_and_counts(client):
    _put(client, "out/1", "out/2", "out/deep/3", "outside", "keep/out/4")
    assert s3.delete_prefix(ACCOUNT, PARTITION, BUCKET, "out/") == 3
    remaining = [entry["Key"] for entry in client.list_objects_v2(Bucket=BUCKET)["Contents"]]
    assert remaining == ["keep/out/4", "outside"]
    assert s3.delete_prefix(ACCOUNT, PARTITION, BUCKET, "out/") == 0


def test_delete_prefix_of_a_missing_bucket_is_zero(client):
    assert s3.delete_prefix(ACCOUNT, PARTITION, "coretest-missing", "x/") == 0


@pytest.mark.parametrize("key", ["line\nbreak", "trailing\n"])
def test_split_uri_keeps_a_key_with_a_newline(key):
    assert s3.split_uri(f"s3://bucket/{key}") == ("bucket", key)
