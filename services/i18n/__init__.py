"""Translation: catalogs (Babel/gettext), per language translators, locale negotiation."""

from services.i18n.catalogs import (
    LANGUAGES,
    LOCALES_DIR,
    N_,
    SOURCE_LANGUAGE,
    Catalogs,
    Translator,
    language_of,
)

__all__ = [
    "LANGUAGES",
    "LOCALES_DIR",
    "N_",
    "SOURCE_LANGUAGE",
    "Catalogs",
    "Translator",
    "language_of",
]
