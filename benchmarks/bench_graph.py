"""The Neptune graph, timed: a 10k-node bulk load and a 2-hop query through boto3 in-process; with
``--evaluate``, the engine evaluation behind moto_ext/neptunedata/graph/engine.py.

Default run: 10,000 airports and 30,000 routes (random, seeded) written to moto's S3 as the
loader's Gremlin CSV, loaded with StartLoaderJob, then a 2-hop query in openCypher and in Gremlin
(median of ``--repeat`` runs).

``--evaluate``: every candidate engine that is installed runs the conformance suite
(tests/neptunedata/conformance.py) on a fresh copy of the air-routes sample per case: pass, typed
error (the engine refused), or silent wrong answer; then the same 10k/30k load and 2-hop query
directly on the engine. Candidates: graphersal (openCypher via its GQL, Gremlin), graphqlite (via
apsw), kuzu, nxcypher, grand-cypher.

    python benchmarks/bench_graph.py [--nodes 10000] [--repeat 5] [--evaluate]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import time
from typing import Any

import boto3

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from moto_ext import mock_ext  # noqa: E402
from tests.neptunedata import conformance  # noqa: E402

REGION = "us-east-1"
CLUSTER = "https://bench.cluster-abc.us-east-1.neptune.amazonaws.com:8182"
BUCKET = "bench-graph"
ROLE = "arn:aws:iam::123456789012:role/NeptuneLoadFromS3"
ROUTES_PER_AIRPORT = 3


def random_graph(nodes: int) -> tuple[list[tuple[str, dict[str, Any]]], list[tuple[str, str, int]]]:
    rng = random.Random(7)
    vertices = [(f"a{i}", {"code": f"C{i}", "runways": i % 7}) for i in range(nodes)]
    edges = [edge for i in range(nodes) for edge in _routes(rng, i, nodes)]
    return vertices, edges


def _routes(rng: random.Random, source: int, nodes: int) -> list[tuple[str, str, int]]:
    return [(f"a{source}", f"a{rng.randrange(nodes)}", rng.randrange(100, 5000)) for _ in range(ROUTES_PER_AIRPORT)]


def _median(call: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def bench_mock(nodes: int, repeat: int) -> None:
    vertices, edges = random_graph(nodes)
    vertex_csv = "~id,~label,code:String,runways:Int\n" + "".join(
        f"{vid},airport,{p['code']},{p['runways']}\n" for vid, p in vertices
    )
    edge_csv = "~id,~from,~to,~label,dist:Int\n" + "".join(
        f"r{n},{a},{b},route,{d}\n" for n, (a, b, d) in enumerate(edges)
    )
    with mock_ext():
        s3 = boto3.client("s3", region_name=REGION)
        s3.create_bucket(Bucket=BUCKET)
        s3.put_object(Bucket=BUCKET, Key="graph/vertices.csv", Body=vertex_csv.encode())
        s3.put_object(Bucket=BUCKET, Key="graph/edges.csv", Body=edge_csv.encode())
        neptune = boto3.client("neptunedata", region_name=REGION, endpoint_url=CLUSTER)

        started = time.perf_counter()
        load_id = neptune.start_loader_job(
            source=f"s3://{BUCKET}/graph/", format="csv", s3BucketRegion=REGION, iamRoleArn=ROLE
        )["payload"]["loadId"]
        status = neptune.get_loader_job_status(loadId=load_id)["payload"]["overallStatus"]["status"]
        while status == "LOAD_IN_PROGRESS":
            status = neptune.get_loader_job_status(loadId=load_id)["payload"]["overallStatus"]["status"]
        loaded = time.perf_counter() - started
        print(f"load {nodes} vertices + {len(edges)} edges (StartLoaderJob until {status}): {loaded:.2f} s")

        cypher = "MATCH (a:airport {code: 'C5'})-[:route]->()-[:route]->(c) RETURN count(DISTINCT c) AS n"
        gremlin = "g.V().has('airport','code','C5').out('route').out('route').dedup().count()"
        answer = neptune.execute_open_cypher_query(openCypherQuery=cypher)["results"]
        seconds = _median(lambda: neptune.execute_open_cypher_query(openCypherQuery=cypher), repeat)
        print(f"2-hop openCypher {answer}: {seconds * 1000:.1f} ms (median of {repeat}, boto3 round trip)")
        answer = neptune.execute_gremlin_query(gremlinQuery=gremlin)["result"]["data"]
        seconds = _median(lambda: neptune.execute_gremlin_query(gremlinQuery=gremlin), repeat)
        print(f"2-hop Gremlin {answer}: {seconds * 1000:.1f} ms (median of {repeat}, boto3 round trip)")


# --- the engine evaluation ---------------------------------------------------------------------


def _sample() -> tuple[list[tuple[str, str, dict[str, Any]]], list[tuple[str, str, str, str, dict[str, Any]]]]:
    nodes = [
        (code, "airport", {"code": code, "city": city, "country": country, "runways": runways})
        for code, city, country, runways in conformance.AIRPORTS
    ]
    edges = [(f"r{n}", a, b, "route", {"dist": d}) for n, (a, b, d) in enumerate(conformance.ROUTES, start=1)]
    return nodes, edges


def _normal(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_normal(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class Graphersal:
    name = "graphersal"

    def load(self, nodes: list[Any], edges: list[Any]) -> None:
        from moto_ext.neptunedata.graph.engine import EdgeRecord, GraphersalEngine, VertexRecord

        self.engine = GraphersalEngine()
        self.engine.add_vertices([VertexRecord(i, [label], props) for i, label, props in nodes], update_single=False)
        self.engine.add_edges([EdgeRecord(e, a, b, t, props) for e, a, b, t, props in edges])

    def cypher(self, query: str, params: dict[str, Any]) -> list[Any]:
        return self.engine.opencypher(query, params)

    def gremlin(self, query: str) -> list[Any]:
        return self.engine.gremlin(query)

    def raw_gremlin(self, query: str) -> list[Any]:
        """The query as written, with only its quotes made double (no other rewrite)."""
        result = self.engine.graph.execute(re.sub(r"'([^'\\]*)'", lambda m: json.dumps(m.group(1)), query))
        return result if isinstance(result, list) else [result]


class GraphQLite:
    name = "graphqlite (apsw)"

    def load(self, nodes: list[Any], edges: list[Any]) -> None:
        import apsw
        import graphqlite

        self.connection = apsw.Connection(":memory:")
        graphqlite.load(self.connection)
        self.connection.execute("BEGIN")
        for i, label, props in nodes:
            self.cypher(f"CREATE (n:{label} {{`~id`: $id}}) SET n += $props", {"id": i, "props": props})
        for _, a, b, label, props in edges:
            self.cypher(
                f"MATCH (x {{`~id`: $a}}), (y {{`~id`: $b}}) CREATE (x)-[r:{label}]->(y) SET r += $props",
                {"a": a, "b": b, "props": props},
            )
        self.connection.execute("COMMIT")

    def cypher(self, query: str, params: dict[str, Any]) -> list[Any]:
        if params:
            cursor = self.connection.execute("SELECT cypher(?, ?)", (query, json.dumps(params)))
        else:
            cursor = self.connection.execute("SELECT cypher(?)", (query,))
        row: Any = cursor.fetchone()
        found = json.loads(row[0] or "[]")
        return found if isinstance(found, list) else []


class Kuzu:
    name = "kuzu"

    def load(self, nodes: list[Any], edges: list[Any]) -> None:
        import kuzu

        self.connection = kuzu.Connection(kuzu.Database(":memory:"))
        # schema first: one table per label, typed columns, a primary key
        self.connection.execute(
            "CREATE NODE TABLE airport(id STRING, code STRING, city STRING, country STRING, runways INT64, "
            "PRIMARY KEY(id))"
        )
        self.connection.execute("CREATE REL TABLE route(FROM airport TO airport, dist INT64)")
        for i, _, props in nodes:
            self.connection.execute(
                "CREATE (:airport {id: $id, code: $code, city: $city, country: $country, runways: $runways})",
                {"id": i, "city": "", "country": "", **props},
            )
        for _, a, b, _, props in edges:
            self.connection.execute(
                "MATCH (x:airport {id: $a}), (y:airport {id: $b}) CREATE (x)-[:route {dist: $d}]->(y)",
                {"a": a, "b": b, "d": props["dist"]},
            )

    def cypher(self, query: str, params: dict[str, Any]) -> list[Any]:
        result: Any = self.connection.execute(query, params or {})
        columns = result.get_column_names()
        rows = []
        while result.has_next():
            rows.append(dict(zip(columns, result.get_next())))
        return rows


class NxCypher:
    name = "nxcypher"
    module = "nxcypher"

    def load(self, nodes: list[Any], edges: list[Any]) -> None:
        import networkx

        self.graph = networkx.MultiDiGraph()
        for i, label, props in nodes:
            self.graph.add_node(i, __labels__={label}, **props)
        for _, a, b, label, props in edges:
            self.graph.add_edge(a, b, __labels__={label}, **props)

    def cypher(self, query: str, params: dict[str, Any]) -> list[Any]:
        from nxcypher import NXCypher

        return self._rows(NXCypher(self.graph).run(query, params or None))

    @staticmethod
    def _rows(found: dict[Any, list[Any]]) -> list[Any]:
        columns = list(found)
        return [{str(c): found[c][n] for c in columns} for n in range(len(found[columns[0]]) if columns else 0)]


class GrandCypher(NxCypher):
    name = "grand-cypher"

    def cypher(self, query: str, params: dict[str, Any]) -> list[Any]:
        from grandcypher import GrandCypher as Engine

        if params:
            raise NotImplementedError("no query parameters")
        return self._rows(Engine(self.graph).run(query))


def _score(engine: Any, cases: list[conformance.Case], run: Any) -> dict[str, int]:
    score = {"pass": 0, "typed error": 0, "silent wrong": 0}
    for _, setup, query, params, expected in cases:
        try:
            engine.load(*_sample())
            for statement in setup:
                run(statement, {})
            found = _normal(run(query, params))
        except Exception:
            score["typed error"] += 1
            continue
        score["pass" if found == expected else "silent wrong"] += 1
    return score


def _speed(engine: Any, nodes: int, two_hop: Any) -> str:
    vertices, edges = random_graph(nodes)
    started = time.perf_counter()
    engine.load(
        [(vid, "airport", props) for vid, props in vertices],
        [(f"r{n}", a, b, "route", {"dist": d}) for n, (a, b, d) in enumerate(edges)],
    )
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    two_hop()
    return f"load {loaded:.2f} s, 2-hop {(time.perf_counter() - started) * 1000:.1f} ms"


def evaluate(nodes: int) -> None:
    two_hop = "MATCH (a:airport {code: 'C5'})-[:route]->()-[:route]->(c) RETURN count(DISTINCT c) AS n"
    for candidate in (Graphersal, GraphQLite, Kuzu, NxCypher, GrandCypher):
        engine = candidate()
        try:
            score = _score(engine, conformance.CYPHER_CASES, engine.cypher)
            speed = _speed(engine, nodes, lambda engine=engine: engine.cypher(two_hop, {}))
        except ImportError as missing:
            print(f"{candidate.name}: not installed ({missing})")
            continue
        except Exception as error:  # an engine failing the 10k load is a figure too
            speed = f"10k load failed: {type(error).__name__}"
        print(f"{candidate.name} openCypher {score}; {speed}")
    engine = Graphersal()
    print(f"graphersal Gremlin {_score(engine, conformance.GREMLIN_CASES, lambda q, p: engine.gremlin(q))}")
    print(f"graphersal Gremlin, raw {_score(engine, conformance.GREMLIN_CASES, lambda q, p: engine.raw_gremlin(q))}")
    print(
        "graphersal Gremlin 2-hop; "
        + _speed(engine, nodes, lambda: engine.gremlin("g.V('a5').out().out().dedup().count()"))
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--evaluate", action="store_true", help="score the candidate engines instead")
    args = parser.parse_args()
    if args.evaluate:
        evaluate(args.nodes)
    else:
        bench_mock(args.nodes, args.repeat)


if __name__ == "__main__":
    main()
