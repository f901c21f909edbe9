"""pytest fixtures of moto_ext, registered through the package's ``pytest11`` entry point."""

from collections.abc import Iterator

import pytest

from moto_ext.core.mock import MockExt


@pytest.fixture
def moto_ext_mock() -> Iterator[MockExt]:
    """Everything mocked for one test: moto's services, moto_ext's, and the control handle."""
    with MockExt() as handle:
        yield handle
