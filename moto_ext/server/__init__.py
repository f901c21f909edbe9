"""moto_ext's server mode: moto's services and moto_ext's over HTTP.

From a shell, and in a test::

    python -m moto_ext [--host 127.0.0.1] [--port 5000]     # or: moto_ext_server
    python -m moto_ext data-path                           # the folder for AWS_DATA_PATH

    with ThreadedMotoExtServer() as server:                # in a test: a free port
        boto3.client("lookoutvision", endpoint_url=server.endpoint_url, ...)
"""

from .app import MotoExtApp
from .cli import main
from .threaded import ThreadedMotoExtServer

__all__ = ["MotoExtApp", "ThreadedMotoExtServer", "main"]
