"""`services.synth.generate` in the model's shape: the expected amounts of each label, ids that
are unique and apart from the reference, links only to ids that exist, properties of the
model's types, every generated node marked; without a reference, the real subset it links to."""

from __future__ import annotations

import re

import pytest

from graph.dataset import GraphData
from graph.model import NODE_BY_LABEL, REL_BY_KEY
from services.synth import generate, minimal_reference
from tests.services.synth.checks import (
    GENERATED_LABELS,
    REFERENCE_LABELS,
    UNFLAGGED_LABELS,
    N,
    ids_by_label,
    props_problems,
)


def test_counts_are_in_range(synth: GraphData) -> None:
    counts = {label: len(rows) for label, rows in synth.nodes.items()}
    assert counts["City"] == N
    assert 4 * N <= counts["PilotProject"] <= 6 * N
    assert 0.4 * N <= counts["PartnerInstitution"] <= 0.6 * N
    assert N <= counts["MonitoringReport"] <= 3 * N
    assert N <= counts["Contribution"] <= 3 * N
    assert 1 <= counts["Mentorship"] <= N // 10
    assert 1 <= counts["FocalPoint"] <= N // 10
    members = sum(r["status"] == "member" for r in synth.nodes["City"])
    assert 0.2 * members <= counts["Introduction"] <= round(0.3 * members)
    assert 0.05 * members <= counts["Dismissal"] <= round(0.1 * members)
    assert 5 <= counts["HostApplication"] <= 12
    assert not set(synth.nodes) & set(REFERENCE_LABELS)  # the caller holds those
    assert 25 * N <= synth.link_count() <= 45 * N


def test_every_link_endpoint_exists(real: GraphData, synth: GraphData) -> None:
    ids = ids_by_label(real, synth)
    for key, links in synth.links.items():
        rel = REL_BY_KEY[key]
        missing = [
            (k.start, k.end)
            for k in links
            if k.start not in ids.get(rel.start, set()) or k.end not in ids.get(rel.end, set())
        ]
        assert not missing, f"{key}: {missing[:5]}"
        pairs = [(k.start, k.end) for k in links]
        assert len(pairs) == len(set(pairs)), f"{key} has duplicate relationships"
    ids_of_partners = ids.get("City", set()) | ids.get("PartnerInstitution", set())
    for row in synth.nodes["Dismissal"]:
        assert row["partner_id"] in ids_of_partners, row["id"]


def test_standalone_output_carries_its_reference_nodes(standalone: GraphData) -> None:
    ids = ids_by_label(standalone)
    for label in REFERENCE_LABELS:
        assert standalone.nodes.get(label), label
    for key, links in standalone.links.items():
        rel = REL_BY_KEY[key]
        for link in links:
            assert link.start in ids[rel.start], (key, link.start)
            assert link.end in ids[rel.end], (key, link.end)


def test_minimal_reference_agrees_with_the_real_data(real: GraphData) -> None:
    """Same ids and the same values, so loading one over the other changes nothing."""
    real_rows = {(label, str(r["id"])): r for label, rows in real.nodes.items() for r in rows}
    minimal = minimal_reference()
    for label, rows in minimal.nodes.items():
        for row in rows:
            full = real_rows.get((label, str(row["id"])))
            assert full is not None, (label, row["id"])
            assert {k: full.get(k) for k in row} == row, (label, row["id"])
    real_links = {(key, k.start, k.end) for key, links in real.links.items() for k in links}
    for key, links in minimal.links.items():
        for link in links:
            assert (key, link.start, link.end) in real_links


def test_ids_are_unique_and_apart_from_the_reference(real: GraphData, synth: GraphData) -> None:
    real_ids = ids_by_label(real)
    for label, rows in synth.nodes.items():
        ids = [str(r["id"]) for r in rows]
        assert len(ids) == len(set(ids)), label
        assert not set(ids) & real_ids.get(label, set()), label
    for row in synth.nodes["City"]:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", row["id"]), row["id"]


def test_a_taken_city_id_is_not_reused() -> None:
    first = generate(cities=1, seed=3).nodes["City"][0]
    reference = minimal_reference()
    reference.add_node("City", {"id": first["id"], "name": first["name"]})
    again = generate(cities=1, seed=3, reference=reference).nodes["City"][0]
    assert again["id"] != first["id"]


def test_generated_flag(synth: GraphData, standalone: GraphData) -> None:
    for data in (synth, standalone):
        for label, rows in data.nodes.items():
            flagged = NODE_BY_LABEL[label].prop("generated") is not None
            for row in rows:
                if label in REFERENCE_LABELS:
                    assert "generated" not in row, (label, row["id"])
                elif flagged:
                    assert row.get("generated") is True, (label, row["id"])
    labels_without_flag = [
        label for label in GENERATED_LABELS if NODE_BY_LABEL[label].prop("generated") is None
    ]
    assert labels_without_flag == []
    unflagged = {label for label in synth.nodes if NODE_BY_LABEL[label].prop("generated") is None}
    assert unflagged <= {*REFERENCE_LABELS, *UNFLAGGED_LABELS}


def test_properties_match_the_model(synth: GraphData, standalone: GraphData) -> None:
    problems: list[str] = []
    for data in (synth, standalone):
        for label, rows in data.nodes.items():
            spec = NODE_BY_LABEL[label]
            for row in rows:
                problems += props_problems(row, spec.props, f"{label} {row['id']}")
        for key, links in data.links.items():
            rel = REL_BY_KEY[key]
            for link in links:
                problems += props_problems(link.props, rel.props, f"{key} {link.start}")
    assert not problems, problems[:10]


def test_edge_cases() -> None:
    empty = generate(cities=0, seed=1)
    assert not empty.nodes.get("City")
    with pytest.raises(ValueError, match="cities"):
        generate(cities=-1, seed=1)
    with pytest.raises(ValueError, match="country"):
        generate(cities=5, seed=1, reference=GraphData())
    tiny = generate(cities=3, seed=1)
    assert len(tiny.nodes["City"]) == 3
