"""`services.synth.generate` is deterministic: the same seed gives the same graph, in this
interpreter or a fresh one (no dependence on set order or the clock); another seed another."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from graph.dataset import GraphData
from services.synth import generate
from tests.services.synth.checks import REPO_ROOT, SEED, N


def test_same_seed_same_graph(real: GraphData, synth: GraphData) -> None:
    assert generate(cities=N, seed=SEED, reference=real).canonical() == synth.canonical()
    assert generate(cities=N, seed=SEED).canonical() == generate(cities=N, seed=SEED).canonical()


def test_different_seed_different_graph(real: GraphData, synth: GraphData) -> None:
    other = generate(cities=N, seed=SEED + 1, reference=real)
    assert other.canonical() != synth.canonical()
    assert {r["id"] for r in other.nodes["City"]} != {r["id"] for r in synth.nodes["City"]}


def test_same_output_in_a_fresh_interpreter(synth: GraphData) -> None:
    """No dependence on hash randomisation (set order) or the clock."""
    code = (
        "import json, sys\n"
        "from services.reference.dataset import load_reference_data\n"
        "from services.synth import generate\n"
        f"d = generate(cities={N}, seed={SEED}, reference=load_reference_data())\n"
        "sys.stdout.write(json.dumps(d.canonical(), sort_keys=True))\n"
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
    assert runs[0] == runs[1]
    assert runs[0] == json.dumps(synth.canonical(), sort_keys=True)


def test_new_records_depend_on_the_seed(real: GraphData, synth: GraphData) -> None:
    other = generate(cities=N, seed=SEED + 1, reference=real)
    for label in ("Introduction", "Dismissal", "HostApplication"):
        assert {r["id"] for r in other.nodes[label]} != {r["id"] for r in synth.nodes[label]}
