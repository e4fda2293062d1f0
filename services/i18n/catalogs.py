"""Translation catalogs: what every text a person reads goes through (the bot's answers, the
follow-ups and reminders the jobs send), in English, French, Spanish and Thai.

The sources are gettext `.po` files, one per domain and language, committed under
`services/i18n/locales/<language>/LC_MESSAGES/<domain>.po` (a domain per package that writes
messages: `services`, `bot`, `jobs`). They are compiled in memory by Babel when the catalogs are
loaded, so a fresh clone needs no build step and a `.po` edit shows at the next start. English
is the source language: a message without a translation (or with a fuzzy one) is said in
English.

`python -m services.i18n update` extracts the messages from the code (calls of `gettext`,
`ngettext` and the marker `N_`) into `locales/<domain>.pot` and merges them into every `.po`.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal
from babel.support import Translations

SOURCE_LANGUAGE = "en"
LANGUAGES = ("en", "fr", "es", "th")
LOCALES_DIR = Path(__file__).resolve().parent / "locales"


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; translate it where it is said."""
    return message


def language_of(locale: str | None) -> str | None:
    """The catalog language of a locale (`fr-FR` → `fr`, `es-419` → `es`), or None."""
    if not locale:
        return None
    language = locale.replace("_", "-").split("-", 1)[0].lower()
    return language if language in LANGUAGES else None


class Translator:
    """One language's messages, and its way of writing dates, amounts and lists."""

    def __init__(self, language: str, messages: gettext.NullTranslations) -> None:
        self.language = language
        self._messages = messages
        self._locale = Locale.parse(language)

    def gettext(self, message: str) -> str:
        return self._messages.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self._messages.ngettext(singular, plural, count)

    def date(self, day: dt.date | str) -> str:
        """`2026-03-02` as people of this language write it (2 mars 2026, 2 มี.ค. 2026)."""
        value = dt.date.fromisoformat(day) if isinstance(day, str) else day
        return format_date(value, "medium", locale=self._locale)

    def money(self, amount: float, currency: str) -> str:
        return format_currency(amount, currency, locale=self._locale, format_type="standard")

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self._locale)

    def join(self, items: Sequence[str]) -> str:
        """`a, b and c` in this language."""
        return format_list(list(items), locale=self._locale) if items else ""


class Catalogs:
    """Every language's translator, built once (by the composition root or a test)."""

    def __init__(self, translations: Mapping[str, gettext.NullTranslations]) -> None:
        self._translators = {
            language: Translator(language, translations.get(language, gettext.NullTranslations()))
            for language in LANGUAGES
        }

    @classmethod
    def load(cls, directories: Iterable[Path] = (LOCALES_DIR,)) -> Catalogs:
        """Every domain's `.po` of every language under `directories`, compiled in memory."""
        found: dict[str, Translations] = {}
        for directory in directories:
            for language in LANGUAGES:
                for po in sorted((directory / language / "LC_MESSAGES").glob("*.po")):
                    compiled = compile_po(po, language)
                    if language in found:
                        found[language].merge(compiled)
                    else:
                        found[language] = compiled
        return cls(found)

    def translator(self, language: str | None) -> Translator:
        """The translator of `language`; English for None or a language the hub does not speak."""
        return self._translators.get(language or "", self._translators[SOURCE_LANGUAGE])


def compile_po(path: Path, language: str) -> Translations:
    """A `.po` file as gettext reads it, compiled in memory (fuzzy entries left out)."""
    with path.open("rb") as source:
        catalog = read_po(source, locale=language, domain=path.stem)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=path.stem)
