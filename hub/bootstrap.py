"""The composition root: the store, the services and each entry point's configuration, built
from the one Settings object; nothing below `hub/` reads the settings itself."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.config import BotConfig
from brain.calls import CallRules
from brain.hosts import HostNeeds, HostWeights
from brain.mentors import MentorWeights
from brain.partners import PartnerWeights
from graph.factory import open_engine
from graph.store import GraphStore
from hub.settings import Environment, Settings
from jobs.config import JobsConfig
from schema.config import ApiConfig
from services.clock import SYSTEM_CLOCK, Clock
from services.config import ServicesConfig
from services.container import Services


def services_config(settings: Settings) -> ServicesConfig:
    """The brain's weights and rules, and the services' bounds, from the settings."""
    return ServicesConfig(
        partners=PartnerWeights(
            thematic=settings.recommend_weight_thematic,
            field=settings.recommend_weight_field,
            novelty=settings.recommend_weight_novelty,
            balance=settings.recommend_weight_balance,
            standing=settings.recommend_weight_standing,
            feedback=settings.recommend_weight_feedback,
            recent_years=settings.recommend_recent_years,
            max_per_country=settings.recommend_max_per_country,
        ),
        mentors=MentorWeights(
            same_field=settings.mentor_weight_same_field,
            same_region=settings.mentor_weight_same_region,
            shared_language=settings.mentor_weight_shared_language,
            max_per_mentor=settings.mentor_max_candidates,
        ),
        host_weights=HostWeights(
            region_rotation=settings.host_weight_region_rotation,
            field_rotation=settings.host_weight_field_rotation,
            global_south=settings.host_weight_global_south,
            standing=settings.host_weight_standing,
            capacity=settings.host_weight_capacity,
            first_time=settings.host_weight_first_time,
        ),
        host_needs=HostNeeds(
            venue_seats=settings.host_need_venue_seats,
            hotel_rooms=settings.host_need_hotel_rooms,
            airport_km=settings.host_need_airport_km,
        ),
        calls=CallRules(max_per_country=settings.call_max_per_country),
        recommend_index_ttl_s=settings.recommend_index_ttl_s,
        analytics_ttl_s=settings.analytics_ttl_s,
        page_max=settings.api_page_max,
        neighbourhood_max_nodes=settings.api_neighbourhood_max_nodes,
    )


def api_config(settings: Settings) -> ApiConfig:
    return ApiConfig(
        production=settings.env is Environment.PRODUCTION,
        max_depth=settings.api_max_depth,
        max_aliases=settings.api_max_aliases,
        max_tokens=settings.api_max_tokens,
        max_cost=settings.api_max_cost,
        page_max=settings.api_page_max,
        neighbourhood_max_nodes=settings.api_neighbourhood_max_nodes,
    )


def jobs_config(settings: Settings) -> JobsConfig:
    return JobsConfig(
        backup_dir=settings.backup_dir,
        backup_keep=settings.backup_keep,
        timezone=settings.scheduler_timezone,
    )


def bot_config(settings: Settings) -> BotConfig | None:
    """The bot's configuration; None when no signing secret is set (no Slack endpoint)."""
    secret = settings.slack_signing_secret.get_secret_value()
    app_token = settings.slack_app_token.get_secret_value()
    if not secret and not app_token:
        return None
    return BotConfig(
        bot_token=settings.slack_bot_token.get_secret_value(),
        signing_secret=secret,
        api_url=settings.slack_api_url,
        app_token=app_token or None,
        max_rate_limit_retries=settings.slack_max_rate_limit_retries,
    )


def build_services(store: GraphStore, settings: Settings, clock: Clock = SYSTEM_CLOCK) -> Services:
    return Services(store, services_config(settings), clock)


async def open_store(settings: Settings) -> GraphStore:
    engine = await open_engine(
        settings.graph_url,
        graph_name=settings.graph_name,
        neo4j_user=settings.neo4j_user,
        neo4j_password=settings.neo4j_password.get_secret_value(),
        neo4j_database=settings.neo4j_database,
        timeout_s=settings.graph_connect_timeout_s,
    )
    return GraphStore(engine, batch_size=settings.graph_write_batch_size)


@asynccontextmanager
async def store_session(
    settings: Settings, *, setup_schema: bool = True
) -> AsyncIterator[GraphStore]:
    """A store for one command or one app lifetime: schema ensured on open, closed on exit."""
    store = await open_store(settings)
    try:
        if setup_schema:
            await store.setup_schema()
        yield store
    finally:
        await store.close()


@asynccontextmanager
async def services_session(
    settings: Settings, *, setup_schema: bool = True, clock: Clock = SYSTEM_CLOCK
) -> AsyncIterator[Services]:
    """The services over a store of their own, for one command."""
    async with store_session(settings, setup_schema=setup_schema) as store:
        yield build_services(store, settings, clock)
