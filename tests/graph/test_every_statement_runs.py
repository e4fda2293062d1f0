"""Every statement in the catalog executes on the embedded FalkorDB, with its parameters."""

from __future__ import annotations

import importlib
import pkgutil
import re
from typing import Any

import pytest

import graph
from graph.catalog import all_statements
from graph.dataset import GraphData
from graph.dialect import Dialect
from graph.statement import Statement
from graph.store import GraphStore
from tests.graph.networks import small_network

PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")

SAMPLE_VALUES: dict[str, Any] = {
    "skip": 0,
    "after": "",
    "limit": 10,
    "id": "chiang-mai",
    "ids": ["chiang-mai", "bogota"],
    "query": "chiang*",
    "start": "chiang-mai",
    "end": "phuket",
    "max_hops": 4,
    "rel_types": ["LED_BY", "PARTICIPATES_IN"],
    "now": "2026-11-23T00:00:00+00:00",
    "page_end": 10,
    "statuses": ["member"],
    "fields": None,
    "regions": ["asia-and-the-pacific"],
    "countries": None,
    "global_south": True,
    "year_from": 2000,
    "year_to": None,
    "name": "chiang",
    "generated": None,
    "targets": ["11.4"],
    "kinds": None,
    "goals": None,
    "today": "2026-11-23",
    "year": 2027,
    "on": "2026-11-23",
    "introduction": "nowhere:nobody:2026-11-23",
    "partner": "nobody",
    "dismissal": "nowhere:nobody:any",
    "application": "2027:nowhere",
    "status": "accepted",
    "cities": ["bogota"],
    "separator": "\x1f",
    # The API's writes (graph/statements/writes.py): values under which each one writes nothing,
    # since this test wants the graph unchanged (p1 exists, so creating it is refused; an update
    # that changes no property and keeps every set; no city "nowhere", no country "XX").
    "project": "p1",
    "lead": None,
    "props": {},
    "city_ids": None,
    "institution_ids": None,
    "field_ids": None,
    "target_ids": None,
    "invited_ids": None,
    "accept": False,
    "institution": "nowhere-institute",
    "country": "XX",
    "city": "nowhere",
    "since_year": None,
    "report": "nowhere:2023",
    "cycle": 2023,
    "due_date": "2023-11-30",
    "submitted_date": "2023-10-01",
    "url": None,
    "contribution": "nowhere:2023",
    "candidate": "nowhere",
    "candidate_name": "Nowhere",
    "candidate_status": "candidate",
    "city_props": {"name": "Nowhere", "status": "candidate"},
    "mentor": "chiang-mai",
    "field": "crafts-and-folk-art",
    "mentorship": "chiang-mai:nowhere:2024",
    "mentorship_props": {"start_year": 2024, "status": "proposed"},
    # The bot's identity links and event ledger: nobody has this Slack id or address, no focal
    # point "nowhere" exists; the ledger and secretariat links are not exported, so the claim
    # and the secretariat link they write leave the exported graph unchanged.
    "slack_user": "U0NOBODY",
    "email": "nobody@nowhere.example.org",
    "focal_point": "nowhere",
    "linked_by": "secretariat",
    "event": "Ev0NOWHERE",
    "claim": "c0ffee",
    "before": "2026-11-16T00:00:00+00:00",
    # The scheduled jobs' ledger, lease and digest record (none of them exported), and an
    # introduction "nowhere:nobody:..." that does not exist, so nothing is closed.
    "key": "report:nowhere:2023:-30:nowhere:email",
    "keys": ["report:nowhere:2023:-30:nowhere:email"],
    "job": "report-reminders",
    "channel": "email",
    "recipient": "nobody@nowhere.example.org",
    "claimed": "claimed",
    "sent": "sent",
    "failed": "failed",
    "state": "failed",
    "attempts": 1,
    "max_attempts": 3,
    "error": "refused",
    "since": "2026-01-01T00:00:00+00:00",
    "lease": "scheduler",
    "holder": "test:1",
    "expires": "2026-11-23T00:05:00+00:00",
    "day": "2026-11-23",
    "open": ["requested", "accepted"],
    "started": "2026-11-23T00:00:00+00:00",
    "outcome": "ok",
}


def params_for(statement: Statement, data: GraphData) -> dict[str, Any]:
    names = set(PARAM.findall(statement.text(Dialect.FALKORDB)))
    params = {name: SAMPLE_VALUES[name] for name in names if name in SAMPLE_VALUES}
    if "rows" in names:
        # Upserts rewrite what is already there: MERGE matches, nothing changes.
        key = statement.name.removeprefix("upsert_")
        nodes = [{"id": r["id"], "props": r} for r in data.nodes.get(key, [])]
        links = [
            {"start": k.start, "end": k.end, "props": k.props} for k in data.links.get(key, [])
        ]
        params["rows"] = nodes or links
    missing = names - params.keys()
    assert not missing, f"{statement.name}: no sample value for {missing}"
    return params


async def test_every_statement_executes_on_falkordb(store: GraphStore) -> None:
    await store.write_data(small_network())
    data = await store.read_data()
    ran = []
    for statement in all_statements():
        try:
            await store.run(statement, **params_for(statement, data))
        except Exception as exc:
            raise AssertionError(f"{statement.name} failed: {exc}") from exc
        ran.append(statement.name)
    assert len(ran) == len(all_statements()) > 90
    assert (await store.read_data()).canonical() == data.canonical()


def test_statement_names_are_unique() -> None:
    names = [s.name for s in all_statements()]
    assert len(names) == len(set(names))


def test_no_statement_carries_a_quoted_value_except_index_names() -> None:
    # Values travel as parameters; the only quoted text allowed names a label or an index.
    for statement in all_statements():
        for dialect in Dialect:
            for literal in re.findall(r"'([^']*)'", statement.text(dialect)):
                assert literal == "both" or re.fullmatch(r"[A-Za-z_]+", literal), (
                    statement.name,
                    literal,
                )


def _statements_in(value: object, depth: int = 0) -> list[Statement]:
    if isinstance(value, Statement):
        return [value]
    if depth > 2:
        return []
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple, frozenset, set)):
        return [s for item in value for s in _statements_in(item, depth + 1)]
    return []


def statements_defined_in_graph() -> dict[str, Statement]:
    """Every Statement any module under graph/ holds, alone or in a dict, tuple or list."""
    found: dict[str, Statement] = {}
    for info in pkgutil.walk_packages(graph.__path__, "graph."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if name.startswith("__"):
                continue
            for statement in _statements_in(value):
                found[f"{info.name}.{name}:{statement.name}"] = statement
    return found


def test_the_catalog_holds_every_statement_defined_in_graph() -> None:
    catalogued = set(all_statements())
    defined = statements_defined_in_graph()
    assert len(defined) > 90
    missing = sorted(where for where, statement in defined.items() if statement not in catalogued)
    assert not missing, f"statements missing from graph/catalog.py: {missing}"


def test_the_completeness_check_sees_a_statement_left_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import graph.statements.health as health

    stray = Statement(name="stray_probe", cypher="RETURN 1 AS one")
    monkeypatch.setattr(health, "STRAY_PROBE", stray, raising=False)
    monkeypatch.setattr(health, "STRAY_GROUP", {"x": (stray,)}, raising=False)
    defined = statements_defined_in_graph()
    assert "graph.statements.health.STRAY_PROBE:stray_probe" in defined
    assert "graph.statements.health.STRAY_GROUP:stray_probe" in defined
    assert stray not in set(all_statements())
