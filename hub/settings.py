"""The one typed settings object. Read once at start, overridden in tests before building."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


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
    api_page_max: int = Field(default=100, ge=1, le=1000)
    api_neighbourhood_max_nodes: int = Field(default=500, ge=10, le=10_000)

    # The brain (issue 4): weights of each score's components, and the rules they apply.
    recommend_weight_thematic: float = Field(default=0.35, ge=0, le=10)
    recommend_weight_field: float = Field(default=0.15, ge=0, le=10)
    recommend_weight_novelty: float = Field(default=0.15, ge=0, le=10)
    recommend_weight_balance: float = Field(default=0.2, ge=0, le=10)
    recommend_weight_standing: float = Field(default=0.1, ge=0, le=10)
    recommend_weight_feedback: float = Field(default=0.05, ge=0, le=10)
    recommend_recent_years: int = Field(default=3, ge=0, le=50)
    recommend_max_per_country: int = Field(default=2, ge=1, le=100)
    recommend_index_ttl_s: float = Field(default=300.0, ge=0, le=86_400)
    mentor_weight_same_field: float = Field(default=0.5, ge=0, le=10)
    mentor_weight_same_region: float = Field(default=0.3, ge=0, le=10)
    mentor_weight_shared_language: float = Field(default=0.2, ge=0, le=10)
    mentor_max_candidates: int = Field(default=2, ge=1, le=20)
    host_weight_region_rotation: float = Field(default=0.25, ge=0, le=10)
    host_weight_field_rotation: float = Field(default=0.15, ge=0, le=10)
    host_weight_global_south: float = Field(default=0.2, ge=0, le=10)
    host_weight_standing: float = Field(default=0.15, ge=0, le=10)
    host_weight_capacity: float = Field(default=0.15, ge=0, le=10)
    host_weight_first_time: float = Field(default=0.1, ge=0, le=10)
    host_need_venue_seats: int = Field(default=800, ge=1)
    host_need_hotel_rooms: int = Field(default=1000, ge=1)
    host_need_airport_km: float = Field(default=60.0, gt=0)
    call_max_per_country: int = Field(default=2, ge=1, le=100)

    # Jobs.
    backup_dir: Path = Path("var/backups")
    backup_keep: int = Field(default=14, ge=1)
    scheduler_timezone: str = "UTC"
