"""The server's own error answers: an AWS-shaped error a client's SDK can read, per protocol.

Only for what the server answers before (or instead of) a service: unknown services, unsigned
requests, malformed bodies, and a service that fails. Services answer their own modeled errors.
"""

import json
import uuid
from typing import Any
from xml.sax.saxutils import escape

from werkzeug.http import HTTP_STATUS_CODES

Answer = tuple[int, list[tuple[str, str]], bytes]

XML_PROTOCOLS = {"query", "ec2", "rest-xml"}


def service_protocol(backend: str | None) -> str:
    """The wire protocol of a moto backend name (json when it cannot be told)."""
    if not backend:
        return "json"
    try:
        from moto.core.responses import boto3_service_name
        from moto.core.utils import get_service_model

        return str(get_service_model(boto3_service_name.get(backend, backend)).protocol)
    except Exception:  # moto_api, instance_metadata, names botocore does not know
        return "json"


def aws_error(status: int, code: str, message: str, protocol: str = "json") -> Answer:
    """An error botocore parses into ``ClientError`` with this code, for the given protocol."""
    request_id = str(uuid.uuid4())
    headers = [("x-amzn-RequestId", request_id), ("x-amzn-ErrorType", code)]
    if protocol in XML_PROTOCOLS:
        # <ErrorResponse><Error> is read by botocore's query, ec2 and rest-xml parsers alike
        sender = "Sender" if status < 500 else "Receiver"
        body = (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse><Error><Type>{sender}</Type>'
            f"<Code>{escape(code)}</Code><Message>{escape(message)}</Message></Error>"
            f"<RequestId>{request_id}</RequestId></ErrorResponse>"
        )
        headers.append(("Content-Type", "text/xml"))
    else:
        body = json.dumps({"__type": code, "message": message, "Message": message})
        headers.append(("Content-Type", "application/x-amz-json-1.1"))
    return status, headers, body.encode("utf-8")


def json_answer(status: int, payload: Any, extra_headers: list[tuple[str, str]] | None = None) -> Answer:
    """A plain JSON answer (the control endpoints, the responses bridge's own errors)."""
    headers = [("Content-Type", "application/json")] + list(extra_headers or [])
    return status, headers, json.dumps(payload, default=str).encode("utf-8")


def status_line(status: int) -> str:
    return f"{status} {HTTP_STATUS_CODES.get(status, 'Unknown')}"
