"""RDF through the bulk loader and SPARQL: the RDF formats load into the cluster's RDF data, which
/sparql queries, GetRDFGraphSummary summarizes and fast reset empties."""

import pytest
import requests

from tests.support import error_of

from .helpers import BUCKET, CLUSTER, ROLE

TURTLE = """@prefix ex: <http://example.org/> .
ex:SEA a ex:Airport ; ex:code "SEA" ; ex:route ex:ANC, ex:LAX .
ex:ANC a ex:Airport ; ex:code "ANC" .
ex:LAX a ex:Airport ; ex:code "LAX" .
"""
NTRIPLES = "<http://example.org/LAX> <http://example.org/route> <http://example.org/JFK> .\n"
NQUADS = '<http://example.org/JFK> <http://example.org/code> "JFK" <http://example.org/g1> .\n'


def load(neptune, s3, key, body, load_format, **options):
    s3.put_object(Bucket=BUCKET, Key=f"rdf/{key}", Body=body.encode())
    load_id = neptune.start_loader_job(
        source=f"s3://{BUCKET}/rdf/{key}", format=load_format, s3BucketRegion="us-east-1", iamRoleArn=ROLE, **options
    )["payload"]["loadId"]
    status = neptune.get_loader_job_status(loadId=load_id)["payload"]["overallStatus"]
    while status["status"] == "LOAD_IN_PROGRESS":
        status = neptune.get_loader_job_status(loadId=load_id)["payload"]["overallStatus"]
    return status


def select(query):
    answer = requests.post(f"{CLUSTER}/sparql", data={"query": query}, timeout=5)
    assert answer.status_code == 200, answer.text
    return [{k: v["value"] for k, v in row.items()} for row in answer.json()["results"]["bindings"]]


@pytest.fixture
def airports(neptune, s3):
    assert load(neptune, s3, "air.ttl", TURTLE, "turtle")["status"] == "LOAD_COMPLETED"
    assert load(neptune, s3, "more.nt", NTRIPLES, "ntriples")["status"] == "LOAD_COMPLETED"
    assert load(neptune, s3, "quads.nq", NQUADS, "nquads")["status"] == "LOAD_COMPLETED"


def test_loaded_rdf_answers_sparql(airports):
    two_hops = "PREFIX ex: <http://example.org/> SELECT DISTINCT ?code WHERE { ex:SEA ex:route/ex:route ?b . ?b ex:code ?code }"
    assert select(two_hops) == [{"code": "JFK"}]
    # a named graph of the N-Quads is read too (queries see the union of the graphs)
    assert select("SELECT ?g WHERE { GRAPH ?g { ?s <http://example.org/code> 'JFK' } }") == [
        {"g": "http://example.org/g1"}
    ]
    # the other formats went to Neptune's default named graph
    named = "http://aws.amazon.com/neptune/vocab/v01/DefaultNamedGraph"
    assert select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{named}> {{ ?s ?p ?o }} }}") == [{"n": "9"}]


def test_rdf_graph_summary_and_statistics(neptune, airports):
    summary = neptune.get_rdf_graph_summary(mode="detailed")["payload"]["graphSummary"]
    assert summary["numQuads"] == 10 and summary["numDistinctSubjects"] == 4
    assert summary["classes"] == ["http://example.org/Airport"]
    assert {"http://example.org/route": 3} in summary["predicates"]
    assert sum(structure["count"] for structure in summary["subjectStructures"]) == 4
    assert "subjectStructures" not in neptune.get_rdf_graph_summary()["payload"]["graphSummary"]

    status = neptune.get_sparql_statistics()["payload"]
    assert status["active"] is True and status["signatureInfo"]["instanceCount"] == 4
    neptune.delete_sparql_statistics()
    failure = error_of(pytest.raises(Exception, neptune.get_rdf_graph_summary))
    assert failure.code == "StatisticsNotAvailableException"
    assert neptune.manage_sparql_statistics(mode="refresh")["payload"]["statisticsId"]
    # the property graph's statistics are another thing
    assert neptune.get_propertygraph_statistics()["payload"]["active"] is True


def test_fast_reset_empties_the_rdf_data(neptune, airports):
    token = neptune.execute_fast_reset(action="initiateDatabaseReset")["payload"]["token"]
    neptune.execute_fast_reset(action="performDatabaseReset", token=token)
    assert select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == [{"n": "0"}]


def test_a_document_rdflib_cannot_read_fails_the_load(neptune, s3):
    status = load(neptune, s3, "bad.ttl", "@prefix ex: <http://example.org/> .\nex:a ex:b .\n", "turtle")
    assert status["status"] == "LOAD_FAILED"
    assert select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == [{"n": "0"}]
