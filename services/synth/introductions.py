"""What the hub's users record about the partners it proposes: introductions they ask for and
proposals they dismiss.

Both start the same way, a member city and a stranger to it (`ties.stranger`): `_proposals`
draws those pairs, and each kind of record turns one into a node. A city never asks twice for an
introduction to the same partner, nor dismisses a partner it asked to meet; the same dismissal
drawn twice is one node.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import timedelta

from graph.dataset import Link
from services.synth.draft import City, Draft
from services.synth.draw import Weighted
from services.synth.ties import Asked, Party, Ties, need, read_ties, stranger
from services.synth.years import CURRENT_YEAR, day

_INTRODUCTIONS_PER_MEMBER = 0.3
_DISMISSALS_PER_MEMBER = 0.1
_INTRODUCTION_OUTCOMES = Weighted(
    ("requested", "accepted", "declined", "met", "became-project"), (30, 20, 12, 20, 18)
)
_INTRODUCTION_NOTES = (
    "Met at the Annual Conference.",
    "Asked through the hub.",
    "Introduced by the secretariat.",
    None,
)


def add_introductions_and_dismissals(draft: Draft, members: Sequence[City]) -> None:
    """Introductions asked for and proposals dismissed by the member cities `members`, in
    proportion to their number, about the partners the links generated so far leave them."""
    ties = read_ties(draft)
    asked = _introductions(draft, round(len(members) * _INTRODUCTIONS_PER_MEMBER), ties, members)
    _dismissals(draft, round(len(members) * _DISMISSALS_PER_MEMBER), ties, members, asked)


def _proposals(
    draft: Draft, count: int, ties: Ties, members: Sequence[City], avoid: set[Asked]
) -> Iterator[tuple[City, Party]]:
    """`count` draws of a member city and a stranger to it that it has not asked about
    (`avoid`, read at each draw); a draw that finds no stranger yields nothing."""
    for _ in range(count):
        city = draft.rng.choice(members)
        party = stranger(draft, city, ties, members, avoid)
        if party is not None:
            yield city, party


def _introductions(draft: Draft, count: int, ties: Ties, members: Sequence[City]) -> set[Asked]:
    rng, asked = draft.rng, set[Asked]()
    requested_by = draft.links("Introduction-REQUESTED_BY-City")
    to_city = draft.links("Introduction-TO_CITY-City")
    to_institution = draft.links("Introduction-TO_INSTITUTION-PartnerInstitution")
    for asker, party in _proposals(draft, count, ties, members, asked):
        kind, partner_id = party
        requested = day(rng, CURRENT_YEAR)
        status = _INTRODUCTION_OUTCOMES.pick(rng)
        updated = None if status == "requested" else requested + timedelta(days=rng.randint(7, 120))
        intro_id = draft.unique("Introduction", f"{asker.id}:{partner_id}:{requested.isoformat()}")
        draft.node(
            "Introduction",
            {
                "id": intro_id,
                "status": status,
                "partner_kind": kind,
                "need": need(draft, party, ties),
                "note": rng.choice(_INTRODUCTION_NOTES),
                "requested_date": requested.isoformat(),
                "updated_date": updated.isoformat() if updated else None,
            },
        )
        requested_by.append(Link(intro_id, asker.id, {}))
        (to_city if kind == "city" else to_institution).append(Link(intro_id, partner_id, {}))
        asked.add((asker.id, kind, partner_id))
    return asked


def _dismissals(
    draft: Draft, count: int, ties: Ties, members: Sequence[City], asked: set[Asked]
) -> None:
    rng = draft.rng
    used = draft.used.setdefault("Dismissal", set())
    dismissed_by = draft.links("Dismissal-DISMISSED_BY-City")
    for city, party in _proposals(draft, count, ties, members, asked):
        kind, partner_id = party
        dismissed = need(draft, party, ties)
        dismissal_id = f"{city.id}:{partner_id}:{dismissed}"
        if dismissal_id in used:
            continue  # the same dismissal again: one node
        used.add(dismissal_id)
        draft.node(
            "Dismissal",
            {
                "id": dismissal_id,
                "partner_kind": kind,
                "partner_id": partner_id,
                "need": dismissed,
                "dismissed_date": day(rng, CURRENT_YEAR).isoformat(),
            },
        )
        dismissed_by.append(Link(dismissal_id, city.id, {}))
