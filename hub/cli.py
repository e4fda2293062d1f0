"""The `uccn` command line. Every command reads the one Settings object built in `main`."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import tempfile
from collections.abc import AsyncIterator, Callable, Coroutine, Sequence
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any, TextIO, cast

import click
from pydantic import ValidationError

from graph.dataset import GraphData
from graph.errors import GraphError
from hub.analysis_report import SECTIONS
from hub.bootstrap import job_context, jobs_config, services_session, store_session
from hub.settings import Settings
from services.analytics.measures import Measure
from services.analytics.projection import Scope
from services.clock import SYSTEM_CLOCK, Clock, FixedClock
from services.exchange.exporting import EXPORT_FORMATS, GraphmlStream, JsonStream
from services.exchange.network_files import NETWORK_FORMATS
from services.policy import SECRETARIAT


def _settings(ctx: click.Context) -> Settings:
    settings: Settings = ctx.obj
    return settings


def _run[T](coro: Coroutine[Any, Any, T]) -> T:
    """Run one command's work; a graph error ends it with the message, never a traceback."""
    try:
        return asyncio.run(coro)
    except GraphError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--graph-url",
    envvar="UCCN_GRAPH_URL",
    help="falkordb:///dir (embedded, default falkordb:var/graph) or neo4j://host:7687.",
)
@click.pass_context
def main(ctx: click.Context, graph_url: str | None) -> None:
    """UCCN Hub: the collaboration hub of the UNESCO Creative Cities Network.

    Settings come from UCCN_* environment variables or a .env file (see README).
    """
    overrides: dict[str, Any] = {"graph_url": graph_url} if graph_url else {}
    try:
        ctx.obj = Settings(**overrides)
    except ValidationError as exc:
        problems = "; ".join(
            f"UCCN_{'_'.join(str(p) for p in e['loc']).upper()}: {e['msg']}" for e in exc.errors()
        )
        raise click.ClickException(f"bad settings: {problems}") from exc
    logging.basicConfig(
        level=ctx.obj.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )


@main.command()
@click.option("--host", help="Interface to bind (default from UCCN_HOST, 127.0.0.1).")
@click.option("--port", type=int, help="Port (default from UCCN_PORT, 8000).")
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None) -> None:
    """Serve the hub: GraphQL on /graphql, /healthz and /readyz."""
    import uvicorn

    from hub.app import create_app

    settings = _settings(ctx)
    uvicorn.run(
        create_app(settings),
        host=host or settings.host,
        port=port if port is not None else settings.port,
        log_level=settings.log_level,
    )


@main.command()
@click.option(
    "--data-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder with the reference CSVs (default: the copy shipped in services/reference/data).",
)
@click.option(
    "--demo",
    is_flag=True,
    help="Also write the demo layer: generated projects, institutions, reports, candidates, "
    "introductions and host applications around the real cities, all marked generated.",
)
@click.pass_context
def load(ctx: click.Context, data_dir: Path | None, demo: bool) -> None:
    """Load the real UCCN reference data (cities, fields, regions, countries, SDGs, conferences).

    Idempotent: running it twice leaves the same graph, with or without --demo.
    """
    from graph.dataset import GraphData
    from services.reference.dataset import load_reference_data
    from services.reference.loading import ReferenceLoad, sync_reference
    from services.synth.demo import demo_layer, describe

    layer = demo_layer(load_reference_data(data_dir)) if demo else GraphData()

    async def work() -> tuple[ReferenceLoad, tuple[int, int]]:
        async with store_session(_settings(ctx)) as store:
            loaded = await sync_reference(store, data_dir)
            return loaded, await store.write_data(layer)

    loaded, (layer_nodes, layer_links) = _run(work())
    migration = loaded.migration
    for move in migration.moved:
        click.echo(f"moved city {move.old} to its new id {move.new} (the old id still resolves)")
    if migration.records_moved:
        click.echo(f"moved {migration.records_moved} records whose ids name those cities")
    for removal in migration.removed:
        click.echo(
            f"removed city {removal.id} and its {removal.records} records: "
            f"no longer in the reference data ({removal.why})"
        )
    for move in migration.not_moved:
        click.echo(
            f"not moved: city {move.old} (both {move.old} and {move.new} exist; merge them "
            "by hand)",
            err=True,
        )
    click.echo(f"loaded {loaded.nodes} nodes and {loaded.links} relationships")
    if demo:
        click.echo(
            f"demo layer: added {layer_nodes} generated nodes and {layer_links} relationships "
            f"({describe(layer)})"
        )
        click.echo(
            "the demo layer is generated, not real UCCN data: its nodes are marked "
            "generated: true (where the model has that flag) and no real node was changed"
        )


@main.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--kind",
    type=click.Choice(["cities", "institutions", "projects", "reports", "contributions"]),
    help="What a CSV file holds (default: from the file name, e.g. cities.csv).",
)
@click.pass_context
def import_(ctx: click.Context, file: Path, kind: str | None) -> None:
    """Import cities, institutions, projects, reports and contributions (CSV or JSON),
    or a whole-graph export (json, csv or graphml).

    Every row is checked first; a file with any bad row writes nothing, and a file that passes
    is written all or nothing. Importing a node again updates it (new names are listed), but
    never gives a city another country or creative field: that is a conflict.
    """
    from services.exchange.importing import ImportRejected

    async def work() -> Any:
        async with services_session(_settings(ctx)) as services:
            # The command line speaks as the secretariat: whoever runs it runs the hub.
            return await services.exchange.import_file(SECRETARIAT, file, kind)

    try:
        report = _run(work())
    except ImportRejected as exc:
        for error in exc.errors:
            click.echo(str(error), err=True)
        raise click.ClickException(
            f"{file}: {len(exc.errors)} error(s); nothing was imported"
        ) from exc
    click.echo(str(report))


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*EXPORT_FORMATS, *NETWORK_FORMATS]),
    default="json",
    show_default=True,
    help="json, csv, graphml: the whole graph, which `uccn import` reads back. gexf (dynamic), "
    "nodes.csv, edges.csv, node-link.json: the cooperation network (cities tied by shared "
    "projects) for Gephi, NetworkX, R and spreadsheets.",
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="File (default stdout)."
)
@click.option("--as-of", type=int, help="The network as it stood at the end of this year.")
@click.option("--field", "fields", multiple=True, help="Only cities of this field (repeatable).")
@click.option("--region", "regions", multiple=True, help="Only cities of this region (id).")
@click.option("--country", "countries", multiple=True, help="Only cities of this country (ISO2).")
@click.option("--global-south/--not-global-south", default=None, help="Only (or no) South.")
@click.pass_context
def export(
    ctx: click.Context,
    fmt: str,
    out: Path | None,
    as_of: int | None,
    fields: tuple[str, ...],
    regions: tuple[str, ...],
    countries: tuple[str, ...],
    global_south: bool | None,
) -> None:
    """Write the graph out: the whole graph (json, csv, graphml; `uccn import` reads it back)
    or the cooperation network (gexf, nodes.csv, edges.csv, node-link.json). --as-of and the
    city filters apply to both: cities designated by then, projects started by then.

    With --out the file appears only when it is complete (written next to it under a temporary
    name, then renamed); a failed export leaves no file and says why.
    """
    from services.errors import ServiceError
    from services.exchange.exporting import ExportFormat, ExportRefused, export_graph
    from services.exchange.network_files import write_network
    from services.exchange.scoping import scoped

    scope = _scope(as_of, fields, regions, countries, global_south)

    async def work() -> Any:
        async with services_session(_settings(ctx), setup_schema=False) as services:
            if fmt in NETWORK_FORMATS:
                return await services.analytics.export_network(SECRETARIAT, scope)
            services.analytics.check_scope(scope)
            if fmt in ("graphml", "json") and scope == Scope():
                pages = services.exchange.export_pages(SECRETARIAT)
                return await _page_stream(GraphmlStream if fmt == "graphml" else JsonStream, pages)
            return scoped(await services.exchange.export_data(SECRETARIAT), scope)

    try:
        data = _run(work())
    except ServiceError as exc:
        raise click.BadParameter(exc.render(lambda name: "--" + name.replace("_", "-"))) from exc
    if isinstance(data, GraphmlStream | JsonStream):
        with data.body:
            try:
                if out is None:
                    data.finish(sys.stdout)
                    return
                _write_whole(out, data.finish)
            except ExportRefused as exc:
                raise click.ClickException(str(exc)) from exc
            except OSError as exc:
                raise click.ClickException(f"cannot write {out}: {exc.strerror or exc}") from exc
        click.echo(f"wrote {data.nodes} nodes and {data.links} relationships to {out}")
        return
    if fmt in NETWORK_FORMATS:
        network = fmt  # narrowed to a network format by the test above

        def write_network_to(handle: TextIO) -> None:
            for chunk in write_network(data, network):
                handle.write(chunk)

        try:
            if out is None:
                write_network_to(sys.stdout)
                return
            _write_whole(out, write_network_to)
        except OSError as exc:
            raise click.ClickException(f"cannot write {out}: {exc.strerror or exc}") from exc
        click.echo(f"wrote {len(data.cities)} cities and {len(data.ties)} ties to {out}")
        return
    chosen = cast(ExportFormat, fmt)  # click checked it against EXPORT_FORMATS
    try:
        if out is None:
            export_graph(data, chosen, sys.stdout)
            return
        _write_whole(out, lambda handle: export_graph(data, chosen, handle))
    except ExportRefused as exc:
        raise click.ClickException(str(exc)) from exc
    except OSError as exc:
        raise click.ClickException(f"cannot write {out}: {exc.strerror or exc}") from exc
    click.echo(f"wrote {data.node_count()} nodes and {data.link_count()} relationships to {out}")


def _scope(
    as_of: int | None,
    fields: Sequence[str],
    regions: Sequence[str],
    countries: Sequence[str],
    global_south: bool | None,
) -> Scope:
    """The part of the network the command's options choose (as `/export` and the API do)."""
    return Scope(
        as_of=as_of,
        fields=frozenset(fields) or None,
        regions=frozenset(regions) or None,
        countries=frozenset(c.upper() for c in countries) or None,
        global_south=global_south,
    )


async def _page_stream[S: (GraphmlStream, JsonStream)](
    make: Callable[[TextIO], S], pages: AsyncIterator[GraphData]
) -> S:
    """The whole graph's GraphML or JSON body, written page by page into a temporary file as it
    is read (never the whole graph in memory); `finish` then writes the document or refuses it."""
    body = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115
    stream = make(body)
    try:
        async for page in pages:
            stream.add(page)
    except BaseException:
        body.close()
        raise
    return stream


def _write_whole(target: Path, write: Callable[[TextIO], None]) -> None:
    """`target` appears complete or not at all: written to a temporary file in its folder (so the
    rename stays on one file system), flushed to disk, then renamed over it."""
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
    partial = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            umask = os.umask(0)
            os.umask(umask)
            os.fchmod(fd, 0o666 & ~umask)  # as open() would make it, not mkstemp's owner-only
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


@main.command()
@click.option("--as-of", type=int, help="The network as it stood at the end of this year.")
@click.option("--field", "fields", multiple=True, help="Only cities of this field (repeatable).")
@click.option("--region", "regions", multiple=True, help="Only cities of this region (id).")
@click.option("--country", "countries", multiple=True, help="Only cities of this country (ISO2).")
@click.option("--global-south/--not-global-south", default=None, help="Only (or no) South.")
@click.option(
    "--only",
    "sections",
    multiple=True,
    type=click.Choice(SECTIONS),
    help="Print only these parts (repeatable; default all).",
)
@click.option(
    "--measure",
    "measures",
    multiple=True,
    type=click.Choice([m.value for m in Measure]),
    help="Centrality measures (repeatable; default all).",
)
@click.option("--top", type=click.IntRange(1, 100), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
@click.pass_context
def analyse(
    ctx: click.Context,
    as_of: int | None,
    fields: tuple[str, ...],
    regions: tuple[str, ...],
    countries: tuple[str, ...],
    global_south: bool | None,
    sections: tuple[str, ...],
    measures: tuple[str, ...],
    top: int,
    as_json: bool,
) -> None:
    """The cooperation network's figures, as the API's networkStats, centrality, communities
    and brokers give them: size, density, balance of exchanges, most central cities, groups,
    brokers."""
    from hub.analysis_report import as_json as report_json
    from hub.analysis_report import gather, write_tables
    from services.errors import ServiceError

    scope = _scope(as_of, fields, regions, countries, global_south)
    chosen = [Measure(m) for m in measures] or list(Measure)

    async def work() -> Any:
        async with services_session(_settings(ctx), setup_schema=False) as services:
            return await gather(services, SECRETARIAT, scope, sections or SECTIONS, chosen, top)

    try:
        report = _run(work())
    except ServiceError as exc:
        raise click.BadParameter(exc.render(lambda name: "--" + name.replace("_", "-"))) from exc
    if as_json:
        click.echo(json.dumps(report_json(report, top), indent=2))
        return
    write_tables(sys.stdout, report, top)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Counts per label and relationship type, and cities per status (member, candidate, ...)."""
    from graph.store import GraphCounts

    async def work() -> tuple[GraphCounts, dict[str, int]]:
        async with store_session(_settings(ctx), setup_schema=False) as store:
            return await store.counts(), await store.city_statuses()

    counts, statuses = _run(work())
    if as_json:
        document = {
            "nodes": counts.nodes,
            "relationships": counts.relationships,
            "city_statuses": statuses,
        }
        click.echo(json.dumps(document))
        return
    # Member cities apart from the candidates and former members that imports and the demo add.
    by_status = {f"City ({status})": count for status, count in statuses.items()}
    _table(sys.stdout, "label", counts.nodes | by_status)
    click.echo()
    _table(sys.stdout, "relationship", counts.relationships)


def _table(out: TextIO, heading: str, counts: dict[str, int]) -> None:
    width = max([len(heading), *(len(k) for k in counts)])
    out.write(f"{heading:<{width}}  count\n")
    for key, value in sorted(counts.items()):
        out.write(f"{key:<{width}}  {value:>5}\n")


@main.command()
@click.pass_context
def doctor(ctx: click.Context) -> None:
    """Check the configured graph engine and say clearly what is wrong."""
    from hub.doctor import run_checks

    checks = asyncio.run(run_checks(_settings(ctx)))
    for check in checks:
        click.echo(f"[{'ok' if check.ok else 'FAIL'}] {check.name}: {check.detail}")
    if not all(c.ok for c in checks):
        raise click.ClickException("some checks failed")


@main.command()
@click.option("--cities", type=click.IntRange(1, 1_000_000), required=True, help="How many cities.")
@click.option("--seed", type=int, default=1, show_default=True, help="Same seed, same network.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a JSON export there instead of loading into the graph.",
)
@click.pass_context
def synth(ctx: click.Context, cities: int, seed: int, out: Path | None) -> None:
    """Generate a large, realistic, deterministic network (marked generated) for benchmarks.

    The real reference data (countries, regions, fields, SDGs) is loaded first.
    """
    from services.exchange.exporting import export_graph
    from services.reference.dataset import load_reference_data
    from services.reference.loading import load_reference
    from services.synth import generate

    data = generate(cities=cities, seed=seed, reference=load_reference_data())
    if out is not None:
        with out.open("w", encoding="utf-8") as handle:
            export_graph(data, "json", handle)
        click.echo(
            f"wrote {data.node_count()} nodes and {data.link_count()} relationships to {out}"
        )
        return

    async def work() -> tuple[int, int]:
        async with store_session(_settings(ctx)) as store:
            await load_reference(store)
            return await store.write_data(data)

    nodes, links = _run(work())
    click.echo(f"generated {nodes} nodes and {links} relationships (seed {seed})")


@main.command()
@click.pass_context
def scheduler(ctx: click.Context) -> None:
    """Run the scheduled jobs until stopped (SIGINT/SIGTERM); refuses if another runs."""
    from jobs.scheduler import LeaseHeld, run_scheduler

    settings = _settings(ctx)

    async def work() -> None:
        async with (
            services_session(settings, setup_schema=False) as services,
            job_context(services, settings) as context,
        ):
            await run_scheduler(context)

    try:
        _run(work())
    except LeaseHeld as exc:
        raise click.ClickException(str(exc)) from exc


@main.group(name="jobs")
def jobs_() -> None:
    """The scheduled jobs: list them with their next run, or run one now."""


@jobs_.command(name="list")
@click.pass_context
def jobs_list(ctx: click.Context) -> None:
    """Each job with its next run."""
    import datetime as dt

    from jobs.registry import job_registry

    now = dt.datetime.now(dt.UTC)
    for spec in job_registry(jobs_config(_settings(ctx))):
        fire = spec.trigger.get_next_fire_time(None, now)
        when = fire.isoformat(timespec="minutes") if fire else "never"
        click.echo(f"{spec.id:24} next {when:27} {spec.description}")


def _as_of(value: str | None) -> Clock:
    """`--as-of`: a day (its noon, UTC) or an ISO 8601 moment (UTC when it names no zone)."""
    import datetime as dt

    if value is None:
        return SYSTEM_CLOCK
    try:
        if "T" not in value:
            return FixedClock.on(dt.date.fromisoformat(value))
        moment = dt.datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(
            "a date (2026-01-15) or a moment (2026-01-15T09:00+07:00)", param_hint="--as-of"
        ) from exc
    return FixedClock(moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC))


@jobs_.command(name="run")
@click.argument("job_id")
@click.option("--dry-run", is_flag=True, help="Print what it would send; send and record nothing.")
@click.option("--as-of", "as_of", help="Run as on this date (or moment): time travel.")
@click.pass_context
def jobs_run(ctx: click.Context, job_id: str, dry_run: bool, as_of: str | None) -> None:
    """Run the job JOB_ID once now (or as of a date), and print what it sent or would send."""
    from jobs.registry import job_registry

    settings = _settings(ctx)
    registry = {spec.id: spec for spec in job_registry(jobs_config(settings))}
    if job_id not in registry:
        raise click.BadParameter(
            f"no job {job_id!r}; known: {', '.join(registry)}", param_hint="JOB_ID"
        )
    clock = _as_of(as_of)

    async def work() -> str:
        async with (
            services_session(settings, setup_schema=not dry_run, clock=clock) as services,
            job_context(services, settings, dry_run=dry_run) as context,
        ):
            report = await registry[job_id].run(context)
            return report.text()

    click.echo(_run(work()))


@main.group()
def token() -> None:
    """API bearer tokens: create (shown once), list, revoke."""


@token.command(name="create")
@click.option(
    "--role",
    type=click.Choice(["secretariat", "focal-point", "researcher"]),
    required=True,
    help="What the token may do.",
)
@click.option("--city", help="For a focal-point token: the city id it speaks for.")
@click.option("--label", help="A note to recognise the token by (who holds it).")
@click.pass_context
def token_create(ctx: click.Context, role: str, city: str | None, label: str | None) -> None:
    """Create a token and print it once; only its hash is stored."""
    from services.policy import Role
    from services.tokens import TokenRequestError, create_token

    async def work() -> tuple[str, str]:
        async with store_session(_settings(ctx)) as store:
            return await create_token(store, Role(role), city, label)

    try:
        token_id, clear = _run(work())
    except TokenRequestError as exc:
        raise click.BadParameter(str(exc)) from exc
    click.echo(clear)
    click.echo(
        f"token {token_id} ({role}{' for ' + city if city else ''}): store it now, "
        "it is not shown again",
        err=True,
    )


@token.command(name="revoke")
@click.argument("token_id")
@click.pass_context
def token_revoke(ctx: click.Context, token_id: str) -> None:
    """Revoke a token by its id (tk_...); it stops working at once."""
    from services.tokens import revoke_token

    async def work() -> bool:
        async with store_session(_settings(ctx)) as store:
            return await revoke_token(store, token_id)

    if not _run(work()):
        raise click.ClickException(f"no active token {token_id!r}")
    click.echo(f"revoked {token_id}")


@token.command(name="list")
@click.pass_context
def token_list(ctx: click.Context) -> None:
    """List tokens (never their secrets)."""
    from services.tokens import list_tokens

    async def work() -> Any:
        async with store_session(_settings(ctx)) as store:
            return await list_tokens(store)

    for info in _run(work()):
        state = f"revoked {info.revoked_at}" if info.revoked_at else "active"
        click.echo(
            f"{info.id}  {info.role:<11}  {info.city or '-':<20}  {state}  {info.label or ''}"
        )


@main.group(name="bot", invoke_without_command=True)
@click.option(
    "--socket", is_flag=True, help="Connect to Slack over Socket Mode (UCCN_SLACK_APP_TOKEN)."
)
@click.option(
    "--console", is_flag=True, help="Chat in the terminal: lines from stdin, replies as text."
)
@click.option(
    "--as", "as_city", metavar="SLUG", help="In the console: speak as a focal point of this city."
)
@click.pass_context
def bot_(ctx: click.Context, socket: bool, console: bool, as_city: str | None) -> None:
    """The Slack bot: over Socket Mode, or in the terminal (--console).

    Over HTTP it is served by `uccn serve` on /slack/events when UCCN_SLACK_SIGNING_SECRET is set.
    """
    if ctx.invoked_subcommand is not None:
        return
    if socket == console:
        raise click.UsageError("choose one: --socket or --console")
    settings = _settings(ctx)
    if console:
        _run(_console(settings, as_city))
        return
    from bot.app import slack_bot
    from hub.bootstrap import bot_config

    config = bot_config(settings)
    if config is None or config.app_token is None or not config.bot_token:
        raise click.UsageError("Socket Mode needs UCCN_SLACK_APP_TOKEN and UCCN_SLACK_BOT_TOKEN")
    app_token = config.app_token

    async def work() -> None:
        from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler

        async with AsyncExitStack() as stack:
            services = await stack.enter_async_context(
                services_session(settings, setup_schema=False)
            )
            bot = await stack.enter_async_context(slack_bot(services, config))
            await AsyncSocketModeHandler(bot.app, app_token).start_async()  # type: ignore[no-untyped-call]

    _run(work())


async def _console(settings: Settings, as_city: str | None) -> None:
    from bot.app import build_conversation
    from bot.console import CONSOLE_USER, Console, ConsoleMessenger
    from bot.turn import Turn
    from services.identity import ChatIdentity
    from services.policy import ANONYMOUS, Role, Viewer

    messenger = ConsoleMessenger(sys.stdout)
    async with services_session(settings, setup_schema=False) as services:
        who = ChatIdentity(user=CONSOLE_USER, viewer=ANONYMOUS)
        if as_city is not None:
            city = await services.cities.resolve(as_city)
            if city is None:
                raise click.BadParameter(f"no city {as_city!r}", param_hint="--as")
            cards = await services.directory.city_cards([city])
            who = ChatIdentity(
                user=CONSOLE_USER,
                viewer=Viewer(Role.FOCAL_POINT, city=city),
                city=city,
                city_name=cards[0].name if cards else city,
            )
        console = Console(build_conversation(services, messenger), Turn(who), sys.stdout)
        await console.run(sys.stdin, prompt=sys.stdin.isatty())


@bot_.command(name="link")
@click.argument("slack_user")
@click.option("--city", help="Link the Slack user to a focal point of this city.")
@click.option("--focal-point", help="Which focal point of the city (its id), when it has several.")
@click.option(
    "--name", help="With --city: a new focal point of that name; alone: a secretariat member."
)
@click.option("--email", help="The new focal point's e-mail address.")
@click.option("--secretariat", is_flag=True, help="Link the Slack user as one of the secretariat.")
@click.pass_context
def bot_link(
    ctx: click.Context,
    slack_user: str,
    city: str | None,
    focal_point: str | None,
    name: str | None,
    email: str | None,
    secretariat: bool,
) -> None:
    """Link a Slack user (U024BE7LH) to a focal point of a city, or to the secretariat."""
    from services.errors import ServiceError

    if secretariat == (city is not None):
        raise click.UsageError("give --city CITY or --secretariat")

    async def work() -> Any:
        async with services_session(_settings(ctx)) as services:
            if secretariat:
                return await services.identity.link_secretariat(
                    SECRETARIAT, slack_user, name or slack_user
                )
            return await services.identity.link(
                SECRETARIAT, slack_user, str(city), focal_point=focal_point, name=name, email=email
            )

    try:
        linked = _run(work())
    except ServiceError as exc:
        raise click.ClickException(str(exc)) from exc
    where = (
        f"focal point {linked.focal_point} of {linked.city}" if linked.city else "the secretariat"
    )
    click.echo(f"linked {linked.user} to {where}")
