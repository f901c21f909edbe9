"""Where IAM requests are caught and which operation each method and path is.

``url_bases`` are matched against the whole URL (scheme, host, path) by the ``responses`` mock;
``ROUTES`` paths against the URL's path (``{name}`` stands for one path segment).
"""

import re

_CLOUDS = r"(?:otc\.t-systems\.com|myhuaweicloud\.(?:com|cn))"

#: https://iam.<region>.otc.t-systems.com, https://iam.<region>.myhuaweicloud.com (.cn), global iam.myhuaweicloud.com
IAM_URL = re.compile(
    rf"^https?://iam(?:\.(?P<region>[a-z0-9-]+))?\.(?P<cloud>{_CLOUDS})(?::\d+)?(?P<path>/[^?#]*)?$", re.IGNORECASE
)

url_bases = [IAM_URL]

#: (method, path, operation)
ROUTES = [
    ("GET", "/", "ListVersions"),
    ("GET", "/v3", "ShowVersion"),
    ("POST", "/v3/auth/tokens", "CreateToken"),
    ("GET", "/v3/auth/tokens", "ValidateToken"),
    ("HEAD", "/v3/auth/tokens", "CheckToken"),
    ("DELETE", "/v3/auth/tokens", "RevokeToken"),
    ("GET", "/v3/auth/catalog", "ShowCatalog"),
    ("GET", "/v3/auth/projects", "ListAuthProjects"),
    ("GET", "/v3/projects", "ListProjects"),
    ("GET", "/v3/projects/{project_id}", "ShowProject"),
]

# --- server mode (moto_ext/server/bridge.py) ----------------------------------------------------
#: paths on the server's own address that are IAM's (when not AWS-signed)
server_paths = re.compile(r"^/v3(/|$)")
#: the host requests on the server's own address stand for
default_host = "iam.eu-de.otc.t-systems.com"

_COMPILED = [
    (re.compile("^" + re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(path)) + "$"), method, operation)
    for method, path, operation in ROUTES
]


def route(path: str) -> tuple[dict[str, str], dict[str, str]] | None:
    """({method: operation}, path parameters) for a path (without its trailing slash), or None."""
    methods: dict[str, str] = {}
    params: dict[str, str] = {}
    for pattern, method, operation in _COMPILED:
        match = pattern.match(path)
        if match:
            methods[method] = operation
            params = match.groupdict()
    return (methods, params) if methods else None
