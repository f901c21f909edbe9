"""Plug the registered services into moto (see DESIGN.md, "How it plugs into moto").

``install()`` runs when ``moto_ext`` is imported and is idempotent. After it, moto's request
routing (the botocore stubber, the ``responses`` mock and server mode, which all read
``moto.backend_index.backend_url_patterns`` and resolve names with ``moto.backends.get_backend``)
serves the registered AWS services too, so a plain ``mock_aws`` reaches them. What it changes in
moto and botocore is listed in ``core.patches``.
"""

from __future__ import annotations

from . import patches, registry


def install() -> None:
    patches.apply(registry.services())
