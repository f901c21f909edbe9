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
