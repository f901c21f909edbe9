"""The graph through boto3: the bulk loader builds it from S3, openCypher and Gremlin query it, the
summary describes it, fast reset empties it; each cluster endpoint has its own."""

import pytest

from moto_ext.neptunedata.graph.backend import cluster_key
from tests.support import client, error_of

from . import conformance
from .helpers import CLUSTER, air_routes, cypher, gremlin, load

OTHER_CLUSTER = "https://other-db.cluster-def456example.us-east-1.neptune.amazonaws.com:8182"


def cluster_client(endpoint_url):
    """A client of one cluster endpoint (core's redirect tells the mock which cluster it names)."""
    return client("neptunedata", endpoint_url=endpoint_url)


@pytest.mark.parametrize("case", conformance.CYPHER_CASES, ids=[case[0] for case in conformance.CYPHER_CASES])
def test_opencypher_conformance(neptune, s3, case):
    _, setup, query, parameters, expected = case
    air_routes(neptune, s3)
    for statement in setup:
        cypher(neptune, statement)
    assert cypher(neptune, query, **parameters) == expected


@pytest.mark.parametrize("case", conformance.GREMLIN_CASES, ids=[case[0] for case in conformance.GREMLIN_CASES])
def test_gremlin_conformance(neptune, s3, case):
    _, setup, query, _, expected = case
    air_routes(neptune, s3)
    for statement in setup:
        gremlin(neptune, statement)
    assert _named(gremlin(neptune, query)) == expected


def _named(value):
    """TinkerPop's T.id / T.label map keys by name, as the conformance suite writes them."""
    if isinstance(value, list):
        return [_named(item) for item in value]
    if isinstance(value, dict):
        return {getattr(key, "name", key): _named(item) for key, item in value.items()}
    return value


def test_element_maps_are_keyed_by_tinkerpop_tokens(neptune, s3):
    air_routes(neptune, s3)
    answer = neptune.execute_gremlin_query(gremlinQuery="g.E('r10').elementMap()")["result"]["data"]
    entries = answer["@value"][0]["@value"]
    keys = entries[0::2]
    assert {"@type": "g:T", "@value": "id"} in keys and {"@type": "g:T", "@value": "label"} in keys
    assert {"@type": "g:Direction", "@value": "IN"} in keys and "dist" in keys


def test_the_opencypher_load_format_builds_the_same_graph(neptune, s3):
    air_routes(neptune, s3, "opencypher")
    assert cypher(neptune, "MATCH (a:airport)-[r:route]->() RETURN count(r) AS n") == [{"n": 12}]
    assert gremlin(neptune, "g.V('SEA').out('route').values('code').order()") == ["ANC", "JFK", "LAX"]


def test_nodes_and_relationships_in_neptunes_result_format(neptune, s3):
    air_routes(neptune, s3)
    [row] = cypher(neptune, "MATCH (a:airport {code: 'AUS'})-[r:route]->(b) RETURN a, r")
    assert row["a"] == {
        "~id": "AUS",
        "~entityType": "node",
        "~labels": ["airport"],
        "~properties": {"code": "AUS", "city": "Austin", "country": "US", "runways": 2},
    }
    assert row["r"] == {
        "~id": "r10",
        "~entityType": "relationship",
        "~start": "AUS",
        "~end": "DFW",
        "~type": "route",
        "~properties": {"dist": 190},
    }
    assert cypher(neptune, "MATCH (a) WHERE id(a) = 'LHR' RETURN id(a) AS id") == [{"id": "LHR"}]


def test_gremlin_answers_graphson_v3_and_the_asked_serializer(neptune, s3):
    air_routes(neptune, s3)
    answer = neptune.execute_gremlin_query(gremlinQuery="g.V('AUS').out()")
    assert answer["result"]["data"] == {
        "@type": "g:List",
        "@value": [{"@type": "g:Vertex", "@value": {"id": "DFW", "label": "airport"}}],
    }
    counted = neptune.execute_gremlin_query(gremlinQuery="g.V().count()")
    assert counted["result"]["data"]["@value"] == [{"@type": "g:Int64", "@value": 9}]
    untyped = neptune.execute_gremlin_query(
        gremlinQuery="g.V('AUS').out().values('code')", serializer="application/vnd.gremlin-v1.0+json"
    )
    assert untyped["result"]["data"] == ["DFW"]
    with pytest.raises(neptune.exceptions.UnsupportedOperationException):
        neptune.execute_gremlin_query(gremlinQuery="g.V()", serializer="application/vnd.graphbinary-v1.0")


@pytest.mark.parametrize(
    ("operation", "query", "code"),
    [
        ("execute_open_cypher_query", "MATCH (n RETURN n", "MalformedQueryException"),
        ("execute_open_cypher_query", "MATCH (n) RETURN n.x.y.z()", "UnsupportedOperationException"),
        ("execute_gremlin_query", "g.V().noSuchStep()", "MalformedQueryException"),
        ("execute_gremlin_query", "g.V('SEA').property(set, 'tag', 'a')", "UnsupportedOperationException"),
        ("execute_gremlin_query", "g.mergeV([(T.id): 'X', (T.label): 'airport'])", "UnsupportedOperationException"),
        ("execute_gremlin_query", "g.V().group().by(out().count())", "UnsupportedOperationException"),
    ],
)
def test_what_the_engine_cannot_run_is_a_typed_error(neptune, s3, operation, query, code):
    air_routes(neptune, s3)
    member = "openCypherQuery" if "cypher" in operation else "gremlinQuery"
    failure = error_of(pytest.raises(Exception, getattr(neptune, operation), **{member: query}))
    assert (failure.code, failure.status) == (code, 400)


def test_parameters_must_be_a_json_object(neptune):
    failure = error_of(
        pytest.raises(Exception, neptune.execute_open_cypher_query, openCypherQuery="RETURN 1", parameters="[1]")
    )
    assert failure.code == "InvalidParameterException"


def test_two_clusters_do_not_see_each_others_data(moto_ext_mock, s3):
    first, second = cluster_client(CLUSTER), cluster_client(OTHER_CLUSTER)
    air_routes(first, s3)
    assert cypher(first, "MATCH (n) RETURN count(n) AS n") == [{"n": 9}]
    assert cypher(second, "MATCH (n) RETURN count(n) AS n") == [{"n": 0}]
    cypher(second, "CREATE (:airport {code: 'ZZZ'})")
    assert gremlin(first, "g.V().has('code','ZZZ').count()") == [0]
    # the reader endpoint of a cluster reads the cluster's graph
    reader = cluster_client(CLUSTER.replace(".cluster-", ".cluster-ro-"))
    assert cypher(reader, "MATCH (n) RETURN count(n) AS n") == [{"n": 9}]


def test_the_cluster_key_is_the_host_without_port_in_lower_case():
    assert cluster_key("My-DB.cluster-ABC.us-east-1.neptune.amazonaws.com:8182") == (
        "my-db.cluster-abc.us-east-1.neptune.amazonaws.com"
    )
    assert (
        cluster_key("x.cluster-ro-abc.eu-west-1.neptune.amazonaws.com")
        == "x.cluster-abc.eu-west-1.neptune.amazonaws.com"
    )
    assert cluster_key("[::1]:8182") == "[::1]"
    assert cluster_key(None) == ""


def test_fast_reset_empties_the_graph(neptune, s3):
    air_routes(neptune, s3)
    token = neptune.execute_fast_reset(action="initiateDatabaseReset")["payload"]["token"]
    assert cypher(neptune, "MATCH (n) RETURN count(n) AS n") == [{"n": 9}]  # initiating changes nothing
    neptune.execute_fast_reset(action="performDatabaseReset", token=token)
    assert cypher(neptune, "MATCH (n) RETURN count(n) AS n") == [{"n": 0}]
    assert gremlin(neptune, "g.E().count()") == [0]


def test_the_summary_is_computed_from_the_graph(neptune, s3):
    air_routes(neptune, s3)
    basic = neptune.get_propertygraph_summary()["payload"]["graphSummary"]
    assert basic["numNodes"] == 9 and basic["numEdges"] == 12
    assert basic["nodeLabels"] == ["airport"] and basic["edgeLabels"] == ["route"]
    assert basic["nodeProperties"] == [{"city": 9}, {"code": 9}, {"country": 9}, {"runways": 9}]
    assert basic["edgeProperties"] == [{"dist": 12}]
    assert basic["totalNodePropertyValues"] == 36 and basic["totalEdgePropertyValues"] == 12
    assert "nodeStructures" not in basic

    detailed = neptune.get_propertygraph_summary(mode="detailed")["payload"]["graphSummary"]
    assert sum(structure["count"] for structure in detailed["nodeStructures"]) == 9
    assert {"count": 1, "nodeProperties": ["city", "code", "country", "runways"], "distinctOutgoingEdgeLabels": []} in (
        detailed["nodeStructures"]
    )  # BOS has no routes
    assert detailed["edgeStructures"] == [{"count": 12, "edgeProperties": ["dist"]}]

    cypher(neptune, "CREATE (:city {name: 'Austin'})")
    assert neptune.get_propertygraph_summary()["payload"]["graphSummary"]["numNodeLabels"] == 2


def test_fail_on_error_keeps_a_bad_feed_out_of_the_graph(neptune, s3):
    bad = "~id,~label,runways:Int\nX1,airport,many\nX2,airport,3\n"
    overall = load(neptune, s3, {"bad.csv": bad}, prefix="strict")
    assert (overall["status"], overall["parsingErrors"]) == ("LOAD_FAILED", 1)
    assert cypher(neptune, "MATCH (n) WHERE id(n) STARTS WITH 'X' RETURN count(n) AS n") == [{"n": 0}]

    load(neptune, s3, {"bad.csv": bad}, prefix="lenient", failOnError=False)
    # without failOnError the valid record loads, the one whose value is not an Int does not
    assert cypher(neptune, "MATCH (n) WHERE id(n) STARTS WITH 'X' RETURN id(n) AS id") == [{"id": "X2"}]


def test_list_properties_and_several_labels_load(neptune, s3):
    files = {"v.csv": "~id,~label,tags:String[]\np1,person;author,a;b\n"}
    load(neptune, s3, files, prefix="lists")
    assert cypher(neptune, "MATCH (p:person:author) RETURN p.tags AS tags, labels(p) AS labels") == [
        {"tags": ["a", "b"], "labels": ["person", "author"]}
    ]


def test_update_single_cardinality_properties(neptune, s3):
    load(neptune, s3, {"v.csv": "~id,~label,name\np1,person,first\n"}, prefix="one")
    load(neptune, s3, {"v.csv": "~id,~label,name\np1,person,second\n"}, prefix="two")
    assert cypher(neptune, "MATCH (p:person) RETURN p.name AS name") == [{"name": "first"}]
    load(
        neptune,
        s3,
        {"v.csv": "~id,~label,name\np1,person,third\n"},
        prefix="three",
        updateSingleCardinalityProperties=True,
    )
    assert cypher(neptune, "MATCH (p:person) RETURN p.name AS name") == [{"name": "third"}]


def test_statistics_status_refresh_auto_compute_and_delete(neptune, s3):
    air_routes(neptune, s3)
    status = neptune.get_propertygraph_statistics()["payload"]
    assert (status["autoCompute"], status["active"]) == (True, True)
    assert status["signatureInfo"]["instanceCount"] == 9

    # with auto-compute off, the statistics (and the summary) stay as last computed
    neptune.manage_propertygraph_statistics(mode="disableAutoCompute")
    cypher(neptune, "CREATE (:airport {code: 'NEW'})")
    assert neptune.get_propertygraph_summary()["payload"]["graphSummary"]["numNodes"] == 9
    refreshed = neptune.manage_propertygraph_statistics(mode="refresh")["payload"]["statisticsId"]
    assert neptune.get_propertygraph_statistics()["payload"]["statisticsId"] == refreshed
    assert neptune.get_propertygraph_summary()["payload"]["graphSummary"]["numNodes"] == 10

    deleted = neptune.delete_propertygraph_statistics()
    assert deleted["payload"] == {"active": False, "statisticsId": "-1"}
    assert neptune.get_propertygraph_statistics()["payload"] == {"autoCompute": False, "active": False}
    failure = error_of(pytest.raises(Exception, neptune.get_propertygraph_summary))
    assert (failure.code, failure.status) == ("StatisticsNotAvailableException", 400)
    neptune.manage_propertygraph_statistics(mode="refresh")
    assert neptune.get_propertygraph_summary()["payload"]["graphSummary"]["numNodes"] == 10


def test_properties_answer_property_objects(neptune, s3):
    air_routes(neptune, s3)
    answer = neptune.execute_gremlin_query(gremlinQuery="g.V('LHR').properties('city')")["result"]["data"]
    [vertex_property] = answer["@value"]
    assert vertex_property["@type"] == "g:VertexProperty"
    assert (vertex_property["@value"]["label"], vertex_property["@value"]["value"]) == ("city", "London")
    [edge_property] = gremlin(neptune, "g.E('r10').properties()")
    assert (edge_property.key, edge_property.value) == ("dist", 190)
    assert gremlin(neptune, "g.V('LHR').properties('city').value()") == ["London"]


def test_merge_v_with_a_groovy_map(neptune, s3):
    air_routes(neptune, s3)
    assert gremlin(neptune, "g.mergeV([code: 'SEA']).count()") == [1]  # found, not created
    assert gremlin(neptune, "g.mergeV([code: 'NEW']).values('code')") == ["NEW"]
    assert cypher(neptune, "MATCH (n {code: 'NEW'}) RETURN count(n) AS n") == [{"n": 1}]


def test_opencypher_columns_come_in_return_order(neptune, s3):
    air_routes(neptune, s3)
    [row] = cypher(neptune, "MATCH (a:airport {code: 'SEA'}) RETURN a.runways, a.code AS z, a.city AS `b c`, count(*)")
    assert list(row) == ["a.runways", "z", "b c", "count(*)"]
