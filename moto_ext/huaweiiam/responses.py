"""The HTTP side of IAM: one ``responses`` callback for every URL of the IAM hosts.

The callback routes by the ``ROUTES`` table (urls.py), runs fault injection, parses the request,
calls the backend and serializes; an unknown path or method is answered here too (404, 405),
never passed to the network. Errors use Keystone's envelope.
"""

import json
import re
import threading
import uuid
from collections.abc import Mapping
from typing import Any, cast
from urllib.parse import parse_qsl, urlsplit

from moto.core.exceptions import ServiceException
from requests import PreparedRequest

from moto_ext.core import faults
from moto_ext.core.requests_transport import body_bytes

from . import signing
from .exceptions import STATUS_BY_TITLE, IamError
from .models import Token, iam_backend
from .urls import IAM_URL, ROUTES, route

Reply = tuple[int, dict[str, str], str]

# Every operation may meet any of these (fault injection accepts them); 405 is the router's own.
faults.CUSTOM_OPERATIONS["huaweiiam"] = {
    operation: set(STATUS_BY_TITLE) - {"Method Not Allowed"} for _, _, operation in ROUTES
}

_lock = threading.RLock()


def _reply(status: int, body: Any, headers: dict[str, str] | None = None) -> Reply:
    all_headers = {"Content-Type": "application/json", "X-Request-Id": uuid.uuid4().hex}
    all_headers.update(headers or {})
    return status, all_headers, "" if body is None else json.dumps(body)


def _snake(operation: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation).lower()


def _version_document(base: str) -> dict[str, Any]:
    return {
        "id": "v3.0",
        "status": "stable",
        "updated": "2013-03-06T00:00:00Z",
        "links": [{"rel": "self", "href": f"{base}/v3/"}],
        "media-types": [{"base": "application/json", "type": "application/vnd.openstack.identity-v3+json"}],
    }


def _bad_request(message: str) -> IamError:
    return IamError("Bad Request", message)


class IamResponse:
    """One method per operation of ROUTES."""

    def __init__(self, request: PreparedRequest, params: dict[str, str]) -> None:
        url = urlsplit(request.url or "")
        host = IAM_URL.match(f"{url.scheme}://{url.netloc}{url.path}")
        self.request = request
        self.params = params
        self.region = host["region"].lower() if host and host["region"] else None
        self.cloud = host["cloud"].lower() if host else "otc.t-systems.com"
        self.base = f"{url.scheme}://{url.netloc}"
        self.path = url.path.rstrip("/") or "/"
        self.query = dict(parse_qsl(url.query, keep_blank_values=True))
        self.backend = iam_backend()

    def _header(self, name: str) -> str:
        return str(self.request.headers.get(name) or "")

    def _token(self, header: str = "X-Auth-Token") -> Token:
        token = self.backend.valid_token(self._header(header))
        if token is None:
            raise IamError("Unauthorized", "The request you have made requires authentication.")
        return token

    def _signed_caller(self) -> bool:
        """huaweicloudsdkcore looks projects up with AK/SK-signed calls: verify such a signature."""
        request = self.request
        if self._header("X-Auth-Token") or not self._header("Authorization").startswith(signing.ALGORITHM):
            return False
        headers = cast(Mapping[str, str], request.headers)
        refused = self.backend.signature_error(request.method or "GET", request.url or "", headers, body_bytes(request))
        if refused:
            raise IamError("Unauthorized", f"The AK/SK signature is invalid: {refused}.")
        return True

    # discovery
    def list_versions(self) -> Reply:
        return _reply(300, {"versions": {"values": [_version_document(self.base)]}})

    def show_version(self) -> Reply:
        return _reply(200, {"version": _version_document(self.base)})

    # tokens
    def create_token(self) -> Reply:
        try:
            body = json.loads(body_bytes(self.request) or b"null")
        except ValueError:
            raise _bad_request("The request body is not valid JSON.") from None
        try:
            auth = body["auth"]
            identity = auth["identity"]
            methods = list(identity["methods"])
        except (KeyError, TypeError):
            raise _bad_request(
                "The request body is not a valid auth request: auth.identity.methods is required."
            ) from None
        project = (auth.get("scope") or {}).get("project") or {}
        scope: dict[str, Any] = {
            "project_id": project.get("id"),
            "project_name": project.get("name"),
            "region": self.region,
            "host_suffix": self.cloud,
        }
        if "password" in methods:
            try:
                user = identity["password"]["user"]
                password = user["password"]
            except (KeyError, TypeError):
                raise _bad_request("auth.identity.password.user with a password is required.") from None
            user_domain = user.get("domain") or {}
            user_name = user.get("name") or user.get("id")
            if not user_name:
                raise _bad_request("auth.identity.password.user needs a name or an id.")
            token = self.backend.authenticate_password(
                user_name=user_name,
                domain_name=user_domain.get("name") or user_domain.get("id") or user.get("id") or "default",
                password=password,
                user_id=user.get("id"),
                methods=methods,
                **scope,
            )
        elif "token" in methods:
            token_id = (identity.get("token") or {}).get("id") or self._header("X-Auth-Token")
            token = self.backend.authenticate_token(token_id=token_id, methods=methods, **scope)
        else:
            raise IamError("Unauthorized", f"Unsupported authentication methods: {methods}.")
        return _reply(201, token.to_dict(), {"X-Subject-Token": token.token_id})

    def validate_token(self) -> Reply:
        self._token()
        subject = self._token("X-Subject-Token")
        return _reply(200, subject.to_dict(), {"X-Subject-Token": subject.token_id})

    def check_token(self) -> Reply:
        self._token()
        subject = self._token("X-Subject-Token")
        return _reply(200, None, {"X-Subject-Token": subject.token_id})

    def revoke_token(self) -> Reply:
        self._token()
        self.backend.revoke(self._token("X-Subject-Token").token_id)
        return _reply(204, None)

    # catalog and projects
    def show_catalog(self) -> Reply:
        return _reply(200, {"catalog": self._token().catalog(), "links": {"self": f"{self.base}{self.path}"}})

    def list_projects(self) -> Reply:
        name = self.query.get("name")
        if self._signed_caller():
            projects = self.backend.projects_named(name)
        else:
            projects = self.backend.list_projects(self._token(), name)
        return _reply(
            200, {"projects": projects, "links": {"self": f"{self.base}{self.path}", "next": None, "previous": None}}
        )

    list_auth_projects = list_projects

    def show_project(self) -> Reply:
        project_id = self.params["project_id"]
        matches = [p for p in self.backend.list_projects(self._token()) if p["id"] == project_id]
        if not matches:
            raise IamError("Not Found", f"Could not find project: {project_id}.")
        return _reply(200, {"project": matches[0]})


def callback(request: PreparedRequest) -> Reply:
    """Answer any request to an IAM host (``responses`` callback shape)."""
    method = (request.method or "GET").upper()
    path = urlsplit(request.url or "").path.rstrip("/") or "/"
    try:
        found = route(path)
        if found is None:
            raise IamError(
                "Not Found",
                f"The resource could not be found: {method} {path} (moto_ext mocks IAM token and project calls only).",
            )
        methods, params = found
        operation = methods.get(method)
        if operation is None:
            raise IamError(
                "Method Not Allowed", f"{method} is not allowed on {path}; allowed: {', '.join(sorted(methods))}."
            )
        faults.before_call("huaweiiam", operation)
        with _lock:
            return getattr(IamResponse(request, params), _snake(operation))()  # type: ignore[no-any-return]
    except IamError as error:
        return _reply(error.status, error.body())
    except ServiceException as error:  # an injected fault: the code is Keystone's title
        return _reply(STATUS_BY_TITLE[error.code], IamError(error.code, error.message).body())


# --- server mode: answers the bridge gives for this service when the callback cannot -----------
def not_found(request: PreparedRequest) -> Reply:
    """The API gateway's answer to a path no API is published on (IAM sits behind it too)."""
    message = f"The API does not exist or has not been published in the environment: {request.method} {urlsplit(request.url or '').path}"
    return _reply(404, {"error_code": "APIG.0101", "error_msg": message})


def internal_error(error: Exception) -> Reply:
    return _reply(500, IamError("Internal Server Error", f"moto_ext: {type(error).__name__}: {error}").body())
