"""The bulk loader reads its source from moto's S3; GetEngineStatus answers as a healthy writer."""

import gzip

import pytest

from tests.support import assert_matches_output_shape, error_of

from .helpers import BUCKET, ROLE

VERTICES = b"~id,~label,name:String\nv1,person,ada\nv2,person,grace\nv3,person,linus\n\n"
EDGES = b"~id,~from,~to,~label\ne1,v1,v2,knows\ne2,v2,v3,knows\n"


def start(neptune, source, load_format="csv", **extra):
    response = neptune.start_loader_job(
        source=source, format=load_format, s3BucketRegion="us-east-1", iamRoleArn=ROLE, **extra
    )
    assert_matches_output_shape(neptune, "StartLoaderJob", response)
    assert response["status"] == "200 OK"
    return response["payload"]["loadId"]


def status(neptune, load_id, **flags):
    response = neptune.get_loader_job_status(loadId=load_id, **flags)
    assert_matches_output_shape(neptune, "GetLoaderJobStatus", response)
    return response["payload"]


def test_a_load_reads_every_object_under_its_source(neptune, s3):
    s3.put_object(Bucket=BUCKET, Key="graph/vertices.csv", Body=VERTICES)
    s3.put_object(Bucket=BUCKET, Key="graph/edges.csv.gz", Body=gzip.compress(EDGES))
    s3.put_object(Bucket=BUCKET, Key="graph/", Body=b"")  # a folder marker is no feed
    s3.put_object(Bucket=BUCKET, Key="other/ignored.csv", Body=VERTICES)

    load_id = start(neptune, f"s3://{BUCKET}/graph")

    payload = status(neptune, load_id, details=True, errors=True)
    overall = payload["overallStatus"]
    assert overall["status"] == "LOAD_COMPLETED"
    assert overall["fullUri"] == f"s3://{BUCKET}/graph"
    assert overall["totalRecords"] == 5
    assert overall["parsingErrors"] == 0
    assert payload["feedCount"] == [{"LOAD_COMPLETED": 2}]
    assert payload["failedFeeds"] == []
    assert payload["errors"]["errorLogs"] == []


def test_a_load_in_progress_reports_no_records_yet(moto_ext_mock, neptune, s3):
    moto_ext_mock.set_progression("neptunedata.loader_job", "manual", times=2)
    s3.put_object(Bucket=BUCKET, Key="graph/vertices.csv", Body=VERTICES)
    load_id = start(neptune, f"s3://{BUCKET}/graph/vertices.csv")
    first = status(neptune, load_id)
    assert first["overallStatus"]["status"] == "LOAD_IN_PROGRESS"
    assert first["overallStatus"]["totalRecords"] == 0
    assert first["feedCount"] == [{"LOAD_IN_PROGRESS": 1}]
    assert status(neptune, load_id)["overallStatus"]["totalRecords"] == 3


def test_parsing_errors_fail_the_load_and_are_listed_by_page(neptune, s3):
    s3.put_object(Bucket=BUCKET, Key="graph/vertices.csv", Body=VERTICES)
    s3.put_object(Bucket=BUCKET, Key="graph/edges.csv", Body=b"~id,~from,~to,~label\ne1,v1\ne2,v2\ne3,v3,v1,knows\n")
    load_id = start(neptune, f"s3://{BUCKET}/graph/")

    payload = status(neptune, load_id, details=True, errors=True, page=1, errorsPerPage=1)
    assert payload["overallStatus"]["status"] == "LOAD_FAILED"
    assert payload["overallStatus"]["parsingErrors"] == 2
    assert sorted(payload["feedCount"], key=str) == sorted([{"LOAD_COMPLETED": 1}, {"LOAD_FAILED": 1}], key=str)
    assert [feed["fullUri"] for feed in payload["failedFeeds"]] == [f"s3://{BUCKET}/graph/edges.csv"]
    assert payload["errors"]["startIndex"] == 1 and payload["errors"]["endIndex"] == 1
    assert payload["errors"]["errorLogs"] == [
        {
            "errorCode": "PARSING_ERROR",
            "errorMessage": "Expected 4 fields, found 2.",
            "fileName": f"s3://{BUCKET}/graph/edges.csv",
            "recordNum": 1,
        }
    ]
    second = status(neptune, load_id, errors=True, page=2, errorsPerPage=1)["errors"]
    assert [log["recordNum"] for log in second["errorLogs"]] == [2]
    beyond = status(neptune, load_id, errors=True, page=3, errorsPerPage=1)["errors"]
    assert (beyond["startIndex"], beyond["endIndex"], beyond["errorLogs"]) == (0, 0, [])


def test_fail_on_error_false_completes_with_the_errors_counted(neptune, s3):
    s3.put_object(Bucket=BUCKET, Key="bad.csv", Body=b"name\nno-id-column\n")
    load_id = start(neptune, f"s3://{BUCKET}/bad.csv", failOnError=False)
    overall = status(neptune, load_id)["overallStatus"]
    assert overall["status"] == "LOAD_COMPLETED"
    assert overall["parsingErrors"] == 1


@pytest.mark.parametrize(
    "load_format, body, records",
    [
        ("opencypher", b"movieId:ID(Movie),title\nm1,Alien\nm2,Heat\n", 2),
        ("opencypher", b":START_ID,:END_ID,:TYPE\nm1,m2,SEQUEL\n", 1),
        ("ntriples", b'# comment\n<http://a> <http://p> <http://b> .\n<http://b> <http://p> "x" .\n', 2),
        ("nquads", b"<http://a> <http://p> <http://b> <http://g> .\n", 1),
        ("turtle", b'@prefix ex: <http://ex/> .\nex:a ex:p ex:b ; ex:q "x.y" , "z" .\nex:b ex:p ex:c .\n', 4),
        (
            "rdfxml",
            b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://ex/">'
            b'<ex:Person rdf:about="http://ex/a"><ex:name>Ada</ex:name></ex:Person>'
            b'<rdf:Description rdf:about="http://ex/b"><ex:knows rdf:resource="http://ex/a"/></rdf:Description>'
            b"</rdf:RDF>",
            3,
        ),
    ],
)
def test_records_are_counted_per_format(neptune, s3, load_format, body, records):
    s3.put_object(Bucket=BUCKET, Key="data/file", Body=body)
    overall = status(neptune, start(neptune, f"s3://{BUCKET}/data/file", load_format))["overallStatus"]
    assert (overall["status"], overall["totalRecords"]) == ("LOAD_COMPLETED", records)


def test_a_source_without_objects_settles_in_load_failed(neptune, s3):
    load_id = start(neptune, f"s3://{BUCKET}/nothing-here/")
    payload = status(neptune, load_id, errors=True)
    assert payload["overallStatus"]["status"] == "LOAD_FAILED"
    assert payload["errors"]["errorLogs"][0]["errorCode"] == "FILE_NOT_FOUND"


def test_a_missing_bucket_or_wrong_region_is_an_s3_exception(neptune, s3):
    with pytest.raises(neptune.exceptions.S3Exception) as excinfo:
        start(neptune, "s3://no-such-bucket/graph")
    failure = error_of(excinfo)
    assert (failure.code, failure.status) == ("S3Exception", 400)
    with pytest.raises(neptune.exceptions.S3Exception):
        neptune.start_loader_job(
            source=f"s3://{BUCKET}/graph", format="csv", s3BucketRegion="eu-west-1", iamRoleArn=ROLE
        )
    assert neptune.list_loader_jobs()["payload"]["loadIds"] == []


def test_chained_roles_are_accepted(neptune, s3):
    s3.put_object(Bucket=BUCKET, Key="graph/vertices.csv", Body=VERTICES)
    chained = f"{ROLE},arn:aws:iam::210987654321:role/CrossAccountS3"
    load_id = neptune.start_loader_job(
        source=f"s3://{BUCKET}/graph", format="csv", s3BucketRegion="us-east-1", iamRoleArn=chained
    )["payload"]["loadId"]
    assert status(neptune, load_id)["overallStatus"]["status"] == "LOAD_COMPLETED"


def test_start_validation(neptune, s3):
    with pytest.raises(neptune.exceptions.InvalidParameterException) as excinfo:
        start(neptune, f"s3://{BUCKET}/graph", load_format="graphml")  # not in the model's enum
    assert "graphml" in error_of(excinfo).response.get("detailedMessage")
    with pytest.raises(neptune.exceptions.InvalidParameterException):
        neptune.start_loader_job(source=f"s3://{BUCKET}/g", format="csv", s3BucketRegion="us-east-1", iamRoleArn="role")
    with pytest.raises(neptune.exceptions.BadRequestException):
        start(neptune, "https://example.com/graph.csv")
    assert neptune.list_loader_jobs()["payload"]["loadIds"] == []


def test_one_load_at_a_time_and_the_queue(neptune, s3):
    s3.put_object(Bucket=BUCKET, Key="graph/vertices.csv", Body=VERTICES)
    first = start(neptune, f"s3://{BUCKET}/graph")
    with pytest.raises(neptune.exceptions.BadRequestException) as excinfo:
        start(neptune, f"s3://{BUCKET}/graph")
    assert "Max concurrent load limit breached" in error_of(excinfo).response.get("detailedMessage")

    second = start(neptune, f"s3://{BUCKET}/graph", queueRequest=True)
    assert status(neptune, second)["overallStatus"]["status"] == "LOAD_IN_QUEUE"
    assert neptune.list_loader_jobs(includeQueuedLoads=False)["payload"]["loadIds"] == [first]
    assert neptune.list_loader_jobs()["payload"]["loadIds"] == [second, first]

    assert status(neptune, first)["overallStatus"]["status"] == "LOAD_COMPLETED"
    assert status(neptune, second)["overallStatus"]["status"] == "LOAD_IN_PROGRESS"
    assert status(neptune, second)["overallStatus"]["status"] == "LOAD_COMPLETED"


def test_the_queue_length_is_a_quota(moto_ext_mock, neptune, s3):
    moto_ext_mock.backend("neptunedata", region="us-east-1").quotas.queued_loads = 1
    s3.put_object(Bucket=BUCKET, Key="graph/vertices.csv", Body=VERTICES)
    running = start(neptune, f"s3://{BUCKET}/graph")
    queued = start(neptune, f"s3://{BUCKET}/graph", queueRequest=True)
    with pytest.raises(neptune.exceptions.BadRequestException) as excinfo:
        start(neptune, f"s3://{BUCKET}/graph", queueRequest=True)
    assert "the queue already holds 1 requests" in error_of(excinfo).response.get("detailedMessage")
    assert neptune.list_loader_jobs()["payload"]["loadIds"] == [queued, running]


def test_dependencies(moto_ext_mock, neptune, s3):
    s3.put_object(Bucket=BUCKET, Key="graph/vertices.csv", Body=VERTICES)
    with pytest.raises(neptune.exceptions.BulkLoadIdNotFoundException) as excinfo:
        start(neptune, f"s3://{BUCKET}/graph", queueRequest=True, dependencies=["unknown-load"])
    failure = error_of(excinfo)
    assert (failure.code, failure.status) == ("BulkLoadIdNotFoundException", 404)

    moto_ext_mock.set_outcome("neptunedata.loader_job", "LOAD_FAILED")
    failing = start(neptune, f"s3://{BUCKET}/graph")
    dependent = start(neptune, f"s3://{BUCKET}/graph", queueRequest=True, dependencies=[failing])
    assert status(neptune, failing)["overallStatus"]["status"] == "LOAD_FAILED"
    assert status(neptune, dependent)["overallStatus"]["status"] == "LOAD_FAILED_BECAUSE_DEPENDENCY_NOT_SATISFIED"


def test_cancel(moto_ext_mock, neptune, s3):
    s3.put_object(Bucket=BUCKET, Key="graph/vertices.csv", Body=VERTICES)
    running = start(neptune, f"s3://{BUCKET}/graph")
    cancelled = neptune.cancel_loader_job(loadId=running)
    assert_matches_output_shape(neptune, "CancelLoaderJob", cancelled)
    assert cancelled["status"] == "200 OK"
    assert status(neptune, running)["overallStatus"]["status"] == "LOAD_CANCELLED_BY_USER"

    # a finished load: "does not exist or not active (HTTP 404)" (the loader's Cancel Job reference)
    with pytest.raises(neptune.exceptions.BulkLoadIdNotFoundException) as excinfo:
        neptune.cancel_loader_job(loadId=running)
    failure = error_of(excinfo)
    assert (failure.code, failure.status) == ("BulkLoadIdNotFoundException", 404)
    assert failure.response.get("detailedMessage") == f"The load with id = {running} does not exist or not active"
    with pytest.raises(neptune.exceptions.BulkLoadIdNotFoundException) as excinfo:
        neptune.cancel_loader_job(loadId="no-such-load")
    failure = error_of(excinfo)
    assert (failure.code, failure.status) == ("BulkLoadIdNotFoundException", 404)
    with pytest.raises(neptune.exceptions.BulkLoadIdNotFoundException):
        neptune.get_loader_job_status(loadId="no-such-load")


def test_list_loader_jobs_limit(neptune, s3):
    s3.put_object(Bucket=BUCKET, Key="graph/vertices.csv", Body=VERTICES)
    ids = []
    for _ in range(3):
        ids.append(start(neptune, f"s3://{BUCKET}/graph"))
        status(neptune, ids[-1])
    listed = neptune.list_loader_jobs(limit=2)
    assert_matches_output_shape(neptune, "ListLoaderJobs", listed)
    assert listed["payload"]["loadIds"] == ids[::-1][:2]
    with pytest.raises(neptune.exceptions.InvalidParameterException):
        neptune.list_loader_jobs(limit=101)


def test_engine_status(neptune):
    engine = neptune.get_engine_status()
    assert_matches_output_shape(neptune, "GetEngineStatus", engine)
    assert engine["status"] == "healthy"
    assert engine["role"] == "writer"
    assert engine["gremlin"]["version"].startswith("tinkerpop-")
