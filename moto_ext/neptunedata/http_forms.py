"""The HTTP forms Neptune documents beside the Data API's (curl, graph-notebook, awswrangler, SPARQLWrapper).

The user guide shows requests the botocore model does not describe; each is rewritten here into
the model's request before routing, so the one response class answers both:

- loader: ``GET /loader?loadId=<id>&details=...`` and ``DELETE /loader?loadId=<id>`` ("the loadId
  can be appended to the /loader URL path, or included as a variable in the URL");
- a form-encoded body (``POST /system`` with ``action=initiateDatabaseReset``, the query status
  forms): the same members as a JSON body (the fast-reset page gives both content types);
- ``/gremlin/status`` and ``/openCypher/status`` (GET or form POST with ``queryId``,
  ``cancelQuery``, ``includeWaiting``): the status, list and cancel operations;
- ``/pg/statistics`` and the older ``/gremlin/statistics``: ``/propertygraph/statistics``;
  ``/rdf/statistics``: ``/sparql/statistics`` (the DFE statistics page lists them as alternatives);
- ``GET /gremlin?gremlin=...`` and ``GET /openCypher?query=...``: the query operations.

SPARQL (``/sparql``) has no operation in the Data API: its query or update (a ``query``/``update``
parameter, or an ``application/sparql-query``/``application/sparql-update`` body) is handed to the
response class in ``sparql``, which answers it from the cluster's RDF data (graph/rdf.py).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from moto.core.request import Request

FORM = "application/x-www-form-urlencoded"
_STATUS = re.compile(r"/(gremlin|opencypher)/status/?", re.IGNORECASE)
_QUERY = re.compile(r"/(gremlin|opencypher)/?", re.IGNORECASE)
_ALIASES = (
    (re.compile(r"^/opencypher(?=/|$)", re.IGNORECASE), "/opencypher"),
    (re.compile(r"^/(pg|gremlin)/statistics(?=/|$)"), "/propertygraph/statistics"),
    (re.compile(r"^/pg(?=/)"), "/propertygraph"),
    (re.compile(r"^/rdf/statistics/?$"), "/sparql/statistics"),
)


class Routed(NamedTuple):
    request: Request
    #: what the request asks for when the Data API has no operation for it, else None
    unsupported: str | None = None
    #: a SPARQL request: its "query" or "update" text and the "accept" it asks for
    sparql: dict[str, str] | None = None


@lru_cache(maxsize=1024)
def _alias(path: str) -> str:
    for pattern, replacement in _ALIASES:
        path = pattern.sub(replacement, path, count=1)
    return path


def model_form(request: Request) -> Routed:
    """The model's form of ``request`` (the request itself when it already is one)."""
    method = request.method.upper()
    path = _alias(request.path)
    query = dict(parse_qsl(request.query_string.decode("utf-8", "replace"), keep_blank_values=True))
    form_encoded = (request.content_type or "").startswith(FORM)
    form = dict(parse_qsl(request.get_data(as_text=True), keep_blank_values=True)) if form_encoded else {}

    if path.rstrip("/") == "/sparql":
        sparql = {key: value for key, value in {**query, **form}.items() if key in ("query", "update")}
        content_type = (request.content_type or "").split(";")[0].strip()
        if content_type in ("application/sparql-query", "application/sparql-update"):
            sparql[content_type.rsplit("-", 1)[1]] = request.get_data(as_text=True)
        sparql["accept"] = request.headers.get("Accept", "")
        return Routed(_rebuild(request, "GET", path, {}, None), sparql=sparql)

    params = {**query, **form}
    if path.rstrip("/") == "/loader" and "loadId" in params and method in ("GET", "DELETE"):
        path = f"/loader/{quote(params.pop('loadId'), safe='')}"
        return Routed(_rebuild(request, method, path, params, None))
    status = _STATUS.fullmatch(path)
    if status and (form_encoded or "queryId" in params or method == "POST"):
        path = f"/{status.group(1).lower()}/status"
        method = "GET"
        if "queryId" in params:
            path += f"/{quote(params.pop('queryId'), safe='')}"
            if params.pop("cancelQuery", None) is not None:
                method = "DELETE"
        return Routed(_rebuild(request, method, path, params, None))
    if _QUERY.fullmatch(path) and method == "GET" and query:
        return Routed(_rebuild(request, "POST", path, {}, query))
    if form_encoded:
        return Routed(_rebuild(request, method, path, query, form))
    if path != request.path:
        return Routed(_rebuild(request, method, path, query, None, keep_body=True))
    return Routed(request)


def _rebuild(
    request: Request,
    method: str,
    path: str,
    query: dict[str, str],
    body: dict[str, str] | None,
    keep_body: bool = False,
) -> Request:
    """The request with another method, path, query and (JSON) body; the other headers kept."""
    origin = urlsplit(request.url)
    url = f"{origin.scheme}://{origin.netloc}{path}" + (f"?{urlencode(query)}" if query else "")
    headers = {
        key: value for key, value in request.headers.items() if key.lower() not in ("content-length", "content-type")
    }
    data: bytes = b""
    if keep_body:
        data = request.get_data()
        if request.content_type:
            headers["Content-Type"] = request.content_type
    elif body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    rebuilt = Request.from_primitives(method, url, headers, data)
    rebuilt.from_wsgi_server = request.from_wsgi_server
    return rebuilt
