"""The house rules the code keeps, checked: who may import whom, and how large a module may grow.

- ``moto_ext.core`` imports no service package: it reaches services only through the registry;
- a service package imports ``moto_ext.core`` and itself, never another service;
- the server, the pytest plugin and ``__main__`` name no service package either;
- only ``moto_ext/__init__.py`` and ``moto_ext/services.py`` (the registry's entries) know the set;
- no module of the package is longer than ``MAX_LINES``.
"""

import ast
from pathlib import Path

import pytest

import moto_ext
from moto_ext.core import registry

PACKAGE = Path(moto_ext.__file__).parent
MAX_LINES = 600
SERVICE_PACKAGES = {service.package for service in registry.services()}


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield pytest.param(path, id=str(path.relative_to(PACKAGE.parent)))


def _dotted(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, relative imports resolved."""
    package = _dotted(path) if path.name == "__init__.py" else _dotted(path).rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.add(module)
            found |= {f"{module}.{alias.name}" for alias in node.names}
    return found


def _service_of(module: str) -> str | None:
    return next((p for p in SERVICE_PACKAGES if module == p or module.startswith(p + ".")), None)


def test_every_registered_service_is_a_package_of_moto_ext():
    assert SERVICE_PACKAGES, "no service is registered"
    for package in SERVICE_PACKAGES:
        assert (PACKAGE.parent / package.replace(".", "/") / "__init__.py").is_file(), package


@pytest.mark.parametrize("path", _modules())
def test_imports_follow_the_layering(path):
    module = _dotted(path)
    if module in ("moto_ext", "moto_ext.services"):
        return  # the two places that know the set of services
    own = _service_of(module)
    reached = {_service_of(name) for name in imported_modules(path)} - {None, own}
    assert not reached, f"{module} imports service package(s) {sorted(reached)}: reach them through the registry"


@pytest.mark.parametrize("path", _modules())
def test_no_module_is_too_long(path):
    lines = len(path.read_text().splitlines())
    assert lines <= MAX_LINES, f"{path.name} has {lines} lines (at most {MAX_LINES}): split it by concern"
