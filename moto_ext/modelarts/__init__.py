"""Huawei Cloud / Open Telekom Cloud ModelArts v1 training jobs, through a ``responses`` mock.

Importing the package (``moto_ext`` does, in ``install()``) adds start/stop hooks to ``mock_ext``
that put the ModelArts and IAM callbacks on moto's ``responses`` mock while a mock is active.
"""

from .responses import install_hooks

install_hooks()
