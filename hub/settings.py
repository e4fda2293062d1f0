"""The one typed settings object. Read once at start, overridden in tests before building."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from brain.calls import CallRules
from brain.hosts import HostNeeds, HostWeights
from brain.mentors import MentorWeights
from brain.partners import PartnerWeights
from jobs.config import JobsConfig
from services.config import ServicesConfig

# The brain's rules have their defaults in one place, the dataclasses that apply them.
_PARTNERS, _MENTORS = PartnerWeights(), MentorWeights()
_HOSTS, _NEEDS, _CALLS = HostWeights(), HostNeeds(), CallRules()
_SERVICES = ServicesConfig()
_JOBS = JobsConfig()


class SchedulerMode(StrEnum):
    EMBEDDED = "embedded"  # `uccn serve` runs the scheduled jobs too (one machine)
    OFF = "off"  # they run in `uccn scheduler`, or nowhere


class Environment(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class Settings(BaseSettings):
    """Every setting the hub reads, from `UCCN_*` environment variables or a `.env` file."""

    model_config = SettingsConfigDict(
        env_prefix="UCCN_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    env: Environment = Environment.DEVELOPMENT

    # Graph store. `falkordb:///abs/dir` or `falkordb:rel/dir` (embedded, default);
    # `neo4j://host:7687` (routing, clusters) or `bolt://host:7687` (one server).
    graph_url: str = "falkordb:var/graph"
    graph_name: str = Field(default="uccn", pattern=r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str = "neo4j"
    graph_connect_timeout_s: float = Field(default=10.0, gt=0)
    graph_write_batch_size: int = Field(default=2000, ge=1, le=100_000)

    # HTTP server.
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    log_level: str = "info"

    # GraphQL API: limits refused before any resolver runs, and paging.
    api_max_depth: int = Field(default=10, ge=2, le=50)
    api_max_aliases: int = Field(default=30, ge=1, le=1000)
    api_max_tokens: int = Field(default=2000, ge=50, le=100_000)
    api_max_cost: int = Field(default=5000, ge=10, le=10_000_000)
    api_max_body_bytes: int = Field(default=1_048_576, ge=1024, le=100 * 2**20)
    api_page_max: int = Field(default=_SERVICES.page_max, ge=1, le=1000)
    api_neighbourhood_max_nodes: int = Field(
        default=_SERVICES.neighbourhood_max_nodes, ge=10, le=10_000
    )
    # Whole answers kept until the graph's version changes (hub/response_cache.py), in a budget.
    api_response_cache: bool = True
    api_response_cache_bytes: int = Field(default=64 * 2**20, ge=0, le=16 * 2**30)
    # Anonymous callers may run only the hub's registered documents (hub/trusted_documents.py);
    # token holders keep arbitrary queries. Meant for production.
    api_trusted_documents_only: bool = False
    # A root field reads its nodes' nested relations in one compiled statement (false: one
    # statement per relation per level, as before; the answers are the same).
    api_compiled_reads: bool = True

    # The brain (issue 4): weights of each score's components, and the rules they apply.
    recommend_weight_thematic: float = Field(default=_PARTNERS.thematic, ge=0, le=10)
    recommend_weight_field: float = Field(default=_PARTNERS.field, ge=0, le=10)
    recommend_weight_novelty: float = Field(default=_PARTNERS.novelty, ge=0, le=10)
    recommend_weight_balance: float = Field(default=_PARTNERS.balance, ge=0, le=10)
    recommend_weight_standing: float = Field(default=_PARTNERS.standing, ge=0, le=10)
    recommend_weight_feedback: float = Field(default=_PARTNERS.feedback, ge=0, le=10)
    recommend_recent_years: int = Field(default=_PARTNERS.recent_years, ge=0, le=50)
    recommend_max_per_country: int = Field(default=_PARTNERS.max_per_country, ge=1, le=100)
    recommend_index_ttl_s: float = Field(default=_SERVICES.recommend_index_ttl_s, ge=0, le=86_400)
    analytics_ttl_s: float = Field(default=_SERVICES.analytics_ttl_s, ge=0, le=86_400)
    # The hub reads the network for the analytics and the explorer as it starts, in the
    # background (readiness does not wait): the first visitor does not wait for that read.
    analytics_warm_on_start: bool = True
    mentor_weight_same_field: float = Field(default=_MENTORS.same_field, ge=0, le=10)
    mentor_weight_same_region: float = Field(default=_MENTORS.same_region, ge=0, le=10)
    mentor_weight_shared_language: float = Field(default=_MENTORS.shared_language, ge=0, le=10)
    mentor_max_candidates: int = Field(default=_MENTORS.max_per_mentor, ge=1, le=20)
    host_weight_region_rotation: float = Field(default=_HOSTS.region_rotation, ge=0, le=10)
    host_weight_field_rotation: float = Field(default=_HOSTS.field_rotation, ge=0, le=10)
    host_weight_global_south: float = Field(default=_HOSTS.global_south, ge=0, le=10)
    host_weight_standing: float = Field(default=_HOSTS.standing, ge=0, le=10)
    host_weight_capacity: float = Field(default=_HOSTS.capacity, ge=0, le=10)
    host_weight_first_time: float = Field(default=_HOSTS.first_time, ge=0, le=10)
    host_need_venue_seats: int = Field(default=_NEEDS.venue_seats, ge=1)
    host_need_hotel_rooms: int = Field(default=_NEEDS.hotel_rooms, ge=1)
    host_need_airport_km: float = Field(default=_NEEDS.airport_km, gt=0)
    call_max_per_country: int = Field(default=_CALLS.max_per_country, ge=1, le=100)

    # The Slack bot (issue 8): `/slack/events` is served when a signing secret is set.
    slack_bot_token: SecretStr = SecretStr("")
    slack_signing_secret: SecretStr = SecretStr("")
    slack_app_token: SecretStr = SecretStr("")  # Socket Mode (`uccn bot --socket`)
    slack_api_url: str = Field(default="https://slack.com/api/", pattern=r"^https?://")
    slack_max_rate_limit_retries: int = Field(default=5, ge=0, le=50)

    # Jobs.
    backup_dir: Path = Path("var/backups")
    backup_keep: int = Field(default=14, ge=1)
    scheduler_timezone: str = "UTC"

    # Scheduled jobs (issue 9). `embedded`: `uccn serve` runs them; `off`: `uccn scheduler` does.
    scheduler: SchedulerMode = SchedulerMode.EMBEDDED
    scheduler_misfire_grace_s: int = Field(default=_JOBS.misfire_grace_s, ge=60, le=7 * 86_400)
    scheduler_lease_ttl_s: float = Field(default=_JOBS.lease_ttl_s, ge=10, le=3600)
    digest_day_of_week: str = Field(
        default=_JOBS.digest_day_of_week, pattern=r"^(mon|tue|wed|thu|fri|sat|sun)$"
    )
    digest_hour: int = Field(default=_JOBS.digest_hour, ge=0, le=23)
    digest_timezone: str = _JOBS.digest_timezone
    digest_channel: str = ""  # a Slack channel id; empty: no Slack digest
    digest_archive_dir: Path = _JOBS.archive_dir
    secretariat_email: str = ""
    secretariat_language: str = Field(
        default=_JOBS.secretariat_language, pattern=r"^(en|fr|es|th)$"
    )
    secretariat_channel: str = ""  # notices and the network calendar
    quiet_hours_start: int = Field(default=_JOBS.quiet_hours.start, ge=0, le=23)
    quiet_hours_end: int = Field(default=_JOBS.quiet_hours.end, ge=0, le=23)
    contribution_suggested_usd: float = Field(default=_JOBS.suggested_contribution_usd, ge=0)
    contribution_url: str = _JOBS.contribution_url
    delivery_attempts: int = Field(default=_JOBS.delivery_attempts, ge=1, le=10)
    delivery_max_attempts: int = Field(default=_JOBS.delivery_max_attempts, ge=1, le=100)
    delivery_backoff_s: float = Field(default=_JOBS.retry_backoff_s, ge=0, le=600)

    # E-mail (SMTP). Empty host: no e-mail is sent.
    smtp_host: str = ""
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_user: str = ""
    smtp_password: SecretStr = SecretStr("")
    smtp_starttls: bool = True
    mail_from: str = "UCCN Hub <noreply@localhost>"
