"""`services.synth.demo.demo_layer` and `uccn load --demo`: generated activity over the real
member cities, marked generated, linked to real ids without re-emitting or changing a real node,
the same every time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from graph.dataset import GraphData
from graph.model import NODE_BY_LABEL, REL_BY_KEY
from hub.settings import Settings
from services.synth import HERITAGE_TARGET, HOST_YEAR, NEXT_CALL
from services.synth.demo import DEMO, demo_layer
from tests.services.synth.checks import (
    REPO_ROOT,
    UNFLAGGED_LABELS,
    ids_by_label,
    links_from,
    links_to,
    partners_of,
    props_problems,
    requests_problems,
)
from tests.serving import run_uccn

CHIANG_MAI = "chiang-mai"


@pytest.fixture(scope="module")
def layer(real: GraphData) -> GraphData:
    return demo_layer(real)


@pytest.fixture(scope="module")
def real_cities(real: GraphData) -> set[str]:
    return {str(r["id"]) for r in real.nodes["City"]}


def project_ids_of(layer: GraphData, city: str) -> set[str]:
    led = set(links_to(layer, "PilotProject-LED_BY-City").get(city, []))
    joined = set(links_from(layer, "City-PARTICIPATES_IN-PilotProject").get(city, []))
    return led | joined


# --- only generated nodes, linked to real ones -------------------------------------------------


def test_the_layer_adds_only_generated_nodes(real: GraphData, layer: GraphData) -> None:
    real_ids = ids_by_label(real)
    for label, rows in layer.nodes.items():
        ids = [str(r["id"]) for r in rows]
        assert len(ids) == len(set(ids)), label
        assert not set(ids) & real_ids.get(label, set()), f"{label}: a real node is re-emitted"
        if NODE_BY_LABEL[label].prop("generated") is not None:
            assert all(r.get("generated") is True for r in rows), label
    unflagged = {label for label in layer.nodes if NODE_BY_LABEL[label].prop("generated") is None}
    assert unflagged <= set(UNFLAGGED_LABELS)  # the model has no flag for those (yet)
    assert not {"Region", "Country", "CreativeField", "SDGGoal", "SDGTarget"} & set(layer.nodes)
    assert "Conference" not in layer.nodes


def test_links_only_point_to_real_or_layer_ids(real: GraphData, layer: GraphData) -> None:
    ids = ids_by_label(real, layer)
    for key, links in layer.links.items():
        rel = REL_BY_KEY[key]
        missing = [
            (k.start, k.end)
            for k in links
            if k.start not in ids.get(rel.start, set()) or k.end not in ids.get(rel.end, set())
        ]
        assert not missing, f"{key}: {missing[:5]}"
        pairs = [(k.start, k.end) for k in links]
        assert len(pairs) == len(set(pairs)), f"{key} has duplicate relationships"
    partners = ids.get("City", set()) | ids.get("PartnerInstitution", set())
    assert all(r["partner_id"] in partners for r in layer.nodes["Dismissal"])


def test_properties_match_the_model(layer: GraphData) -> None:
    problems: list[str] = []
    for label, rows in layer.nodes.items():
        for row in rows:
            problems += props_problems(row, NODE_BY_LABEL[label].props, f"{label} {row['id']}")
    for key, links in layer.links.items():
        for link in links:
            problems += props_problems(link.props, REL_BY_KEY[key].props, f"{key} {link.start}")
    assert not problems, problems[:10]


def test_the_real_cities_do_the_work(layer: GraphData, real_cities: set[str]) -> None:
    """Projects, partnerships, reports, contributions, focal points, requests and host
    applications are the real cities'; only the candidates are invented."""
    for key in (
        "PilotProject-LED_BY-City",
        "PartnerInstitution-PARTNERS_WITH-City",
        "MonitoringReport-REPORT_OF-City",
        "Contribution-CONTRIBUTION_OF-City",
        "FocalPoint-REPRESENTS-City",
        "Mentorship-MENTOR-City",
        "Introduction-REQUESTED_BY-City",
        "Dismissal-DISMISSED_BY-City",
        "HostApplication-APPLIED_BY-City",
    ):
        assert {k.end for k in layer.links[key]} <= real_cities, key
    assert {k.start for k in layer.links["City-PARTICIPATES_IN-PilotProject"]} <= real_cities
    candidates = {r["id"] for r in layer.nodes["City"]}
    assert {r["status"] for r in layer.nodes["City"]} == {"candidate"}
    assert {k.end for k in layer.links["Mentorship-CANDIDATE-City"]} <= candidates


def test_amounts_fit_the_real_network(layer: GraphData, real_cities: set[str]) -> None:
    real = len(real_cities)
    counts = {label: len(rows) for label, rows in layer.nodes.items()}
    assert counts["PartnerInstitution"] == round(real * DEMO.institutions_per_city)
    assert 2.5 * real <= counts["PilotProject"] <= 3.5 * real
    assert counts["MonitoringReport"] > real
    assert counts["Contribution"] > real
    assert counts["FocalPoint"] > 0
    assert 0.2 * real <= counts["Introduction"] <= round(0.3 * real)
    assert 0.05 * real <= counts["Dismissal"] <= round(0.1 * real)
    assert 5 <= counts["HostApplication"] <= 12
    assert {r["year"] for r in layer.nodes["HostApplication"]} == {HOST_YEAR}
    next_call = [r for r in layer.nodes["City"] if r.get("call_year") == NEXT_CALL]
    assert 20 <= len(next_call) <= 40
    assert 0 < len(layer.nodes["Mentorship"]) < len(layer.nodes["City"])  # some are mentored
    country = {k.start: k.end for k in layer.links["City-IN_COUNTRY-Country"]}
    per_country = Counter(country[r["id"]] for r in next_call)
    assert max(per_country.values()) >= 3  # something for the application check to report
    targets = links_from(layer, "PilotProject-ADDRESSES-SDGTarget")
    heritage = sum(HERITAGE_TARGET in t for t in targets.values()) / len(targets)
    assert heritage > 0.3


def test_introductions_never_point_at_an_existing_partner(layer: GraphData) -> None:
    assert requests_problems(layer) == []
    statuses = Counter(r["status"] for r in layer.nodes["Introduction"])
    assert statuses["became-project"] > 0


def test_chiang_mai_works_on_heritage_and_has_someone_to_meet(layer: GraphData) -> None:
    """ "Partners for Chiang Mai on 11.4" has existing partners to leave out and others to
    propose."""
    mine = project_ids_of(layer, CHIANG_MAI)
    targets = links_from(layer, "PilotProject-ADDRESSES-SDGTarget")
    assert len(mine) >= 3
    assert any(HERITAGE_TARGET in targets[p] for p in mine)
    partners = partners_of(layer)[CHIANG_MAI]
    assert any(kind == "city" for kind, _id in partners)
    on_heritage = {p for p, t in targets.items() if HERITAGE_TARGET in t}
    leads = links_from(layer, "PilotProject-LED_BY-City")
    joined = links_to(layer, "City-PARTICIPATES_IN-PilotProject")
    heritage_cities = {c for p in on_heritage for c in [*leads[p], *joined.get(p, [])]}
    strangers = heritage_cities - {CHIANG_MAI} - {i for _kind, i in partners}
    assert len(strangers) >= 10


# --- determinism ---------------------------------------------------------------------------------


def test_same_seed_same_layer_other_seed_other_layer(real: GraphData, layer: GraphData) -> None:
    assert demo_layer(real).canonical() == layer.canonical()
    other = demo_layer(real, seed=7)
    assert other.canonical() != layer.canonical()
    assert {r["id"] for r in other.nodes["PilotProject"]} != {
        r["id"] for r in layer.nodes["PilotProject"]
    }


def test_same_layer_in_a_fresh_interpreter(layer: GraphData) -> None:
    """No dependence on hash randomisation (set order) or the clock."""
    code = (
        "import json, sys\n"
        "from services.synth.demo import demo_layer\n"
        "from services.reference.dataset import load_reference_data\n"
        "sys.stdout.write(json.dumps(demo_layer(load_reference_data()).canonical(), "
        "sort_keys=True))\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO_ROOT,
            env={"PYTHONHASHSEED": hash_seed, "PATH": os.environ.get("PATH", "")},
        ).stdout
        for hash_seed in ("1", "2")
    ]
    assert runs[0] == runs[1] == json.dumps(layer.canonical(), sort_keys=True)


# --- uccn load --demo ------------------------------------------------------------------------


def test_load_demo_twice_leaves_the_same_graph(
    settings: Settings, tmp_path: Path, real: GraphData, layer: GraphData
) -> None:
    first = run_uccn(settings, "load", "--demo", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "demo layer: added" in first.stdout
    assert "generated" in first.stdout
    counts = json.loads(run_uccn(settings, "stats", "--json", cwd=tmp_path).stdout)
    assert counts["nodes"]["City"] == len(real.nodes["City"]) + len(layer.nodes["City"])
    for label in ("PilotProject", "Introduction", "Dismissal", "HostApplication"):
        assert counts["nodes"][label] == len(layer.nodes[label]), label
    assert sum(counts["relationships"].values()) == real.link_count() + layer.link_count()
    exported = tmp_path / "first.json"
    run_uccn(settings, "export", "--out", str(exported), cwd=tmp_path)

    second = run_uccn(settings, "load", "--demo", cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert json.loads(run_uccn(settings, "stats", "--json", cwd=tmp_path).stdout) == counts
    again = tmp_path / "second.json"
    run_uccn(settings, "export", "--out", str(again), cwd=tmp_path)
    assert again.read_bytes() == exported.read_bytes()

    document = json.loads(exported.read_text())
    chiang_mai = next(n for n in document["nodes"] if (n["label"], n["id"]) == ("City", CHIANG_MAI))
    assert "generated" not in chiang_mai["properties"]  # the real city is left as it was
