"""Partner recommendations: who a city could work with next, and why.

A candidate's score is a weighted mean of six components, each in [0, 1]:

- thematic: the SDG targets it works on against the need's targets (or, with none asked, the
  asking city's own); a shared target counts 1, a target only sharing its goal counts 0.4;
- field: with fields asked, 1 for one of them and 0 otherwise; without, 0.8 for another field
  (cross-field work, which the network encourages) and 0.6 for the same one (depth);
- novelty: 0.5, plus 0.5 when a partner of the city already works with it (a warm
  introduction), minus 0.5 in the city's own country;
- balance: 0.4 for a Global South partner, 0.3 for Africa or the Arab States, 0.3 for a region
  none of the city's partners is in;
- standing: 0.5 for a project in the last `recent_years`, 0.5 for no overdue monitoring report;
- feedback: 1 when the candidate shares a field or a region with a partner an introduction of
  this city turned into a project.

Existing partners, the city itself, partners it dismissed for the same need and partners it
already asked to meet are never proposed. Ties are broken by kind and id, so the same graph
gives the same list; the list is diversified (at most `max_per_country` per country).
"""

from __future__ import annotations

import dataclasses
import functools
import math
import operator
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from brain.reasons import Reason

COMPONENTS = ("thematic", "field", "novelty", "balance", "standing", "feedback")
PRIORITY_REGIONS = frozenset({"africa", "arab-states"})
GOAL_ONLY = 0.4  # a target that only shares its goal with the need counts this much
KINDS = ("city", "institution")


@dataclass(frozen=True, slots=True)
class PartnerWeights:
    thematic: float = 0.35
    field: float = 0.15
    novelty: float = 0.15
    balance: float = 0.2
    standing: float = 0.1
    feedback: float = 0.05
    recent_years: int = 3
    max_per_country: int = 2

    def __post_init__(self) -> None:
        values = [getattr(self, name) for name in COMPONENTS]
        if any(not math.isfinite(v) or v < 0 for v in values) or sum(values) <= 0:
            raise ValueError("partner weights must be finite, >= 0, and not all 0")
        if self.max_per_country < 1 or self.recent_years < 0:
            raise ValueError("max_per_country must be >= 1 and recent_years >= 0")

    def of(self, name: str) -> float:
        value: float = getattr(self, name)
        return value


@dataclass(frozen=True, slots=True)
class Profile:
    """A possible partner as the recommendation index holds it."""

    kind: str  # "city" | "institution"
    id: str
    name: str
    country: str | None
    fields: tuple[str, ...]  # a city's field; the fields of an institution's projects
    targets: frozenset[str] = frozenset()  # SDG targets of its projects
    real_targets: frozenset[str] = frozenset()  # of those, the ones a real project works on
    last_active: int = 0  # latest project year, 0 for none
    overdue: int = 0  # monitoring reports overdue
    partners: frozenset[str] = frozenset()  # cities it works with (projects, partnerships)
    generated: bool = False
    target_bits: int = dataclasses.field(default=0, compare=False)

    def __post_init__(self) -> None:
        # Derived once here, so scoring ten thousand candidates is integer arithmetic.
        object.__setattr__(self, "target_bits", _bits(self.targets))


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    region: str | None = None
    south: bool = False


@dataclass(frozen=True, slots=True)
class Places:
    countries: Mapping[str, Place]
    regions: Mapping[str, str]  # id -> name
    fields: Mapping[str, str]  # id -> name
    targets: frozenset[str] = frozenset()  # every SDG target code

    def region_of(self, country: str | None) -> str | None:
        place = self.countries.get(country or "")
        return place.region if place else None


@dataclass(frozen=True, slots=True)
class Need:
    targets: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    kinds: tuple[str, ...] = KINDS

    def key(self) -> str:
        """Canonical: the same need however it was written (order, repeats)."""
        parts = [
            f"{name}={','.join(sorted(set(values)))}"
            for name, values in (
                ("targets", self.targets),
                ("fields", self.fields),
                ("regions", self.regions),
            )
            if values
        ]
        return ";".join(parts) or "any"


@dataclass(frozen=True, slots=True)
class Asker:
    """The asking city, with its ties."""

    id: str
    country: str | None
    field: str | None
    targets: frozenset[str] = frozenset()
    partners: frozenset[tuple[str, str]] = frozenset()  # (kind, id) it already works with
    partner_countries: frozenset[str] = frozenset()  # where those partners are
    # (kind, id) of a candidate -> names of the asker's partners it already works with
    warm: Mapping[tuple[str, str], frozenset[str]] = dataclasses.field(default_factory=dict)
    dismissed: frozenset[tuple[str, str, str]] = frozenset()  # (kind, id, need key)
    introduced: frozenset[tuple[str, str]] = frozenset()  # (kind, id) it asked to meet
    fruitful: tuple[Profile, ...] = ()  # partners whose introduction became a project


@dataclass(frozen=True, slots=True)
class Recommendation:
    partner: Profile
    score: float
    breakdown: dict[str, float]
    reasons: tuple[Reason, ...]
    rests_on_generated: bool


@dataclass(frozen=True, slots=True)
class Recommendations:
    items: tuple[Recommendation, ...]
    need_key: str
    without_project_data: bool  # no targets to match: fields, balance and geography only
    considered: int
    notes: tuple[Reason, ...]
    weights: PartnerWeights  # what the breakdowns were weighed with


class Pool:
    """Candidates prepared once for many requests (the recommendation index keeps one), as
    columns a request scores all at once (numpy): for each candidate, in (kind, id) order, the
    position of its kind, of its country and of its fields among the distinct ones (a request
    weighs each country, each set of fields, once), its standing, and its target bits as a
    matrix (a column per bit). The arithmetic is the breakdown's, in its order, in float64: the
    same scores, to the last bit, as adding up each candidate's breakdown."""

    __slots__ = (
        "by_country",
        "by_fields",
        "by_kind",
        "candidates",
        "clear",
        "columns",
        "country",
        "fields",
        "kind",
        "last_active",
        "positions",
        "rows",
        "targets",
    )

    def __init__(self, candidates: Iterable[Profile]) -> None:
        listed = list(candidates)
        # Sorted as ties are broken: (kind, id), then as they came.
        order = sorted(range(len(listed)), key=lambda n: (listed[n].kind, listed[n].id, n))
        self.rows = tuple(listed[n] for n in order)
        self.candidates = tuple(listed)
        self.positions: dict[tuple[str, str], list[int]] = {}
        kinds: dict[str, int] = {}
        countries: dict[str | None, int] = {}
        fields: dict[tuple[str, ...], int] = {}
        self.by_kind: list[str] = []
        self.by_country: list[Profile] = []  # the first candidate with each country
        self.by_fields: list[Profile] = []  # the first candidate with each set of fields
        kind, country, kept = [], [], []
        for n, c in enumerate(self.rows):
            self.positions.setdefault((c.kind, c.id), []).append(n)
            kind.append(kinds.setdefault(c.kind, len(kinds)))
            if c.kind not in self.by_kind:
                self.by_kind.append(c.kind)
            if c.country not in countries:
                countries[c.country] = len(self.by_country)
                self.by_country.append(c)
            country.append(countries[c.country])
            if c.fields not in fields:
                fields[c.fields] = len(self.by_fields)
                self.by_fields.append(c)
            kept.append(fields[c.fields])
        self.kind = np.array(kind, dtype=np.intp)
        self.country = np.array(country, dtype=np.intp)
        self.fields = np.array(kept, dtype=np.intp)
        self.last_active = np.array([c.last_active for c in self.rows], dtype=np.int64)
        self.clear = np.array([c.overdue == 0 for c in self.rows], dtype=bool)
        # Target bits as a matrix: each candidate's bytes, unpacked, then the bits anyone has.
        width = max((c.target_bits.bit_length() for c in self.rows), default=0) // 8 + 1
        packed = b"".join(c.target_bits.to_bytes(width, "little") for c in self.rows)
        unpacked = np.unpackbits(
            np.frombuffer(packed, dtype=np.uint8).reshape(len(self.rows), width),
            axis=1,
            bitorder="little",
        )
        used = np.flatnonzero(unpacked.any(axis=0))
        self.columns = {1 << int(bit): col for col, bit in enumerate(used)}  # target bit -> col
        self.targets = np.asfortranarray(unpacked[:, used].astype(bool))


def recommend(
    asker: Asker,
    need: Need,
    candidates: Iterable[Profile] | Pool,
    places: Places,
    *,
    year: int,
    first: int = 10,
    weights: PartnerWeights | None = None,
) -> Recommendations:
    """The `first` best partners for `asker`, best first, each with its reasons. `candidates`
    may come as a `Pool`, prepared once for many requests."""
    weights = weights or PartnerWeights()
    if first < 1:
        raise ValueError("first must be >= 1")
    wanted = _Wanted.of(asker, need, places, weights, year)
    pool = candidates if isinstance(candidates, Pool) else Pool(candidates)
    considered, ranking = wanted.ranking(pool)
    picked: list[Recommendation] = []
    per_country: dict[str, int] = {}
    for score, candidate in ranking:  # best first; the per-country cap may skip any number
        if len(picked) == first:
            break
        country = candidate.country or ""
        if per_country.get(country, 0) >= weights.max_per_country:
            continue
        per_country[country] = per_country.get(country, 0) + 1
        breakdown = wanted.breakdown(candidate)
        picked.append(
            Recommendation(
                partner=candidate,
                score=round(score, 6),
                breakdown=breakdown,
                reasons=wanted.reasons(candidate, breakdown),
                rests_on_generated=wanted.rests_on_generated(candidate),
            )
        )
    notes = []
    if not wanted.need_targets:
        notes.append(
            Reason(
                "without_project_data",
                "No project data to match on: proposed from fields, balance and geography",
            )
        )
    return Recommendations(
        items=tuple(picked),
        need_key=need.key(),
        without_project_data=not wanted.need_targets,
        considered=considered,
        notes=tuple(notes),
        weights=weights,
    )


@dataclass(slots=True)
class _Wanted:
    """What one request looks for, precomputed so scoring a candidate is cheap."""

    asker: Asker
    need: Need
    places: Places
    weights: PartnerWeights
    year: int
    total: float
    need_targets: frozenset[str]
    need_goals: frozenset[str]
    need_bits: int
    need_goal_masks: tuple[int, ...]
    need_goal_bits: int
    need_goal_firsts: int | None  # the first bit of each goal's mask; None if two masks are one
    region: str | None
    partner_regions: frozenset[str]
    fruitful_fields: frozenset[str]
    fruitful_regions: frozenset[str]
    need_key: str

    @classmethod
    def of(
        cls, asker: Asker, need: Need, places: Places, weights: PartnerWeights, year: int
    ) -> _Wanted:
        targets = frozenset(need.targets) or asker.targets
        partner_regions = {
            region for c in asker.partner_countries if (region := places.region_of(c)) is not None
        }
        return cls(
            asker=asker,
            need=need,
            places=places,
            weights=weights,
            year=year,
            total=sum(weights.of(name) for name in COMPONENTS),
            need_targets=targets,
            need_goals=frozenset(_goal(t) for t in targets),
            need_bits=_bits(targets),
            need_goal_masks=(
                masks := tuple(_goal_mask(g) for g in sorted({_goal(t) for t in targets}))
            ),
            need_goal_bits=sum(masks),
            need_goal_firsts=(
                sum(mask & -mask for mask in masks) if len(set(masks)) == len(masks) else None
            ),
            region=places.region_of(asker.country),
            partner_regions=frozenset(partner_regions),
            fruitful_fields=frozenset(f for p in asker.fruitful for f in p.fields),
            fruitful_regions=frozenset(
                r for p in asker.fruitful if (r := places.region_of(p.country)) is not None
            ),
            need_key=need.key(),
        )

    def ranking(self, pool: Pool) -> tuple[int, Iterator[tuple[float, Profile]]]:
        """How many candidates the request allows, and those with their scores, best first
        (ties by kind and id). Each score is the weighted mean of the breakdown, added up in
        the breakdown's order from the same components, for all candidates at once: what
        depends only on a country or a set of fields is weighed once per request for each."""
        w, asker, need = self.weights, self.asker, self.need
        countries, fields = pool.by_country, pool.by_fields
        regions = set(need.regions)
        allowed = _per(pool.kind, [kind in need.kinds for kind in pool.by_kind], bool)
        allowed &= _per(
            pool.country,
            [not regions or self.places.region_of(c.country) in regions for c in countries],
            bool,
        )
        excluded = {("city", asker.id), *asker.partners, *asker.introduced}
        excluded.update((k, i) for k, i, key in asker.dismissed if key == self.need_key)
        for key in excluded:
            allowed[pool.positions.get(key, [])] = False
        novelty = _per(pool.country, [self._novelty_of(False, c.country) for c in countries])
        for key, via in asker.warm.items():
            for n in pool.positions.get(key, []) if via else ():
                novelty[n] = self._novelty(pool.rows[n])
        fruitful = _per(pool.fields, [self._fruitful_fields(c.fields) for c in fields], bool)
        fruitful |= _per(pool.country, [self._fruitful_region(c.country) for c in countries], bool)
        active = pool.last_active >= self.year - w.recent_years
        standing = _per(
            active * 2 + pool.clear,
            [self._standing_of(a, c) for a in (False, True) for c in (False, True)],
        )
        score = (
            w.thematic * self._thematic_all(pool)
            + w.field * _per(pool.fields, [self._field(c) for c in fields])
            + w.novelty * novelty
            + w.balance * _per(pool.country, [self._balance(c) for c in countries])
            + w.standing * standing
            + w.feedback * np.where(fruitful, 1.0, 0.0)
        ) / self.total
        kept = np.flatnonzero(allowed)
        best = kept[np.argsort(-score[kept], kind="stable")]
        return len(kept), ((float(score[n]), pool.rows[n]) for n in best.tolist())

    def _thematic_all(self, pool: Pool) -> NDArray[np.float64]:
        """`_thematic` of every candidate: its targets in the need's goals, a column per bit."""
        if not self.need_targets:
            return np.zeros(len(pool.rows))
        if len(set(self.need_goal_masks)) != len(self.need_goal_masks):  # not SDG codes
            return np.array([self._thematic(c) for c in pool.rows])
        asked = [col for bit, col in pool.columns.items() if bit & self.need_bits]
        shared = pool.targets[:, asked].sum(axis=1, dtype=np.int64)
        goal_only = np.zeros(len(pool.rows), dtype=np.int64)
        for mask in self.need_goal_masks:
            unasked = [
                col for bit, col in pool.columns.items() if bit & mask and not bit & self.need_bits
            ]
            if unasked:
                goal_only += pool.targets[:, unasked].any(axis=1)
        found = shared + GOAL_ONLY * goal_only.astype(np.float64)
        return np.minimum(1.0, found / len(self.need_targets))

    def breakdown(self, candidate: Profile) -> dict[str, float]:
        return {
            "thematic": self._thematic(candidate),
            "field": self._field(candidate),
            "novelty": self._novelty(candidate),
            "balance": self._balance(candidate),
            "standing": self._standing(candidate),
            "feedback": self._feedback(candidate),
        }

    def _thematic(self, candidate: Profile) -> float:
        return self._thematic_of(candidate.target_bits & self.need_goal_bits)

    def _thematic_of(self, bits: int) -> float:
        """From a candidate's target bits within the need's goals."""
        if not bits or not self.need_targets:
            return 0.0
        shared = (bits & self.need_bits).bit_count()
        unasked = bits & ~self.need_bits
        if self.need_goal_firsts is not None:  # the goals with an unasked target, counted
            goal_only = (_any_per_goal(unasked) & self.need_goal_firsts).bit_count()
        else:
            goal_only = sum(1 for mask in self.need_goal_masks if unasked & mask)
        return min(1.0, (shared + GOAL_ONLY * goal_only) / len(self.need_targets))

    def _field(self, candidate: Profile) -> float:
        if self.need.fields:
            return 1.0 if set(candidate.fields) & set(self.need.fields) else 0.0
        if not candidate.fields or self.asker.field is None:
            return 0.0
        return 0.6 if self.asker.field in candidate.fields else 0.8

    def _novelty(self, candidate: Profile) -> float:
        warm = bool(self.asker.warm.get((candidate.kind, candidate.id)))
        return self._novelty_of(warm, candidate.country)

    def _novelty_of(self, warm: bool, country: str | None) -> float:
        value = 0.5
        if warm:
            value += 0.5
        if country is not None and country == self.asker.country:
            value -= 0.5
        return value

    def _balance(self, candidate: Profile) -> float:
        place = self.places.countries.get(candidate.country or "")
        if place is None:
            return 0.0
        value = 0.4 if place.south else 0.0
        if place.region in PRIORITY_REGIONS:
            value += 0.3
        if place.region is not None and place.region not in self.partner_regions | {self.region}:
            value += 0.3
        return round(value, 6)

    def _standing(self, candidate: Profile) -> float:
        active = candidate.last_active >= self.year - self.weights.recent_years
        return self._standing_of(active, candidate.overdue == 0)

    @staticmethod
    def _standing_of(active: bool, clear: bool) -> float:
        return (0.5 if active else 0.0) + (0.5 if clear else 0.0)

    def _feedback(self, candidate: Profile) -> float:
        fruitful = self._fruitful_fields(candidate.fields)
        return 1.0 if fruitful or self._fruitful_region(candidate.country) else 0.0

    def _fruitful_fields(self, fields: tuple[str, ...]) -> bool:
        return bool(set(fields) & self.fruitful_fields)

    def _fruitful_region(self, country: str | None) -> bool:
        region = self.places.region_of(country)
        return region is not None and region in self.fruitful_regions

    def rests_on_generated(self, candidate: Profile) -> bool:
        """The thematic evidence, or the partner itself, is generated (demo) data."""
        if candidate.generated:
            return True
        evidence = {t for t in candidate.targets if _goal(t) in self.need_goals}
        return bool(evidence) and not (evidence <= candidate.real_targets)

    def reasons(self, candidate: Profile, breakdown: Mapping[str, float]) -> tuple[Reason, ...]:
        """Short sentences, each backed by a non-zero part of the breakdown (or a minus)."""
        out: list[Reason] = []
        shared = sorted(candidate.targets & self.need_targets, key=_target_order)
        if breakdown["thematic"] > 0:
            if shared:
                codes = ", ".join(shared[:3])
                out.append(
                    Reason(
                        "shared_target",
                        f"Both work on SDG {codes}"
                        if self.need_targets == self.asker.targets and not self.need.targets
                        else f"Works on SDG {codes}, which you asked for",
                        {"targets": codes},
                    )
                )
            else:
                goals = sorted({_goal(t) for t in candidate.targets} & self.need_goals, key=int)
                out.append(
                    Reason(
                        "shared_goal",
                        f"Works on SDG {', '.join(goals)}",
                        {"goals": ",".join(goals)},
                    )
                )
        fields = self.places.fields
        theirs = ", ".join(fields.get(f, f) for f in candidate.fields[:2])
        if breakdown["field"] > 0:
            if self.need.fields:
                out.append(
                    Reason("asked_field", f"A {theirs} partner, as asked", {"field": theirs})
                )
            elif self.asker.field in candidate.fields:
                mine = fields.get(self.asker.field or "", self.asker.field or "")
                out.append(
                    Reason("same_field", f"Also {mine}: depth in your field", {"field": mine})
                )
            else:
                mine = fields.get(self.asker.field or "", self.asker.field or "")
                out.append(
                    Reason(
                        "complementary_field",
                        f"{theirs} complements your {mine}",
                        {"field": theirs, "yours": mine},
                    )
                )
        via = sorted(self.asker.warm.get((candidate.kind, candidate.id), frozenset()))
        if via:
            out.append(
                Reason(
                    "warm_introduction",
                    f"Already works with your partner {via[0]}",
                    {"via": via[0]},
                )
            )
        if candidate.country is not None and candidate.country == self.asker.country:
            out.append(Reason("same_country", "In your own country", {}))
        place = self.places.countries.get(candidate.country or "")
        if place is not None and breakdown["balance"] > 0:
            region_name = self.places.regions.get(place.region or "", place.region or "")
            if place.region is not None and place.region not in self.partner_regions | {
                self.region
            }:
                out.append(
                    Reason(
                        "first_in_region",
                        f"Would be your first partner in {region_name}",
                        {"region": region_name},
                    )
                )
            elif place.region in PRIORITY_REGIONS:
                out.append(
                    Reason(
                        "priority_region", f"A partner in {region_name}", {"region": region_name}
                    )
                )
            if place.south:
                out.append(Reason("global_south", "A Global South partner", {}))
        if (
            breakdown["standing"] >= 0.5
            and candidate.last_active >= self.year - self.weights.recent_years
        ):
            out.append(
                Reason(
                    "recently_active",
                    f"Active: a project in {min(candidate.last_active, self.year)}",
                    {"year": str(min(candidate.last_active, self.year))},
                )
            )
        if candidate.overdue:
            out.append(
                Reason(
                    "report_overdue",
                    f"{candidate.overdue} monitoring report(s) overdue",
                    {"count": str(candidate.overdue)},
                )
            )
        if breakdown["feedback"] > 0:
            out.append(
                Reason(
                    "like_fruitful",
                    "Like a partner an introduction of yours turned into a project",
                    {},
                )
            )
        return tuple(out)


# A target's bit: 32 per goal (`11.4` is bit 11 * 32 + 4; `17.a` is 17 * 32 + 20), so sets of
# targets and of goals become integers and comparing them costs no allocation.
_PER_GOAL = 32
_LETTERS = 20


# Cached: the index derives every profile's bits and goals from a few hundred target codes.
@functools.lru_cache(maxsize=1024)
def _bit(target: str) -> int:
    goal, _, sub = target.partition(".")
    index = int(sub) if sub.isdigit() else _LETTERS + ord(sub[:1] or "a") - ord("a")
    if not goal.isdigit() or not 0 <= index < _PER_GOAL:
        raise ValueError(f"{target!r} is not an SDG target code")
    return 1 << (int(goal) * _PER_GOAL + index)


def _bits(targets: Iterable[str]) -> int:
    return functools.reduce(operator.or_, map(_bit, targets), 0)


def _per(index: NDArray[np.intp], values: list[Any], dtype: type = np.float64) -> NDArray[Any]:
    """`values[index[n]]` for every n: what each candidate has of a value weighed once."""
    return np.array(values, dtype=dtype)[index]


def _any_per_goal(bits: int) -> int:
    """Bit `goal * 32` set where any of that goal's 32 bits is: each shift ORs the next half
    of what is left of the goal's bits into its first (31 in all, never the next goal's)."""
    bits |= bits >> 16
    bits |= bits >> 8
    bits |= bits >> 4
    bits |= bits >> 2
    return bits | bits >> 1


def _goal_mask(goal: str) -> int:
    return ((1 << _PER_GOAL) - 1) << (int(goal) * _PER_GOAL)


@functools.lru_cache(maxsize=1024)
def _goal(target: str) -> str:
    return target.split(".", 1)[0]


def _target_order(code: str) -> tuple[int, str]:
    goal, _, rest = code.partition(".")
    return (int(goal) if goal.isdigit() else 99, rest.zfill(3))
