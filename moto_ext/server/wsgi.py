"""What the server reads off a WSGI request, the same way everywhere."""

import io
from typing import Any
from urllib.parse import quote

from werkzeug.datastructures import EnvironHeaders
from werkzeug.wsgi import get_input_stream


def path(environ: dict[str, Any]) -> str:
    """The decoded path (PATH_INFO)."""
    value = environ.get("PATH_INFO", "")
    return value.decode("utf-8") if isinstance(value, bytes) else value


def raw_target(environ: dict[str, Any]) -> str:
    """The path and query as the client sent them, still percent-encoded (werkzeug keeps them):
    an encoded ARN stays one path segment, and a signature over the raw path still verifies."""
    target = environ.get("RAW_URI") or environ.get("REQUEST_URI") or ""
    if target.startswith("/"):
        return target
    target = quote(path(environ))
    return f"{target}?{environ['QUERY_STRING']}" if environ.get("QUERY_STRING") else target


def raw_path(environ: dict[str, Any]) -> str:
    return raw_target(environ).split("?", 1)[0]


def host(environ: dict[str, Any]) -> str:
    """The host the client addressed, without its port, lower case."""
    return environ.get("HTTP_HOST", environ.get("SERVER_NAME", "")).rsplit(":", 1)[0].lower()


def base_url(environ: dict[str, Any]) -> str:
    """scheme://host[:port] the client reached the server by."""
    netloc = environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME', '127.0.0.1')}:{environ.get('SERVER_PORT', '80')}"
    return f"{environ.get('wsgi.url_scheme', 'http')}://{netloc}"


def headers(environ: dict[str, Any], dropped: frozenset[str] | set[str] = frozenset()) -> list[tuple[str, str]]:
    return [(k, v) for k, v in EnvironHeaders(environ).items() if k.lower() not in dropped]


def read_body(environ: dict[str, Any]) -> bytes:
    """The request body, read once and put back for whoever reads it next (moto)."""
    cached = environ.get("moto_ext.body")
    if cached is None:
        cached = get_input_stream(environ).read()
        environ["moto_ext.body"] = cached
        environ["wsgi.input"] = io.BytesIO(cached)
        environ["CONTENT_LENGTH"] = str(len(cached))
        environ.pop("HTTP_TRANSFER_ENCODING", None)
        environ["wsgi.input_terminated"] = False
    return cached
