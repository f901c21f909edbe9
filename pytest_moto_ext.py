"""The pytest fixture of moto_ext, registered through the distribution's ``pytest11`` entry point.

This module lives outside the ``moto_ext`` package on purpose: pytest loads every installed
plugin in every run, and importing ``moto_ext`` plugs its services into moto. Being installed
must change nothing for a test that does not use moto_ext, so the package is imported only when
a test asks for the fixture.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from moto_ext.core.mock import MockExt


@pytest.fixture
def moto_ext_mock() -> Iterator[MockExt]:
    """Everything mocked for one test: moto's services, moto_ext's, and the control handle."""
    from moto_ext.core.mock import MockExt

    with MockExt() as handle:
        yield handle
