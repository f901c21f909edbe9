"""The AWS CLI in server mode: load the air-routes sample with the loader, then query it with
openCypher and Gremlin, as a shell user would (``aws neptunedata ... --endpoint-url``)."""

import json
import os
import subprocess

import pytest
from moto.core.base_backend import BackendDict
from moto.server import ThreadedMotoServer

from tests.server.test_aws_cli import find_cli
from tests.support import client

from . import conformance
from .helpers import BUCKET, ROLE


@pytest.fixture
def server():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()
    BackendDict.reset()


def test_query_the_loaded_sample_with_the_aws_cli(server, tmp_path):
    executable = find_cli()
    settings = {"endpoint_url": server, "aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
    s3 = client("s3", **settings)
    s3.create_bucket(Bucket=BUCKET)
    vertices, edges = conformance.gremlin_csv()
    s3.put_object(Bucket=BUCKET, Key="air/vertices.csv", Body=vertices.encode())
    s3.put_object(Bucket=BUCKET, Key="air/edges.csv", Body=edges.encode())
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": "/dev/null",
        "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        "AWS_PAGER": "",
    }

    def aws(*args):
        command = [executable, "neptunedata", *args, "--endpoint-url", server, "--output", "json"]
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    loaded = aws(
        "start-loader-job",
        "--source",
        f"s3://{BUCKET}/air/",
        "--format",
        "csv",
        "--s3-bucket-region",
        "us-east-1",
        "--iam-role-arn",
        ROLE,
    )
    status = aws("get-loader-job-status", "--load-id", loaded["payload"]["loadId"])
    assert status["payload"]["overallStatus"]["status"] in ("LOAD_IN_PROGRESS", "LOAD_COMPLETED")

    rows = aws(
        "execute-open-cypher-query",
        "--open-cypher-query",
        "MATCH (a:airport {code: $code})-[:route]->(b) RETURN b.code AS code ORDER BY code",
        "--parameters",
        json.dumps({"code": "SEA"}),
    )
    assert rows["results"] == [{"code": "ANC"}, {"code": "JFK"}, {"code": "LAX"}]
    answer = aws("execute-gremlin-query", "--gremlin-query", "g.V().hasLabel('airport').count()")
    assert answer["result"]["data"] == {"@type": "g:List", "@value": [{"@type": "g:Int64", "@value": 9}]}
    summary = aws("get-propertygraph-summary", "--mode", "basic")
    assert summary["payload"]["graphSummary"]["numEdges"] == 12
