"""Keeping the catalogs in step with the code: extract every message into a template per domain
and merge the templates into each language's `.po`, keeping the translations made.

A domain is a package that writes messages people read; the jobs add theirs by writing
`gettext("...")` in `jobs/` and running `python -m services.i18n update`.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from services.i18n.catalogs import LANGUAGES, LOCALES_DIR, SOURCE_LANGUAGE

REPO_ROOT = LOCALES_DIR.parents[2]
DOMAINS: dict[str, tuple[str, ...]] = {
    "services": ("services",),
    "bot": ("bot",),
    "jobs": ("jobs",),
}
KEYWORDS = {"gettext": None, "ngettext": (1, 2), "N_": None}
PROJECT = "UCCN Hub"


def extract(domain: str, root: Path = REPO_ROOT) -> Catalog:
    """The messages the domain's code says, with where each is said."""
    template = Catalog(project=PROJECT, domain=domain, fuzzy=False)
    for folder in DOMAINS[domain]:
        found = extract_from_dir(
            root / folder,
            method_map=[("**.py", "python")],
            keywords=KEYWORDS,
            comment_tags=("Translators:",),
            strip_comment_tags=True,
        )
        for filename, line, message, comments, _context in found:
            template.add(
                message, locations=[(f"{folder}/{filename}", line)], auto_comments=comments
            )
    return template


def po_path(language: str, domain: str, locales: Path = LOCALES_DIR) -> Path:
    return locales / language / "LC_MESSAGES" / f"{domain}.po"


def update(domains: Iterable[str] = DOMAINS, locales: Path = LOCALES_DIR) -> list[Path]:
    """Write each domain's template and merge it into every language; the files written."""
    written: list[Path] = []
    for domain in domains:
        template = extract(domain)
        if not len(template):
            continue
        pot = locales / f"{domain}.pot"
        _write(pot, template)
        written.append(pot)
        for language in LANGUAGES:
            if language == SOURCE_LANGUAGE:
                continue
            path = po_path(language, domain, locales)
            if path.exists():
                with path.open("rb") as handle:
                    catalog = read_po(handle, locale=language, domain=domain)
                catalog.update(template, update_header_comment=False)
            else:
                catalog = Catalog(locale=language, domain=domain, project=PROJECT)
                catalog.update(template)
            _write(path, catalog)
            written.append(path)
    return written


def _write(path: Path, catalog: Catalog) -> None:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, sort_output=False, ignore_obsolete=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
