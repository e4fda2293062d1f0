"""Words the bot says that come from the graph or the brain, in the reader's language: the names
of fields and regions (stored in English) and the brain's reasons (a stable code with values,
said again here from a catalog message)."""

from __future__ import annotations

from brain.reasons import Reason
from services.i18n import N_, Translator

FIELD_NAMES = {
    "crafts-and-folk-art": N_("Crafts and Folk Art"),
    "design": N_("Design"),
    "film": N_("Film"),
    "gastronomy": N_("Gastronomy"),
    "literature": N_("Literature"),
    "media-arts": N_("Media Arts"),
    "music": N_("Music"),
    "architecture": N_("Architecture"),
}
REGION_NAMES = {
    "africa": N_("Africa"),
    "arab-states": N_("Arab States"),
    "asia-and-the-pacific": N_("Asia and the Pacific"),
    "europe-and-north-america": N_("Europe and North America"),
    "latin-america-and-the-caribbean": N_("Latin America and the Caribbean"),
}

REASONS = {
    "shared_target": N_("Works on SDG {targets}, which you asked for"),
    "shared_target_own": N_("Both work on SDG {targets}"),
    "shared_goal": N_("Works on SDG {goals}"),
    "asked_field": N_("A {field} partner, as asked"),
    "same_field": N_("Also {field}: depth in your field"),
    "complementary_field": N_("{field} complements your {yours}"),
    "warm_introduction": N_("Already works with your partner {via}"),
    "same_country": N_("In your own country"),
    "first_in_region": N_("Would be your first partner in {region}"),
    "priority_region": N_("A partner in {region}"),
    "global_south": N_("A Global South partner"),
    "recently_active": N_("Active: a project in {year}"),
    "report_overdue": N_("{count} monitoring report(s) overdue"),
    "like_fruitful": N_("Like a partner an introduction of yours turned into a project"),
    "without_project_data": N_(
        "No project data to match on: proposed from fields, balance and geography"
    ),
}
_BY_ENGLISH_NAME = {name: name for name in (*FIELD_NAMES.values(), *REGION_NAMES.values())}


def field_name(field: str | None, t: Translator) -> str:
    if field is None:
        return ""
    return t.gettext(FIELD_NAMES[field]) if field in FIELD_NAMES else field


def region_name(region: str | None, t: Translator) -> str:
    if region is None:
        return ""
    return t.gettext(REGION_NAMES[region]) if region in REGION_NAMES else region


def name_in(english: str, t: Translator) -> str:
    """A field's or region's English name (as the brain writes it) in the reader's language;
    a list of them (`Design, Film`) name by name."""
    return ", ".join(
        t.gettext(part) if part in _BY_ENGLISH_NAME else part for part in english.split(", ")
    )


def reason_text(reason: Reason, t: Translator) -> str:
    """The reason in the reader's language; the brain's English when the code is new."""
    code = reason.code
    if code == "shared_target" and reason.text.startswith("Both"):
        code = "shared_target_own"
    template = REASONS.get(code)
    if template is None:
        return reason.text
    values = {
        key: name_in(value, t) if key in {"field", "yours", "region"} else value
        for key, value in reason.params.items()
    }
    try:
        return t.gettext(template).format(**values)
    except (KeyError, IndexError):
        return reason.text
