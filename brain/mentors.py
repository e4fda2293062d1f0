"""Mentor pairing: candidate cities applying to the network are paired with member cities that
mentor them for two to three years.

The secretariat wants one global assignment, not a first-come one: a greedy pass hands the
best mentor to whoever asks first and can leave an African candidate without a mentor, or
lose score overall. So the pairing is an exact maximum-weight assignment, solved as a
min-cost flow, with a lexicographic objective:

1. as many candidates from the priority regions (Africa) matched as possible,
2. then as many candidates matched as possible,
3. then the highest total pair score.

Every choice is explained with `Reason`s so a focal point can see why a pair was proposed,
why a candidate is still waiting, and why a mentor was left out."""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from brain.reasons import Reason

SCORE_SCALE = 1000  # pair scores are compared as integers, in thousandths, so the flow is exact

REGION_NAMES: dict[str, str] = {
    "africa": "Africa",
    "arab-states": "the Arab States",
    "asia-and-the-pacific": "Asia and the Pacific",
    "europe-and-north-america": "Europe and North America",
    "latin-america-and-the-caribbean": "Latin America and the Caribbean",
}

FIELD_NAMES: dict[str, str] = {
    "architecture": "Architecture",
    "crafts-and-folk-art": "Crafts and Folk Art",
    "design": "Design",
    "film": "Film",
    "gastronomy": "Gastronomy",
    "literature": "Literature",
    "media-arts": "Media Arts",
    "music": "Music",
}

LANGUAGE_NAMES: dict[str, str] = {
    "ar": "Arabic",
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fa": "Persian",
    "fr": "French",
    "hi": "Hindi",
    "id": "Indonesian",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "ru": "Russian",
    "sw": "Swahili",
    "th": "Thai",
    "tr": "Turkish",
    "zh": "Chinese",
}

COMPONENTS = ("same_field", "same_region", "shared_language")  # the keys of a breakdown

_TAKERS_SHOWN = 3  # candidates named in a "mentors_taken" reason before "and N more"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A city applying to the network, looking for a mentor."""

    id: str
    name: str
    field: str  # creative field id, e.g. "design"
    region: str  # region id, e.g. "africa"
    country: str  # ISO 3166-1 alpha-2
    languages: tuple[str, ...] = ()  # ISO 639-1 codes


@dataclass(frozen=True, slots=True)
class Mentor:
    """A member city able to mentor; only those in good standing with a free slot are asked."""

    id: str
    name: str
    field: str
    region: str
    country: str
    languages: tuple[str, ...] = ()
    good_standing: bool = True
    standing_note: str | None = None  # why not in good standing ("monitoring report overdue")
    current_mentees: int = 0  # active mentorships already held; they use up capacity


@dataclass(frozen=True, slots=True)
class MentorWeights:
    """How much each kind of closeness counts, and the secretariat's limits and priorities."""

    same_field: float = 0.5
    same_region: float = 0.3
    shared_language: float = 0.2
    max_per_mentor: int = 2
    priority_regions: tuple[str, ...] = ("africa",)

    def __post_init__(self) -> None:
        for name in ("same_field", "same_region", "shared_language"):
            value = getattr(self, name)
            if not math.isfinite(value) or value < 0:
                raise ValueError(f"weight {name} must be a finite number >= 0, got {value}")
        if self.max_per_mentor < 0:
            raise ValueError(f"max_per_mentor must be >= 0, got {self.max_per_mentor}")


@dataclass(frozen=True, slots=True)
class Pair:
    """A proposed mentorship, with its score in [0, 1] and what it is made of."""

    candidate: Candidate
    mentor: Mentor
    score: float  # weighted sum of the breakdown / sum of the weights
    breakdown: dict[str, float]  # "same_field", "same_region", "shared_language" -> 0 or 1
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Unmatched:
    """A candidate left without a mentor in this round, and why."""

    candidate: Candidate
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Assignment:
    """The secretariat's proposal: one global assignment of mentors to candidates."""

    pairs: tuple[Pair, ...]  # ordered by candidate id
    unmatched: tuple[Unmatched, ...]  # ordered by candidate id
    excluded_mentors: tuple[tuple[Mentor, Reason], ...]  # ordered by mentor id


def pair_score(
    candidate: Candidate, mentor: Mentor, weights: MentorWeights
) -> tuple[float, dict[str, float]]:
    """Score a pair in [0, 1]: the weighted share of what candidate and mentor have in common.

    Normalised by the sum of the weights so scores read the same whatever the weights add up
    to; with every weight at zero all pairs are equal (score 0)."""
    breakdown = {
        "same_field": 1.0 if candidate.field == mentor.field else 0.0,
        "same_region": 1.0 if candidate.region == mentor.region else 0.0,
        "shared_language": 1.0 if _shared_languages(candidate, mentor) else 0.0,
    }
    return _weighted_score(weights, breakdown), breakdown


def _weighted_score(weights: MentorWeights, breakdown: dict[str, float]) -> float:
    """Sum numerator and denominator in the same order, so a perfect pair scores exactly 1."""
    total = weights.same_field + weights.same_region + weights.shared_language
    if total == 0:
        return 0.0
    weighted = (
        weights.same_field * breakdown["same_field"]
        + weights.same_region * breakdown["same_region"]
        + weights.shared_language * breakdown["shared_language"]
    )
    return min(1.0, weighted / total)


def _scaled(score: float) -> int:
    return round(score * SCORE_SCALE)


def _shared_languages(candidate: Candidate, mentor: Mentor) -> tuple[str, ...]:
    """The candidate's languages the mentor also works in, in the candidate's order."""
    spoken = set(mentor.languages)
    return tuple(dict.fromkeys(code for code in candidate.languages if code in spoken))


def is_priority(candidate: Candidate, weights: MentorWeights) -> bool:
    """Whether the candidate comes from a region served first when mentors are scarce."""
    return candidate.region in weights.priority_regions


def remaining_capacity(mentor: Mentor, weights: MentorWeights) -> int:
    """Slots a mentor has left: the limit less the mentorships already held."""
    return max(0, weights.max_per_mentor - mentor.current_mentees)


def is_eligible(mentor: Mentor, weights: MentorWeights) -> bool:
    """A mentor is asked only when in good standing and with at least one free slot."""
    return mentor.good_standing and remaining_capacity(mentor, weights) > 0


def propose_mentors(
    candidates: Sequence[Candidate],
    mentors: Sequence[Mentor],
    weights: MentorWeights = MentorWeights(),  # frozen, so one shared default is safe
) -> Assignment:
    """Pair candidates with mentors: Africa first, then as many as possible, then best fit.

    Inputs are sorted by id first, so the proposal is the same whatever order they came in."""
    ordered_candidates = _sorted_unique(candidates, "candidate")
    ordered_mentors = _sorted_unique(mentors, "mentor")
    eligible = [mentor for mentor in ordered_mentors if is_eligible(mentor, weights)]
    options = _shortlists(ordered_candidates, eligible, weights)
    chosen = _best_assignment(
        options,
        [remaining_capacity(mentor, weights) for mentor in eligible],
        [is_priority(candidate, weights) for candidate in ordered_candidates],
    )
    pairs: list[Pair] = []
    matched: dict[str, Mentor] = {}
    for candidate, mentor_index in zip(ordered_candidates, chosen, strict=True):
        if mentor_index is not None:
            mentor = eligible[mentor_index]
            matched[candidate.id] = mentor
            pairs.append(_pair(candidate, mentor, weights))
    unmatched = [
        Unmatched(
            candidate, _unmatched_reasons(candidate, eligible, matched, ordered_candidates, weights)
        )
        for candidate in ordered_candidates
        if candidate.id not in matched
    ]
    excluded = [
        (mentor, _exclusion_reason(mentor, weights))
        for mentor in ordered_mentors
        if not is_eligible(mentor, weights)
    ]
    return Assignment(tuple(pairs), tuple(unmatched), tuple(excluded))


def _sorted_unique[T: (Candidate, Mentor)](items: Sequence[T], kind: str) -> list[T]:
    """Sort by id; two entries with one id would make 'each candidate once' meaningless."""
    ordered = sorted(items, key=lambda item: item.id)
    for before, after in itertools.pairwise(ordered):
        if before.id == after.id:
            raise ValueError(f"duplicate {kind} id {before.id!r}")
    return ordered


def _shortlists(
    candidates: list[Candidate], eligible: list[Mentor], weights: MentorWeights
) -> list[list[tuple[int, int]]]:
    """For each candidate, its best `len(candidates)` eligible mentors as (index, scaled score).

    Why the shortlist loses nothing: take an optimal assignment where candidate c has a mentor
    m outside its top n (n = number of candidates). The other n - 1 candidates use at most
    n - 1 mentors, so at least one of c's top-n mentors mentors nobody else; moving c there
    keeps who is matched (and so the priority and matched counts) and does not lower c's
    score, since every top-n mentor scores at least as well as m. So some optimum uses only
    shortlisted mentors, and the flow runs on n * n edges instead of n * |mentors|.

    Ties are broken by mentor id (the eligible list is sorted by id and the buckets keep that
    order), so the shortlist, and the proposal, are deterministic."""
    keep = len(candidates)
    languages = [frozenset(mentor.languages) for mentor in eligible]
    # Three yes/no components make eight possible scores: work them out once, not per pair.
    score_of = {
        key: _scaled(_weighted_score(weights, dict(zip(COMPONENTS, map(float, key), strict=True))))
        for key in itertools.product((False, True), repeat=len(COMPONENTS))
    }
    shortlists: list[list[tuple[int, int]]] = []
    for candidate in candidates:
        spoken = frozenset(candidate.languages)
        buckets: dict[int, list[int]] = {}
        for index, mentor in enumerate(eligible):
            if mentor.id == candidate.id:
                continue  # a city never mentors itself
            key = (
                candidate.field == mentor.field,
                candidate.region == mentor.region,
                not spoken.isdisjoint(languages[index]),
            )
            buckets.setdefault(score_of[key], []).append(index)
        shortlist: list[tuple[int, int]] = []
        for score in sorted(buckets, reverse=True):
            shortlist.extend((index, score) for index in buckets[score][: keep - len(shortlist)])
            if len(shortlist) >= keep:
                break
        shortlists.append(shortlist)
    return shortlists


def _best_assignment(
    options: list[list[tuple[int, int]]], capacity: list[int], priority: list[bool]
) -> list[int | None]:
    """The mentor index chosen for each candidate (None: unmatched), optimal lexicographically.

    The three levels are folded into one integer weight per pair,
    `weight = A * [priority] + B + score`, with B > n * SCALE (one more match outweighs any
    score total) and A > n * (B + SCALE) (one more priority match outweighs any number of
    matches and scores), so a maximum-weight assignment is the lexicographic optimum."""
    n = len(options)
    matched_bonus = n * SCORE_SCALE + 1
    priority_bonus = n * (matched_bonus + SCORE_SCALE) + 1
    weighted = [
        [
            (mentor, (priority_bonus if priority[candidate] else 0) + matched_bonus + score)
            for mentor, score in row
        ]
        for candidate, row in enumerate(options)
    ]
    return _max_weight_flow(weighted, capacity)


@dataclass(slots=True)
class _Residual:
    """A residual graph in flat lists; edge e and e ^ 1 are each other's reverse. Scratch state
    of one solve, hence not frozen."""

    head: list[list[int]]
    to: list[int] = field(default_factory=list)
    cap: list[int] = field(default_factory=list)
    cost: list[int] = field(default_factory=list)

    def add(self, source: int, target: int, capacity: int, cost: int) -> int:
        edge = len(self.to)
        self.to += [target, source]
        self.cap += [capacity, 0]
        self.cost += [cost, -cost]
        self.head[source].append(edge)
        self.head[target].append(edge + 1)
        return edge


def _max_weight_flow(options: list[list[tuple[int, int]]], capacity: list[int]) -> list[int | None]:
    """Maximum-weight b-matching by successive shortest paths (Dijkstra with potentials).

    Candidates get one unit from the source, mentors pass up to their capacity to the sink.
    A pair of weight w costs `top - w` (top = largest weight), so every cost starts >= 0 and
    zero potentials are valid. An augmenting path crosses one more pair forwards than
    backwards, so its cost is `top - gain`; paths come out in order of falling gain (the
    min-cost curve is convex), and we stop once a path would not add weight."""
    n, m = len(options), len(capacity)
    source, sink = n + m, n + m + 1
    graph = _Residual(head=[[] for _ in range(n + m + 2)])
    top = max((weight for row in options for _, weight in row), default=0)
    for candidate in range(n):
        graph.add(source, candidate, 1, 0)
    pair_edges: list[list[tuple[int, int]]] = [
        [(graph.add(candidate, n + mentor, 1, top - weight), mentor) for mentor, weight in row]
        for candidate, row in enumerate(options)
    ]
    for mentor, slots in enumerate(capacity):
        graph.add(n + mentor, sink, slots, 0)
    potential = [0] * (n + m + 2)
    for _ in range(n):  # each augmenting path matches one more candidate
        dist, via = _dijkstra(graph, potential, source, sink)
        reach = dist[sink]
        if reach is None or reach + potential[sink] - potential[source] >= top:
            break
        for node, distance in enumerate(dist):
            # Nodes not settled before the sink are at least `reach` away; capping keeps every
            # reduced cost >= 0 (the Jonker-Volgenant early stop).
            potential[node] += reach if distance is None else min(distance, reach)
        node = sink
        while node != source:
            edge = via[node]
            graph.cap[edge] -= 1
            graph.cap[edge ^ 1] += 1
            node = graph.to[edge ^ 1]
    return [
        next((mentor for edge, mentor in row if graph.cap[edge] == 0), None) for row in pair_edges
    ]


def _dijkstra(
    graph: _Residual, potential: list[int], source: int, sink: int
) -> tuple[list[int | None], list[int]]:
    """Reduced-cost distances from the source, stopping once the sink is settled."""
    dist: list[int | None] = [None] * len(graph.head)
    via = [-1] * len(graph.head)
    settled = [False] * len(graph.head)
    dist[source] = 0
    queue = [(0, source)]
    to, cap, cost = graph.to, graph.cap, graph.cost
    while queue:
        distance, node = heapq.heappop(queue)
        if settled[node]:
            continue
        settled[node] = True
        if node == sink:
            break
        base = distance + potential[node]
        for edge in graph.head[node]:
            if cap[edge] > 0:
                target = to[edge]
                candidate = base + cost[edge] - potential[target]
                known = dist[target]
                if known is None or candidate < known:
                    dist[target] = candidate
                    via[target] = edge
                    heapq.heappush(queue, (candidate, target))
    return dist, via


def _pair(candidate: Candidate, mentor: Mentor, weights: MentorWeights) -> Pair:
    score, breakdown = pair_score(candidate, mentor, weights)
    return Pair(candidate, mentor, score, breakdown, _pair_reasons(candidate, mentor, breakdown))


def _pair_reasons(
    candidate: Candidate, mentor: Mentor, breakdown: dict[str, float]
) -> tuple[Reason, ...]:
    """One reason per component that holds, read off the breakdown so the two always agree."""
    reasons: list[Reason] = []
    if breakdown["same_field"] == 1.0:
        name = field_name(candidate.field)
        reasons.append(Reason("same_field", f"Both are {name} cities", {"field": candidate.field}))
    else:
        mentor_field, candidate_field = field_name(mentor.field), field_name(candidate.field)
        reasons.append(
            Reason(
                "different_field",
                f"Mentor is {_article(mentor_field)} {mentor_field} city, "
                f"candidate applies in {candidate_field}",
                {"mentor_field": mentor.field, "candidate_field": candidate.field},
            )
        )
    if breakdown["same_region"] == 1.0:
        reasons.append(
            Reason(
                "same_region",
                f"Both in {region_name(candidate.region)}",
                {"region": candidate.region},
            )
        )
    if breakdown["shared_language"] == 1.0:
        shared = _shared_languages(candidate, mentor)
        reasons.append(
            Reason(
                "shared_language",
                f"Both work in {_join([language_name(code) for code in shared])}",
                {"languages": ",".join(shared)},
            )
        )
    return tuple(reasons)


def _unmatched_reasons(
    candidate: Candidate,
    eligible: list[Mentor],
    matched: dict[str, Mentor],
    candidates: list[Candidate],
    weights: MentorWeights,
) -> tuple[Reason, ...]:
    """Why a candidate waits: no mentor could take it at all, or all were taken.

    In an optimal assignment every mentor this candidate could have had is full (a free one
    would have added a match), so 'taken' is exact; the takers are named, priority ones
    first, and the priority rule is mentioned when it decided."""
    own = {mentor.id for mentor in eligible if mentor.id != candidate.id}
    if not own:
        return (
            Reason(
                "no_eligible_mentor",
                "No mentor in good standing has a free mentorship slot",
                {},
            ),
        )
    takers = sorted(
        (other for other in candidates if other.id in matched and matched[other.id].id in own),
        key=lambda other: (not is_priority(other, weights), other.id),
    )
    names = [other.name for other in takers[:_TAKERS_SHOWN]]
    if len(takers) > _TAKERS_SHOWN:
        names.append(f"{len(takers) - _TAKERS_SHOWN} more")
    reasons = [
        Reason(
            "mentors_taken",
            f"Every eligible mentor is taken by candidates ranked first: {_join(names)}",
            {"mentors": str(len(own)), "taken_by": ",".join(other.id for other in takers)},
        )
    ]
    preferred = [region for region in weights.priority_regions if region != candidate.region]
    served = [region for region in preferred if any(other.region == region for other in takers)]
    if not is_priority(candidate, weights) and served:
        reasons.append(
            Reason(
                "priority_region",
                f"Candidates from {_join([region_name(region) for region in served])} "
                "come first when mentors are scarce",
                {"regions": ",".join(served)},
            )
        )
    return tuple(reasons)


def _exclusion_reason(mentor: Mentor, weights: MentorWeights) -> Reason:
    """Standing comes first: a mentor not in good standing is out whatever its capacity."""
    if not mentor.good_standing:
        note = mentor.standing_note or ""
        text = f"Not in good standing: {note}" if note else "Not in good standing"
        return Reason("not_in_good_standing", text, {"note": note})
    count = mentor.current_mentees
    noun = "candidate" if count == 1 else "candidates"
    return Reason(
        "no_capacity",
        f"Already mentors {count} {noun}, the limit is {weights.max_per_mentor}",
        {"current_mentees": str(count), "max_per_mentor": str(weights.max_per_mentor)},
    )


def region_name(region: str) -> str:
    """A readable region name, falling back to the id."""
    return REGION_NAMES.get(region, region)


def field_name(field_id: str) -> str:
    """A readable creative field name, falling back to the id."""
    return FIELD_NAMES.get(field_id, field_id)


def language_name(code: str) -> str:
    """An English language name for an ISO 639-1 code, falling back to the code."""
    return LANGUAGE_NAMES.get(code, code)


def _article(word: str) -> str:
    return "an" if word[:1].lower() in ("a", "e", "i", "o", "u") else "a"


def _join(words: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"
