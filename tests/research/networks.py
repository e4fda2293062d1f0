"""Small hand-made cooperation networks for the research tests, as graph data (to write into
the real store) and as the NetworkX graph a researcher would build from the same facts, by
hand, without our code: the figures must agree."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx

from graph.dataset import GraphData
from names import fold_name

REGIONS = {
    "africa": "AFRICA",
    "arab-states": "ARAB_STATES",
    "asia-and-the-pacific": "ASIA_AND_THE_PACIFIC",
    "europe-and-north-america": "EUROPE_AND_NORTH_AMERICA",
    "latin-america-and-the-caribbean": "LATIN_AMERICA_AND_THE_CARIBBEAN",
}
# country: (region, Global South)
COUNTRIES = {
    "SN": ("africa", True),
    "MA": ("arab-states", True),
    "TH": ("asia-and-the-pacific", True),
    "JP": ("asia-and-the-pacific", False),
    "IT": ("europe-and-north-america", False),
    "CO": ("latin-america-and-the-caribbean", True),
}
FIELDS = ("crafts-and-folk-art", "design", "film", "gastronomy", "music")


@dataclass(frozen=True, slots=True)
class City:
    id: str
    country: str
    field: str
    year: int
    latitude: float = 0.0
    longitude: float = 0.0


@dataclass(frozen=True, slots=True)
class Project:
    id: str
    start_year: int
    cities: tuple[str, ...]
    institutions: tuple[str, ...] = ()


@dataclass(slots=True)
class Network:
    cities: list[City]
    projects: list[Project]
    # institution: (country, standing partner cities with their since year)
    institutions: dict[str, tuple[str, tuple[tuple[str, int], ...]]] = field(default_factory=dict)

    def city(self, city_id: str) -> City:
        return next(c for c in self.cities if c.id == city_id)

    def data(self) -> GraphData:
        g = GraphData()
        for rid, code in REGIONS.items():
            g.add_node("Region", {"id": rid, "name": rid.replace("-", " ").title(), "code": code})
        for code, (region, south) in COUNTRIES.items():
            g.add_node("Country", {"id": code, "name": f"Country {code}", "global_south": south})
            g.add_link("Country-IN_REGION-Region", code, region)
        for fid in FIELDS:
            g.add_node("CreativeField", {"id": fid, "name": fid.title(), "code": fid.upper()})
        for c in self.cities:
            name = c.id.replace("-", " ").title()
            g.add_node(
                "City",
                {
                    "id": c.id,
                    "name": name,
                    "search_name": fold_name(name),
                    "status": "member",
                    "designation_year": c.year,
                    "latitude": c.latitude,
                    "longitude": c.longitude,
                },
            )
            g.add_link("City-IN_COUNTRY-Country", c.id, c.country)
            g.add_link("City-DESIGNATED_IN-CreativeField", c.id, c.field, {"year": c.year})
        for inst, (country, partners) in self.institutions.items():
            g.add_node(
                "PartnerInstitution",
                {"id": inst, "name": inst.title(), "search_name": inst, "kind": "university"},
            )
            g.add_link("PartnerInstitution-BASED_IN-Country", inst, country)
            for city, since in partners:
                g.add_link(
                    "PartnerInstitution-PARTNERS_WITH-City", inst, city, {"since_year": since}
                )
        for p in self.projects:
            g.add_node(
                "PilotProject",
                {
                    "id": p.id,
                    "title": p.id.title(),
                    "search_name": p.id,
                    "start_year": p.start_year,
                    "status": "active",
                },
            )
            lead, *others = p.cities
            g.add_link("PilotProject-LED_BY-City", p.id, lead)
            for city in others:
                g.add_link("City-PARTICIPATES_IN-PilotProject", city, p.id)
            for inst in p.institutions:
                g.add_link("PartnerInstitution-CONTRIBUTES_TO-PilotProject", inst, p.id)
        return g

    def networkx(self, as_of: int | None = None) -> nx.Graph:
        """The projection, built by hand: cities designated by `as_of`, tied by the projects
        started by then, weighted by their number."""
        graph = nx.Graph()
        for c in self.cities:
            if as_of is None or c.year <= as_of:
                region, south = COUNTRIES[c.country]
                graph.add_node(c.id, field=c.field, region=region, south=south, year=c.year)
        for p in self.projects:
            if as_of is not None and p.start_year > as_of:
                continue
            for a, b in combinations(sorted(set(p.cities)), 2):
                if a in graph and b in graph:
                    if graph.has_edge(a, b):
                        graph[a][b]["weight"] += 1
                        graph[a][b]["start"] = min(graph[a][b]["start"], p.start_year)
                    else:
                        graph.add_edge(a, b, weight=1, start=p.start_year)
        return graph


def two_clusters() -> Network:
    """Two tight groups (Asia and Europe; Africa and the Arab States) joined by one bridge,
    grown over the years, with a lone city and an institution working across both."""
    cities = [
        City("chiang-mai", "TH", "crafts-and-folk-art", 2017, 18.79, 98.98),
        City("bangkok", "TH", "design", 2019, 13.75, 100.5),
        City("kanazawa", "JP", "crafts-and-folk-art", 2009, 36.56, 136.65),
        City("fabriano", "IT", "crafts-and-folk-art", 2013, 43.34, 12.9),
        City("bologna", "IT", "music", 2006, 44.49, 11.34),
        City("dakar", "SN", "music", 2014, 14.69, -17.44),
        City("saint-louis", "SN", "film", 2017, 16.02, -16.49),
        City("marrakech", "MA", "crafts-and-folk-art", 2017, 31.63, -7.99),
        City("rabat", "MA", "design", 2021, 34.02, -6.83),
        City("bogota", "CO", "music", 2012, 4.71, -74.07),
    ]
    projects = [
        Project("lanna-lab", 2018, ("chiang-mai", "kanazawa", "fabriano"), ("cmu",)),
        Project("paper-road", 2014, ("fabriano", "kanazawa")),
        Project("sound-axis", 2010, ("bologna", "kanazawa")),
        Project("design-week", 2020, ("bangkok", "chiang-mai", "fabriano")),
        Project("bologna-fabriano", 2015, ("bologna", "fabriano")),
        Project("sahel-sounds", 2016, ("dakar", "saint-louis", "marrakech")),
        Project("medina-crafts", 2018, ("marrakech", "rabat", "dakar")),
        Project("saint-louis-film", 2019, ("saint-louis", "rabat")),
        # the bridge between the two groups
        Project("crafts-bridge", 2019, ("marrakech", "fabriano"), ("cmu",)),
    ]
    institutions: dict[str, tuple[str, tuple[tuple[str, int], ...]]] = {
        "cmu": ("TH", (("dakar", 2020), ("bogota", 2022)))
    }
    return Network(cities, projects, institutions)
