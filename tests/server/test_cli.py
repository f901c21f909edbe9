"""``python -m moto_ext`` and the ``moto_ext_server`` console script, as separate processes."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from moto_ext.core.patches import DATA_PATH

from .conftest import ServerProcess, aws

SCRIPT = Path(sys.executable).parent / "moto_ext_server"


def run(*args, timeout=60):
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout)


def test_data_path_prints_the_folder_for_aws_data_path():
    result = run(sys.executable, "-m", "moto_ext", "data-path")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == DATA_PATH
    assert (Path(DATA_PATH) / "lookoutvision" / "2020-11-20" / "service-2.json").is_file()


def test_console_script_is_installed_with_the_package():
    assert SCRIPT.is_file(), f"{SCRIPT} is missing: reinstall the package (pip install -e .) to get its console_scripts"
    result = run(str(SCRIPT), "--help")
    assert result.returncode == 0 and "--port" in result.stdout and "data-path" in result.stdout


def test_module_serves_until_sigterm_and_logs_each_request():
    server = ServerProcess()
    try:
        lv = aws("lookoutvision", server.endpoint_url)
        lv.create_project(ProjectName="from-a-process")
        assert [p["ProjectName"] for p in lv.list_projects()["Projects"]] == ["from-a-process"]
        assert aws("neptunedata", server.endpoint_url).get_engine_status()["status"] == "healthy"
    finally:
        started = time.monotonic()
        assert server.stop() == 0
        assert time.monotonic() - started < 5
    assert "POST /2020-11-20/projects" in server.stderr()


def test_quiet_logs_no_requests(server_process):
    aws("lookoutvision", server_process.endpoint_url).list_projects()
    assert "/2020-11-20/projects" not in server_process.stderr()


def test_bad_arguments_and_a_busy_port():
    result = run(sys.executable, "-m", "moto_ext", "--ssl-cert", "cert.pem")
    assert result.returncode == 2 and "--ssl-key" in result.stderr
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = run(sys.executable, "-m", "moto_ext", "--port", str(taken.getsockname()[1]))
    assert result.returncode == 1 and "in use" in result.stderr


def test_port_defaults_to_moto_port_env():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "moto_ext", "--quiet"],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "MOTO_PORT": str(free)},
    )
    assert process.stdout is not None
    try:
        assert process.stdout.readline().startswith(f"moto_ext server running on http://127.0.0.1:{free} ")
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0
        process.stdout.close()


def test_service_host_takes_a_known_name_and_a_host():
    for value, message in [("modelarts", "NAME=HOST"), ("nosuch=h.example", "no service 'nosuch'")]:
        result = run(sys.executable, "-m", "moto_ext", "--service-host", value)
        assert result.returncode == 2 and message in result.stderr, result.stderr
