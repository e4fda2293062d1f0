"""The value rules every write shares, taken from the import where they are the same, and the
conflicts with what is stored: the same content again is a retry, other content is refused.

Each check raises an `InvalidInput` (or `Missing`) naming the domain field at fault; nothing
has been written when one is raised.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Any

from graph.dataset import Props
from graph.store import GraphStore
from names import slugify
from services.errors import FieldPath, InvalidInput, Missing
from services.exchange.kinds import ColType, Column
from services.exchange.rows import convert_cell
from services.exchange.values import SLUG, cross_problems, text_problem, value_problem

TITLE_MAX = 200
SUMMARY_MAX = 4000
NOTE_MAX = 2000
LIST_MAX = 200


class Keep(Enum):
    """An update leaves this field as it is (the caller did not send it)."""

    KEEP = "keep"


KEEP = Keep.KEEP


def name_of(path: FieldPath) -> str:
    """The field a path ends in: `cities` for `("cities", "2")`."""
    return next((p for p in reversed(path) if not p.isdigit()), path[-1] if path else "")


def converted(kind: ColType, raw: Any, path: FieldPath) -> Any:
    """A value checked as the import checks a column of that type (text is stripped)."""
    value, problem = convert_cell(Column(name_of(path), kind), raw, False)
    if problem:
        raise InvalidInput(f"`{name_of(path)}` {problem}", path)
    return value


def text(raw: str | None, path: FieldPath, *, limit: int) -> str | None:
    """Stripped text of at most `limit` characters; blank is None."""
    value: str | None = converted("text", raw, path)
    if value is not None and len(value) > limit:
        raise InvalidInput(f"`{name_of(path)}` must be at most {limit} characters", path)
    return value


def required_text(raw: str, path: FieldPath, *, limit: int) -> str:
    value = text(raw, path, limit=limit)
    if value is None:
        raise InvalidInput(f"`{name_of(path)}` is required and must not be blank", path)
    return value


def given[T](value: T | None, path: FieldPath, *, is_list: bool = False) -> T:
    """An update's value that may be left out but not be null."""
    if value is None:
        how = "leave it out to keep it" + (", or give [] to remove all" if is_list else "")
        raise InvalidInput(f"`{name_of(path)}` cannot be null; {how}", path)
    return value


def choice(value: str, choices: tuple[str, ...], path: FieldPath) -> str:
    if value not in choices:
        raise InvalidInput(f"`{name_of(path)}` must be one of {', '.join(choices)}", path)
    return value


def year(value: int | None, path: FieldPath) -> int | None:
    problem = value_problem(name_of(path), value)
    if problem:
        raise InvalidInput(f"`{name_of(path)}` {problem}", path)
    return value


def years(start: int | None, end: int | None, blame: FieldPath) -> None:
    """The end year is not before the start year (`blame`: the field to blame)."""
    if cross_problems({"start_year": start, "end_year": end}):
        if name_of(blame) == "start_year":
            raise InvalidInput(f"`start_year` must not be after `end_year` ({end})", blame)
        raise InvalidInput(f"`end_year` must not be before `start_year` ({start})", blame)


def date(raw: str | None, path: FieldPath, *, not_after: dt.date | None = None) -> str | None:
    value: str | None = converted("date", raw, path)
    if value is not None and not_after is not None and dt.date.fromisoformat(value) > not_after:
        raise InvalidInput(f"`{name_of(path)}` must not be in the future ({value})", path)
    return value


def checked(value: Any, path: FieldPath) -> Any:
    """A model property's domain rule (`amount` > 0, `currency` ISO 4217, ...)."""
    problem = value_problem(name_of(path), value)
    if problem:
        raise InvalidInput(f"`{name_of(path)}` {problem}", path)
    return value


def reference(raw: str, path: FieldPath) -> str:
    """An id the request names (a slug or key); blank is refused."""
    value = raw.strip()
    if not value:
        raise InvalidInput(f"`{name_of(path)}` must not be blank", path)
    if problem := text_problem(value):
        raise InvalidInput(f"`{name_of(path)}` {problem}", path)
    return value


def own_id(slug: str | None, source: str, slug_path: FieldPath, source_path: FieldPath) -> str:
    """The given slug, checked; else the slug of the name or title."""
    if slug is not None:
        if not SLUG.fullmatch(slug):
            raise InvalidInput(
                f"`{name_of(slug_path)}` must be a slug of a-z, 0-9 and hyphens", slug_path
            )
        return slug
    made = slugify(source)
    if not made:
        raise InvalidInput(
            f"`{name_of(source_path)}` {source!r} cannot be made into an id; give a `slug`",
            source_path,
        )
    return made


def ids(values: Sequence[str], path: FieldPath, *, sdg: bool = False) -> list[str]:
    """Distinct, non-blank ids; SDG target codes like `11.4` when `sdg`."""
    name = name_of(path)
    if len(values) > LIST_MAX:
        raise InvalidInput(f"`{name}` lists more than {LIST_MAX} items", path)
    seen: list[str] = []
    for index, raw in enumerate(values):
        item_path = (*path, str(index))
        value = raw.strip()
        if not value:
            raise InvalidInput(f"`{name}`[{index}] must not be blank", item_path)
        if problem := text_problem(value):
            raise InvalidInput(f"`{name}`[{index}] {problem}", item_path)
        if sdg:
            _, problem = convert_cell(Column(name, "list", item="sdg"), [value], False)
            if problem:
                raise InvalidInput(problem, item_path)
        if value in seen:
            raise InvalidInput(f"`{name}` lists {value!r} twice", item_path)
        seen.append(value)
    return seen


def need_targets(targets: Sequence[str], path: FieldPath) -> None:
    """The SDG targets a need names are target codes like `11.4` (repeats are the same need)."""
    ids(list(dict.fromkeys(targets)), path, sdg=True)


# --- references ---------------------------------------------------------------------------------

NOUNS = {
    "City": "city",
    "Country": "country",
    "CreativeField": "creative field",
    "PartnerInstitution": "partner institution",
    "PilotProject": "pilot project",
    "SDGTarget": "SDG target",
    "Introduction": "introduction",
}


async def require_existing(
    store: GraphStore, label: str, wanted: Iterable[tuple[str, FieldPath]]
) -> None:
    """Missing for the first (id, path) whose node does not exist; an id no engine could hold
    (a control character ...) is refused before the store is asked."""
    refs = list(wanted)
    for key, path in refs:
        if problem := text_problem(key):
            raise InvalidInput(f"`{name_of(path)}` {problem}", path)
    found = await store.existing_ids(label, (key for key, _ in refs))
    for key, path in refs:
        if key not in found:
            raise Missing(f"no {NOUNS.get(label, label)} with id {key!r}", path, key)


# --- conflicts with what is stored --------------------------------------------------------------


def same_institution(
    institution: str, row: dict[str, Any], props: Props, country: str, id_path: FieldPath
) -> None:
    stored = dict(row["props"])
    differ = [k for k in ("name", "kind", "website") if stored.get(k) != props[k]]
    differ += ["country"] if list(row["countries"]) != [country] else []
    if differ:
        raise InvalidInput(
            f"a partner institution with id {institution!r} is already registered and differs "
            f"in {', '.join(f'`{d}`' for d in differ)}; link the registered one to the city, "
            "or give another `slug`",
            id_path,
        )


def same_submission(report: str, stored: Props, submitted: str) -> None:
    recorded = stored.get("submitted_date")
    if recorded is not None and recorded != submitted:
        raise InvalidInput(
            f"report {report!r} is already recorded as submitted on {recorded}",
            ("submitted_date",),
        )


def same_contribution(contribution: str, stored: Props, props: Props) -> None:
    for name in ("amount", "currency"):
        if stored.get(name) != props[name]:
            raise InvalidInput(
                f"contribution {contribution!r} is already recorded as {stored.get('amount')} "
                f"{stored.get('currency')}; a recorded contribution is not overwritten",
                (name,),
            )


def same_candidate(
    candidate: str, row: dict[str, Any], name: str, country: str, field: str, id_path: FieldPath
) -> None:
    stored = dict(row["props"])
    if stored.get("status") != "candidate":
        raise InvalidInput(
            f"city {candidate!r} already exists as a {stored.get('status')} city; "
            "give the candidate another `slug`",
            id_path,
        )
    differ = ["name"] if stored.get("name") != name else []
    differ += ["country"] if list(row["countries"]) not in ([], [country]) else []
    differ += ["field"] if list(row["fields"]) not in ([], [field]) else []
    if differ:
        raise InvalidInput(
            f"candidate city {candidate!r} is already recorded and differs in "
            f"{', '.join(f'`{d}`' for d in differ)}; give another `slug`",
            id_path,
        )


def same_mentorship(mentorship: str, stored: Props, props: Props) -> None:
    for key in ("status", "end_year"):
        if stored.get(key) != props.get(key):
            raise InvalidInput(
                f"mentorship {mentorship!r} is already recorded with status "
                f"{stored.get('status')} and end year {stored.get('end_year')}; "
                "a recorded mentorship is not overwritten",
                (key,),
            )
