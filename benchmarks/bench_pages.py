"""List pages in O(page) (issue 14): a page of 100 from 10k resources against a page of 100 from 100.

For every list operation of Lookout for Vision, Rekognition Custom Labels, Amazon Machine Learning,
ModelArts and Neptune ML (whose lists have no token: one page, newest first), two backends (two regions, or two ModelArts projects) are filled, one with
``--small`` resources and one with ``--large``, through the backends' own create operations (the
HTTP path would only make the setup slower). Then, through the real client (boto3, or
``requests`` for ModelArts):

- ``page@small`` / ``page@large``: CPU time of one call asking for the first page of 100; the two
  run in small interleaved blocks (``--block`` calls each, the order alternating each round), and
  each figure is the median over ``--rounds`` rounds, so machine noise lands on both alike;
- ``deep@large``: the same for the last page of 100 of the large backend (a token deep into it);
- ``walk large``: CPU time to walk every page of 100 of the large backend (``walk/page``: that
  time per page, which a linear walk keeps near the cost of one page).

The ratio page@large / page@small is what the issue asks to keep within 1.2; a walk that is
linear costs about (large / 100) pages.

    python benchmarks/bench_pages.py [--small 100] [--large 10000] [--block 5] [--rounds 15] [--only NAME]
"""

from __future__ import annotations

import argparse
import functools
import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import boto3
import requests
from shared import ML_SCHEMA, cpu_per_call

from moto_ext import mock_ext

PAGE = 100
BUCKET = "bench-pages"
MODELARTS_CONFIG = {
    "worker_server_num": 1,
    "app_url": "/bucket/code/",
    "boot_file_url": "/bucket/code/train.py",
    "data_url": "/bucket/data/",
    "train_url": "/bucket/output/",
    "spec_id": 2,
    "engine_id": 1,
}


def client(service: str, region: str) -> Any:
    return boto3.client(service, region_name=region, aws_access_key_id="x", aws_secret_access_key="x")


def make_bucket(region: str, service: str) -> str:
    bucket = f"{BUCKET}-{service}-{region}"
    where = {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
    client("s3", region).create_bucket(Bucket=bucket, **where)
    return bucket


@dataclass
class Listing:
    """How to ask one backend for pages: ``call(token)`` -> (items, next token)."""

    call: Callable[[str | None], tuple[list[Any], str | None]]

    def page(self) -> None:
        items, _ = self.call(None)
        assert items

    def last_token(self) -> str | None:
        """The token of the last page that has items, walking the pages once."""
        last: str | None = None
        token: str | None = None
        while True:
            items, following = self.call(token)
            if items:
                last = token
            if following is None:
                return last
            token = following

    def walk(self) -> int:
        count, token = 0, None
        while True:
            items, token = self.call(token)
            count += len(items)
            if token is None:
                return count


def boto_listing(api: Any, operation: str, items_key: str, token_key: str = "NextToken", **params: Any) -> Listing:
    method = getattr(api, operation)

    def call(token: str | None) -> tuple[list[Any], str | None]:
        answer = method(**params, **({token_key: token} if token else {}))
        return answer[items_key], answer.get(token_key)

    return Listing(call)


def modelarts_listing(session: requests.Session, url: str, items_key: str, **query: Any) -> Listing:
    """ModelArts numbers its pages: the "token" is the page number."""

    def call(token: str | None) -> tuple[list[Any], str | None]:
        page = int(token or 1)
        answer = session.get(url, params={**query, "per_page": PAGE, "page": page}).json()
        items = answer[items_key]
        return items, (str(page + 1) if len(items) == PAGE else None)

    return Listing(call)


# --- filling the backends -----------------------------------------------------------------------------
def manifest_lines(count: int, labeled: str = "lv") -> bytes:
    lines = []
    for i in range(count):
        label = "anomaly" if i % 3 == 0 else "normal"
        if labeled == "lv":
            record = {
                "source-ref": f"s3://{BUCKET}/img-{i:06d}.png",
                "anomaly-label": int(label == "anomaly"),
                "anomaly-label-metadata": {
                    "class-name": label,
                    "human-annotated": "yes",
                    "type": "groundtruth/image-classification",
                },
            }
        else:
            record = {
                "source-ref": f"s3://{BUCKET}/img-{i:06d}.jpg",
                "animal": 1,
                "animal-metadata": {
                    "class-name": f"label-{i % 7}",
                    "confidence": 1,
                    "type": "groundtruth/image-classification",
                    "human-annotated": "yes",
                },
            }
        lines.append(json.dumps(record))
    return "\n".join(lines).encode()


def lookoutvision(handle: Any, region: str, n: int) -> dict[str, Listing]:
    lv, s3 = client("lookoutvision", region), client("s3", region)
    backend = handle.backend("lookoutvision", region=region)
    backend.quotas.projects = n + 10
    for i in range(n):
        backend.create_project(project_name=f"project-{i:06d}")
    bucket = make_bucket(region, "lv")
    s3.put_object(Bucket=bucket, Key="manifest", Body=manifest_lines(n))
    s3.put_object(Bucket=bucket, Key="small-manifest", Body=manifest_lines(30))
    for name, key in (("project-000000", "manifest"), ("project-000001", "small-manifest")):
        lv.create_dataset(
            ProjectName=name,
            DatasetType="train",
            DatasetSource={"GroundTruthManifest": {"S3Object": {"Bucket": bucket, "Key": key}}},
        )
        lv.describe_dataset(ProjectName=name, DatasetType="train")
    entries, project = "project-000000", "project-000001"  # models train on the small dataset
    output = {"S3Location": {"Bucket": bucket}}
    backend.create_model(project_name=project, output_config=output)
    lv.describe_model(ProjectName=project, ModelVersion="1")
    for i in range(n):
        backend.start_model_packaging_job(
            project_name=project,
            model_version="1",
            job_name=f"job-{i:06d}",
            configuration={
                "Greengrass": {
                    "ComponentName": f"component-{i}",
                    "TargetPlatform": {"Os": "LINUX", "Arch": "X86_64"},
                    "S3OutputLocation": {"Bucket": bucket},
                }
            },
        )
    for _ in range(n - 1):
        backend.create_model(project_name=project, output_config=output)
    return {
        "lookoutvision ListProjects": boto_listing(lv, "list_projects", "Projects", MaxResults=PAGE),
        "lookoutvision ListModels": boto_listing(lv, "list_models", "Models", ProjectName=project, MaxResults=PAGE),
        "lookoutvision ListModelPackagingJobs": boto_listing(
            lv, "list_model_packaging_jobs", "ModelPackagingJobs", ProjectName=project, MaxResults=PAGE
        ),
        "lookoutvision ListDatasetEntries": boto_listing(
            lv, "list_dataset_entries", "DatasetEntries", ProjectName=entries, DatasetType="train", MaxResults=PAGE
        ),
    }


def rekognition(handle: Any, region: str, n: int) -> dict[str, Listing]:
    rek, s3 = client("rekognition", region), client("s3", region)
    backend = handle.backend("rekognition", region=region)
    for i in range(n):
        backend.create_project(project_name=f"project-{i:06d}")
    project_arn, versions_arn = list(backend.projects)[:2]
    bucket = make_bucket(region, "rek")
    s3.put_object(Bucket=bucket, Key="manifest", Body=manifest_lines(n, "rek"))
    s3.put_object(Bucket=bucket, Key="small-manifest", Body=manifest_lines(10, "rek"))

    def dataset(project: str, dataset_type: str, key: str) -> str:
        source = {"GroundTruthManifest": {"S3Object": {"Bucket": bucket, "Name": key}}}
        arn = rek.create_dataset(ProjectArn=project, DatasetType=dataset_type, DatasetSource=source)["DatasetArn"]
        rek.describe_dataset(DatasetArn=arn)
        return str(arn)

    train = dataset(project_arn, "TRAIN", "manifest")  # n entries (of 7 labels)
    dataset(versions_arn, "TRAIN", "small-manifest")  # the versions train on small datasets
    dataset(versions_arn, "TEST", "small-manifest")
    for i in range(n):
        backend.create_project_version(
            project_arn=versions_arn, version_name=f"v{i:06d}", output_config={"S3Bucket": bucket}
        )
    return {
        "rekognition DescribeProjects": boto_listing(rek, "describe_projects", "ProjectDescriptions", MaxResults=PAGE),
        "rekognition DescribeProjectVersions": boto_listing(
            rek, "describe_project_versions", "ProjectVersionDescriptions", ProjectArn=versions_arn, MaxResults=PAGE
        ),
        "rekognition ListDatasetEntries": boto_listing(
            rek, "list_dataset_entries", "DatasetEntries", DatasetArn=train, MaxResults=PAGE
        ),
        "rekognition ListDatasetLabels": boto_listing(
            rek, "list_dataset_labels", "DatasetLabelDescriptions", DatasetArn=train, MaxResults=PAGE
        ),
    }


def machinelearning(handle: Any, region: str, n: int) -> dict[str, Listing]:
    ml, s3 = client("machinelearning", region), client("s3", region)
    backend = handle.backend("machinelearning", region=region)
    bucket = make_bucket(region, "ml")
    s3.put_object(Bucket=bucket, Key="train.csv", Body=b"age,label\n31,1\n42,0\n27,1\n55,0\n")
    location = f"s3://{bucket}/train.csv"
    for i in range(n):
        backend.create_data_source_from_s3(
            data_source_id=f"ds-{i:06d}",
            data_spec={"DataLocationS3": location, "DataSchema": ML_SCHEMA},
            created_by_iam_user="arn:aws:iam::123456789012:root",
            compute_statistics=True,
        )
    for i in range(n):
        backend.create_ml_model(
            ml_model_id=f"model-{i:06d}",
            ml_model_type="BINARY",
            training_data_source_id="ds-000000",
            created_by_iam_user="arn:aws:iam::123456789012:root",
        )
    for _ in range(3):  # the Status filter looks at every in-progress entity: all settle
        backend.describe_data_sources(filter_variable="Status", eq="COMPLETED")
        backend.describe_ml_models(filter_variable="Status", eq="COMPLETED")
    for i in range(n):
        backend.create_evaluation(
            evaluation_id=f"ev-{i:06d}",
            ml_model_id="model-000000",
            evaluation_data_source_id="ds-000000",
            created_by_iam_user="arn:aws:iam::123456789012:root",
        )
        backend.create_batch_prediction(
            batch_prediction_id=f"bp-{i:06d}",
            ml_model_id="model-000000",
            batch_prediction_data_source_id="ds-000000",
            output_uri=f"s3://{bucket}/out/",
            created_by_iam_user="arn:aws:iam::123456789012:root",
        )
    for _ in range(3):
        backend.describe_evaluations(filter_variable="Status", eq="COMPLETED")
        backend.describe_batch_predictions(filter_variable="Status", eq="COMPLETED")
    listings = {
        f"machinelearning {operation}": boto_listing(ml, method, "Results", Limit=PAGE)
        for operation, method in (
            ("DescribeDataSources", "describe_data_sources"),
            ("DescribeMLModels", "describe_ml_models"),
            ("DescribeEvaluations", "describe_evaluations"),
            ("DescribeBatchPredictions", "describe_batch_predictions"),
        )
    }
    # a filter that bounds a range of the sort order (Prefix on the sort variable)
    listings["machinelearning DescribeDataSources Prefix"] = boto_listing(
        ml, "describe_data_sources", "Results", Limit=PAGE, FilterVariable="DataLocationS3", Prefix="s3://"
    )
    return listings


def modelarts(handle: Any, project_id: str, n: int) -> dict[str, Listing]:
    region = "eu-de"
    backend = handle.backend("modelarts", account_id=project_id, region=region)
    backend.set_quota(training_jobs=n + 10, visualization_jobs=n + 10)
    session = requests.Session()
    session.headers["X-Auth-Token"] = backend.issue_token()
    base = f"https://modelarts.{region}.otc.t-systems.com/v1/{project_id}"
    for i in range(n):
        job, _ = backend.create_training_job(job_name=f"job-{i:06d}", config=dict(MODELARTS_CONFIG))
        backend.create_training_job_config(config_name=f"config-{i:06d}", config=dict(MODELARTS_CONFIG))
        backend.create_visualization_job(job_name=f"vis-{i:06d}", train_url="/bucket/output/")
        backend.add_builtin_algorithm(model_id=10_000 + i, model_name=f"algorithm-{i:06d}", engine_id=1)
    first = min(backend.jobs)
    for _ in range(n - 1):
        backend.create_training_job_version(first, {"pre_version_id": backend.jobs[first].latest.version_id})
    return {
        "modelarts ListTrainingJobs": modelarts_listing(session, f"{base}/training-jobs", "jobs"),
        "modelarts ListTrainingJobVersions": modelarts_listing(
            session, f"{base}/training-jobs/{first}/versions", "versions"
        ),
        "modelarts ListTrainingJobConfigs": modelarts_listing(session, f"{base}/training-job-configs", "configs"),
        "modelarts ListVisualizationJobs": modelarts_listing(session, f"{base}/visualization-jobs", "jobs"),
        "modelarts ListBuiltinAlgorithms": modelarts_listing(session, f"{base}/built-in-algorithms", "models"),
    }


def neptunedata(handle: Any, region: str, n: int) -> dict[str, Listing]:
    """Neptune ML's lists have no token: one page of up to ``maxItems`` (1024), newest first."""
    cluster = f"https://bench.cluster-abc.{region}.neptune.amazonaws.com:8182"
    neptune = boto3.client(
        "neptunedata", region_name=region, endpoint_url=cluster, aws_access_key_id="x", aws_secret_access_key="x"
    )
    backend = handle.backend("neptunedata", region=region)
    bucket = make_bucket(region, "neptune")
    location = f"s3://{bucket}"
    for i in range(n):
        backend.start_ml_data_processing_job(
            job_id=f"dp-{i:06d}", input_data_s3_location=f"{location}/in", processed_data_s3_location=f"{location}/dp"
        )
    backend.get_ml_data_processing_job("dp-000000")
    backend.get_ml_data_processing_job("dp-000000")
    for i in range(n):
        backend.start_ml_model_training_job(
            job_id=f"tr-{i:06d}", data_processing_job_id="dp-000000", train_model_s3_location=f"{location}/tr"
        )
    backend.get_ml_model_training_job("tr-000000")
    backend.get_ml_model_training_job("tr-000000")
    for i in range(n):
        backend.start_ml_model_transform_job(
            job_id=f"tf-{i:06d}",
            data_processing_job_id="dp-000000",
            ml_model_training_job_id="tr-000000",
            model_transform_output_s3_location=f"{location}/tf",
        )
        backend.create_ml_endpoint(endpoint_id=f"ep-{i:06d}", ml_model_training_job_id="tr-000000")

    def listing(method: str, key: str = "ids") -> Listing:
        return Listing(lambda token: (getattr(neptune, method)(maxItems=PAGE)[key], None))

    return {
        "neptunedata ListMLDataProcessingJobs": listing("list_ml_data_processing_jobs"),
        "neptunedata ListMLModelTrainingJobs": listing("list_ml_model_training_jobs"),
        "neptunedata ListMLModelTransformJobs": listing("list_ml_model_transform_jobs"),
        "neptunedata ListMLEndpoints": listing("list_ml_endpoints"),
    }


# --- timing -------------------------------------------------------------------------------------------
def interleaved(contenders: list[Callable[[], Any]], block: int, rounds: int) -> list[float]:
    samples: list[list[float]] = [[] for _ in contenders]
    for fn in contenders:
        cpu_per_call(fn, block)  # warm-up
    for round_number in range(rounds):
        order = list(range(len(contenders)))
        if round_number % 2:
            order.reverse()
        for index in order:
            samples[index].append(cpu_per_call(contenders[index], block))
    return [statistics.median(s) for s in samples]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--large", type=int, default=10_000)
    parser.add_argument("--block", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--only", default="", help="services whose name contains this")
    args = parser.parse_args()

    services: list[tuple[str, Callable[[Any, str, int], dict[str, Listing]], str, str]] = [
        ("lookoutvision", lookoutvision, "us-east-1", "us-west-2"),
        ("rekognition", rekognition, "us-west-1", "us-west-2"),
        ("machinelearning", machinelearning, "us-east-1", "eu-west-1"),
        ("modelarts", modelarts, "0" * 31 + "1", "0" * 31 + "2"),
        ("neptunedata", neptunedata, "us-east-1", "us-west-2"),
    ]
    header = f"{'list operation':46} {'page@small':>11} {'page@large':>11} {'ratio':>6} {'deep@large':>11} {'walk large':>11} {'walk/page':>9}"
    print(f"pages of {PAGE}: small = {args.small} resources, large = {args.large}; CPU medians in ms")
    print(header)
    with mock_ext() as handle:
        for name, fill, small_where, large_where in services:
            if args.only not in name:
                continue
            small = fill(handle, small_where, args.small)
            large = fill(handle, large_where, args.large)
            # every list looks at what it reports: a few walks settle every resource, so that no
            # in-progress resource is left for the time engine's per-request tick to visit
            for listing in [*small.values(), *large.values()]:
                for _ in range(3):
                    listing.walk()
            for operation in small:
                last_token = large[operation].last_token()
                deep = functools.partial(large[operation].call, last_token)
                first_small, first_large, last_large = interleaved(
                    [small[operation].page, large[operation].page, deep], args.block, args.rounds
                )
                start = time.process_time()
                walked = large[operation].walk()
                walk = time.process_time() - start
                ratio = first_large / first_small
                per_page = walk / max(1, -(-walked // PAGE))
                print(
                    f"{operation:46} {first_small * 1e3:11.2f} {first_large * 1e3:11.2f} {ratio:6.2f}"
                    f" {last_large * 1e3:11.2f} {walk * 1e3:9.0f}ms {per_page * 1e3:9.2f}  ({walked} items)",
                    flush=True,
                )


if __name__ == "__main__":
    main()
