"""``ThreadedMotoExtServer``: the server in a background thread, for tests (as moto's ThreadedMotoServer)."""

import functools
import threading
from typing import Any

from werkzeug.serving import BaseWSGIServer, make_server

from .app import MotoExtApp
from .cli import request_handler


class ThreadedMotoExtServer:
    """Serve moto and moto_ext on ``ip_address:port`` from a daemon thread.

    ``port=0`` (the default) picks a free port; ``port`` / ``endpoint_url`` tell which once started.
    ``stop()`` closes the socket and undoes what the server's controls set (faults, outcomes,
    progressions), so they cannot reach later tests; the backends' state is left for inspection
    (``/moto-api/reset`` or ``moto_ext.mock_ext`` clear it). ``service_hosts``: as ``MotoExtApp``'s.
    """

    def __init__(
        self,
        ip_address: str = "127.0.0.1",
        port: int = 0,
        verbose: bool = False,
        service_hosts: dict[str, str] | None = None,
    ) -> None:
        self._ip_address = ip_address
        self._port = port
        self._verbose = verbose
        self._service_hosts = dict(service_hosts or {})
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None
        self.app: MotoExtApp | None = None

    def start(self) -> "ThreadedMotoExtServer":
        if self._server is not None:
            raise RuntimeError("the server is already running")
        self.app = MotoExtApp(service_hosts=self._service_hosts)
        # bound here, in the caller's thread: a port in use raises at once instead of hanging
        try:
            self._server = make_server(
                self._ip_address, self._port, self.app, threaded=True, request_handler=request_handler(self._verbose)
            )
        except SystemExit:  # werkzeug exits the process when it cannot bind; a test wants an error
            raise OSError(
                f"cannot serve on {self._ip_address}:{self._port}: the address is in use or not available"
            ) from None
        # a short poll interval: stop() waits for the loop to notice, and tests stop servers often
        serve = functools.partial(self._server.serve_forever, poll_interval=0.05)
        self._thread = threading.Thread(target=serve, name=f"moto_ext server :{self.port}", daemon=True)
        self._thread.start()
        if self._verbose:
            print(f"moto_ext server running on {self.endpoint_url}")  # noqa: T201
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join()
        if self.app is not None:
            self.app.controls.reset_settings()
        self._server = self._thread = None

    def get_host_and_port(self) -> tuple[str, int]:
        if self._server is None:
            raise RuntimeError("the server is not running: call start() first")
        host, port = self._server.server_address[:2]
        return str(host), int(port)

    @property
    def port(self) -> int:
        return self.get_host_and_port()[1]

    @property
    def endpoint_url(self) -> str:
        host, port = self.get_host_and_port()
        return f"http://{f'[{host}]' if ':' in host else host}:{port}"

    def __enter__(self) -> "ThreadedMotoExtServer":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()
