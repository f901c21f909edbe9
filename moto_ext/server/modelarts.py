"""Transitional: app.py imports these names to build its bridge. Once app.py builds
``bridge.ResponsesBridge(hosts)`` itself (which reads every ``responses`` service from the
registry), this module goes."""

from re import Pattern

from .bridge import Callback

#: no host of its own: ResponsesBridge takes each service's from its urls.py or MOTO_EXT_<NAME>_HOST
DEFAULT_HOST = None


def modelarts_routes() -> list[tuple[Pattern[str], Callback]]:
    return []  # ResponsesBridge builds the callbacks from the registry
