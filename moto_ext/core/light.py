"""The request as moto's response classes read it, and moto's ``setup_class`` for it, built
straight from botocore's request (the fast path's, core/fastpath.py).

moto builds a werkzeug request through ``EnvironBuilder`` and then sets up the response class
from it. For the requests ``light_request`` takes, ``LightRequest`` gives the same values
directly, and ``light_setup`` sets the same attributes with the same values.
tests/core/test_fastpath.py compares both with moto's on every operation's request.

Some attributes are left to be computed on first read (ExtResponse's properties), because no
operation of moto_ext reads them: the querystring moto builds from the body or the headers of a
request with no query (``querystring`` and ``data``), and the parsed URL (``parsed_url``).
"""

from __future__ import annotations

import os
import re
import time
from collections import OrderedDict
from functools import cache
from typing import Any
from urllib.parse import parse_qs, parse_qsl, unquote, urlparse, urlsplit

from botocore.awsrequest import HeadersDict
from moto.core import responses as moto_responses
from moto.core.request import PRESERVED_HEADER_NAMES_ENVIRON_KEY, EnvironHeaders
from moto.iam.models import DEFAULT_ACCOUNT_ID, PARTITION_NAMES, iam_backends, mark_account_as_visited
from moto.utilities.utils import get_partition
from werkzeug.datastructures import CombinedMultiDict, ImmutableMultiDict
from werkzeug.http import http_date

# a path botocore percent-encoded (werkzeug's iri_to_uri leaves it as it is) and a host without port
_PLAIN_PATH = re.compile(r"/[A-Za-z0-9\-._~/%!$&'()*+,:;=@]*")
_PLAIN_HOST = re.compile(r"[a-z0-9][a-z0-9.-]*")

#: the instance attribute holding the environ a lazy header querystring is built from
LAZY_QUERYSTRING = "_querystring_environ"


@cache
def _empty_multidicts() -> tuple[Any, Any, Any]:
    """werkzeug's empty form, and the values of a request with no query (GET, and others):
    immutable, so one of each serves every request."""
    empty: Any = ImmutableMultiDict()
    return empty, CombinedMultiDict([empty]), CombinedMultiDict([empty, empty])


class LightRequest:
    """What moto's ``Request`` (a werkzeug request built from an environ) gives moto's response
    classes: the headers are moto's ``EnvironHeaders`` over the environ werkzeug's
    ``EnvironBuilder`` would build, in its order; the path is decoded as werkzeug decodes it;
    args and values are werkzeug's multidicts."""

    from_wsgi_server = False
    content_encoding = None

    def __init__(
        self, method: str, scheme: str, host: str, path: str, query: str, environ: dict[str, Any], data: bytes
    ) -> None:
        self.method = method.upper()
        self.host = host
        self.scheme = scheme
        self.raw_path = path
        self.path = "/" + unquote(path).lstrip("/")
        self.query_string = query.encode()
        self._query = query
        self.raw_url = f"{scheme}://{host}{path}" + (f"?{query}" if query else "")
        self.url = self.raw_url
        self._data = data
        self.environ = environ
        environ[PRESERVED_HEADER_NAMES_ENVIRON_KEY] = {}
        environ.setdefault("CONTENT_LENGTH", "0")
        self.headers = EnvironHeaders(environ)
        self.content_type = environ.get("CONTENT_TYPE")
        self._args: Any = None

    @property
    def data(self) -> bytes:
        return self._data

    def get_data(self, cache: bool = True, as_text: bool = False, parse_form_data: bool = False) -> Any:
        return self._data.decode("utf-8", "replace") if as_text else self._data

    @property
    def args(self) -> Any:
        if self._args is None:
            if not self._query:
                self._args = _empty_multidicts()[0]
            else:
                self._args = ImmutableMultiDict(
                    parse_qsl(self._query, keep_blank_values=True, errors="werkzeug.url_quote")
                )
        return self._args

    @property
    def form(self) -> Any:
        return _empty_multidicts()[0]

    files = form

    @property
    def values(self) -> Any:
        # werkzeug: "for GET requests, only args are present, not form"
        if not self._query:
            return _empty_multidicts()[1 if self.method == "GET" else 2]
        return CombinedMultiDict([self.args] if self.method == "GET" else [self.args, self.form])


def _header_items(headers: Any) -> list[tuple[str, Any]]:
    """``list(headers.items())``; botocore's HeadersDict read from its dict (no key objects built)."""
    if type(headers) is HeadersDict:
        return [(key._key, value) for key, value in headers._dict.items()]
    return list(headers.items())


def _header_environ(host: str, items: list[tuple[str, Any]], data: bytes) -> dict[str, Any] | None:
    """The header keys of the environ werkzeug's EnvironBuilder builds for moto, in its order;
    None for a header value that is not ASCII (werkzeug's own handling of those is left to it)."""
    environ: dict[str, Any] = {"HTTP_HOST": host}
    content_type = None
    combined: dict[str, Any] = {}
    names = _ENVIRON_NAMES
    for key, value in items:
        if type(value) is not str:
            value = value.decode("utf-8") if isinstance(value, bytes) else str(value)
        if not value.isascii():
            return None
        name = names.get(key)
        if name is None:
            name = names[key] = _environ_name(key)
        if name is _SKIPPED:
            continue
        if name is _CONTENT_TYPE:
            if content_type is None:
                content_type = value
        elif name in combined:
            joined = combined[name]
            combined[name] = [*joined, value] if type(joined) is list else [joined, value]
        else:
            combined[name] = value
    if content_type is not None:
        environ["CONTENT_TYPE"] = content_type
    if data:
        environ["CONTENT_LENGTH"] = str(len(data))
    for name, value in combined.items():
        environ[name] = ", ".join(value) if type(value) is list else value
    return environ


_SKIPPED = "-"  # Transfer-Encoding and Content-Length: werkzeug's builder sets its own
_CONTENT_TYPE = "CONTENT_TYPE"
# a header's name -> its environ key (clients send the same few names over and over)
_ENVIRON_NAMES: dict[str, str] = {}


def _environ_name(key: str) -> str:
    lower = key.lower()
    if lower in ("transfer-encoding", "content-length"):
        return _SKIPPED
    if lower == "content-type":
        return _CONTENT_TYPE
    return "HTTP_" + key.upper().replace("-", "_")


def light_request(request: Any, parts: Any = None) -> LightRequest | None:
    """``request`` as moto's response classes read it, or None where only moto's request is exact.

    ``parts`` is ``urlsplit(request.url)`` where the caller has it already."""
    body = request.body
    if body is None:
        data = b""
    elif isinstance(body, bytes):
        data = body
    elif isinstance(body, str):
        data = body.encode()
    else:
        return None
    if parts is None:
        parts = urlsplit(request.url)
    if not _PLAIN_PATH.fullmatch(parts.path) or not _PLAIN_HOST.fullmatch(parts.netloc) or parts.fragment:
        return None
    if not parts.query.isascii():
        return None
    environ = _header_environ(parts.netloc, _header_items(request.headers), data)
    if environ is None:
        return None
    content_type = str(environ.get("CONTENT_TYPE") or "").lower()
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/")):
        return None  # werkzeug parses those bodies into a form
    return LightRequest(request.method, parts.scheme, parts.netloc, parts.path, parts.query, environ, data)


@cache
def _region_is_motos(klass: type) -> bool:
    return klass.get_region_from_url is moto_responses.BaseResponse.get_region_from_url  # type: ignore[attr-defined]


def lazy_querystring(lazy: tuple[str, dict[str, Any]]) -> dict[str, Any]:
    """The querystring moto builds for a request with no query: the body's form fields, else the
    headers."""
    body, environ = lazy
    querystring: dict[str, Any] = OrderedDict()
    if body:
        try:
            querystring.update((key, [value]) for key, value in parse_qsl(body, keep_blank_values=True))
        except (UnicodeEncodeError, UnicodeDecodeError, AttributeError):
            pass
    return querystring or header_querystring(environ)


def may_hold(lazy: tuple[str, dict[str, Any]], name: str) -> bool:
    """Whether a lazy querystring could hold ``name``: a body field names it only if the body
    holds it (or a %-escape), a header only if its title-cased name is it."""
    body, environ = lazy
    if name in body or "%" in body:
        return True
    return name.title() == name and _environ_name(name) in environ


# --- moto's setup_class, for a LightRequest ---------------------------------------------------------
def header_querystring(environ: dict[str, Any]) -> dict[str, Any]:
    """``OrderedDict().update(request.headers)`` over a LightRequest's environ, in one pass (the
    names and values werkzeug's EnvironHeaders gives, none preserved: LightRequest keeps none)."""
    querystring: dict[str, Any] = OrderedDict()
    for key, value in environ.items():
        if key.startswith("HTTP_"):
            if key not in ("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH"):
                querystring[key[5:].replace("_", "-").title()] = value
        elif key in ("CONTENT_TYPE", "CONTENT_LENGTH") and value:
            querystring[key.replace("_", "-").title()] = value
    return querystring


def _account_of(access_key: str) -> tuple[str, bool]:
    """``moto.iam.models.get_account_id_from``, and whether the key was found, reading the
    partitions' backends directly once they exist (moto's getter would create a missing one:
    it still does)."""
    for account_id, account in list(iam_backends.items()):
        for partition in PARTITION_NAMES:
            backend = dict.get(account, partition)
            if backend is None:
                backend = account[partition]
            if access_key in backend.access_keys:
                return account_id, True
    return DEFAULT_ACCOUNT_ID, False


# moto's pattern (BaseResponse.region_regex)
_URL_REGION = re.compile(r"\.(?P<region>[^.]+)\.amazonaws\.com")


def access_key_in(authorization: str) -> str | None:
    """What moto's ``access_key_regex`` finds in an Authorization header, found faster.

    moto's pattern is ``AWS.*`` before a key of 20 [A-Z0-9] ended by ":" or "/": a search starts
    at the first "AWS" and its greedy ``.*`` settles on the last such key after it. Every key
    ends right before a separator, so only the (few) separators are looked at, last first."""
    start = authorization.find("AWS")
    if start < 0:
        return None
    earliest = start + 3  # ``.*`` may be empty: a key may start right after "AWS"
    end = len(authorization)
    while True:
        end = max(authorization.rfind("/", earliest, end), authorization.rfind(":", earliest, end))
        if end < earliest + 20:
            return None
        key = authorization[end - 20 : end]
        before = authorization[end - 21]  # end - 21 >= start + 2: within the string
        if _KEY.fullmatch(key) and not _KEY_CHARACTER.fullmatch(before):
            return key


_KEY = re.compile(r"[A-Z0-9]{20}")
_KEY_CHARACTER = re.compile(r"[A-Z0-9]")


_last_date: tuple[Any, str] = (None, "")
_motos_utcnow = moto_responses.utcnow


def _http_date() -> str:
    """werkzeug's ``http_date`` of moto's ``utcnow()`` to the second, formatted once a second.
    (moto's clock is ``time``'s: freezegun and the like move both.)"""
    global _last_date
    if moto_responses.utcnow is _motos_utcnow:
        second: Any = int(time.time())
    else:  # someone patched moto's clock: read it
        second = moto_responses.utcnow().replace(microsecond=0)
    seen, text = _last_date
    if seen != second:
        text = http_date(second)
        _last_date = (second, text)
    return text


def _region_of(self: Any, request: Any, full_url: str) -> tuple[str, str]:
    """The response's region and partition, as moto's ``get_region_from_url`` and
    ``get_partition`` give them; kept per host where moto's URL pattern finds the region in the
    host (the pattern's first dot is in the host: a match there is the match)."""
    by_host = _region_is_motos(type(self))  # type: ignore[arg-type]
    host = request.host
    found = _regions_by_host.get(host) if by_host else None
    if found is None:
        region = self.get_region_from_url(request, full_url)
        found = (region, get_partition(region))
        in_host = by_host and host.endswith(".amazonaws.com") and full_url.startswith(f"https://{host}/")
        if in_host and _URL_REGION.search(f"https://{host}"):
            _regions_by_host[host] = found
    return found


_regions_by_host: dict[str, tuple[str, str]] = {}


def light_setup(
    self: Any, request: Any, full_url: str | None = None, headers: Any = None, use_raw_body: bool | None = None
) -> None:
    """moto's ``BaseResponse.setup_class`` for a LightRequest: the same attributes with the same
    values, without the steps that cannot apply to one (no form, no files, no compression, a
    host header always), with the header querystring left for its first read and the account
    read directly."""
    if type(request) is not LightRequest or (headers is not None and headers is not request.headers):
        return moto_responses.BaseResponse.setup_class(self, request, full_url, headers, use_raw_body)  # type: ignore[no-any-return]
    use_raw_body = self.use_raw_body if use_raw_body is None else use_raw_body
    self.is_werkzeug_request = False
    full_url = request.raw_url if full_url is None else full_url
    self.normalized_request = request
    # parsed here only where it can differ from the light request's own parts (else on first read)
    parsed = urlparse(full_url) if full_url != request.raw_url or ";" in request.raw_path else None
    if parsed is not None:
        self.parsed_url = parsed
    self.form_data = request.form
    self.raw_body = request.data
    body: Any = request.data if use_raw_body else request.data.decode("utf-8")
    self.body = body
    query = parsed.query if parsed is not None else request._query
    querystring: dict[str, Any] = OrderedDict(parse_qs(query, keep_blank_values=True) if query else ())
    if querystring:
        # (moto's _decode_dict changes nothing here: every key and value is already a str)
        self.querystring = self.data = querystring
    else:
        # from the body, else from the headers: on first read
        setattr(self, LAZY_QUERYSTRING, (body if body and not use_raw_body else "", request.environ))
    self.uri = full_url
    self.path = parsed.path if parsed is not None else request.raw_path
    self.raw_path = request.raw_path
    self.method = request.method
    self.region, self.partition = _region_of(self, request, full_url)
    self.uri_match = {}
    self.headers = request.headers
    self.response_headers = {"server": "amazon.com", "date": _http_date()}
    if self.automated_parameter_parsing and self._get_action():
        self.parse_parameters(request)
    environ = request.environ
    authorization = environ.get("HTTP_AUTHORIZATION")
    access_key = access_key_in(authorization) if authorization is not None else None
    if access_key is None:
        # no key in the header: moto looks in the querystring, then answers its default
        lazy = self.__dict__.get(LAZY_QUERYSTRING)
        if lazy is not None and not may_hold(lazy, "AWSAccessKeyId"):
            access_key = "AKIAEXAMPLE"
        else:
            access_key = (self.querystring.get("AWSAccessKeyId") or ["AKIAEXAMPLE"])[0]
    self.access_key = access_key
    found = True
    if "MOTO_ACCOUNT_ID" in os.environ:
        self.current_account = os.environ["MOTO_ACCOUNT_ID"]
    elif "HTTP_X_MOTO_ACCOUNT_ID" in environ:
        self.current_account = environ["HTTP_X_MOTO_ACCOUNT_ID"]
    else:
        self.current_account, found = _account_of(self.access_key)
    # a key no IAM backend holds marks nothing, once the account's IAM backend exists
    if found or dict.get(iam_backends, self.current_account) is None:
        mark_account_as_visited(
            account_id=self.current_account, access_key=self.access_key, service=self.service_name, region=self.region
        )
    return None
