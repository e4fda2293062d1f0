"""The domain's words as GraphQL enums; each maps to the graph's ids and stored values."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="The eight creative fields (subnetworks) of the UCCN.")
class CreativeFieldCode(Enum):
    CRAFTS_AND_FOLK_ART = "crafts-and-folk-art"
    DESIGN = "design"
    FILM = "film"
    GASTRONOMY = "gastronomy"
    LITERATURE = "literature"
    MEDIA_ARTS = "media-arts"
    MUSIC = "music"
    ARCHITECTURE = "architecture"


@strawberry.enum(description="UNESCO's five regions.")
class RegionCode(Enum):
    AFRICA = "africa"
    ARAB_STATES = "arab-states"
    ASIA_AND_THE_PACIFIC = "asia-and-the-pacific"
    EUROPE_AND_NORTH_AMERICA = "europe-and-north-america"
    LATIN_AMERICA_AND_THE_CARIBBEAN = "latin-america-and-the-caribbean"


@strawberry.enum
class CityStatus(Enum):
    MEMBER = "member"
    CANDIDATE = "candidate"
    FORMER = "former"


@strawberry.enum
class InstitutionKind(Enum):
    UNIVERSITY = "university"
    TRAINING_INSTITUTE = "training-institute"
    PROFESSIONAL_BODY = "professional-body"
    NGO = "ngo"
    CULTURAL_CENTRE = "cultural-centre"
    COMPANY = "company"
    CITY_NETWORK = "city-network"


@strawberry.enum
class ProjectStatus(Enum):
    PLANNED = "planned"
    ACTIVE = "active"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


@strawberry.enum
class MentorshipStatus(Enum):
    PROPOSED = "proposed"
    ACTIVE = "active"
    COMPLETED = "completed"
    ENDED_EARLY = "ended-early"


@strawberry.enum
class ConferenceStatus(Enum):
    HELD = "held"
    PLANNED = "planned"
    POSTPONED = "postponed"
    ANNOUNCED = "announced"


@strawberry.enum
class ReportState(Enum):
    SUBMITTED = "submitted"
    DUE = "due"
    OVERDUE = "overdue"


@strawberry.enum(description="Ordering of city listings.")
class CityOrder(Enum):
    NAME_ASC = "NAME_ASC"
    NAME_DESC = "NAME_DESC"
    DESIGNATION_YEAR_ASC = "DESIGNATION_YEAR_ASC"
    DESIGNATION_YEAR_DESC = "DESIGNATION_YEAR_DESC"
    POPULATION_ASC = "POPULATION_ASC"
    POPULATION_DESC = "POPULATION_DESC"


@strawberry.enum(description="Language of SDG titles.")
class Language(Enum):
    EN = "en"
    FR = "fr"


@strawberry.enum(description="How an introduction between two partners went.")
class IntroductionStatus(Enum):
    REQUESTED = "requested"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    MET = "met"
    BECAME_PROJECT = "became-project"


@strawberry.enum(description="What kind of partner a recommendation or introduction is about.")
class PartnerKind(Enum):
    CITY = "city"
    INSTITUTION = "institution"
