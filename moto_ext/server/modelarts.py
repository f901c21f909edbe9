"""The ModelArts mock's routes, for the server's bridge (bridge.py)."""

import os
from re import Pattern

from moto_ext.modelarts.models import DEFAULT_REGION

from .bridge import Callback

#: the cloud host requests on the server's own address stand for (its region is the mock's)
DEFAULT_HOST = os.environ.get("MOTO_EXT_MODELARTS_HOST") or f"modelarts.{DEFAULT_REGION}.otc.t-systems.com"


def modelarts_routes() -> list[tuple[Pattern[str], Callback]]:
    """(URL pattern, callback) of ModelArts v1 and of IAM, as the in-process mock registers them."""
    from moto_ext.modelarts.responses import iam_callback, modelarts_callback
    from moto_ext.modelarts.urls import IAM_URL, MODELARTS_URL

    return [(MODELARTS_URL, modelarts_callback), (IAM_URL, iam_callback)]
