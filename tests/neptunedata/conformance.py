"""A conformance suite for Neptune's query languages, in the style of the user guide's air-routes
examples (airports with ``code``/``city``/``country``/``runways``, ``route`` edges with ``dist``).

Each case is (name, setup queries, query, parameters, expected rows). Rows are lists of dicts with
scalar values (nodes are compared by their ``code``). Expected answers were worked out by hand
from ``AIRPORTS``/``ROUTES``; the benchmark script runs every candidate engine over the same cases
(pass, typed error, silent wrong answer), and tests/neptunedata/test_graph_queries.py runs the
chosen engine through boto3.
"""

from __future__ import annotations

from typing import Any

# (id, code, city, country, runways)
AIRPORTS = [
    ("SEA", "Seattle", "US", 3),
    ("ANC", "Anchorage", "US", 3),
    ("LAX", "Los Angeles", "US", 4),
    ("JFK", "New York", "US", 4),
    ("LHR", "London", "UK", 2),
    ("CDG", "Paris", "FR", 4),
    ("AUS", "Austin", "US", 2),
    ("DFW", "Dallas", "US", 7),
    ("BOS", "Boston", "US", 6),
]
# (from, to, dist)
ROUTES = [
    ("SEA", "ANC", 1440),
    ("SEA", "LAX", 954),
    ("SEA", "JFK", 2421),
    ("ANC", "SEA", 1440),
    ("LAX", "JFK", 2475),
    ("LAX", "AUS", 1242),
    ("JFK", "LHR", 3451),
    ("JFK", "CDG", 3624),
    ("LHR", "CDG", 216),
    ("AUS", "DFW", 190),
    ("DFW", "LAX", 1235),
    ("CDG", "LHR", 216),
]


def gremlin_csv() -> tuple[str, str]:
    """The sample in the bulk loader's Gremlin CSV format (vertices file, edges file)."""
    vertices = ["~id,~label,code:String,city:String,country:String,runways:Int"]
    vertices += [f"{code},airport,{code},{city},{country},{runways}" for code, city, country, runways in AIRPORTS]
    edges = ["~id,~from,~to,~label,dist:Int"]
    edges += [f"r{n},{a},{b},route,{dist}" for n, (a, b, dist) in enumerate(ROUTES, start=1)]
    return "\n".join(vertices) + "\n", "\n".join(edges) + "\n"


def opencypher_csv() -> tuple[str, str]:
    """The sample in the bulk loader's openCypher CSV format (nodes file, relationships file)."""
    nodes = [":ID,:LABEL,code:String,city:String,country:String,runways:Int"]
    nodes += [f"{code},airport,{code},{city},{country},{runways}" for code, city, country, runways in AIRPORTS]
    rels = [":ID,:START_ID,:END_ID,:TYPE,dist:Int"]
    rels += [f"r{n},{a},{b},route,{dist}" for n, (a, b, dist) in enumerate(ROUTES, start=1)]
    return "\n".join(nodes) + "\n", "\n".join(rels) + "\n"


Case = tuple[str, list[str], str, dict[str, Any], list[Any]]


def _codes(*codes: str, column: str = "code") -> list[dict[str, Any]]:
    return [{column: code} for code in codes]


CYPHER_CASES: list[Case] = [
    ("count", [], "MATCH (a:airport) RETURN count(a) AS n", {}, [{"n": 9}]),
    (
        "out_neighbours",
        [],
        "MATCH (a:airport {code: 'SEA'})-[:route]->(d) RETURN d.code AS code ORDER BY code",
        {},
        _codes("ANC", "JFK", "LAX"),
    ),
    (
        "where_order_limit",
        [],
        "MATCH (a:airport)-[r:route]->(b:airport) WHERE a.code = 'SEA' "
        "RETURN b.code AS code, r.dist AS dist ORDER BY dist DESC LIMIT 2",
        {},
        [{"code": "JFK", "dist": 2421}, {"code": "ANC", "dist": 1440}],
    ),
    (
        "two_hops",
        [],
        "MATCH (a:airport {code: 'SEA'})-[:route]->()-[:route]->(c:airport) RETURN DISTINCT c.code AS code ORDER BY code",
        {},
        _codes("AUS", "CDG", "JFK", "LHR", "SEA"),
    ),
    (
        "group_count",
        [],
        "MATCH (a:airport) RETURN a.country AS country, count(*) AS n ORDER BY n DESC, country",
        {},
        [{"country": "US", "n": 7}, {"country": "FR", "n": 1}, {"country": "UK", "n": 1}],
    ),
    (
        "comparison",
        [],
        "MATCH (a:airport) WHERE a.runways >= 4 RETURN a.code AS code ORDER BY code",
        {},
        _codes("BOS", "CDG", "DFW", "JFK", "LAX"),
    ),
    (
        "parameters",
        [],
        "MATCH (a:airport {code: $code}) RETURN a.city AS city",
        {"code": "LHR"},
        [{"city": "London"}],
    ),
    (
        "optional_match",
        [],
        "MATCH (a:airport {code: 'BOS'}) OPTIONAL MATCH (a)-[:route]->(b) RETURN a.code AS a, b.code AS b",
        {},
        [{"a": "BOS", "b": None}],
    ),
    (
        "with_where",
        [],
        "MATCH (a:airport)-[:route]->(b) WITH a, count(b) AS out WHERE out > 2 RETURN a.code AS code, out",
        {},
        [{"code": "SEA", "out": 3}],
    ),
    (
        "unwind",
        [],
        "UNWIND ['SEA', 'LHR'] AS c MATCH (a:airport {code: c}) RETURN a.city AS city ORDER BY city",
        {},
        [{"city": "London"}, {"city": "Seattle"}],
    ),
    (
        "skip_limit",
        [],
        "MATCH (a:airport) RETURN a.code AS code ORDER BY code SKIP 2 LIMIT 3",
        {},
        _codes("BOS", "CDG", "DFW"),
    ),
    (
        "sum_max",
        [],
        "MATCH (:airport {code: 'JFK'})-[r:route]->() RETURN sum(r.dist) AS total, max(r.dist) AS longest",
        {},
        [{"total": 7075, "longest": 3624}],
    ),
    (
        "variable_length",
        [],
        "MATCH (a:airport {code: 'AUS'})-[:route*1..2]->(b) RETURN DISTINCT b.code AS code ORDER BY code",
        {},
        _codes("DFW", "LAX"),
    ),
    (
        "starts_with",
        [],
        "MATCH (a:airport) WHERE a.code STARTS WITH 'L' RETURN a.code AS code ORDER BY code",
        {},
        _codes("LAX", "LHR"),
    ),
    (
        "in_list",
        [],
        "MATCH (a:airport) WHERE a.country IN ['UK', 'FR'] RETURN a.code AS code ORDER BY code",
        {},
        _codes("CDG", "LHR"),
    ),
    (
        "incoming",
        [],
        "MATCH (a:airport {code: 'LHR'})<-[:route]-(b) RETURN b.code AS code ORDER BY code",
        {},
        _codes("CDG", "JFK"),
    ),
    (
        "relationship_type",
        [],
        "MATCH (:airport {code: 'AUS'})-[r:route]->() RETURN type(r) AS t, r.dist AS d",
        {},
        [{"t": "route", "d": 190}],
    ),
    ("labels", [], "MATCH (a {code: 'LHR'}) RETURN labels(a) AS l", {}, [{"l": ["airport"]}]),
    (
        "no_outgoing",
        [],
        "MATCH (a:airport) WHERE NOT (a)-[:route]->() RETURN a.code AS code",
        {},
        _codes("BOS"),
    ),
    (
        "case",
        [],
        "MATCH (a:airport {code: 'SEA'}) RETURN CASE WHEN a.runways > 2 THEN 'big' ELSE 'small' END AS size",
        {},
        [{"size": "big"}],
    ),
    (
        "count_distinct",
        [],
        "MATCH (a:airport)-[:route]->(b) RETURN count(DISTINCT a.country) AS n",
        {},
        [{"n": 3}],
    ),
    (
        "collect_size",
        [],
        "MATCH (a:airport {code: 'LAX'})-[:route]->(b) RETURN size(collect(b.code)) AS n",
        {},
        [{"n": 2}],
    ),
    ("string_function", [], "RETURN toUpper('abc') AS x", {}, [{"x": "ABC"}]),
    (
        "create",
        ["CREATE (a:airport {code: 'XXX', runways: 1})"],
        "MATCH (a:airport) RETURN count(a) AS n",
        {},
        [{"n": 10}],
    ),
    (
        "merge_existing",
        ["MERGE (a:airport {code: 'SEA'})"],
        "MATCH (a:airport {code: 'SEA'}) RETURN count(a) AS n",
        {},
        [{"n": 1}],
    ),
    (
        "set",
        ["MATCH (a:airport {code: 'SEA'}) SET a.runways = 5"],
        "MATCH (a:airport {code: 'SEA'}) RETURN a.runways AS r",
        {},
        [{"r": 5}],
    ),
    (
        "remove",
        ["MATCH (a:airport {code: 'SEA'}) REMOVE a.runways"],
        "MATCH (a:airport {code: 'SEA'}) RETURN a.runways AS r",
        {},
        [{"r": None}],
    ),
    (
        "detach_delete",
        ["MATCH (a:airport {code: 'SEA'}) DETACH DELETE a"],
        "MATCH ()-[r:route]->() RETURN count(r) AS n",
        {},
        [{"n": 8}],
    ),
    (
        "create_relationship",
        ["MATCH (a:airport {code: 'BOS'}), (b:airport {code: 'SEA'}) CREATE (a)-[:route {dist: 2496}]->(b)"],
        "MATCH (:airport {code: 'BOS'})-[r:route]->(b) RETURN b.code AS code, r.dist AS dist",
        {},
        [{"code": "SEA", "dist": 2496}],
    ),
]

GREMLIN_CASES: list[Case] = [
    ("count", [], "g.V().hasLabel('airport').count()", {}, [9]),
    ("edges", [], "g.E().hasLabel('route').count()", {}, [12]),
    ("out", [], "g.V().has('code','SEA').out('route').values('code').order()", {}, ["ANC", "JFK", "LAX"]),
    ("by_id", [], "g.V('SEA').out().count()", {}, [3]),
    (
        "two_hops",
        [],
        "g.V().has('airport','code','SEA').out().out().dedup().values('code').order()",
        {},
        ["AUS", "CDG", "JFK", "LHR", "SEA"],
    ),
    (
        "order_by_edge",
        [],
        "g.V().has('code','SEA').outE('route').order().by('dist',desc).limit(1).inV().values('code')",
        {},
        ["JFK"],
    ),
    ("group_count", [], "g.V().hasLabel('airport').groupCount().by('country')", {}, [{"US": 7, "UK": 1, "FR": 1}]),
    ("group", [], "g.V().hasLabel('airport').group().by('country').by(count())", {}, [{"US": 7, "UK": 1, "FR": 1}]),
    ("value_map", [], "g.V().has('code','LHR').valueMap('city')", {}, [{"city": ["London"]}]),
    ("path", [], "g.V().has('code','AUS').out().path().by('code')", {}, [["AUS", "DFW"]]),
    (
        "project",
        [],
        "g.V().has('code','SEA').project('c','n').by('code').by(out().count())",
        {},
        [{"c": "SEA", "n": 3}],
    ),
    ("predicate", [], "g.V().has('runways', gte(4)).values('code').order()", {}, ["BOS", "CDG", "DFW", "JFK", "LAX"]),
    ("sum", [], "g.V().has('code','JFK').outE().values('dist').sum()", {}, [7075]),
    ("in", [], "g.V().has('code','DFW').in('route').values('code')", {}, ["AUS"]),
    ("where", [], "g.V().has('code','SEA').out().where(out().has('code','JFK')).values('code')", {}, ["LAX"]),
    ("both", [], "g.V().has('code','BOS').both().count()", {}, [0]),
    (
        "select",
        [],
        "g.V().has('code','AUS').as('a').out().as('b').select('a','b').by('code')",
        {},
        [{"a": "AUS", "b": "DFW"}],
    ),
    ("element_map", [], "g.V('AUS').elementMap('code')", {}, [{"id": "AUS", "label": "airport", "code": "AUS"}]),
    ("within", [], "g.V().has('code', within('SEA','LHR')).count()", {}, [2]),
    ("add_vertex", ["g.addV('airport').property('code','XXX')"], "g.V().hasLabel('airport').count()", {}, [10]),
    ("drop", ["g.V('SEA').drop()"], "g.E().count()", {}, [8]),
    (
        "add_edge",
        ["g.V('BOS').addE('route').to(__.V('SEA')).property('dist', 2496)"],
        "g.V('BOS').out('route').values('code')",
        {},
        ["SEA"],
    ),
    (
        "set_property",
        ["g.V('SEA').property(single, 'runways', 5)"],
        "g.V('SEA').values('runways')",
        {},
        [5],
    ),
]
