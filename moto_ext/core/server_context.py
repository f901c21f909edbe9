"""Where the moto_ext server is reached, for mocks that hand out URLs pointing back at it.

Outside server mode ``public_url()`` is None and a mock hands out the real service's URL (the
in-process mock catches requests to it). While the server (``moto_ext.server``) answers a request,
``public_url()`` is the base URL the client reached it by (``http://127.0.0.1:5000``), so a URL a
mock puts in its answer (Machine Learning's realtime ``EndpointUrl``, the ModelArts endpoint in an
IAM token's catalog) leads the client back to the same server.
"""

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

# A context variable, not a module global: each request of the threaded server runs in its own
# thread (its own context), and a server inside a test process must not leak into plain mocks.
_public_url: ContextVar[str | None] = ContextVar("moto_ext_public_url", default=None)


def public_url() -> str | None:
    """The server's base URL (no trailing slash) while it answers a request, else None."""
    return _public_url.get()


@contextlib.contextmanager
def serving(url: str) -> Iterator[None]:
    """Set ``public_url()`` for the request being answered (used by the server)."""
    token = _public_url.set(url.rstrip("/"))
    try:
        yield
    finally:
        _public_url.reset(token)
