"""Every text the jobs send is in the catalogs, translated in French, Spanish and Thai with the
same placeholders, and said in the recipient's language."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from babel.messages.pofile import read_po

from jobs import messages
from services.i18n import Catalogs
from services.i18n.extract import extract, po_path

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_the_template_is_in_step_with_the_code() -> None:
    in_code = {m.id for m in extract("jobs") if m.id}
    for language in ("fr", "es", "th"):
        with po_path(language, "jobs").open("rb") as handle:
            catalog = read_po(handle, locale=language, domain="jobs")
        in_catalog = {m.id for m in catalog if m.id}
        assert in_code == in_catalog, f"run `python -m services.i18n update` ({language})"


@pytest.mark.parametrize("language", ["fr", "es", "th"])
def test_every_message_is_translated_with_its_placeholders(language: str) -> None:
    with po_path(language, "jobs").open("rb") as handle:
        catalog = read_po(handle, locale=language, domain="jobs")
    for message in catalog:
        if not message.id:
            continue
        ids = [str(i) for i in (message.id if isinstance(message.id, tuple) else (message.id,))]
        found = message.string
        strings = [str(s or "") for s in (found if isinstance(found, tuple) else (found,))]
        assert all(strings), f"{language}: {ids[0]!r} is not translated"
        assert not message.fuzzy
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == wanted, f"{language}: {ids[0]!r}"


def test_a_reminder_is_said_in_the_recipients_language() -> None:
    catalogs = Catalogs.load()
    due, today = dt.date(2029, 11, 30), dt.date(2029, 11, 23)
    english = messages.report_reminder(
        catalogs.translator("en"), "Chiang Mai", 2029, due, today, "Somchai"
    )
    assert english.subject == "Chiang Mai: monitoring report due on Nov 30, 2029"
    assert "is due in 7 days" in english.body
    french = messages.report_reminder(catalogs.translator("fr"), "Lyon", 2028, due, today, "Claire")
    assert french.subject == "Lyon : rapport de suivi attendu le 30 nov. 2029"
    thai = messages.report_reminder(catalogs.translator("th"), "เชียงใหม่", 2029, due, today, "สมชาย")
    assert "อีก 7 วัน" in thai.body
    assert "2029" in thai.subject
    late = messages.report_reminder(
        catalogs.translator("es"), "Bogotá", 2028, due, due + dt.timedelta(days=30), "Lucía"
    )
    assert late.subject.startswith("Bogotá: informe de seguimiento atrasado desde el")
