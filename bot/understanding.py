"""From what someone typed to a query: deterministic and offline.

The same reading serves the slash command (`partners for Chiang Mai on heritage`) and plain
language in a message ("qui travaille sur le patrimoine ?"): a leading subcommand says what is
asked; otherwise the lexicon's intent words do, and a question that only names fields, regions
or themes is a search for cities. SDG target codes (`11.4`) and years are read as they are;
city names are matched without accents or case, fuzzily after "for"/"pour"/"para" (typos), and
by their Thai names. What cannot be read becomes a query with no `ask`, which the bot answers
with a short question and choices.

`Query.command()` writes a query back as the canonical command (`partners for chiang-mai on
11.4`), which reads back to the same query: the choices a clarifying reply offers are commands.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz, process

from bot.language import LanguageDetector
from bot.lexicon import (
    COMMANDS,
    FOR_CITY,
    FUNCTION_WORDS,
    THAI_CITY_NAMES,
    Ask,
    Kind,
    terms,
)
from names import fold_name

TARGET_CODE = re.compile(r"(?<![\w.])(\d{1,2})\.(\d{1,2}|[a-c])(?![\w.])")
YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d|21\d\d)(?!\d)")
MENTION = re.compile(r"<[@#!][^>]*>")
PUNCTUATION = re.compile(r"[?¿!¡,;:()\[\]\"“”«»'’]|\.(?!\d)")
THAI = re.compile("[\u0e00-\u0e7f]")
NEW_PROJECT = frozenset({"new", "nouveau", "nuevo", "ใหม่"})
FUZZY_CUTOFF = 80.0  # below this a typed name matches no city
FUZZY_CLEAR_LEAD = 6.0  # the best match wins alone when this far ahead of the next one
EXACT_MIN_LENGTH = 4  # shorter names are only taken after "for" (or as the city asked about)
END_OF_NAME = frozenset(
    w for lang in ("en", "fr", "es") for w in FUNCTION_WORDS[lang] if w not in {"de", "del"}
)


@dataclass(frozen=True, slots=True)
class CityName:
    id: str
    name: str


class CityNames:
    """Every city's name (and id), folded, to find the cities a message names."""

    def __init__(self, cities: Iterable[CityName]) -> None:
        self.names: dict[str, str] = {}
        self._ids: dict[str, list[str]] = {}
        for city in cities:
            self.names[city.id] = city.name
            for key in {_key(city.name), city.id}:
                self._ids.setdefault(key, []).append(city.id)
        self._keys = list(self._ids)
        self._longest = max((len(k.split()) for k in self._ids), default=1)

    def exact(self, folded: str) -> list[str]:
        return sorted(set(self._ids.get(_key(folded), [])))

    def fuzzy(self, folded: str) -> list[tuple[str, float]]:
        """Cities whose name is close to `folded`, best first, with their scores."""
        found = process.extract(
            folded, self._keys, scorer=fuzz.WRatio, limit=5, score_cutoff=FUZZY_CUTOFF
        )
        best: dict[str, float] = {}
        for key, score, _index in found:
            for city in self._ids[key]:
                best[city] = max(best.get(city, 0.0), float(score))
        return sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))

    def scan(self, text: str) -> tuple[str, str] | None:
        """The longest city name written out in `text` (word by word): (key, city id)."""
        words = text.replace("\x00", " ").split()
        for size in range(min(self._longest, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                key = " ".join(words[start : start + size])
                ids = self._ids.get(key)
                usable = len(key) >= EXACT_MIN_LENGTH and key not in _COMMON_WORDS
                if ids and len(ids) == 1 and usable:
                    return key, ids[0]
        return None


def _key(name: str) -> str:
    """A name as messages are compared: folded, without punctuation, single spaces."""
    return " ".join(PUNCTUATION.sub(" ", fold_name(name)).split())


# Names of member cities that are also everyday words in the bot's languages.
_COMMON_WORDS = frozenset({"como", "sale", "santos", "design", "music", "film"})


@dataclass(frozen=True, slots=True)
class Query:
    """What a message asks; `ask` None when it could not be read."""

    ask: Ask | None
    language: str | None = None  # None: the message did not say
    city: str | None = None
    city_text: str | None = None  # a name typed that matched no city (or several)
    city_choices: tuple[str, ...] = ()  # the cities it could be
    fields: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    words: str | None = None  # a project search's words
    year: int | None = None
    new: bool = False  # `project new`: the form to register one
    rest: str = ""  # what follows a subcommand, as typed (for `link`)

    def command(self) -> str:
        """The canonical `/uccn` command for this query."""
        parts = [self.ask.value if self.ask else "help"]
        if self.ask is Ask.CITY and self.city:
            parts.append(self.city)
        elif self.ask is Ask.PROJECT and self.words:
            parts.append(self.words)
        elif self.city:
            parts += ["for", self.city]
        if self.targets:
            parts += ["on", *self.targets]
        # Ids written as words, which the English lexicon reads back.
        parts += [f"on {f.replace('-', ' ')}" for f in self.fields]
        parts += [f"in {r.replace('-', ' ')}" for r in self.regions]
        if self.year is not None:
            parts.append(str(self.year))
        return " ".join(parts)

    def with_city(self, city: str) -> Query:
        return replace(self, city=city, city_text=None, city_choices=())


@dataclass(slots=True)
class _Reading:
    text: str  # folded, consumed spans blanked out
    votes: list[tuple[str, ...]] = field(default_factory=list)
    intents: list[Ask] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)

    def consume(self, start: int, end: int) -> None:
        self.text = self.text[:start] + "\x00" * (end - start) + self.text[end:]


class Reader:
    """Reads messages; built once with the language detector (see `bot.language`)."""

    def __init__(self, detector: LanguageDetector) -> None:
        self._detector = detector
        by_language = terms()
        languages: dict[str, set[str]] = {}
        meaning: dict[str, tuple[Kind, str]] = {}
        for language, table in by_language.items():
            for phrase, term in table.items():
                languages.setdefault(phrase, set()).add(language)
                meaning.setdefault(phrase, term)
        phrases = sorted(meaning, key=lambda p: (-len(p), p))
        self._thai = [p for p in phrases if THAI.search(p)]
        latin = "|".join(re.escape(p) for p in phrases if not THAI.search(p))
        # One pass over the text: at each place the longest phrase that stands there.
        self._latin = re.compile(rf"(?<![\w-])(?:{latin})(?![\w-])")
        self._meaning = meaning
        self._languages = {p: tuple(sorted(ls)) for p, ls in languages.items()}
        self._function = {
            w: tuple(sorted(lang for lang, ws in FUNCTION_WORDS.items() if w in ws))
            for ws in FUNCTION_WORDS.values()
            for w in ws
        }
        self._markers = {w for ws in FOR_CITY.values() for w in ws}

    def read(self, text: str, cities: CityNames) -> Query:
        head, _, after = text.strip().partition(" ")
        command = COMMANDS.get(fold_name(head))
        if command is Ask.LINK:
            return Query(Ask.LINK, rest=after.strip())
        typed = MENTION.sub(" ", text).strip()
        head, _, tail = typed.partition(" ")
        command = COMMANDS.get(fold_name(head))
        body = tail.strip() if command else typed
        folded = PUNCTUATION.sub(" ", fold_name(body))
        reading = _Reading(text=f" {folded} ")
        targets = self._codes(reading)
        year = self._year(reading)
        city, city_text, choices = self._thai_city(reading)
        self._lexicon(reading)
        slot = _clean(reading.text) if command is Ask.CITY else self._slot(reading)
        if city is None:
            city, city_text, choices = self._city(reading, slot, cities)
        language = self._detector.detect(body, [*reading.votes, *self._small_words(reading)])
        ask = command or self._ask(reading, city or city_text, targets, year)
        query = Query(
            ask=ask,
            language=language,
            city=city,
            city_text=city_text,
            city_choices=choices,
            fields=tuple(dict.fromkeys(reading.fields)),
            regions=tuple(dict.fromkeys(reading.regions)),
            targets=tuple(dict.fromkeys([*targets, *reading.targets])),
            year=year,
        )
        if ask is Ask.PROJECT:
            words = _project_words(body, command is not None)
            if fold_name(words) in NEW_PROJECT:
                return replace(query, new=True)
            leftover = [
                w
                for w in (_clean(reading.text) or "").split()
                if w not in self._function and w not in self._markers
            ]
            if leftover or not (query.targets or query.city or query.fields):
                return replace(
                    query,
                    words=words or None,
                    city=None,
                    city_text=None,
                    city_choices=(),
                    fields=(),
                    regions=(),
                    targets=(),
                )
        return query

    def _codes(self, reading: _Reading) -> list[str]:
        found = []
        for match in TARGET_CODE.finditer(reading.text):
            found.append(f"{int(match.group(1))}.{match.group(2)}")
            reading.consume(match.start(), match.end())
        return found

    def _year(self, reading: _Reading) -> int | None:
        match = YEAR.search(reading.text)
        if match is None:
            return None
        reading.consume(match.start(), match.end())
        return int(match.group(1))

    def _thai_city(self, reading: _Reading) -> tuple[str | None, str | None, tuple[str, ...]]:
        for name, city in sorted(THAI_CITY_NAMES.items(), key=lambda kv: -len(kv[0])):
            folded = fold_name(name)  # folding drops Thai tone marks: compare folded to folded
            at = reading.text.find(folded)
            if at >= 0:
                reading.consume(at, at + len(folded))
                return city, None, ()
        return None, None, ()

    def _lexicon(self, reading: _Reading) -> None:
        found: list[tuple[int, int, str]] = []
        if THAI.search(reading.text):
            for phrase in self._thai:
                while (at := reading.text.find(phrase)) >= 0:
                    found.append((at, at + len(phrase), phrase))
                    reading.consume(at, at + len(phrase))
        for match in self._latin.finditer(reading.text):
            found.append((match.start(), match.end(), match.group(0)))
            reading.consume(match.start(), match.end())
        for _start, _end, phrase in sorted(found):
            kind, value = self._meaning[phrase]
            reading.votes.append(self._languages[phrase])
            if kind is Kind.FIELD:
                reading.fields.append(value)
            elif kind is Kind.REGION:
                reading.regions.append(value)
            elif kind is Kind.TARGET:
                reading.targets.append(value)
            else:
                reading.intents.append(Ask(value))

    def _small_words(self, reading: _Reading) -> list[tuple[str, ...]]:
        return [self._function[w] for w in reading.text.split() if w in self._function]

    def _slot(self, reading: _Reading) -> str | None:
        """The words after "for" (or its kin) up to the next word the lexicon took."""
        words = re.split(r"(\s+|\x00+)", reading.text)
        slot: list[str] = []
        taking = False
        for piece in words:
            if not piece.strip(" \t\n\x00"):
                if "\x00" in piece and taking:
                    break
                continue
            if taking:
                if piece in END_OF_NAME or piece in self._markers:
                    if slot:
                        break
                    continue
                slot.append(piece)
            elif piece in self._markers:
                taking = True
        return " ".join(slot) or None

    def _city(
        self, reading: _Reading, slot: str | None, cities: CityNames
    ) -> tuple[str | None, str | None, tuple[str, ...]]:
        if slot:
            exact = cities.exact(slot)
            if len(exact) == 1:
                return exact[0], None, ()
            if len(exact) > 1:
                return None, slot, tuple(exact)
        written = cities.scan(reading.text)
        if written is not None:
            key, city = written
            span = _find(reading.text, key)
            if span is not None:
                reading.consume(*span)
            return city, None, ()
        if not slot:
            return None, None, ()
        close = cities.fuzzy(slot)
        if not close:
            return None, slot, ()
        best = close[0][1]
        if len(close) == 1 or close[1][1] <= best - FUZZY_CLEAR_LEAD:
            return close[0][0], None, ()
        return None, slot, tuple(c for c, s in close if s >= best - FUZZY_CLEAR_LEAD)[:5]

    def _ask(
        self, reading: _Reading, city: str | None, codes: Sequence[str], year: int | None
    ) -> Ask | None:
        intents = set(reading.intents)
        criteria = bool(reading.fields or reading.regions or reading.targets)
        for ask in (Ask.PARTNERS, Ask.DUE, Ask.PROJECT):
            if ask in intents:
                return ask
        if Ask.HOST in intents and (year is not None or not criteria):
            return Ask.HOST
        if Ask.SDG in intents and codes and not criteria and Ask.SEARCH not in intents:
            return Ask.SDG
        if criteria or (codes and Ask.SEARCH in intents):
            return Ask.SEARCH
        if city:
            return Ask.CITY
        if codes:
            return Ask.SDG
        if Ask.HELP in intents or Ask.CITY in intents:
            return Ask.HELP if Ask.HELP in intents else None
        return None


def _find(text: str, phrase: str) -> tuple[int, int] | None:
    """Where `phrase` stands as whole words in `text` (inside it, for Thai)."""
    if THAI.search(phrase):
        at = text.find(phrase)
        return (at, at + len(phrase)) if at >= 0 else None
    match = re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text)
    return (match.start(), match.end()) if match else None


def _clean(text: str) -> str | None:
    words = [w for w in text.replace("\x00", " ").split() if w]
    return " ".join(words) or None


def _project_words(body: str, after_command: bool) -> str:
    """A project search's words as typed: the text after the subcommand or intent word."""
    words = body.split()
    if after_command:
        return " ".join(words)
    project_words = {"projects", "project", "projets", "projet", "proyectos", "proyecto"}
    kept = [w for w in words if fold_name(w).strip("?¿!¡.,") not in project_words]
    return " ".join(kept).strip(" ?¿!¡.,")
