"""`Services`: every operation of the network, built once by the composition root from
explicit parts (store, configuration, clock) and used by every entry point (GraphQL, the bot,
the jobs, the command line)."""

from __future__ import annotations

from graph.store import GraphStore
from services.analytics.service import Analytics
from services.calls import Calls
from services.candidates import Candidates
from services.cities import Cities
from services.clock import SYSTEM_CLOCK, Clock
from services.config import ServicesConfig
from services.core import Core
from services.delivery.lease import SchedulerLeases
from services.delivery.ledger import DeliveryLedger
from services.directory import Directory
from services.events import Events
from services.exchange.access import Exchange
from services.hosts import Hosts
from services.identity import Identity
from services.institutions import Institutions
from services.introductions import Introductions
from services.mentors import Mentors
from services.network import Network
from services.partner_index import PartnerIndex
from services.partners import Partners
from services.projects import Projects
from services.records import Records
from services.traversal import Traversal


class Services:
    def __init__(
        self,
        store: GraphStore,
        config: ServicesConfig | None = None,
        clock: Clock = SYSTEM_CLOCK,
        partner_index: PartnerIndex | None = None,
    ) -> None:
        config = config or ServicesConfig()
        index = partner_index or PartnerIndex(
            store, config.recommend_index_ttl_s, today=clock.today
        )
        self.core = Core(store, config, clock, index)
        self.projects = Projects(self.core)
        self.institutions = Institutions(self.core)
        self.records = Records(self.core)
        self.candidates = Candidates(self.core)
        self.partners = Partners(self.core)
        self.introductions = Introductions(self.core)
        self.mentors = Mentors(self.core)
        self.hosts = Hosts(self.core)
        self.calls = Calls(self.core)
        self.cities = Cities(self.core)
        self.traversal = Traversal(self.core)
        self.exchange = Exchange(self.core)
        self.directory = Directory(self.core)
        self.identity = Identity(self.core)
        self.events = Events(self.core)
        self.analytics = Analytics(self.core)
        self.network = Network(self.core)
        self.deliveries = DeliveryLedger(self.core)
        self.leases = SchedulerLeases(self.core)

    @property
    def store(self) -> GraphStore:
        return self.core.store

    @property
    def config(self) -> ServicesConfig:
        return self.core.config

    @property
    def clock(self) -> Clock:
        return self.core.clock
