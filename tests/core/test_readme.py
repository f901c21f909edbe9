"""The README's generated parts match the code."""

from pathlib import Path

from moto_ext.core.coverage import readme_with_table

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_tables_are_generated_from_the_code():
    current = README.read_text()
    assert current == readme_with_table(current), (
        "README.md is out of date: run python -m moto_ext.core.coverage --write"
    )


def test_readme_starts_with_the_two_setup_commands():
    commands = [line for line in README.read_text().splitlines()[:12] if line.startswith("python3 -m venv")]
    assert len(commands) == 2
    assert "examples/quickstart.py" in commands[0]
    assert "pytest" in commands[1]


def test_the_main_example_runs_end_to_end():
    """The README's first command runs examples/quickstart.py: it must work as a new user runs it."""
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, str(README.parent / "examples" / "quickstart.py")],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin"},  # no credentials, no region: the example sets what it needs
    )
    assert run.returncode == 0, run.stdout + run.stderr
    for service in ("Lookout for Vision", "Rekognition Custom Labels", "Machine Learning", "Neptune ML", "ModelArts"):
        assert service in run.stdout
