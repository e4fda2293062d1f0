"""docker-compose.yml cannot run here (no Docker engine); what can be checked, is."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import click
import pytest
import yaml

from hub.cli import main
from hub.settings import Settings

ROOT = Path(__file__).parents[1]
INTERPOLATION = re.compile(r"\$\{([A-Z0-9_]+)(?::?[-?][^}]*)?\}")


def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return loaded


def setting_names() -> set[str]:
    return {f"UCCN_{name.upper()}" for name in Settings.model_fields}


def test_services_and_neo4j_5() -> None:
    services = compose()["services"]
    assert {"neo4j", "hub", "scheduler"} <= set(services)
    neo4j = services["neo4j"]
    assert neo4j["image"].startswith("neo4j:5")
    assert "healthcheck" in neo4j
    assert any(volume.endswith(":/data") for volume in neo4j["volumes"])
    assert "${UCCN_NEO4J_PASSWORD" in neo4j["environment"]["NEO4J_AUTH"]


@pytest.mark.parametrize("service", ["init", "hub", "scheduler"])
def test_each_service_command_parses_in_the_cli(service: str) -> None:
    program, name, *args = compose()["services"][service]["command"]
    assert program == "uccn"
    assert name in main.commands, f"{service}: `uccn {name}` does not exist"
    command = main.commands[name]
    with command.make_context(name, list(args)) as ctx:  # raises on an unknown option
        assert isinstance(ctx, click.Context)


@pytest.mark.parametrize("service", ["init", "hub", "scheduler"])
def test_every_setting_passed_is_one_the_app_reads(service: str) -> None:
    environment = compose()["services"][service]["environment"]
    passed = set(environment)
    assert passed, service
    assert passed <= setting_names(), passed - setting_names()
    assert environment["UCCN_GRAPH_URL"].startswith("neo4j://")
    settings = Settings(
        **{k.removeprefix("UCCN_").lower(): v for k, v in environment.items() if "${" not in v},
        _env_file=None,  # type: ignore[call-arg]
    )
    assert settings.env.value == "production"


def test_env_example_covers_what_compose_interpolates() -> None:
    text = (ROOT / "docker-compose.yml").read_text()
    interpolated = set(INTERPOLATION.findall(text))
    example = {
        line.split("=", 1)[0].lstrip("# ").strip()
        for line in (ROOT / ".env.example").read_text().splitlines()
        if "=" in line
    }
    assert interpolated <= example, interpolated - example
    uccn_keys = {k for k in example if k.startswith("UCCN_")}
    compose_only = {"UCCN_PUBLISH_PORT"}
    assert uccn_keys - compose_only <= setting_names(), uccn_keys - setting_names()
