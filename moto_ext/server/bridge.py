"""Serve ``responses``-style callbacks over HTTP: the ModelArts mock and its IAM token endpoint.

The ModelArts mock answers with callbacks (``PreparedRequest`` in, ``(status, headers, body)`` out)
that ``responses`` calls for the cloud hosts' URLs (``https://modelarts.eu-de.otc.t-systems.com/v1/...``).
The bridge turns each WSGI request into the ``PreparedRequest`` the client would have sent to the
cloud host and calls the callback whose URL pattern matches, as the in-process mock does; any
callback of that shape can be served this way.

Which requests are ModelArts's: those addressed to a ModelArts / IAM host (through a proxy or DNS),
and, on the server's own address, those that are not AWS-signed and whose path is ``/v1/{project_id}/...``
(ModelArts) or ``/v3/...`` (IAM). AWS-signed requests to such paths stay with moto (S3 buckets named
``v1``, ``/v1/...`` REST APIs).
"""

import logging
import re
from collections.abc import Callable, Iterable
from typing import Any

import requests

from . import wsgi
from .errors import Answer, json_answer

logger = logging.getLogger("moto_ext.server")

CLOUD_HOST = re.compile(r"^(?P<service>modelarts|iam)(\.[a-z0-9-]+)*\.(otc\.t-systems\.com|myhuaweicloud\.(com|cn))$")
MODELARTS_PATH = re.compile(r"^/v1/[^/]+/")
IAM_PATH = re.compile(r"^/v3(/|$)")

# hop-by-hop and framing headers: the WSGI server writes its own
_DROPPED_HEADERS = {"connection", "content-length", "transfer-encoding", "keep-alive"}

Callback = Callable[[requests.PreparedRequest], Any]


def is_aws_signed(environ: dict[str, Any]) -> bool:
    """Signed with SigV4, in the Authorization header or a presigned query string."""
    if environ.get("HTTP_AUTHORIZATION", "").startswith("AWS4-"):
        return True
    query = environ.get("QUERY_STRING", "")
    return "X-Amz-Credential=" in query or "X-Amz-Signature=" in query


class CallbackBridge:
    """Answers ``PreparedRequest``s with the first callback whose URL pattern matches."""

    def __init__(self, routes: Iterable[tuple[re.Pattern[str], Callback]]) -> None:
        self.routes = list(routes)

    def answer(self, request: requests.PreparedRequest) -> Answer | None:
        """The callback's answer to ``request``; None when no pattern matches its URL."""
        # matched without the query string, as moto's CallbackResponse matches
        url = (request.url or "").split("?", 1)[0]
        for pattern, callback in self.routes:
            if pattern.match(url):
                return _normalized(callback(request))
        return None


def _normalized(result: Any) -> Answer:
    """(status, headers, body) from what a ``responses`` callback may return."""
    if isinstance(result, Exception):
        raise result
    status, headers, body = result
    if isinstance(body, Exception):
        raise body
    items = headers.items() if hasattr(headers, "items") else headers
    pairs = [(str(k), str(v)) for k, v in items if str(k).lower() not in _DROPPED_HEADERS]
    if body is None:
        body = b""
    return int(status), pairs, body.encode("utf-8") if isinstance(body, str) else bytes(body)


class ModelArtsBridge:
    """The ModelArts routes of the server."""

    def __init__(self, bridge: CallbackBridge, modelarts_host: str) -> None:
        self.bridge = bridge
        self.modelarts_host = modelarts_host
        # the IAM host of the same cloud and region: modelarts.eu-de... -> iam.eu-de...
        self.iam_host = re.sub(r"^modelarts\.", "iam.", modelarts_host)

    def claims(self, environ: dict[str, Any], path: str) -> bool:
        if CLOUD_HOST.match(wsgi.host(environ)):
            return True
        if is_aws_signed(environ):
            return False
        return bool(MODELARTS_PATH.match(path) or IAM_PATH.match(path))

    def answer(self, environ: dict[str, Any], path: str, body: bytes) -> Answer:
        request = self.prepared_request(environ, path, body)
        try:
            answer = self.bridge.answer(request)
        except Exception as error:
            logger.exception("moto_ext server: ModelArts %s %s failed", request.method, path)
            # the v1 envelope of ModelArts.0010 "Internal error.", saying what failed
            return json_answer(
                500,
                {
                    "is_success": False,
                    "error_code": "ModelArts.0010",
                    "error_message": f"Internal error. (moto_ext: {type(error).__name__}: {error})",
                },
            )
        if answer is None:
            # the API gateway's answer to a path no API is published on
            return json_answer(
                404,
                {
                    "error_code": "APIG.0101",
                    "error_msg": f"The API does not exist or has not been published in the environment: {request.method} {path}",
                },
            )
        return answer

    def prepared_request(self, environ: dict[str, Any], path: str, body: bytes) -> requests.PreparedRequest:
        """The request as the client would have sent it to the cloud host."""
        host = wsgi.host(environ)
        if not CLOUD_HOST.match(host):
            host = self.iam_host if IAM_PATH.match(path) else self.modelarts_host
        url = f"https://{host}{wsgi.raw_target(environ)}"
        # the Host header stays the one the client sent (and signed, with AK/SK)
        headers = dict(wsgi.headers(environ, _DROPPED_HEADERS))
        return requests.Request(environ["REQUEST_METHOD"], url, headers=headers, data=body or None).prepare()
