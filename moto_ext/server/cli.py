"""``python -m moto_ext`` / ``moto_ext_server``: run the server, or print the AWS_DATA_PATH folder."""

import argparse
import os
import signal
import sys
from typing import Any

from moto.moto_server.werkzeug_app import MotoRequestHandler
from werkzeug.serving import make_server


def request_handler(verbose: bool) -> type[MotoRequestHandler]:
    """moto's request handler; without ``verbose``, one log line a request is left out."""
    if verbose:
        return MotoRequestHandler

    class QuietRequestHandler(MotoRequestHandler):
        def log(self, type: str, message: str, *args: Any) -> None:
            if type != "info":
                super().log(type, message, *args)

    return QuietRequestHandler


def parser() -> argparse.ArgumentParser:
    from moto_ext.core.patches import DATA_PATH

    p = argparse.ArgumentParser(
        prog="moto_ext_server",
        description="Serve moto's services and moto_ext's over HTTP; point clients at http://HOST:PORT.",
        epilog=f"data-path prints the folder to put in AWS_DATA_PATH (the service models botocore no longer ships): {DATA_PATH}",
    )
    p.add_argument(
        "command", nargs="?", choices=["serve", "data-path"], default="serve", help="serve (default) or data-path"
    )
    p.add_argument("-H", "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument(
        "-p",
        "--port",
        type=int,
        default=int(os.environ.get("MOTO_PORT", 5000)),
        help="port (default $MOTO_PORT or 5000; 0 picks a free one)",
    )
    p.add_argument(
        "--service-host",
        action="append",
        default=[],
        metavar="NAME=HOST",
        help=(
            "the cloud host requests on the server's own address stand for, for a service mocked through "
            "`responses` (e.g. modelarts=modelarts.eu-nl.otc.t-systems.com); repeatable; "
            "default $MOTO_EXT_<NAME>_HOST or the service's own"
        ),
    )
    p.add_argument("-c", "--ssl-cert", default=None, help="certificate file, to serve https (with --ssl-key)")
    p.add_argument("-k", "--ssl-key", default=None, help="private key file of --ssl-cert")
    p.add_argument("-q", "--quiet", action="store_true", help="no log line per request")
    return p


def service_hosts(values: list[str]) -> dict[str, str]:
    """{service: host} from ``NAME=HOST`` values, for services mocked through ``responses``."""
    from moto_ext.core import registry

    known = [service.name for service in registry.services(registry.RESPONSES)]
    hosts = {}
    for value in values:
        name, _, host = value.partition("=")
        if not name or not host:
            raise ValueError(f"--service-host takes NAME=HOST, not {value!r}")
        if name not in known:
            raise ValueError(f"--service-host: no service {name!r} mocked through responses; known: {', '.join(known)}")
        hosts[name] = host
    return hosts


def _exit(signum: int, frame: Any) -> None:
    sys.exit(0)


def main(argv: list[str] | None = None) -> None:
    arguments = parser()
    args = arguments.parse_args(sys.argv[1:] if argv is None else argv)
    if args.command == "data-path":
        from moto_ext.core.patches import DATA_PATH

        print(DATA_PATH)  # noqa: T201
        return
    if bool(args.ssl_cert) != bool(args.ssl_key):
        arguments.error("--ssl-cert and --ssl-key go together")

    try:
        hosts = service_hosts(args.service_host)
    except ValueError as error:
        arguments.error(str(error))

    from .app import MotoExtApp

    app = MotoExtApp(service_hosts=hosts)
    ssl_context = (args.ssl_cert, args.ssl_key) if args.ssl_cert else None
    server = make_server(
        args.host,
        args.port,
        app,
        threaded=True,
        request_handler=request_handler(not args.quiet),
        ssl_context=ssl_context,
    )
    address, port = server.server_address[:2]
    host = address.decode() if isinstance(address, bytes) else address
    # moto builds some URLs it hands out (e.g. SQS queue URLs) from MOTO_PORT, as moto_server sets it
    os.environ.setdefault("MOTO_PORT", str(port))
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _exit)
    scheme = "https" if ssl_context else "http"
    banner = f"moto_ext server running on {scheme}://{host}:{port} (controls: /moto-ext-api/, moto's: /moto-api/)"
    print(banner, flush=True)  # noqa: T201
    try:
        server.serve_forever()
    finally:
        server.server_close()
