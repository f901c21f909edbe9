"""The project's own test configuration (users need none: the fixture comes with the package).

Every test runs with outbound connections and DNS look-ups refused, loopback excepted: a request
that a mock failed to catch fails its test instead of leaving the machine (a look-up of the real
host is a leak too: it tells the network what the test was about to reach).
"""

import ipaddress
import os
import socket

import pytest

# Tests never reach a real account: fake credentials and a default region for every client.
os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")


class NetworkLeak(AssertionError):
    """A test tried to open a connection off this machine."""


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo
_real_gethostbyname = socket.gethostbyname
_real_gethostbyname_ex = socket.gethostbyname_ex


def _is_local_host(host: object) -> bool:
    if host is None:  # getaddrinfo(None, port): the local wildcard address
        return True
    host = host.decode() if isinstance(host, bytes) else str(host)
    if host in ("localhost", "") or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def _is_local(address: object) -> bool:
    if not isinstance(address, tuple):  # unix sockets
        return True
    return _is_local_host(address[0])


def _guarded_getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
    if not _is_local_host(host):
        raise NetworkLeak(f"DNS look-up of {host!r} refused during tests")
    return _real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]


def _guarded_gethostbyname(host: str) -> str:
    if not _is_local_host(host):
        raise NetworkLeak(f"DNS look-up of {host!r} refused during tests")
    return _real_gethostbyname(host)


def _guarded_gethostbyname_ex(host: str) -> object:
    if not _is_local_host(host):
        raise NetworkLeak(f"DNS look-up of {host!r} refused during tests")
    return _real_gethostbyname_ex(host)


def _guarded_connect(self: socket.socket, address: object) -> None:
    if not _is_local(address):
        raise NetworkLeak(f"outbound connection to {address!r} refused during tests")
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    if not _is_local(address):
        raise NetworkLeak(f"outbound connection to {address!r} refused during tests")
    return _real_connect_ex(self, address)


@pytest.fixture(autouse=True, scope="session")
def _no_outbound_network():
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = _guarded_getaddrinfo  # type: ignore[assignment]
    socket.gethostbyname = _guarded_gethostbyname
    socket.gethostbyname_ex = _guarded_gethostbyname_ex  # type: ignore[assignment]
    yield
    socket.socket.connect = _real_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _real_connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = _real_getaddrinfo
    socket.gethostbyname = _real_gethostbyname
    socket.gethostbyname_ex = _real_gethostbyname_ex


class EngineClock:
    """The lifecycle engine's clock, moved by the test: ``time`` progression without sleeping, and
    without a loaded machine's delays counting as time that passed."""

    def __init__(self) -> None:
        import time

        self.now = time.monotonic()

    def monotonic(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def engine_clock(monkeypatch: pytest.MonkeyPatch) -> EngineClock:
    from moto_ext.core import lifecycle

    clock = EngineClock()
    monkeypatch.setattr(lifecycle, "time", clock)
    return clock
