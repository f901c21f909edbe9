"""8 threads x 500 mixed calls against one mock: no error, nothing lost or doubled, paging consistent."""

import threading

import boto3

from moto_ext import mock_ext

THREADS = 8
CALLS_PER_THREAD = 500
SHARED = "shared-project"
SCHEMA = '{"version": "1.0", "dataFormat": "CSV", "attributes": [{"attributeName": "x", "attributeType": "NUMERIC"}]}'


def _worker(index: int, session: boto3.session.Session, errors: list, created: list, sources: list) -> None:
    try:
        lv = session.client("lookoutvision", region_name="us-east-1")
        ml = session.client("machinelearning", region_name="us-east-1")
        own = f"project-{index}"
        lv.create_project(ProjectName=own)
        calls = 1
        while calls < CALLS_PER_THREAD:
            step = calls % 5
            if step == 0:  # create: versions in the shared project are numbered by the mock
                version = lv.create_model(ProjectName=SHARED, OutputConfig={"S3Location": {"Bucket": "out-bucket"}})
                created.append(version["ModelMetadata"]["ModelVersion"])
            elif step == 1:  # read, which also moves statuses
                lv.describe_project(ProjectName=own)
            elif step == 2:  # two pages of a list that other threads keep growing
                first = lv.list_models(ProjectName=SHARED, MaxResults=7)
                names = [m["ModelVersion"] for m in first["Models"]]
                if first.get("NextToken"):
                    second = lv.list_models(ProjectName=SHARED, MaxResults=7, NextToken=first["NextToken"])
                    names += [m["ModelVersion"] for m in second["Models"]]
                    calls += 1
                assert len(names) == len(set(names)), "two pages repeated a model"
            elif step == 3:  # caller-chosen ids on another service
                sources.append(f"ds-{index}-{calls}")
                ml.create_data_source_from_s3(
                    DataSourceId=sources[-1],
                    DataSpec={"DataLocationS3": "s3://ml-bucket/data.csv", "DataSchema": SCHEMA},
                )
            else:
                lv.list_projects(MaxResults=3)
            calls += 1
    except Exception as error:  # noqa: BLE001 - reported by the main thread
        errors.append(error)


def test_concurrent_mixed_calls():
    with mock_ext():
        s3 = boto3.client("s3", region_name="us-east-1")
        for bucket in ("out-bucket", "ml-bucket"):
            s3.create_bucket(Bucket=bucket)
        s3.put_object(Bucket="ml-bucket", Key="data.csv", Body=b"1\n2\n")
        lv = boto3.client("lookoutvision", region_name="us-east-1")
        lv.create_project(ProjectName=SHARED)
        lv.create_dataset(ProjectName=SHARED, DatasetType="train")

        errors: list = []
        created: list = []
        sources: list = []
        threads = [
            threading.Thread(target=_worker, args=(i, boto3.session.Session(), errors, created, sources))
            for i in range(THREADS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert not errors, errors[:3]
        assert len(created) == len(set(created)), "two creates got the same model version"
        assert sorted(map(int, created)) == list(range(1, len(created) + 1))
        listed = [
            m["ModelVersion"]
            for page in lv.get_paginator("list_models").paginate(ProjectName=SHARED)
            for m in page["Models"]
        ]
        assert sorted(listed, key=int) == sorted(created, key=int)
        projects = [p["ProjectName"] for page in lv.get_paginator("list_projects").paginate() for p in page["Projects"]]
        assert sorted(projects) == sorted([SHARED] + [f"project-{i}" for i in range(THREADS)])
        ml = boto3.client("machinelearning", region_name="us-east-1")
        described = [
            s["DataSourceId"] for page in ml.get_paginator("describe_data_sources").paginate() for s in page["Results"]
        ]
        assert len(described) == len(set(described))
        assert sorted(described) == sorted(sources)
