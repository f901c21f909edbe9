"""moto_ext: stateful mocks of five cloud ML services, on top of moto.

    from moto_ext import mock_ext

    @mock_ext
    def test_something(): ...

Importing the package plugs the AWS services into moto (so plain ``mock_aws`` serves them too).
"""

from .core import registry
from .core.install import install
from .core.mock import MockExt, mock_ext
from .services import SERVICES

registry.register(*SERVICES)
install()

__all__ = ["MockExt", "install", "mock_ext"]
__version__ = "0.1.0"
