"""What the services are configured with: explicit values, built by the composition root from
the settings (the services never read settings themselves). The defaults are the brain's own,
so a rule's default lives in one place: the dataclass in `brain/` that applies it."""

from __future__ import annotations

from dataclasses import dataclass, field

from brain.calls import CallRules
from brain.hosts import HostNeeds, HostWeights
from brain.mentors import MentorWeights
from brain.partners import PartnerWeights

SUGGESTED_CONTRIBUTION_USD = 2000.0  # the Strategic Framework's "at least USD 2,000 a year"


@dataclass(frozen=True, slots=True)
class ServicesConfig:
    partners: PartnerWeights = field(default_factory=PartnerWeights)
    mentors: MentorWeights = field(default_factory=MentorWeights)
    host_weights: HostWeights = field(default_factory=HostWeights)
    host_needs: HostNeeds = field(default_factory=HostNeeds)
    calls: CallRules = field(default_factory=CallRules)
    recommend_index_ttl_s: float = 300.0
    analytics_ttl_s: float = 300.0  # how old the analytics' network may get (other writers)
    page_max: int = 100  # the longest list one request may ask for
    neighbourhood_max_nodes: int = 500
    suggested_contribution_usd: float = SUGGESTED_CONTRIBUTION_USD
