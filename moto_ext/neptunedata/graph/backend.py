"""The backend's graph operations: one property graph per cluster endpoint, fed by the bulk loader,
queried with openCypher and Gremlin (Neptune ML inference queries too: inference.py), explained
and profiled (explain.py), summarized from its statistics (statistics.py), logged by Neptune
Streams while they are on (streams.py), cleared by fast reset.

The property graph (openCypher, Gremlin) and the RDF data (SPARQL, rdf.py) of a cluster are
separate stores, as Neptune keeps them; each has its statistics and summary (statistics.py).

Which cluster: the endpoint host the client named. A request reaches the mock rewritten to
``neptune-db.<region>.amazonaws.com`` (core redirects it), so the response class reads the
original host from the ``X-Moto-Ext-Endpoint-Host`` header when core sets it, and the graph is
keyed by that host, lower-case, without its port, a reader endpoint (``.cluster-ro-``) naming its
cluster's (``.cluster-``) graph, in the account and region the request is signed for. Without the
header every endpoint of the account and region shares one graph (key ``""``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit
from uuid import uuid4

from ..exceptions import (
    BadRequestException,
    ConstraintViolationException,
    InvalidParameterException,
    MalformedQueryException,
    MissingParameterException,
    StatisticsNotAvailableException,
    UnsupportedOperationException,
)
from . import explain, inference, results, streams, text
from .engine import GraphEngine, QueryError, new_engine
from .rdf import RdfStore, SparqlError
from .records import GraphRecords
from .statistics import Statistics, pg_snapshot, rdf_snapshot
from .streams import Stream

SUMMARY_MODES = {"basic", "detailed"}
_ERRORS = {
    "malformed": MalformedQueryException,
    "unsupported": UnsupportedOperationException,
    "constraint": ConstraintViolationException,
}


def cluster_key(host: str | None) -> str:
    """The graph a request's endpoint host names: lower-case, without its port (``[::1]:8182`` is
    ``[::1]``); a reader endpoint (``.cluster-ro-``) names its cluster's graph. An endpoint URL
    names its host's graph."""
    if not host:
        return ""
    if "://" in host:
        host = urlsplit(host).netloc
    name = host.strip().lower().rsplit("@", 1)[-1]
    name = name[: name.index("]") + 1] if name.startswith("[") and "]" in name else name.split(":", 1)[0]
    return name.replace(".cluster-ro-", ".cluster-")


def _parameters(parameters: str | None) -> dict[str, Any]:
    """An openCypher request's ``parameters``: a JSON object."""
    if not parameters:
        return {}
    try:
        values = json.loads(parameters)
    except ValueError:
        raise InvalidParameterException("The parameters are not a JSON object.") from None
    if not isinstance(values, dict):
        raise InvalidParameterException("The parameters are not a JSON object.")
    return values


def _engine_call(call: Any, *args: Any) -> Any:
    try:
        return call(*args)
    except QueryError as error:
        raise _ERRORS[error.kind](error.message) from None


class GraphOperations:
    graphs: dict[str, GraphEngine]
    rdf_stores: dict[str, RdfStore]
    graph_statistics: dict[tuple[str, str], Statistics]
    streams: dict[tuple[str, str], Stream]
    ml_predictions: dict[str, dict[str, Any]]  # endpoint id -> element id -> prediction
    endpoints: Mapping[str, Any]  # Neptune ML's inference endpoints (models.py)

    def graph(self, cluster: str) -> GraphEngine:
        if cluster not in self.graphs:
            self.graphs[cluster] = new_engine()
        return self.graphs[cluster]

    def load_into_graph(self, cluster: str, feeds: list[GraphRecords], *, update_single: bool) -> None:
        """Vertices of every feed first, then edges (so an edge file may come before its vertices);
        an edge whose end vertices are missing is left out."""
        graph = self.graph(cluster)
        with self._recorded("pg", cluster):
            for feed in feeds:
                if feed.vertices:
                    graph.add_vertices(feed.vertices, update_single=update_single)
            for feed in feeds:
                if feed.edges:
                    graph.add_edges(feed.edges)
        quads = [quad for feed in feeds for quad in feed.quads]
        if quads:
            with self._recorded("rdf", cluster):
                self.rdf(cluster).add(quads)

    def load_job(self, job: Any) -> None:
        """A load (loader.LoaderJob) writes its records into its cluster's graph as it starts.
        [choice] With failOnError a feed with errors loads nothing; without it, its valid records
        load. The engine refusing a record fails the load, which says why."""
        feeds = [
            feed.records
            for feed in job.feeds
            if feed.records is not None and not (job.fail_on_error and feed.result.errors)
        ]
        try:
            self.load_into_graph(job.cluster, feeds, update_single=job.update_single)
        except QueryError as error:
            job.fails = True
            job.feeds[0].result.errors.append((0, f"The graph engine refused the load: {error.message}"))

    def execute_open_cypher_query(self, cluster: str, query: str, parameters: str | None = None) -> dict[str, Any]:
        values = _parameters(parameters)
        writes = any(name in explain.WRITES for name, _ in explain.clauses(query))
        with self._recorded("pg", cluster, writes):
            rows = _engine_call(self.graph(cluster).opencypher, query, values)
        return results.opencypher(rows, explain.return_columns(query))

    def execute_gremlin_query(self, cluster: str, query: str, serializer: str | None = None) -> dict[str, Any]:
        version = results.serializer_version(serializer)
        if version is None:
            raise UnsupportedOperationException(
                f"The serializer {serializer} is not supported by moto_ext; use one of {', '.join(results.SERIALIZERS)}."
            )
        if inference.is_inference(query):
            found = self._inference(cluster, query)
        else:
            with self._recorded("pg", cluster, explain.gremlin_writes(query)):
                found = _engine_call(self.graph(cluster).gremlin, query)
            if text.answers_token_maps(query):
                found = results.with_tokens(found)
        try:
            return results.gremlin_response(found, version, str(uuid4()))
        except (TypeError, ValueError) as error:  # a value the serializer has no form for
            raise UnsupportedOperationException(
                f"The results cannot be serialized as {serializer or results.GRAPHSON_V3}: {error}"
            ) from None

    def _inference(self, cluster: str, query: str) -> list[Any]:
        """A Neptune ML inference query (inference.py), answered by the endpoint it names."""
        parsed = inference.parse(query)
        endpoint = inference.endpoint_id(parsed.options.get("Neptune#ml.endpoint"), self.endpoints)
        if endpoint.observe() != "InService":
            raise BadRequestException(f"The Neptune ML endpoint {endpoint.id} is not InService.")
        return inference.answer(parsed, self.ml_predictions.get(endpoint.id, {}), self.graph(cluster))

    def set_ml_predictions(self, endpoint_id: str, predictions: dict[str, Any]) -> None:
        """(test-time) What the endpoint predicts, by vertex or edge id: a class or a value, a list
        of them (best first), or of (value, score) pairs; for link prediction, target vertex ids."""
        if endpoint_id not in self.endpoints:
            raise KeyError(f"no Neptune ML endpoint {endpoint_id!r}")
        self.ml_predictions.setdefault(endpoint_id, {}).update(predictions)

    # --- explain, profile, queries in flight --------------------------------------------------
    def execute_open_cypher_explain_query(
        self, cluster: str, query: str, mode: str, parameters: str | None = None
    ) -> bytes:
        if mode not in explain.EXPLAIN_MODES:
            raise InvalidParameterException(f"Invalid explain mode {mode}: use static, dynamic or details.")
        values = _parameters(parameters)
        engine = self.graph(cluster)
        document = explain.opencypher(query, mode, lambda: _engine_call(engine.opencypher, query, values))
        return document.encode()

    def execute_gremlin_explain_query(self, cluster: str, query: str) -> bytes:
        return explain.gremlin_explain(query, _engine_call(text.gremlin, query)).encode()

    def execute_gremlin_profile_query(
        self, cluster: str, query: str, results: bool | None = None, chop: int | None = None
    ) -> bytes:
        engine = self.graph(cluster)
        profile = _engine_call(engine.profile, query)
        shown = None
        if results is not False:  # profile.results defaults to TRUE
            shown = None if explain.gremlin_writes(query) else _engine_call(engine.gremlin, query)
        return explain.gremlin_profile(query, profile, shown, chop).encode()

    def list_queries(self, cluster: str, language: str) -> dict[str, Any]:
        """[choice] The mock answers each query as it arrives: none is ever waiting or running."""
        return {"acceptedQueryCount": 0, "runningQueryCount": 0, "queries": []}

    def find_query(self, cluster: str, language: str, query_id: str, purpose: str = "status") -> None:
        """A query in flight, for its status or to cancel it: there never is one (see list_queries)."""
        raise BadRequestException(
            f"No {language} query with id {query_id} is running to {'cancel' if purpose == 'cancel' else 'report on'}:"
            " the mock answers each query as it arrives."
        )

    # --- statistics and summaries ("pg": property graph, "rdf": RDF) -----------------------------
    def _snapshot(self, kind: str, cluster: str) -> tuple[dict[str, Any], dict[str, int]]:
        if kind == "rdf":
            return rdf_snapshot(self.rdf(cluster).summary())
        return pg_snapshot(*self.graph(cluster).elements())

    def _statistics(self, kind: str, cluster: str) -> Statistics:
        """The cluster's statistics, regenerated first while auto-compute is on (statistics.py)."""
        statistics = self.graph_statistics.get((kind, cluster))
        if statistics is None:
            structures = ("subjectStructures",) if kind == "rdf" else ("nodeStructures", "edgeStructures")
            statistics = self.graph_statistics[(kind, cluster)] = Statistics(structures)
        if statistics.auto_compute and not statistics.deleted:
            statistics.compute(*self._snapshot(kind, cluster))
        return statistics

    def get_statistics(self, kind: str, cluster: str) -> Statistics:
        return self._statistics(kind, cluster)

    def manage_statistics(self, kind: str, cluster: str, mode: str | None = None) -> Statistics | None:
        """``refresh`` answers the statistics it computed; the other modes answer None."""
        statistics = self._statistics(kind, cluster)
        if mode == "refresh":
            statistics.compute(*self._snapshot(kind, cluster))
            return statistics
        if mode in ("enableAutoCompute", "disableAutoCompute"):
            statistics.auto_compute = mode == "enableAutoCompute"
            return None
        raise InvalidParameterException(f"Invalid mode {mode}: use refresh, enableAutoCompute or disableAutoCompute.")

    def delete_statistics(self, kind: str, cluster: str) -> None:
        self._statistics(kind, cluster).delete()

    def get_summary(self, kind: str, cluster: str, mode: str | None = None) -> dict[str, Any]:
        mode = mode or "basic"
        if mode not in SUMMARY_MODES:
            raise BadRequestException(f"Invalid mode {mode}: use basic or detailed.")
        statistics = self._statistics(kind, cluster)
        if not statistics.active:
            raise StatisticsNotAvailableException(
                "Statistics are not available: they were deleted or never computed. Refresh them first."
            )
        return statistics.to_summary(detailed=mode == "detailed")

    # --- RDF -----------------------------------------------------------------------------------
    def rdf(self, cluster: str) -> RdfStore:
        if cluster not in self.rdf_stores:
            self.rdf_stores[cluster] = RdfStore()
        return self.rdf_stores[cluster]

    def sparql(self, cluster: str, query: str | None, update: str | None, accept: str | None) -> tuple[str, bytes]:
        """(media type, body) of a SPARQL query, or of an update (an empty JSON answer)."""
        try:
            if update is not None:
                with self._recorded("rdf", cluster):
                    self.rdf(cluster).update(update)
                return "application/json", b"{}"
            if not query:
                raise MissingParameterException("A SPARQL request needs a query or an update parameter.")
            return self.rdf(cluster).query(query, accept)
        except SparqlError as error:
            raise MalformedQueryException(error.message) from None

    def reset_graph(self, cluster: str) -> None:
        """Fast reset: the cluster's data, statistics and change log go (streams stay on)."""
        self.graphs.pop(cluster, None)
        self.rdf_stores.pop(cluster, None)
        for kind in ("pg", "rdf"):
            self.graph_statistics.pop((kind, cluster), None)
            if (kind, cluster) in self.streams:
                self.streams[(kind, cluster)] = Stream(self.streams[(kind, cluster)].format)

    # --- streams -------------------------------------------------------------------------------
    def enable_streams(self, endpoint: str = "") -> None:
        """(test-time) Turn Neptune Streams on for a cluster, named by its endpoint URL or host."""
        cluster = cluster_key(endpoint)
        for kind, form in (("pg", "PG_JSON"), ("rdf", "NQUADS")):
            self.streams.setdefault((kind, cluster), Stream(form))

    def _snapshot_for_stream(self, kind: str, cluster: str) -> Any:
        if kind == "rdf":
            return self.rdf(cluster).statements()
        return streams.pg_snapshot(*self.graph(cluster).elements())

    @contextmanager
    def _recorded(self, kind: str, cluster: str, writes: bool = True) -> Iterator[None]:
        """Runs a write; with streams on, its changes become one commit of the change log."""
        stream = self.streams.get((kind, cluster)) if writes else None
        if stream is None:
            yield
            return
        before = self._snapshot_for_stream(kind, cluster)
        try:
            yield
        finally:
            after = self._snapshot_for_stream(kind, cluster)
            changes = streams.rdf_changes(before, after) if kind == "rdf" else streams.pg_changes(before, after)
            stream.commit(changes)

    def get_stream(
        self,
        kind: str,
        cluster: str,
        limit: int | None = None,
        iterator_type: str | None = None,
        commit_num: int | None = None,
        op_num: int | None = None,
    ) -> dict[str, Any]:
        stream = self.streams.get((kind, cluster))
        if stream is None:
            raise UnsupportedOperationException(
                "Neptune Streams are not enabled for this cluster (the neptune_streams cluster parameter)."
            )
        return stream.read(limit, iterator_type, commit_num, op_num)
