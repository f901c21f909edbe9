"""The query-text rewrites (graph/text.py) and the bulk-load record reader (graph/records.py)."""

import pytest

from moto_ext.neptunedata.graph import records, text
from moto_ext.neptunedata.graph.errors import QueryError


@pytest.mark.parametrize(
    ("written", "engine"),
    [
        ("g.V().has('code','SEA')", 'g.V().has("code","SEA")'),
        ("g.V().has('name', 'it\\'s')", 'g.V().has("name", "it\'s")'),
        ("g.V().order().by('dist', desc)", 'g.V().order().by("dist", Order.desc)'),
        ("g.V('x').property(single, 'k', 1)", 'g.V("x").property(Cardinality.single, "k", 1)'),
        ("g.V().where(out().count().is(gt(2)))", "g.V().where(__.out().count().is(P.gt(2)))"),
        ("g.V().has('code', within('A','B'))", 'g.V().has("code", P.within("A","B"))'),
        ("g.V().has('n', startingWith('x'))", 'g.V().has("n", TextP.startingWith("x"))'),
        ("g.V().group().by(label).by(id)", "g.V().group().by(T.label).by(T.id)"),
        ("g.V().limit(2L).has('w', gt(0.5D))", 'g.V().limit(2).has("w", P.gt(0.5))'),
        ("g.V('a').addE('r').to(V('b'))", 'g.V("a").addE("r").to(__.V("b"))'),
        ('g.V().has("desc", "desc")', 'g.V().has("desc", "desc")'),  # strings are never rewritten
        ("g.mergeV([code: 'NEW', id: 1, tags: ['a']])", 'g.mergeV(#{code: "NEW", id: 1, tags: ["a"]})'),
        ("g.inject([:])", "g.inject(#{})"),
    ],
)
def test_gremlin_is_rewritten_to_the_engine_dialect(written, engine):
    assert text.gremlin(written) == engine


def test_a_traversal_ending_in_properties_projects_them():
    assert text.gremlin("g.V('a').properties('k')").endswith(
        '.project("__owner", "__key", "__value").by(__.select("__o")).by(__.key()).by(__.value())'
    )
    assert text.gremlin("g.V('a').properties('k').value()") == 'g.V("a").properties("k").value()'


def test_opencypher_id_is_the_element_id():
    assert text.opencypher("MATCH (n) WHERE id(n) = 'id(n)' RETURN ID(n), n.id") == (
        "MATCH (n) WHERE elementId(n) = 'id(n)' RETURN elementId(n), n.id"
    )


def test_gremlin_csv_types_arrays_and_labels():
    data = b"~id,~label,age:Int,score:Double,ok:Bool,tags:String[],name\nv1,a;b,3,1.5,TRUE,x;y,ann\n"
    [vertex] = records.parse(data, "v.csv", "csv").vertices
    assert (vertex.id, vertex.labels) == ("v1", ["a", "b"])
    assert vertex.properties == {"age": 3, "score": 1.5, "ok": True, "tags": ["x", "y"], "name": "ann"}


def test_opencypher_csv_id_spaces_names_and_relationships():
    nodes = records.parse(b"movieId:ID(Movie),:LABEL,title\nm1,Movie,Alien\n", "n.csv", "opencypher")
    [node] = nodes.vertices
    assert (node.id, node.labels, node.properties) == ("m1", ["Movie"], {"movieId": "m1", "title": "Alien"})
    rels = records.parse(b":START_ID,:END_ID,:TYPE,since:Int\nm1,m2,SEQUEL,1986\n", "r.csv", "opencypher")
    [edge] = rels.edges
    assert (edge.source, edge.target, edge.label, edge.properties) == ("m1", "m2", "SEQUEL", {"since": 1986})
    assert edge.id  # an id is made for a relationship without one


def test_a_value_not_of_its_type_is_an_error_of_its_record():
    found = records.parse(b"~id,age:Int,ok:Bool\nv1,old,true\nv2,3,maybe\nv3,4,false\n", "v.csv", "csv")
    assert [v.id for v in found.vertices] == ["v3"]
    assert [number for number, _ in found.errors] == [1, 2]


def test_maps_keyed_by_tokens_are_refused():
    with pytest.raises(QueryError) as refused:
        text.gremlin("g.mergeV([(T.id): 'x', (T.label): 'airport'])")
    assert refused.value.kind == "unsupported"
