"""Neptune Streams: with streams on, every write (query, update, load) is a commit of the change
log that GetPropertygraphStream / GetSparqlStream read."""

import pytest
import requests

from tests.support import error_of

from .helpers import CLUSTER, cypher, gremlin, load


@pytest.fixture
def streaming(moto_ext_mock, neptune):
    moto_ext_mock.backend("neptunedata", region="us-east-1").enable_streams(neptune.meta.endpoint_url)
    return neptune


def ops(answer):
    # the model types an event id as a map of strings
    return [
        (int(r["eventId"]["commitNum"]), int(r["eventId"]["opNum"]), r["op"], r["data"]["type"])
        for r in answer["records"]
    ]


def test_streams_are_off_until_turned_on(neptune):
    failure = error_of(pytest.raises(Exception, neptune.get_propertygraph_stream, iteratorType="TRIM_HORIZON"))
    assert (failure.code, failure.status) == ("UnsupportedOperationException", 400)


def test_writes_become_commits_of_pg_json_records(streaming, s3):
    neptune = streaming
    cypher(neptune, "CREATE (:airport {code: 'SEA'})-[:route {dist: 954}]->(:airport {code: 'LAX'})")
    gremlin(neptune, "g.V().has('code','SEA').property('runways', 3)")
    cypher(neptune, "MATCH (a:airport {code: 'LAX'}) DETACH DELETE a")
    cypher(neptune, "MATCH (a:airport) RETURN a")  # a read is no commit

    answer = neptune.get_propertygraph_stream(iteratorType="TRIM_HORIZON", limit=100)
    assert answer["format"] == "PG_JSON"
    assert [op[:3] for op in ops(answer)] == [
        (1, 1, "ADD"), (1, 2, "ADD"), (1, 3, "ADD"), (1, 4, "ADD"), (1, 5, "ADD"), (1, 6, "ADD"),
        (2, 1, "ADD"),
        (3, 1, "REMOVE"), (3, 2, "REMOVE"), (3, 3, "REMOVE"), (3, 4, "REMOVE"),
    ]  # fmt: skip
    assert sorted(op[3] for op in ops(answer) if op[0] == 1) == ["e", "ep", "vl", "vl", "vp", "vp"]
    edge = next(r["data"] for r in answer["records"] if r["data"]["type"] == "e")
    assert edge["value"] == {"value": "route", "dataType": "String"} and edge["from"] and edge["to"]
    runways = answer["records"][6]
    assert runways["data"]["key"] == "runways" and runways["data"]["value"] == {"value": 3, "dataType": "Integer"}
    assert [r.get("isLastOp", False) for r in answer["records"]].count(True) == 3
    assert answer["lastEventId"] == {"commitNum": "3", "opNum": "4"} and answer["totalRecords"] == 11

    after = neptune.get_propertygraph_stream(iteratorType="AFTER_SEQUENCE_NUMBER", commitNum=1, opNum=6)
    assert ops(after)[0][:2] == (2, 1)
    at = neptune.get_propertygraph_stream(iteratorType="AT_SEQUENCE_NUMBER", commitNum=3, opNum=2, limit=2)
    assert [op[:2] for op in ops(at)] == [(3, 2), (3, 3)]
    assert ops(neptune.get_propertygraph_stream(iteratorType="LATEST"))[0][:2] == (3, 4)
    beyond = error_of(
        pytest.raises(Exception, neptune.get_propertygraph_stream, iteratorType="AT_SEQUENCE_NUMBER", commitNum=9)
    )
    assert beyond.code == "StreamRecordsNotFoundException"
    missing = error_of(pytest.raises(Exception, neptune.get_propertygraph_stream, iteratorType="AT_SEQUENCE_NUMBER"))
    assert missing.code == "InvalidParameterException"


def test_a_load_is_one_commit(streaming, s3):
    load(streaming, s3, {"v.csv": "~id,~label,name\np1,person,ann\np2,person,bob\n"}, prefix="people")
    answer = streaming.get_propertygraph_stream(iteratorType="TRIM_HORIZON", limit=100)
    assert {op[0] for op in ops(answer)} == {1} and answer["totalRecords"] == 4


def test_sparql_updates_are_nquads_records(streaming):
    update = "INSERT DATA { <http://ex/s> <http://ex/p> 'o' . GRAPH <http://ex/g> { <http://ex/s> <http://ex/q> 1 } }"
    assert requests.post(f"{CLUSTER}/sparql", data={"update": update}, timeout=5).status_code == 200
    answer = streaming.get_sparql_stream(iteratorType="TRIM_HORIZON")
    assert answer["format"] == "NQUADS"
    statements = sorted(r["data"]["stmt"] for r in answer["records"])
    assert statements == [
        '<http://ex/s> <http://ex/p> "o" .\n',
        '<http://ex/s> <http://ex/q> "1"^^<http://www.w3.org/2001/XMLSchema#integer> <http://ex/g> .\n',
    ]


def test_fast_reset_clears_the_change_log(streaming):
    cypher(streaming, "CREATE (:airport {code: 'SEA'})")
    token = streaming.execute_fast_reset(action="initiateDatabaseReset")["payload"]["token"]
    streaming.execute_fast_reset(action="performDatabaseReset", token=token)
    failure = error_of(pytest.raises(Exception, streaming.get_propertygraph_stream, iteratorType="TRIM_HORIZON"))
    assert failure.code == "StreamRecordsNotFoundException"
