"""Explain and profile documents, and the query status operations (no query is ever in flight)."""

import pytest

from tests.support import error_of

from .helpers import air_routes, cypher


def test_opencypher_explain_lists_the_clauses_and_dynamic_runs_reads(neptune, s3):
    air_routes(neptune, s3)
    query = "MATCH (a:airport {code: 'SEA'})-[:route]->(b) WHERE b.runways > 3 RETURN b.code ORDER BY b.code"
    static = neptune.execute_open_cypher_explain_query(openCypherQuery=query, explainMode="static")["results"]
    document = static.read().decode()
    assert document.startswith(f"Query:\n{query}")
    assert [name for name in ("MATCH", "WHERE", "RETURN", "ORDER BY") if f"| {name} " in document] == [
        "MATCH",
        "WHERE",
        "RETURN",
        "ORDER BY",
    ]
    assert "Units out" not in document
    dynamic = neptune.execute_open_cypher_explain_query(openCypherQuery=query, explainMode="dynamic")["results"]
    assert "Units out: 2" in dynamic.read().decode()  # JFK and LAX

    # an explain does not run a write
    write = "CREATE (:airport {code: 'NEW'})"
    explained = neptune.execute_open_cypher_explain_query(openCypherQuery=write, explainMode="details")["results"]
    assert "not run" in explained.read().decode()
    assert cypher(neptune, "MATCH (a:airport {code: 'NEW'}) RETURN count(a) AS n") == [{"n": 0}]

    failure = error_of(
        pytest.raises(Exception, neptune.execute_open_cypher_explain_query, openCypherQuery=query, explainMode="x")
    )
    assert failure.code == "InvalidParameterException"


def test_gremlin_explain_and_profile(neptune, s3):
    air_routes(neptune, s3)
    explained = neptune.execute_gremlin_explain_query(gremlinQuery="g.V('SEA').out('route').values('code')")
    document = explained["output"].read().decode()
    assert "Neptune Gremlin Explain" in document and 'g.V("SEA").out("route").values("code")' in document

    profiled = neptune.execute_gremlin_profile_query(gremlinQuery="g.V('SEA').out('route').values('code')")
    document = profiled["output"].read().decode()
    assert "Neptune Gremlin Profile" in document and "out(" in document
    assert "Count: 3" in document and "'ANC'" in document
    quiet = neptune.execute_gremlin_profile_query(gremlinQuery="g.V('SEA').out()", results=False)
    assert "Results" not in quiet["output"].read().decode()


def test_no_query_is_ever_in_flight(neptune):
    assert neptune.list_gremlin_queries(includeWaiting=True)["queries"] == []
    assert neptune.list_open_cypher_queries()["acceptedQueryCount"] == 0
    for call in (neptune.get_gremlin_query_status, neptune.cancel_open_cypher_query):
        failure = error_of(pytest.raises(Exception, call, queryId="q-1"))
        assert (failure.code, failure.status) == ("BadRequestException", 400)
