"""otcextensions' ``modelartsv1`` proxy, through openstacksdk's password authentication against the
mocked IAM. One connection serves the module: each test's fresh mock has forgotten its token, so
keystoneauth's one re-authentication on the first 401 is exercised by every test too."""

import openstack
import pytest
from openstack import exceptions
from otcextensions import sdk

from moto_ext import mock_ext
from moto_ext.modelarts.models import DEFAULT_PROJECT_ID

from .conftest import CONFIG

KIND = "modelarts.training_version"


@pytest.fixture(scope="module")
def conn():
    with mock_ext():
        connection = openstack.connect(
            auth_url="https://iam.eu-de.otc.t-systems.com/v3",
            username="alice",
            password="secret",
            project_name="eu-de",
            user_domain_name="OTC-EU-DE-00000000001000000001",
            region_name="eu-de",
            load_yaml_config=False,
            load_envvars=False,
        )
        sdk.register_otc_extensions(connection)
    yield connection
    connection.close()


@pytest.fixture
def ma1(conn, moto_ext_mock):
    return conn.modelartsv1


def error_body(raised: pytest.ExceptionInfo) -> dict:
    response = raised.value.response
    assert response is not None
    return response.json()


def create(proxy, name="otc-job", **config):
    return proxy.create_training_job(job_name=name, job_description="from otcextensions", config={**CONFIG, **config})


def test_connection_found_the_endpoint_in_the_catalog(conn, ma1):
    assert conn.current_project_id == DEFAULT_PROJECT_ID
    assert ma1.get_endpoint() == f"https://modelarts.eu-de.otc.t-systems.com/v1/{DEFAULT_PROJECT_ID}"


def test_training_job_round_trip(ma1, moto_ext_mock):
    assert list(ma1.training_jobs()) == []
    job = create(ma1)
    assert job.job_id and job.version_id and job.status == 1 and job.version_name == "V0001"
    [listed] = list(ma1.training_jobs())
    assert (listed.job_name, listed.job_description, listed.status, listed.version_count) == (
        "otc-job",
        "from otcextensions",
        7,
        1,
    )
    ma1.update_training_job(job.job_id, "changed")
    assert [j.job_description for j in ma1.training_jobs()] == ["changed"]
    [version] = list(ma1.training_job_versions(job.job_id))
    assert (version.version_id, version.version_name, version.spec_code, version.engine_name) == (
        job.version_id,
        "V0001",
        "modelarts.vm.cpu.2u",
        "TensorFlow",
    )
    moto_ext_mock.set_status(job.version_id, 10)
    ma1.delete_training_job(job.job_id)
    assert list(ma1.training_jobs()) == []
    assert moto_ext_mock.backend("modelarts").jobs == {}


def test_list_parameters_are_mapped(ma1, moto_ext_mock):
    moto_ext_mock.set_progression(KIND, "manual", times=1000)
    for name in ("b-job", "a-job", "c-job"):
        create(ma1, name)
    assert [j.job_name for j in ma1.training_jobs(sort_by="job_name", order="desc")] == ["c-job", "b-job", "a-job"]
    assert [j.job_name for j in ma1.training_jobs(search_content="a-")] == ["a-job"]
    assert [j.job_name for j in ma1.training_jobs(status=1, sort_by="create_time")] == ["b-job", "a-job", "c-job"]


def test_stop_and_details_through_the_raw_adapter(ma1, moto_ext_mock):
    moto_ext_mock.set_progression(KIND, "manual", times=1000)
    job = create(ma1, "stoppable")
    moto_ext_mock.set_status(job.version_id, 8)
    stopped = ma1.post(f"/training-jobs/{job.job_id}/versions/{job.version_id}/stop")
    assert stopped.status_code == 200 and stopped.json() == {"is_success": True}
    details = ma1.get(f"/training-jobs/{job.job_id}/versions/{job.version_id}").json()
    assert details["status"] == 9 and details["version_name"] == "V0001"
    again = ma1.post(f"/training-jobs/{job.job_id}/versions/{job.version_id}/stop")
    assert again.status_code == 400
    assert again.json() == {
        "is_success": False,
        "error_code": "ModelArts.0105",
        "error_message": "This job can't be stop. job status: 9",
    }


def test_flavors_and_engines(ma1):
    flavors = list(ma1.job_flavors(job_type="train"))
    assert [f.spec_code for f in flavors][:2] == ["modelarts.vm.cpu.2u", "modelarts.vm.cpu.8u"]
    assert flavors[0].max_num == 2 and flavors[0].spec_id == 2
    engines = list(ma1.job_engines(job_type="train"))
    assert (engines[0].engine_name, engines[0].engine_version, engines[0].engine_id) == (
        "TensorFlow",
        "TF-1.4.0-python2.7",
        1,
    )
    assert [m.model_name for m in ma1.builtin_models()] == ["ResNet_v1_50", "YOLOv3_Darknet53"]


def test_errors_raise_typed_sdk_exceptions_and_change_nothing(ma1, moto_ext_mock):
    create(ma1, "taken")
    with pytest.raises(exceptions.BadRequestException) as duplicate:
        create(ma1, "taken")
    assert duplicate.value.status_code == 400
    assert error_body(duplicate)["error_code"] == "ModelArts.0103"
    with pytest.raises(exceptions.BadRequestException) as flavor:
        create(ma1, "no-flavor", spec_id=999)
    assert error_body(flavor)["error_code"] == "ModelArts.2781"
    with pytest.raises(exceptions.BadRequestException) as missing:
        ma1.delete_training_job(999999)
    assert error_body(missing)["error_code"] == "ModelArts.2775"
    assert [j.job_name for j in ma1.training_jobs()] == ["taken"]


def test_injected_throttling_reaches_the_sdk(ma1, moto_ext_mock):
    moto_ext_mock.inject_fault("modelarts", "ListTrainingJobs", "ModelArts.2799", count=1)
    with pytest.raises(exceptions.HttpException) as throttled:
        list(ma1.training_jobs())
    assert throttled.value.status_code == 429
    assert list(ma1.training_jobs()) == []


def test_configurations_and_visualization_jobs(ma1, moto_ext_mock):
    flat = {k: v for k, v in CONFIG.items() if k != "engine_id"}
    ma1.create_training_job_config(config_name="otc-config", config_desc="d", **flat)
    assert [c.config_name for c in ma1.training_job_configs()] == ["otc-config"]
    ma1.update_training_job_config("otc-config", config_desc="new")
    assert ma1.get_training_job_config("otc-config").config_desc == "new"
    ma1.delete_training_job_config("otc-config")
    assert list(ma1.training_job_configs()) == []
    vis = ma1.create_visualization_job(job_name="otc-vis", train_url="/bucket/out/")
    assert [v.job_name for v in ma1.visualization_jobs()] == ["otc-vis"]
    assert ma1.get_visualization_job(vis.job_id).status == 8
    ma1.stop_visualization_job(vis.job_id)
    assert ma1.get_visualization_job(vis.job_id).status == 12  # KILLING, then KILLED on this read
    ma1.restart_visualization_job(vis.job_id)
    with pytest.raises(exceptions.BadRequestException):
        ma1.delete_visualization_job(vis.job_id)  # restarting (INIT): not deletable yet
    moto_ext_mock.set_status(vis.job_id, 8)
    ma1.delete_visualization_job(vis.job_id)
    assert list(ma1.visualization_jobs()) == []
