"""core.registry: registering services, finding them, and reaching a service's code by convention."""

import itertools
import sys
import textwrap

import pytest

import moto_ext  # noqa: F401  (registers the services)
from moto_ext.core import registry
from moto_ext.core.registry import BOTOCORE, RESPONSES, Service

_package_numbers = itertools.count()


@pytest.fixture
def isolated_registry(monkeypatch):
    """The registry as it is, but whatever a test registers is forgotten afterwards."""
    monkeypatch.setattr(registry, "_services", dict(registry._services))
    return registry._services


@pytest.fixture
def fake_package(tmp_path, monkeypatch):
    """A tiny service package on sys.path, laid out as the registry expects."""
    name = f"coretest_fakesvc_{next(_package_numbers)}"
    folder = tmp_path / name
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    (folder / "models.py").write_text(
        textwrap.dedent(
            f"""
            {name}_backends = {{
                "111111111111": {{"eu-west-1": "backend 1/eu-west-1", "us-east-1": "backend 1/us-east-1"}},
                "222222222222": {{"eu-west-1": "backend 2/eu-west-1", "us-east-1": "backend 2/us-east-1"}},
            }}
            """
        )
    )
    (folder / "urls.py").write_text(
        textwrap.dedent(
            """
            class FakeResponse:
                @classmethod
                def dispatch(cls, *args, **kwargs):
                    return 200, {}, ""

            url_bases = [r"https?://fake\\.(.+)\\.example\\.com"]
            url_paths = {"{0}/$": FakeResponse.dispatch}
            ROUTES = [
                ("GET", "/v1/things", "ListThings"),
                ("POST", "/v1/things", "CreateThing"),
                ("GET", "/v1/things/{id}", "ShowThing"),
                ("DELETE", "/v1/things/{id}", "DeleteThing"),
                ("GET", "/v2/things", "ListThings"),
            ]
            """
        )
    )
    (folder / "hooks.py").write_text(
        textwrap.dedent(
            """
            calls = []

            def started():
                calls.append("start")

            def stopped():
                calls.append("stop")
            """
        )
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    yield name
    for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[module]


def _service(name, **kwargs):
    kwargs.setdefault("package", f"pkg.{name}")
    kwargs.setdefault("title", name.title())
    return Service(name=name, **kwargs)


# --- register / get / find / services ----------------------------------------------------------
def test_the_package_registers_its_entries_in_order():
    from moto_ext.services import SERVICES

    assert list(registry.services()) == list(SERVICES)
    names = [service.name for service in registry.services()]
    assert {"lookoutvision", "rekognition", "machinelearning", "neptunedata", "modelarts"} <= set(names)
    assert list(registry.services(RESPONSES)) == [s for s in SERVICES if s.transport == RESPONSES]
    assert list(registry.services(BOTOCORE)) == [s for s in SERVICES if s.transport == BOTOCORE]
    assert "modelarts" in [s.name for s in registry.services(RESPONSES)]
    assert "lookoutvision" in [s.name for s in registry.services(BOTOCORE)]
    assert registry.get("rekognition").extends_moto is True


def test_register_then_get_and_find(isolated_registry):
    first, second = _service("coretestalpha"), _service("coretestbeta", transport=RESPONSES)
    registry.register(first, second)
    assert registry.get("coretestalpha") is first
    assert registry.find("coretestbeta") is second
    listed = list(registry.services())
    assert listed[-2:] == [first, second]  # registration order
    assert second in list(registry.services(RESPONSES))
    assert second not in list(registry.services(BOTOCORE))
    assert first in list(registry.services(BOTOCORE))


def test_registering_the_same_entry_again_is_harmless(isolated_registry):
    entry = _service("coretestsame")
    registry.register(entry)
    before = list(registry.services())
    registry.register(_service("coretestsame"))  # equal, not identical
    assert list(registry.services()) == before
    assert registry.get("coretestsame") == entry


def test_a_clash_of_names_raises_and_keeps_the_first(isolated_registry):
    entry = _service("coretestclash")
    registry.register(entry)
    with pytest.raises(ValueError, match="coretestclash"):
        registry.register(_service("coretestclash", title="Another"))
    assert registry.get("coretestclash") is entry


def test_a_clash_with_a_real_service_raises(isolated_registry):
    with pytest.raises(ValueError, match="lookoutvision"):
        registry.register(_service("lookoutvision"))
    assert registry.get("lookoutvision").package == "moto_ext.lookoutvision"


def test_get_of_an_unknown_name_says_which_names_are_known():
    with pytest.raises(KeyError) as error:
        registry.get("nosuchservice")
    assert "nosuchservice" in str(error.value)
    assert "lookoutvision" in str(error.value) and "modelarts" in str(error.value)


def test_find_ignores_dashes_and_answers_none_for_unknown_names():
    assert registry.find("machinelearning") is registry.get("machinelearning")
    assert registry.find("machine-learning") is registry.get("machinelearning")
    assert registry.find("lookout-vision") is registry.get("lookoutvision")
    assert registry.find("s3") is None
    assert registry.find("no-such-thing") is None


def test_services_is_a_snapshot_safe_to_register_while_iterating(isolated_registry):
    seen = []
    for service in registry.services():
        seen.append(service.name)
        if service.name == "lookoutvision":
            registry.register(_service("coretestlate"))
    assert "coretestlate" not in seen
    assert registry.get("coretestlate").name == "coretestlate"


# --- a Service reaches its code by convention ------------------------------------------------------
def test_module_backends_and_backend_come_from_the_package(fake_package, monkeypatch):
    service = _service(fake_package, package=fake_package)
    models = service.module("models")
    assert models.__name__ == f"{fake_package}.models"
    assert service.backends is getattr(models, f"{fake_package}_backends")
    assert service.backend("222222222222", "eu-west-1") == "backend 2/eu-west-1"


def test_entries_import_nothing_until_used(fake_package):
    service = _service(fake_package, package=fake_package, on_start="hooks:started")
    assert f"{fake_package}.models" not in sys.modules
    assert f"{fake_package}.hooks" not in sys.modules
    assert service.backends is not None
    assert f"{fake_package}.models" in sys.modules
    assert f"{fake_package}.hooks" not in sys.modules


def test_backend_defaults_to_environment_account_and_region(fake_package, monkeypatch):
    service = _service(fake_package, package=fake_package)
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "111111111111")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    assert service.backend() == "backend 1/eu-west-1"
    assert service.backend("222222222222") == "backend 2/eu-west-1"
    assert service.backend(region="us-east-1") == "backend 1/us-east-1"


def test_backend_prefers_the_service_defaults_over_the_environment(fake_package, monkeypatch):
    service = _service(fake_package, package=fake_package, default_account="222222222222", default_region="us-east-1")
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "111111111111")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    assert service.backend() == "backend 2/us-east-1"
    assert service.backend("111111111111", "eu-west-1") == "backend 1/eu-west-1"


def test_urls_and_response_class(fake_package):
    service = _service(fake_package, package=fake_package)
    urls = service.module("urls")
    assert service.url_bases == urls.url_bases
    assert service.url_paths == urls.url_paths
    assert service.response_class is urls.FakeResponse
    # copies: a caller cannot change the module's tables through them
    service.url_bases.append("x")
    service.url_paths["y"] = None
    assert "x" not in urls.url_bases and "y" not in urls.url_paths


def test_operations_of_a_responses_service_come_from_its_routes(fake_package):
    service = _service(fake_package, package=fake_package, transport=RESPONSES)
    assert service.operations() == ["CreateThing", "DeleteThing", "ListThings", "ShowThing"]


def test_operations_of_a_botocore_service_come_from_its_model():
    from moto.core.utils import get_service_model

    operations = registry.get("lookoutvision").operations()
    assert "CreateProject" in operations and "DetectAnomalies" in operations
    assert operations == list(get_service_model("lookoutvision").operation_names)
    assert "CreateProjectVersion" in registry.get("rekognition").operations()


def test_boto3_name_is_moto_spelling_mapped_to_botocore():
    assert registry.get("lookoutvision").boto3_name == "lookoutvision"
    assert _service("coretestunmapped").boto3_name == "coretestunmapped"


def test_start_and_stop_run_the_named_hooks(fake_package):
    service = _service(fake_package, package=fake_package, on_start="hooks:started", on_stop="hooks:stopped")
    hooks = service.module("hooks")
    service.start()
    assert hooks.calls == ["start"]
    service.stop()
    service.start()
    assert hooks.calls == ["start", "stop", "start"]


def test_start_and_stop_without_hooks_import_nothing(fake_package):
    service = _service(fake_package, package=fake_package)
    service.start()
    service.stop()
    assert not any(module.startswith(fake_package) for module in sys.modules)


def test_a_hook_naming_a_missing_function_fails_loudly(fake_package):
    service = _service(fake_package, package=fake_package, on_start="hooks:nothere")
    with pytest.raises(AttributeError):
        service.start()


def test_entries_are_frozen():
    with pytest.raises(AttributeError):
        registry.get("lookoutvision").name = "other"  # type: ignore[misc]


# --- defaults from the environment ---------------------------------------------------------------
def test_default_account_reads_moto_account_id(monkeypatch):
    from moto.core import DEFAULT_ACCOUNT_ID

    monkeypatch.delenv("MOTO_ACCOUNT_ID", raising=False)
    assert registry.default_account() == DEFAULT_ACCOUNT_ID
    monkeypatch.setenv("MOTO_ACCOUNT_ID", "999999999999")
    assert registry.default_account() == "999999999999"


@pytest.mark.parametrize(
    "default_region, region, expected",
    [
        ("eu-west-3", "ap-south-1", "eu-west-3"),
        (None, "ap-south-1", "ap-south-1"),
        ("", "ap-south-1", "ap-south-1"),
        (None, None, "us-east-1"),
    ],
)
def test_default_region_order(monkeypatch, default_region, region, expected):
    for variable, value in (("AWS_DEFAULT_REGION", default_region), ("AWS_REGION", region)):
        if value is None:
            monkeypatch.delenv(variable, raising=False)
        else:
            monkeypatch.setenv(variable, value)
    assert registry.default_region() == expected
