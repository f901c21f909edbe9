"""Neptune's data: one property graph and one RDF store per cluster, fed by the bulk loader.

- engine.py: the embedded engine (graphersal: openCypher through its GQL, Gremlin) behind
  ``GraphEngine``, with the evaluation that chose it; text.py rewrites query text into its dialect;
- records.py: the loader's CSV formats read into vertex and edge records; rdf.py: the RDF formats,
  SPARQL (rdflib);
- results.py: Neptune's openCypher result format and GraphSON (gremlinpython's writers);
- backend.py: the operations the backend gains (per cluster endpoint), with inference.py (Neptune
  ML inference queries), explain.py, statistics.py and streams.py.
"""

from .engine import GraphEngine, GraphersalEngine, new_engine
from .errors import QueryError

__all__ = ["GraphEngine", "GraphersalEngine", "QueryError", "new_engine"]
