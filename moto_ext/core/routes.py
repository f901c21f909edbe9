"""A service's route to its response class, imported on the first request rather than at install.

``install()`` reads every service's ``urls.url_bases``; moto reads ``urls.url_paths`` when it
first routes a request to the service. A response class imports the service's models, which read
its botocore model: importing them at ``import moto_ext`` would cost every test run the parsing of
five services' models, whichever it uses.
"""

from __future__ import annotations

import importlib
from typing import Any


class LazyDispatch:
    """Stands for ``<module>.<class_name>.dispatch`` in ``url_paths``; imports it when first called."""

    def __init__(self, module: str, class_name: str) -> None:
        self.__module__ = module
        self.__name__ = f"{class_name}.dispatch"
        self._class_name = class_name
        self._dispatch: Any = None

    @property
    def __self__(self) -> type:
        """The response class, as ``dispatch.__self__`` is for a bound classmethod."""
        return getattr(importlib.import_module(self.__module__), self._class_name)  # type: ignore[no-any-return]

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._dispatch is None:
            self._dispatch = self.__self__.dispatch  # type: ignore[attr-defined]
        return self._dispatch(*args, **kwargs)
