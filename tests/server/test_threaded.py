"""ThreadedMotoExtServer: a free port, start/stop, and nothing it set outliving it."""

import socket

import pytest
import requests

from moto_ext import mock_ext
from moto_ext.core import faults, server_context
from moto_ext.server import ThreadedMotoExtServer

from .conftest import aws


def test_port_zero_picks_a_free_port_and_tells_it():
    with ThreadedMotoExtServer() as first, ThreadedMotoExtServer() as second:
        assert first.port != second.port and first.port > 0
        assert first.get_host_and_port() == ("127.0.0.1", first.port)
        assert first.endpoint_url == f"http://127.0.0.1:{first.port}"
        for server in (first, second):
            assert requests.get(f"{server.endpoint_url}/moto-ext-api/", timeout=10).status_code == 200


def test_stop_closes_the_socket_and_the_port_can_be_bound_again():
    server = ThreadedMotoExtServer().start()
    port = server.port
    server.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{port}/moto-ext-api/", timeout=5)
    with ThreadedMotoExtServer(port=port) as again:
        assert again.port == port
        assert aws("lookoutvision", again).list_projects()["Projects"] == []
    server.stop()  # stopping twice is harmless


def test_a_busy_port_fails_at_once():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(OSError):
            ThreadedMotoExtServer(port=taken.getsockname()[1]).start()


def test_start_twice_and_reading_the_port_before_start():
    server = ThreadedMotoExtServer()
    with pytest.raises(RuntimeError, match="start"):
        server.get_host_and_port()
    with server, pytest.raises(RuntimeError, match="already running"):
        server.start()


def test_settings_made_over_http_end_with_the_server():
    with ThreadedMotoExtServer() as server:
        fault = {"service": "lookoutvision", "operation": "ListProjects", "error": "ValidationException"}
        assert requests.post(f"{server.endpoint_url}/moto-ext-api/faults", json=fault, timeout=10).status_code == 201
        assert faults._rules
    assert not faults._rules
    with mock_ext():
        assert aws("lookoutvision", "https://lookoutvision.us-east-1.amazonaws.com").list_projects()["Projects"] == []


def test_public_url_is_only_set_while_the_server_answers():
    assert server_context.public_url() is None
    with server_context.serving("http://example.test:5000/"):
        assert server_context.public_url() == "http://example.test:5000"
    assert server_context.public_url() is None
