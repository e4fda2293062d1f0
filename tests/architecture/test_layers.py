"""The layers hold (`lint-imports`, contracts in pyproject.toml), and the check can fail: a copy
of the code with one forbidden import added is refused, naming the contract it breaks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("hub", "schema", "bot", "jobs", "services", "graph", "brain", "names")
LINT = Path(sys.executable).parent / "lint-imports"


def copy_of_the_code(target: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package, target / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    return target


def lint(directory: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(directory)}
    return subprocess.run(
        [str(LINT), "pyproject.toml", "--no-cache"],
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_code_keeps_every_contract(tmp_path: Path) -> None:
    result = lint(copy_of_the_code(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "forbidden", "contract"),
    [
        # A service reading the settings itself (upward, into hub/).
        ("services/projects.py", "hub.settings", "Layers"),
        # The schema importing the jobs (entry points are independent).
        ("schema/query.py", "jobs.registry", "Entry points do not import each other"),
        # The storage layer reaching up into the services.
        ("graph/store.py", "services.policy", "Layers"),
        # The pure brain reaching across into storage.
        ("brain/partners.py", "graph.model", "Layers"),
    ],
)
def test_a_forbidden_import_breaks_a_contract(
    tmp_path: Path, module: str, forbidden: str, contract: str
) -> None:
    code = copy_of_the_code(tmp_path)
    path = code / module
    path.write_text(path.read_text() + f"\nimport {forbidden}  # noqa\n")
    result = lint(code)
    assert result.returncode != 0
    broken = [line for line in result.stdout.splitlines() if line.endswith("BROKEN")]
    assert any(line.startswith(contract) for line in broken), result.stdout
    assert forbidden in result.stdout
