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
why a candidate is still waiting, and why a mentor was left out.

A bad record (the graph gave a city two countries, so the caller says what is wrong in
`record_problem`, or one id came twice) does not stop the pairing: that city is left out of it,
as an unmatched candidate or an excluded mentor with a `bad_record` reason, and everyone else is
paired as usual."""

from __future__ import annotations

import heapq
import math
from collections import Counter
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
    record_problem: str | None = None  # why the graph's record of it is unusable, if it is


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
    record_problem: str | None = None  # why the graph's record of it is unusable, if it is


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

    Inputs are sorted by id first, so the proposal is the same whatever order they came in.
    A candidate or mentor with a bad record is left out with a `bad_record` reason."""
    ordered_candidates, bad_candidates = _usable(candidates)
    ordered_mentors, bad_mentors = _usable(mentors)
    eligible = [mentor for mentor in ordered_mentors if is_eligible(mentor, weights)]
    chosen = _best_assignment(ordered_candidates, eligible, weights)
    pairs = [
        _pair(candidate, mentor, weights)
        for candidate, mentor in zip(ordered_candidates, chosen, strict=True)
        if mentor is not None
    ]
    matched = {pair.candidate.id: pair.mentor for pair in pairs}
    eligible_ids = {mentor.id for mentor in eligible}
    ranked_takers = sorted(
        (pair.candidate for pair in pairs),
        key=lambda other: (not is_priority(other, weights), other.id),
    )
    unmatched = [
        Unmatched(
            candidate,
            _unmatched_reasons(
                candidate,
                len(eligible) - (candidate.id in eligible_ids),
                [other for other in ranked_takers if matched[other.id].id != candidate.id],
                weights,
            ),
        )
        for candidate in ordered_candidates
        if candidate.id not in matched
    ]
    unmatched += [Unmatched(candidate, (reason,)) for candidate, reason in bad_candidates]
    excluded = [
        (mentor, _exclusion_reason(mentor, weights))
        for mentor in ordered_mentors
        if not is_eligible(mentor, weights)
    ]
    excluded += bad_mentors
    return Assignment(
        tuple(pairs),
        tuple(sorted(unmatched, key=lambda u: u.candidate.id)),
        tuple(sorted(excluded, key=lambda e: e[0].id)),
    )


def _usable[T: (Candidate, Mentor)](items: Sequence[T]) -> tuple[list[T], list[tuple[T, Reason]]]:
    """Sorted by id: the usable entries, and each bad record once with its reason. An id given
    twice is a bad record (which entry is right?), as is one the caller found a problem in."""
    ordered = sorted(items, key=lambda item: item.id)
    count = Counter(item.id for item in ordered)
    usable: list[T] = []
    bad: list[tuple[T, Reason]] = []
    for index, item in enumerate(ordered):
        if count[item.id] > 1:
            if index == 0 or ordered[index - 1].id != item.id:
                bad.append(
                    (item, bad_record(item, f"the graph holds {count[item.id]} records of it"))
                )
        elif item.record_problem:
            bad.append((item, bad_record(item, item.record_problem)))
        else:
            usable.append(item)
    return usable, bad


def bad_record(city: Candidate | Mentor, problem: str) -> Reason:
    """Why a city is left out of the pairing: its record in the graph is wrong."""
    return Reason(
        "bad_record",
        f"{city.name} is left out: {problem}; the data needs fixing",
        {"city": city.id, "problem": problem},
    )


# --- the exact assignment, on a network of mentor classes -----------------------------------
#
# A network with one edge per (candidate, mentor) pair is far too big for a whole call (about
# 600 candidates against 9,000 members), and so is one that keeps, for each candidate, its
# best n mentors (n = number of candidates): 600 * 600 edges. Two exact reductions shrink it.
#
# 1. Mentor classes. A pair's score only asks whether the two share the field, the region and
#    a language, so eligible mentors with the same field, region and set of languages look
#    the same to every candidate: they are merged into one class whose capacity is the sum of
#    their free slots. A mentor whose id is also a candidate's id is the one exception (it may
#    not mentor that candidate), so it stays a class of its own. Detail that no candidate can
#    tell apart is dropped first: languages no candidate works in, and a field or region no
#    candidate has, which merges classes further. Once the flow has said how many candidates
#    of each class are served, the class hands its slots out by mentor id (candidates in id
#    order; each mentor's free slots filled before the next mentor's).
#
# 2. Groups instead of candidate -> class edges. Seen from candidate c (field f, region r,
#    languages L), class k scores one of eight values, fixed by the pattern (k in field f?,
#    k in region r?, k works in one of L?). The network has a node per "group": the classes
#    with field f (or any field), region r (or any region), working in language a (or in any
#    language), joined to each of its classes by a free edge. Candidate c gets an edge into
#    group (f or any, r or any, a in L or any) weighted with the score of the pattern the
#    group is sure of: (f, any, a) gets score(field yes, region no, language yes). Every class
#    in a group scores at least that for c (a score never drops when one more component
#    holds), and every class is reached through the group of its exact pattern at its exact
#    score. So the best flow of this network is worth exactly the best assignment: any
#    assignment routes through the exact groups, and any flow, read as pairs, is worth at
#    least what the network says. A group edge is skipped when the group one component wider
#    gives the same score: it reaches more classes for as much, so nothing is lost. Each
#    candidate has at most 4 * (|L| + 1) edges and each class at most 4 * (|languages| + 1),
#    however many candidates and mentors there are.
#
# A candidate that also appears as a mentor cannot use the groups, which may hold its own
# class; it gets direct edges instead, to a shortlist: its best classes, by score and then
# class order, until their slots add up to n. The shortlist loses nothing: if an optimal
# assignment gives c a class k outside it, the other n - 1 candidates use at most n - 1
# shortlisted slots, so one is free; moving c there keeps who is matched and does not lower
# c's score (every shortlisted class scores at least k's). Doing so for each such candidate
# in turn gives an optimum inside the network.

type _Pattern = tuple[bool, bool, bool]  # same field, same region, shared language
type _GroupKey = tuple[str | None, str | None, str | None]  # field, region, language; None: any


@dataclass(frozen=True, slots=True)
class _MentorClass:
    """Eligible mentors every candidate (but `own`) sees alike, with their slots added up."""

    field: str | None  # None: a field no candidate has
    region: str | None  # None: a region no candidate is in
    languages: frozenset[str]  # only those some candidate works in
    own: str | None  # the candidate this class may not mentor: itself (a class of one)
    mentors: tuple[Mentor, ...]  # by id
    capacity: int


def _mentor_classes(
    candidates: list[Candidate], eligible: list[Mentor], weights: MentorWeights
) -> list[_MentorClass]:
    """Eligible mentors grouped into classes, in order of their first mentor id."""
    fields = {candidate.field for candidate in candidates}
    regions = {candidate.region for candidate in candidates}
    spoken = {code for candidate in candidates for code in candidate.languages}
    candidate_ids = {candidate.id for candidate in candidates}
    members: dict[tuple[str | None, str | None, frozenset[str], str | None], list[Mentor]] = {}
    for mentor in eligible:  # by id, so each class lists its mentors by id
        key = (
            mentor.field if mentor.field in fields else None,
            mentor.region if mentor.region in regions else None,
            frozenset(code for code in mentor.languages if code in spoken),
            mentor.id if mentor.id in candidate_ids else None,
        )
        members.setdefault(key, []).append(mentor)
    return [
        _MentorClass(
            field_id,
            region,
            languages,
            own,
            tuple(group),
            sum(remaining_capacity(mentor, weights) for mentor in group),
        )
        for (field_id, region, languages, own), group in members.items()
    ]


def _class_groups(mentor_class: _MentorClass) -> list[_GroupKey]:
    """Every group the class belongs to (languages sorted, so the network is deterministic)."""
    return [
        (field_id, region, code)
        for field_id in dict.fromkeys((mentor_class.field, None))
        for region in dict.fromkeys((mentor_class.region, None))
        for code in (*sorted(mentor_class.languages), None)
    ]


def _candidate_groups(
    candidate: Candidate, patterns: list[_Pattern]
) -> list[tuple[_GroupKey, _Pattern]]:
    """The groups a candidate has an edge into, with the pattern each is sure of."""
    languages: list[str | None] = list(dict.fromkeys(candidate.languages))
    return [
        (
            (
                candidate.field if same_field else None,
                candidate.region if same_region else None,
                code,
            ),
            (same_field, same_region, shared),
        )
        for same_field, same_region, shared in patterns
        for code in (languages if shared else [None])
    ]


def _pattern_scores(weights: MentorWeights) -> dict[_Pattern, int]:
    """Three yes/no components make eight possible scores: work them out once, not per pair."""
    patterns = [
        (same_field, same_region, shared)
        for same_field in (True, False)
        for same_region in (True, False)
        for shared in (True, False)
    ]
    return {
        pattern: _scaled(
            _weighted_score(weights, dict(zip(COMPONENTS, map(float, pattern), strict=True)))
        )
        for pattern in patterns
    }


def _useful_patterns(score_of: dict[_Pattern, int]) -> list[_Pattern]:
    """Patterns whose group scores more than every group one component wider."""
    return [
        pattern
        for pattern in score_of
        if all(score_of[wider] != score_of[pattern] for wider in _wider(pattern))
    ]


def _wider(pattern: _Pattern) -> list[_Pattern]:
    """The patterns with one component that holds in `pattern` left open."""
    same_field, same_region, shared = pattern
    return [
        wider
        for wider, holds in (
            ((False, same_region, shared), same_field),
            ((same_field, False, shared), same_region),
            ((same_field, same_region, False), shared),
        )
        if holds
    ]


def _shortlist(
    candidate: Candidate,
    classes: list[_MentorClass],
    score_of: dict[_Pattern, int],
    keep: int,
) -> list[tuple[int, int]]:
    """The candidate's best classes as (class index, scaled score), ties by class order,
    until their slots add up to `keep` (see the note above on why that loses nothing)."""
    spoken = frozenset(candidate.languages)
    ranked = sorted(
        (
            (
                -score_of[
                    (
                        mentor_class.field == candidate.field,
                        mentor_class.region == candidate.region,
                        not spoken.isdisjoint(mentor_class.languages),
                    )
                ],
                index,
            )
            for index, mentor_class in enumerate(classes)
            if mentor_class.own != candidate.id  # a city never mentors itself
        )
    )
    shortlist: list[tuple[int, int]] = []
    slots = 0
    for negated, index in ranked:
        if slots >= keep:
            break
        shortlist.append((index, -negated))
        slots += classes[index].capacity
    return shortlist


def _best_assignment(
    candidates: list[Candidate], eligible: list[Mentor], weights: MentorWeights
) -> list[Mentor | None]:
    """The mentor chosen for each candidate (None: unmatched), optimal lexicographically.

    The three levels are folded into one integer weight per pair,
    `weight = A * [priority] + B + score`, with B > n * SCALE (one more match outweighs any
    score total) and A > n * (B + SCALE) (one more priority match outweighs any number of
    matches and scores), so a maximum-weight assignment is the lexicographic optimum."""
    n = len(candidates)
    classes = _mentor_classes(candidates, eligible, weights)
    score_of = _pattern_scores(weights)
    patterns = _useful_patterns(score_of)
    matched_bonus = n * SCORE_SCALE + 1
    priority_bonus = n * (matched_bonus + SCORE_SCALE) + 1
    listed_as_mentor = {mentor_class.own for mentor_class in classes if mentor_class.own}
    group_classes: dict[_GroupKey, list[int]] = {}
    for index, mentor_class in enumerate(classes):
        for key in _class_groups(mentor_class):
            group_classes.setdefault(key, []).append(index)

    graph = _Residual()
    source, sink = graph.node(), graph.node()
    class_nodes = [graph.node() for _ in classes]
    group_nodes: dict[_GroupKey, int] = {}
    # Each candidate's edges as (target node, weight): into groups, or (when the candidate is
    # also a mentor) straight into its shortlisted classes.
    routes: list[list[tuple[int, int]]] = []
    for candidate in candidates:
        bonus = (priority_bonus if is_priority(candidate, weights) else 0) + matched_bonus
        if candidate.id in listed_as_mentor:
            routes.append(
                [
                    (class_nodes[index], bonus + score)
                    for index, score in _shortlist(candidate, classes, score_of, n)
                ]
            )
            continue
        row: list[tuple[int, int]] = []
        for key, pattern in _candidate_groups(candidate, patterns):
            if key in group_classes:
                if key not in group_nodes:
                    group_nodes[key] = graph.node()
                row.append((group_nodes[key], bonus + score_of[pattern]))
        routes.append(row)

    top = max((weight for row in routes for _, weight in row), default=0)
    route_edges: list[list[tuple[int, int]]] = []  # per candidate: (edge, target node)
    for row in routes:
        candidate_node = graph.node()
        graph.add(source, candidate_node, 1, 0)
        route_edges.append(
            [(graph.add(candidate_node, target, 1, top - weight), target) for target, weight in row]
        )
    group_edges: dict[int, list[tuple[int, int]]] = {}  # group node -> (edge, class index)
    for key, group in group_nodes.items():
        group_edges[group] = [
            (graph.add(group, class_nodes[index], classes[index].capacity, 0), index)
            for index in group_classes[key]
        ]
    for node, mentor_class in zip(class_nodes, classes, strict=True):
        graph.add(node, sink, mentor_class.capacity, 0)

    _max_weight_flow(graph, source, sink, top)

    # Read the flow back as candidates per class. A candidate that entered a group may take
    # any class the group sent flow to (each scores at least the group's edge for it), so a
    # group's candidates are matched with its outgoing units in order.
    takers: list[list[int]] = [[] for _ in classes]
    entered: dict[int, list[int]] = {}
    first_class = class_nodes[0] if class_nodes else 0
    for candidate_index, row_edges in enumerate(route_edges):
        for edge, target in row_edges:
            if graph.cap[edge] == 0:
                if target in group_edges:
                    entered.setdefault(target, []).append(candidate_index)
                else:
                    takers[target - first_class].append(candidate_index)
                break
    for group, entering in entered.items():
        units = [
            index
            for edge, index in group_edges[group]
            for _ in range(classes[index].capacity - graph.cap[edge])
        ]
        for candidate_index, index in zip(entering, units, strict=True):
            takers[index].append(candidate_index)

    return _hand_out(classes, takers, n, weights)


def _hand_out(
    classes: list[_MentorClass], takers: list[list[int]], n: int, weights: MentorWeights
) -> list[Mentor | None]:
    """Each class's candidates, in id order, take its mentors' free slots in mentor id order:
    the first mentor's slots are filled before the next mentor's."""
    chosen: list[Mentor | None] = [None] * n
    for mentor_class, served in zip(classes, takers, strict=True):
        seats = [
            mentor
            for mentor in mentor_class.mentors
            for _ in range(remaining_capacity(mentor, weights))
        ]
        for candidate_index, mentor in zip(sorted(served), seats, strict=False):
            chosen[candidate_index] = mentor
    return chosen


@dataclass(slots=True)
class _Residual:
    """A residual graph in flat lists; edge e and e ^ 1 are each other's reverse. Scratch state
    of one solve, hence not frozen."""

    head: list[list[int]] = field(default_factory=list)
    to: list[int] = field(default_factory=list)
    cap: list[int] = field(default_factory=list)
    cost: list[int] = field(default_factory=list)

    def node(self) -> int:
        self.head.append([])
        return len(self.head) - 1

    def add(self, source: int, target: int, capacity: int, cost: int) -> int:
        edge = len(self.to)
        self.to += [target, source]
        self.cap += [capacity, 0]
        self.cost += [cost, -cost]
        self.head[source].append(edge)
        self.head[target].append(edge + 1)
        return edge


def _max_weight_flow(graph: _Residual, source: int, sink: int, top: int) -> None:
    """Maximum-weight flow by the primal-dual method: shortest paths with potentials.

    Every unit leaves the source through a capacity-1 candidate edge; an edge of weight w
    costs `top - w` (top = largest weight), so every cost starts >= 0 and zero potentials are
    valid. An augmenting path crosses one more weighted edge forwards than backwards, so its
    cost is `top - gain`; shortest paths come out in order of falling gain (the min-cost
    curve is convex), and we stop once a path would not add weight. Each round finds the
    shortest distance with Dijkstra, then sends flow along as many paths of that length as
    one depth-first pass finds, rather than rerunning Dijkstra for every single unit."""
    potential = [0] * len(graph.head)
    while True:
        dist = _dijkstra(graph, potential, source, sink)
        reach = dist[sink]
        if reach is None or reach + potential[sink] - potential[source] >= top:
            return
        for node, distance in enumerate(dist):
            # Nodes not settled before the sink are at least `reach` away; capping keeps every
            # reduced cost >= 0 (the Jonker-Volgenant early stop).
            potential[node] += reach if distance is None else min(distance, reach)
        _augment_shortest(graph, potential, source, sink)


def _dijkstra(graph: _Residual, potential: list[int], source: int, sink: int) -> list[int | None]:
    """Reduced-cost distances from the source, stopping once the sink is settled."""
    dist: list[int | None] = [None] * len(graph.head)
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
                    heapq.heappush(queue, (candidate, target))
    return dist


def _augment_shortest(graph: _Residual, potential: list[int], source: int, sink: int) -> None:
    """Send units along shortest paths, as many as one depth-first pass finds: paths on the
    residual edges of zero reduced cost, each carrying one unit (its candidate edge has
    capacity 1). Reduced costs stay >= 0 (the reverse of a zero edge is zero too), so the
    potentials remain valid for the next Dijkstra. The pass finds at least one path (one
    exists: Dijkstra just reached the sink); any it misses, the next round finds."""
    head, to, cap, cost = graph.head, graph.to, graph.cap, graph.cost
    fresh, on_path, dead = 0, 1, 2
    state = [fresh] * len(head)
    next_edge = [0] * len(head)  # each node resumes at its next untried edge
    path: list[int] = []
    node = source
    state[source] = on_path
    while True:
        if node == sink:
            for edge in path:
                cap[edge] -= 1
                cap[edge ^ 1] += 1
                state[to[edge]] = fresh  # its other edges may still lead somewhere
            path.clear()
            node = source
            continue
        edges, index = head[node], next_edge[node]
        end, base = len(edges), potential[node]
        while index < end:
            edge = edges[index]
            target = to[edge]
            if cap[edge] > 0 and state[target] == fresh and cost[edge] + base == potential[target]:
                break
            index += 1
        next_edge[node] = index
        if index < end:
            path.append(edges[index])
            node = to[edges[index]]
            state[node] = on_path
        elif node == source:
            return
        else:  # a dead end for this pass: back up and try the parent's next edge
            state[node] = dead
            node = to[path.pop() ^ 1]
            next_edge[node] += 1


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
    candidate: Candidate, mentors: int, takers: list[Candidate], weights: MentorWeights
) -> tuple[Reason, ...]:
    """Why a candidate waits: no mentor could take it at all, or all were taken.

    `mentors` counts the eligible mentors other than the candidate itself, and `takers` are
    the matched candidates whose mentor it could have had, priority ones first, then by id.
    In an optimal assignment every mentor this candidate could have had is full (a free one
    would have added a match), so 'taken' is exact; the takers are named, priority ones
    first, and the priority rule is mentioned when it decided."""
    if not mentors:
        return (
            Reason(
                "no_eligible_mentor",
                "No mentor in good standing has a free mentorship slot",
                {},
            ),
        )
    names = [other.name for other in takers[:_TAKERS_SHOWN]]
    if len(takers) > _TAKERS_SHOWN:
        names.append(f"{len(takers) - _TAKERS_SHOWN} more")
    reasons = [
        Reason(
            "mentors_taken",
            f"Every eligible mentor is taken by candidates ranked first: {_join(names)}",
            {"mentors": str(mentors), "taken_by": ",".join(other.id for other in takers)},
        )
    ]
    preferred = [region for region in weights.priority_regions if region != candidate.region]
    regions = {other.region for other in takers}
    served = [region for region in preferred if region in regions]
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
