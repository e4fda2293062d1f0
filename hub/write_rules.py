"""The rules every write shares: its typed refusals (each with the path of the culprit field),
who may write at all, and the value checks, taken from the import where they are the same.

Paths name the API's fields as a client wrote them: `("input", "startYear")`,
`("input", "cities", "2")` for the third city (0-based, like GraphQL's own error paths).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from enum import Enum
from typing import Any

from graph.dataset import Props
from graph.store import GraphStore
from hub.import_kinds import ColType, Column
from hub.import_rows import convert_cell
from hub.import_values import SLUG, cross_problems, value_problem
from hub.policy import Role, Viewer, is_secretariat
from hub.reference import slugify

Path = tuple[str, ...]

TITLE_MAX = 200
SUMMARY_MAX = 4000
LIST_MAX = 200


class Keep(Enum):
    """An update leaves this field as it is (the client did not send it)."""

    KEEP = "keep"


KEEP = Keep.KEEP


class WriteError(Exception):
    """A write that was refused; nothing was changed."""

    def __init__(self, message: str, field: Sequence[str]) -> None:
        super().__init__(message)
        self.message = message
        self.field: Path = tuple(field)


class InvalidInput(WriteError):
    """A value is not acceptable (which field, and why)."""


class Missing(WriteError):
    """Something the input names does not exist."""

    def __init__(self, message: str, field: Sequence[str], id: str) -> None:
        super().__init__(message, field)
        self.id = id


class Refused(WriteError):
    """The caller may not do this."""


def at(*parts: str | int) -> Path:
    """The path of an input field: `at("cities", 2)` is `("input", "cities", "2")`."""
    return ("input", *(str(p) for p in parts))


# --- who may write ------------------------------------------------------------------------------


def require_writer(viewer: Viewer, mutation: str) -> None:
    """Anonymous callers and researchers read; only focal points and the secretariat write."""
    if viewer.role in (Role.ANONYMOUS, Role.RESEARCHER):
        who = "anonymous callers" if viewer.role is Role.ANONYMOUS else "researchers"
        raise Refused(
            f"{who} may not write: {mutation} needs a focal point's or the secretariat's token",
            (mutation,),
        )


def require_secretariat(viewer: Viewer, mutation: str) -> None:
    require_writer(viewer, mutation)
    if not is_secretariat(viewer):
        raise Refused(f"only the secretariat may {_words(mutation)}", (mutation,))


def require_city(viewer: Viewer, city: str, path: Path, doing: str) -> None:
    """The secretariat writes for every city; a focal point for its own city only."""
    if is_secretariat(viewer) or (viewer.role is Role.FOCAL_POINT and viewer.city == city):
        return
    raise Refused(
        f"a focal point may {doing} only for its own city ({viewer.city}), not for {city!r}", path
    )


def _words(mutation: str) -> str:
    return "".join(f" {c.lower()}" if c.isupper() else c for c in mutation)


# --- values -------------------------------------------------------------------------------------


def converted(kind: ColType, raw: Any, path: Path) -> Any:
    """A value checked as the import checks a column of that type (text is stripped)."""
    value, problem = convert_cell(Column(path[-1], kind), raw, False)
    if problem:
        raise InvalidInput(f"{path[-1]} {problem}", path)
    return value


def text(raw: str | None, path: Path, *, limit: int) -> str | None:
    """Stripped text of at most `limit` characters; blank is None."""
    value: str | None = converted("text", raw, path)
    if value is not None and len(value) > limit:
        raise InvalidInput(f"{path[-1]} must be at most {limit} characters", path)
    return value


def required_text(raw: str, path: Path, *, limit: int) -> str:
    value = text(raw, path, limit=limit)
    if value is None:
        raise InvalidInput(f"{path[-1]} is required and must not be blank", path)
    return value


def given[T](value: T | None, path: Path, *, is_list: bool = False) -> T:
    """An update's value that may be left out but not be null."""
    if value is None:
        how = "leave it out to keep it" + (", or give [] to remove all" if is_list else "")
        raise InvalidInput(f"{path[-1]} cannot be null; {how}", path)
    return value


def choice(value: str, choices: tuple[str, ...], path: Path) -> str:
    if value not in choices:
        raise InvalidInput(f"{path[-1]} must be one of {', '.join(choices)}", path)
    return value


def year(name: str, value: int | None, path: Path) -> int | None:
    problem = value_problem(name, value)
    if problem:
        raise InvalidInput(f"{path[-1]} {problem}", path)
    return value


def years(start: int | None, end: int | None, path: Path) -> None:
    """The end year is not before the start year (`path`: the field to blame)."""
    if cross_problems({"start_year": start, "end_year": end}):
        if path[-1] == "startYear":
            raise InvalidInput(f"startYear must not be after endYear ({end})", path)
        raise InvalidInput(f"endYear must not be before startYear ({start})", path)


def date(raw: str | None, path: Path, *, not_after: dt.date | None = None) -> str | None:
    value: str | None = converted("date", raw, path)
    if value is not None and not_after is not None and dt.date.fromisoformat(value) > not_after:
        raise InvalidInput(f"{path[-1]} must not be in the future ({value})", path)
    return value


def checked(name: str, value: Any, path: Path) -> Any:
    """A model property's domain rule (`amount` > 0, `currency` ISO 4217, ...)."""
    problem = value_problem(name, value)
    if problem:
        raise InvalidInput(f"{path[-1]} {problem}", path)
    return value


def reference(raw: str, path: Path) -> str:
    """An id the input names (a slug or key); blank is refused."""
    value = raw.strip()
    if not value:
        raise InvalidInput(f"{path[-1]} must not be blank", path)
    return value


def own_id(slug: str | None, source: str, slug_path: Path, source_path: Path) -> str:
    """The given slug, checked; else the slug of the name or title."""
    if slug is not None:
        if not SLUG.fullmatch(slug):
            raise InvalidInput(f"{slug_path[-1]} must be a slug of a-z, 0-9 and hyphens", slug_path)
        return slug
    made = slugify(source)
    if not made:
        raise InvalidInput(
            f"{source_path[-1]} {source!r} cannot be made into an id; give a slug", source_path
        )
    return made


def ids(values: Sequence[str], path: Path, *, sdg: bool = False) -> list[str]:
    """Distinct, non-blank ids; SDG target codes like `11.4` when `sdg`."""
    if len(values) > LIST_MAX:
        raise InvalidInput(f"{path[-1]} lists more than {LIST_MAX} items", path)
    seen: list[str] = []
    for index, raw in enumerate(values):
        item_path = (*path, str(index))
        value = raw.strip()
        if not value:
            raise InvalidInput(f"{path[-1]}[{index}] must not be blank", item_path)
        if sdg:
            column = Column(path[-1], "list", item="sdg")
            _, problem = convert_cell(column, [value], False)
            if problem:
                raise InvalidInput(problem, item_path)
        if value in seen:
            raise InvalidInput(f"{path[-1]} lists {value!r} twice", item_path)
        seen.append(value)
    return seen


# --- references ---------------------------------------------------------------------------------

NOUNS = {
    "City": "city",
    "Country": "country",
    "CreativeField": "creative field",
    "PartnerInstitution": "partner institution",
    "PilotProject": "pilot project",
    "SDGTarget": "SDG target",
}


async def require_existing(
    store: GraphStore, label: str, wanted: Iterable[tuple[str, Path]]
) -> None:
    """Missing for the first (id, path) whose node does not exist."""
    refs = list(wanted)
    found = await store.existing_ids(label, (key for key, _ in refs))
    for key, path in refs:
        if key not in found:
            raise Missing(f"no {NOUNS.get(label, label)} with id {key!r}", path, key)


# --- conflicts with what is stored: the same content again is a retry, other content is refused -


def same_institution(
    institution: str, row: dict[str, Any], props: Props, country: str, id_path: Path
) -> None:
    stored = dict(row["props"])
    differ = [k for k in ("name", "kind", "website") if stored.get(k) != props[k]]
    differ += ["country"] if list(row["countries"]) != [country] else []
    if differ:
        raise InvalidInput(
            f"a partner institution with id {institution!r} is already registered and differs "
            f"in {', '.join(differ)}; link it with linkInstitution, or give another slug",
            id_path,
        )


def same_submission(report: str, stored: Props, submitted: str) -> None:
    recorded = stored.get("submitted_date")
    if recorded is not None and recorded != submitted:
        raise InvalidInput(
            f"report {report!r} is already recorded as submitted on {recorded}",
            at("submittedDate"),
        )


def same_contribution(contribution: str, stored: Props, props: Props) -> None:
    for name in ("amount", "currency"):
        if stored.get(name) != props[name]:
            raise InvalidInput(
                f"contribution {contribution!r} is already recorded as {stored.get('amount')} "
                f"{stored.get('currency')}; a recorded contribution is not overwritten",
                at(name),
            )


def same_candidate(
    candidate: str, row: dict[str, Any], name: str, country: str, field: str, id_path: Path
) -> None:
    stored = dict(row["props"])
    if stored.get("status") != "candidate":
        raise InvalidInput(
            f"city {candidate!r} already exists as a {stored.get('status')} city; "
            "give the candidate another slug",
            id_path,
        )
    differ = ["name"] if stored.get("name") != name else []
    differ += ["country"] if list(row["countries"]) not in ([], [country]) else []
    differ += ["field"] if list(row["fields"]) not in ([], [field]) else []
    if differ:
        raise InvalidInput(
            f"candidate city {candidate!r} is already recorded and differs in "
            f"{', '.join(differ)}; give another slug",
            id_path,
        )


def same_mentorship(mentorship: str, stored: Props, props: Props) -> None:
    for key, name in (("status", "status"), ("end_year", "endYear")):
        if stored.get(key) != props.get(key):
            raise InvalidInput(
                f"mentorship {mentorship!r} is already recorded with status "
                f"{stored.get('status')} and endYear {stored.get('end_year')}; "
                "a recorded mentorship is not overwritten",
                at(name),
            )
