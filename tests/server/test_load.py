"""16 concurrent boto3 clients x 200 calls against one server process: no error, nothing lost.

The server runs in its own process (``python -m moto_ext``), as it does for users, so the clients
and the server do not share one interpreter lock. Each client works in its own account (moto's
``x-moto-account-id`` header), so the services' per-account quotas (100 Lookout for Vision
projects) are not what is measured.
"""

import time
from concurrent.futures import ThreadPoolExecutor

from botocore.config import Config

from .conftest import aws

CLIENTS = 16
ROUNDS = 50  # 4 calls a round: 200 calls a client, plus its bucket and the final listings
# bounded: a call that hangs fails the test instead of stalling it; no retries hide an error
STRICT = Config(retries={"total_max_attempts": 1}, connect_timeout=10, read_timeout=30, max_pool_connections=2)


def client_in_account(service, url, account):
    client = aws(service, url, config=STRICT)
    client.meta.events.register(
        "before-sign", lambda request, **_: request.headers.__setitem__("x-moto-account-id", account)
    )
    return client


def work(url, index):
    account = f"{100000000000 + index}"
    lv = client_in_account("lookoutvision", url, account)
    neptune = client_in_account("neptunedata", url, account)
    bucket = f"load-{index}"
    client_in_account("s3", url, account).create_bucket(Bucket=bucket)
    calls = 0
    for n in range(ROUNDS):
        name = f"p-{index}-{n}"
        assert lv.create_project(ProjectName=name)["ProjectMetadata"]["ProjectName"] == name
        assert lv.describe_project(ProjectName=name)["ProjectDescription"]["ProjectName"] == name
        job = neptune.start_ml_data_processing_job(
            id=f"job-{index}-{n}", inputDataS3Location=f"s3://{bucket}/in", processedDataS3Location=f"s3://{bucket}/out"
        )["id"]
        assert neptune.get_ml_data_processing_job(id=job)["id"] == job
        calls += 4
    projects = [p["ProjectName"] for page in lv.get_paginator("list_projects").paginate() for p in page["Projects"]]
    jobs = neptune.list_ml_data_processing_jobs(maxItems=1024)["ids"]
    return calls, sorted(projects), sorted(jobs)


def test_concurrent_clients_lose_nothing(server_process):
    started = time.monotonic()
    with ThreadPoolExecutor(CLIENTS) as pool:
        results = list(pool.map(lambda i: work(server_process.endpoint_url, i), range(CLIENTS)))
    elapsed = time.monotonic() - started
    for index, (calls, projects, jobs) in enumerate(results):
        assert calls == 200
        assert projects == sorted(f"p-{index}-{n}" for n in range(ROUNDS))
        assert jobs == sorted(f"job-{index}-{n}" for n in range(ROUNDS))
    assert elapsed < 120, f"{CLIENTS * 200} calls took {elapsed:.0f} s"
    assert "Traceback" not in server_process.stderr()
