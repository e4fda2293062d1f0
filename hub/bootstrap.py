"""The composition root: the store, the services and each entry point's configuration, built
from the one Settings object; nothing below `hub/` reads the settings itself."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager

from bot.config import BotConfig
from brain.calls import CallRules
from brain.hosts import HostNeeds, HostWeights
from brain.mentors import MentorWeights
from brain.partners import PartnerWeights
from brain.reminders import QuietHours
from graph.factory import open_engine
from graph.store import GraphStore
from hub.settings import Environment, Settings
from jobs.config import JobsConfig
from jobs.context import JobContext
from jobs.outbox import Outbox
from schema.config import ApiConfig
from services.clock import SYSTEM_CLOCK, Clock
from services.config import ServicesConfig
from services.container import Services
from services.delivery.mail import SmtpConfig, SmtpMailer
from services.i18n import Catalogs
from services.notify.slack import SlackMessenger


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
        suggested_contribution_usd=settings.contribution_suggested_usd,
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
        compiled_reads=settings.api_compiled_reads,
    )


def jobs_config(settings: Settings) -> JobsConfig:
    return JobsConfig(
        backup_dir=settings.backup_dir,
        backup_keep=settings.backup_keep,
        timezone=settings.scheduler_timezone,
        misfire_grace_s=settings.scheduler_misfire_grace_s,
        lease_ttl_s=settings.scheduler_lease_ttl_s,
        digest_day_of_week=settings.digest_day_of_week,
        digest_hour=settings.digest_hour,
        digest_timezone=settings.digest_timezone,
        digest_channel=settings.digest_channel or None,
        archive_dir=settings.digest_archive_dir,
        secretariat_email=settings.secretariat_email or None,
        secretariat_language=settings.secretariat_language,
        secretariat_channel=settings.secretariat_channel or None,
        quiet_hours=QuietHours(settings.quiet_hours_start, settings.quiet_hours_end),
        suggested_contribution_usd=settings.contribution_suggested_usd,
        contribution_url=settings.contribution_url,
        delivery_attempts=settings.delivery_attempts,
        delivery_max_attempts=settings.delivery_max_attempts,
        retry_backoff_s=settings.delivery_backoff_s,
    )


def smtp_config(settings: Settings) -> SmtpConfig | None:
    """The SMTP server's settings; None when no host is set (no e-mail is sent)."""
    if not settings.smtp_host:
        return None
    return SmtpConfig(
        host=settings.smtp_host,
        port=settings.smtp_port,
        user=settings.smtp_user or None,
        password=settings.smtp_password.get_secret_value() or None,
        starttls=settings.smtp_starttls,
        sender=settings.mail_from,
    )


@asynccontextmanager
async def job_context(
    services: Services, settings: Settings, *, dry_run: bool = False
) -> AsyncIterator[JobContext]:
    """What the jobs run with: the outbox over the ledger, SMTP and Slack (each if configured)."""
    config = jobs_config(settings)
    smtp = smtp_config(settings)
    async with AsyncExitStack() as stack:
        token = settings.slack_bot_token.get_secret_value()
        messenger = (
            await stack.enter_async_context(
                SlackMessenger.connect(
                    token,
                    settings.slack_api_url,
                    max_rate_limit_retries=settings.slack_max_rate_limit_retries,
                )
            )
            if token and not dry_run
            else None
        )
        outbox = Outbox(
            services.deliveries,
            config,
            mailer=SmtpMailer(smtp) if smtp is not None else None,
            messenger=messenger,
            dry_run=dry_run,
        )
        yield JobContext(services, config, Catalogs.load(), outbox)


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
