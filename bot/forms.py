"""The pilot project form: built for the focal point's city, its searchable selects' options,
and its submission, written by `Projects.create` (the service under GraphQL's
`createProject`). A refusal names a domain field (`end_year`); the form shows it on that
field's block, with the form's own labels for the fields it mentions."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from bot import blocks
from bot.texts import FIELD_NAMES
from bot.turn import Turn
from names import fold_name
from services.container import Services
from services.errors import ServiceError
from services.i18n import Catalogs, Translator
from services.notify import Message
from services.projects import NewProject

MAX_OPTIONS = 100  # Slack shows at most 100 options


@dataclass(frozen=True, slots=True)
class FormOutcome:
    errors: dict[str, str] = field(default_factory=dict)  # block id -> what is wrong
    message: Message | None = None


class ProjectForms:
    def __init__(self, services: Services, catalogs: Catalogs) -> None:
        self.services = services
        self.catalogs = catalogs

    async def form(self, turn: Turn, t: Translator) -> dict[str, Any]:
        city = str(turn.who.city)
        cards = await self.services.directory.city_cards([city])
        name = cards[0].name if cards else city
        return blocks.project_form(t, city, name, list(FIELD_NAMES))

    async def target_options(self, typed: str) -> list[dict[str, Any]]:
        codes = sorted(await self.services.directory.target_codes(), key=_code_order)
        wanted = typed.strip()
        found = [c for c in codes if c.startswith(wanted)] if wanted else codes
        return [_option(f"SDG {c}", c) for c in found[:MAX_OPTIONS]]

    async def city_options(self, typed: str) -> list[dict[str, Any]]:
        cards = await self.services.directory.city_names()
        names = {c.id: fold_name(c.name) for c in cards}
        labels = {c.id: f"{c.name} ({c.country_name or c.country or '?'})" for c in cards}
        folded = fold_name(typed.strip())
        starts = sorted(
            (i for i, n in names.items() if n.startswith(folded)), key=names.__getitem__
        )
        close = process.extract(folded, names, scorer=fuzz.WRatio, limit=20, score_cutoff=70)
        ids = list(dict.fromkeys([*starts, *(key for _name, _score, key in close)]))
        return [_option(labels[i], i) for i in ids[:MAX_OPTIONS]]

    async def submit(self, turn: Turn, view: dict[str, Any]) -> FormOutcome:
        meta = json.loads(view.get("private_metadata") or "{}")
        t = self.catalogs.translator(meta.get("l") or turn.language())
        values: dict[str, dict[str, Any]] = view["state"]["values"]
        start, end = _year(values, "start_year"), _year(values, "end_year")
        bad_years = {
            block: t.gettext("Write a year, like 2026.")
            for block, parsed in (("start_year", start), ("end_year", end))
            if parsed is False
        }
        if bad_years:
            return FormOutcome(errors=bad_years)
        new = NewProject(
            title=_text(values, "title") or "",
            summary=_text(values, "summary"),
            start_year=start if isinstance(start, int) else 0,
            end_year=end if isinstance(end, int) else None,
            lead_city=str(meta.get("city") or turn.who.city or ""),
            fields=_selected(values, "fields"),
            sdg_targets=_selected(values, "sdg_targets"),
            cities=_selected(values, "cities"),
        )
        try:
            written = await self.services.projects.create(turn.who.viewer, new)
        except ServiceError as error:
            labels = blocks.form_labels(t)
            block = (
                error.field[0] if error.field and error.field[0] in blocks.FORM_FIELDS else "title"
            )
            said = error.render(lambda name: f"“{labels.get(name, name)}”")
            return FormOutcome(errors={block: said[:1900]})
        title = str(written.props.get("title", new.title))
        text = (
            t.gettext("Pilot project “{title}” registered.").format(title=title)
            if written.created
            else t.gettext("Pilot project “{title}” was registered already.").format(title=title)
        )
        if new.cities:
            text += " " + t.gettext(
                "The partner cities are invited and take part once they accept."
            )
        return FormOutcome(message=blocks.notice(text))


def _option(label: str, value: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": label[:75]}, "value": value}


def _code_order(code: str) -> tuple[int, int, str]:
    goal, _, rest = code.partition(".")
    return (int(goal) if goal.isdigit() else 99, int(rest) if rest.isdigit() else 99, rest)


def _element(values: dict[str, dict[str, Any]], block: str) -> dict[str, Any]:
    found = values.get(block) or {}
    return next(iter(found.values()), {}) if found else {}


def _text(values: dict[str, dict[str, Any]], block: str) -> str | None:
    value = _element(values, block).get("value")
    return str(value) if value else None


def _year(values: dict[str, dict[str, Any]], block: str) -> int | bool | None:
    """The year typed; None when left empty; False when it is not a number."""
    typed = (_text(values, block) or "").strip()
    if not typed:
        return None
    return int(typed) if typed.isdigit() else False


def _selected(values: dict[str, dict[str, Any]], block: str) -> list[str]:
    options = _element(values, block).get("selected_options") or []
    return [str(o["value"]) for o in options]
