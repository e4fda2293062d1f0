"""Every text the bot and the follow-ups say is in the catalogs, translated in French, Spanish
and Thai with the same placeholders; the templates are in step with the code."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from services.i18n import LANGUAGES, SOURCE_LANGUAGE, Catalogs
from services.i18n.extract import DOMAINS, extract, po_path

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
TRANSLATED = [lang for lang in LANGUAGES if lang != SOURCE_LANGUAGE]
WRITTEN = [d for d in DOMAINS if len(extract(d))]


@pytest.mark.parametrize("domain", WRITTEN)
def test_the_templates_hold_every_message_the_code_says(domain: str) -> None:
    said = {m.id for m in extract(domain) if m.id}
    for language in TRANSLATED:
        with po_path(language, domain).open("rb") as handle:
            catalog = read_po(handle, locale=language)
        assert {m.id for m in catalog if m.id} == said, (domain, language)


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("domain", WRITTEN)
def test_every_message_is_translated_with_its_placeholders(domain: str, language: str) -> None:
    with po_path(language, domain).open("rb") as handle:
        catalog = read_po(handle, locale=language)
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), (language, message.id)
        wanted = set(PLACEHOLDER.findall(str(ids[-1])))
        for string in strings:
            assert set(PLACEHOLDER.findall(str(string))) == wanted, (language, message.id, string)


def test_an_unknown_language_falls_back_to_english() -> None:
    catalogs = Catalogs.load()
    assert catalogs.translator("de").gettext("Introduce us") == "Introduce us"
    assert catalogs.translator(None).language == "en"
    assert catalogs.translator("th").gettext("Introduce us") == "แนะนำให้รู้จัก"
    three = catalogs.translator("fr").ngettext("{n} city", "{n} cities", 3)
    assert three == "{n} villes"
