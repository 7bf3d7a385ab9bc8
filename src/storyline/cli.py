"""The `storyline` command line. Machine-readable output is JSON lines on stdout (so commands
compose in pipes); logs, warnings and progress bars go to stderr.

    storyline run ../shared/corpus/seeds
    storyline export --format jsonl --annotations > out.jsonl
    storyline export --format jsonl | jq -c 'select(.kind=="entity")'
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click
from sqlalchemy.exc import SQLAlchemyError

from storyline import __version__
from storyline.api import Report, Storyline
from storyline.errors import Code, StorylineError

F = TypeVar("F", bound=Callable[..., Any])
log = logging.getLogger("storyline")


def _print(record: dict[str, Any]) -> None:
    click.echo(json.dumps(record, ensure_ascii=False, default=str))


def db_option(func: F) -> F:
    return click.option(
        "--db",
        envvar="STORYLINE_DB",
        default="storyline.db",
        show_default=True,
        help="Store: a SQLite file path or a postgresql:// URL (env STORYLINE_DB).",
    )(func)


def _open(db: str, quiet: bool = False, max_chars: int = 2_000_000) -> Storyline:
    return Storyline(db, max_chars=max_chars, listener=None if quiet else _print)


class _Group(click.Group):
    """Turns StorylineError (and a database error) into a one-line coded message, exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StorylineError as err:
            click.echo(f"storyline: {err}", err=True)
            sys.exit(1)
        except SQLAlchemyError as err:
            log.debug("store error", exc_info=True)
            detail = getattr(err, "orig", None) or err
            click.echo(f"storyline: {Code.E505.message(str(detail).splitlines()[0])}", err=True)
            sys.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storyline")
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-v info, -vv debug).")
@click.option("--kb", "kb_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="A user knowledge-base file (YAML or CSV) to use besides STORYLINE_KB (repeatable).")
def main(verbose: int, kb_files: tuple[str, ...]) -> None:
    """storyline: news articles in; a sourced, deduplicated account of a storyline out."""
    if kb_files:
        import os

        os.environ["STORYLINE_KB"] = os.pathsep.join([*filter(None, [os.environ.get("STORYLINE_KB")]), *kb_files])
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")


max_chars_option = click.option(
    "--max-chars", type=int, default=2_000_000, show_default=True,
    help="Skip (with a message) documents longer than this many characters.",
)
commit_option = click.option(
    "--commit-every", type=click.IntRange(1, 100_000), default=50, show_default=True,
    help="Documents per transaction; an interrupted run loses at most this much work.",
)
quiet_option = click.option("-q", "--quiet", is_flag=True, help="Print only the summary line.")
workers_option = click.option(
    "--workers", type=click.IntRange(1, 64), default=1, show_default=True,
    help="Processes for the per-document stage (each loads the models once).",
)
dask_option = click.option(
    "--dask", metavar="tcp://HOST:PORT|local",
    help="Run the per-document stage on a Dask cluster (a scheduler address), or on a LocalCluster "
         "of --workers processes (local).",
)


def _summary(command: str, report: Report, sl: Storyline) -> None:
    _print({"event": "summary", "command": command, **report.as_dict(), "store": sl.store.url})


@main.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@max_chars_option
@quiet_option
def ingest(sources: tuple[str, ...], db: str, max_chars: int, quiet: bool) -> None:
    """Read files, folders (recursively) or - (stdin) into the store.

    Formats: .txt/.md, .html, .jsonl/.json (and .gz), .csv, RSS/Atom, WARC. A manifest.jsonl
    beside text files gives outlet, published, url and title per file. Ingesting the same
    document again is a no-op. Prints one JSON line per document and problem.
    """
    with _open(db, quiet, max_chars) as sl:
        _summary("ingest", sl.ingest(sources), sl)


@main.command()
@db_option
@workers_option
@dask_option
@click.option("--batch-size", type=int, default=32, show_default=True, help="Texts per spaCy batch.")
@click.option("--retry-failed", is_flag=True, help="Process documents that failed before again.")
@commit_option
@quiet_option
def process(db: str, workers: int, dask: str | None, batch_size: int, retry_failed: bool, commit_every: int,
            quiet: bool) -> None:
    """Clean, annotate and extract every pending document, then resolve the corpus."""
    with _open(db, quiet) as sl:
        report = sl.process(workers=workers, batch_size=batch_size, retry_failed=retry_failed,
                            commit_every=commit_every, dask=dask)
        _summary("process", report, sl)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@workers_option
@dask_option
@max_chars_option
@commit_option
@quiet_option
def run(sources: tuple[str, ...], db: str, workers: int, dask: str | None, max_chars: int, commit_every: int,
        quiet: bool) -> None:
    """Ingest SOURCES and process them: the main job."""
    with _open(db, quiet, max_chars) as sl:
        _summary("run", sl.run(sources, workers=workers, commit_every=commit_every, dask=dask), sl)


@main.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@db_option
@click.option("--interval", type=click.FloatRange(0.01), default=2.0, show_default=True,
              help="Seconds between polls; a file is read once unchanged across two polls.")
@click.option("--once", is_flag=True, help="Read what is in FOLDER now, process it, and stop.")
@workers_option
@dask_option
@commit_option
@quiet_option
def watch(folder: str, db: str, interval: float, once: bool, workers: int, dask: str | None, commit_every: int,
          quiet: bool) -> None:
    """Ingest and process new and changed files of FOLDER as they appear, until Ctrl-C."""
    from pathlib import Path

    from storyline.api import Report
    from storyline.watch import Watcher
    from storyline.watch import watch as polls

    with _open(db, quiet) as sl:
        watcher = Watcher(sl, Path(folder), workers=workers, dask=dask, commit_every=commit_every)
        total = Report()
        try:
            for report in polls(watcher, interval=interval, once=once):
                total.counts.update(report.counts)
                total.problems += report.problems
                _summary("watch-poll", report, sl)
        except KeyboardInterrupt:
            log.info("watch: interrupted")
        _summary("watch", total, sl)


@main.command()
@db_option
@click.option("--format", "fmt", default="jsonl", show_default=True, help="jsonl or csv (plugins add more).")
@click.option("--annotations", is_flag=True, help="Also write mention and timex records.")
@click.option("--table", default="articles", show_default=True, help="For csv: articles or entities.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="File (default stdout).")
def export(db: str, fmt: str, annotations: bool, table: str, output: str | None) -> None:
    """Write the store as JSON lines (the export format) or CSV."""
    with Storyline(db) as sl:
        count = sl.export(output, format=fmt, annotations=annotations, table=table)
    log.info("exported %d records", count)


@main.command()
@db_option
def stats(db: str) -> None:
    """Counts of what the store holds, as one JSON object."""
    with Storyline(db) as sl:
        _print(sl.stats())


@main.command()
@db_option
@click.option("--top", type=int, default=12, show_default=True, help="How many top entities to list.")
def summary(db: str, top: int) -> None:
    """A readable summary: articles, top entities, what cleaning removed, problems."""
    from storyline.summary import render_summary

    with Storyline(db) as sl:
        click.echo(render_summary(sl.store, top=top))


@main.command()
@db_option
def problems(db: str) -> None:
    """Every input problem met so far (file, line, code, message), as JSON lines."""
    from storyline.summary import iter_problems

    with Storyline(db) as sl:
        for problem in iter_problems(sl.store):
            _print(problem)


@main.command()
@db_option
@click.option("--actor", help="Only events with this party (a name as written or resolved, or an entity id).")
@click.option("--type", "kind", help="Only events of this PLOVER type (AGREE, CONSULT, ASSAULT...).")
@click.option("--from", "since", type=click.DateTime(["%Y-%m-%d"]), help="Only events on or after this day.")
@click.option("--to", "until", type=click.DateTime(["%Y-%m-%d"]), help="Only events on or before this day.")
@click.option("--json", "as_json", is_flag=True, help="JSON lines (event records) instead of readable lines.")
def timeline(db: str, actor: str | None, kind: str | None, since: Any, until: Any, as_json: bool) -> None:
    """The events in date order, with their date precision."""
    from storyline.export.events import timeline_events, timeline_line
    from storyline.export.records import event_record

    with Storyline(db) as sl:
        for event in timeline_events(sl.store, actor, kind, since.date() if since else None,
                                     until.date() if until else None):
            if as_json:
                _print(event_record(event))
            else:
                click.echo(timeline_line(event))


@main.group()
def entities() -> None:
    """List, show, merge and split the resolved entities (decisions hold for later runs)."""


@entities.command("list")
@db_option
@click.option("--limit", type=int, default=50, show_default=True, help="How many entities (most mentioned first).")
@click.option("--type", "types", multiple=True, help="Only entities of this type (repeatable): PERSON, ORG, GPE...")
def entities_list(db: str, limit: int, types: tuple[str, ...]) -> None:
    """One JSON line per entity: id, name, type, aliases, country, mentions."""
    with Storyline(db) as sl:
        for entity in sl.entities(limit, types):
            _print(entity.model_dump(mode="json", include={"id", "name", "type", "aliases", "country", "mentions"}))


@entities.command("show")
@db_option
@click.argument("entity")
def entities_show(db: str, entity: str) -> None:
    """ENTITY (id or name) with its roles, name keys, merge scores and evidence, decisions."""
    with Storyline(db) as sl:
        _print(sl.entity(entity))


@entities.command("merge")
@db_option
@click.argument("keep")
@click.argument("other")
def entities_merge(db: str, keep: str, other: str) -> None:
    """Merge entity OTHER into KEEP (ids or names). Pinned: later runs respect it."""
    with Storyline(db) as sl:
        _print({"event": "merged", **sl.merge_entities(keep, other)})


@entities.command("split")
@db_option
@click.argument("entity")
@click.argument("alias")
def entities_split(db: str, entity: str, alias: str) -> None:
    """Split the name ALIAS off ENTITY into an entity of its own. Pinned: it never rejoins."""
    with Storyline(db) as sl:
        _print({"event": "split", **sl.split_entity(entity, alias)})


@main.group()
def kb() -> None:
    """The knowledge base of actors (bundled data, countries, and your own files)."""


@kb.command("add")
@click.argument("name")
@click.option("--type", "kind", default="PERSON", show_default=True, help="PERSON, ORG, GPE, NORP, LOC, FAC.")
@click.option("--alias", "aliases", multiple=True, help="Another name of the actor (repeatable).")
@click.option("--country", help="ISO 3166-1 alpha-3 code of its affiliation (USA, AFG).")
@click.option("--sector", help="PLOVER/CAMEO sector code: GOV, MIL, REB, IGO, NGO...")
@click.option("--wikidata", help="Wikidata id (Q...).")
@click.option("--role", "roles", multiple=True,
              help="A role as TITLE|ORG|FROM|TO (dates YYYY[-MM[-DD]], parts may be empty; repeatable).")
@click.option("--file", "path", type=click.Path(dir_okay=False), default="storyline-kb.yaml", show_default=True,
              help="The user KB file to append to (YAML).")
def kb_add(name: str, kind: str, aliases: tuple[str, ...], country: str | None, sector: str | None,
           wikidata: str | None, roles: tuple[str, ...], path: str) -> None:
    """Add actor NAME to a user knowledge-base file; name it in STORYLINE_KB or --kb to use it."""
    parsed = []
    for role in roles:
        parts = (role.split("|") + ["", "", "", ""])[:4]
        parsed.append({k: v for k, v in zip(("title", "org", "from", "to"), parts, strict=True) if v})
    entry = {"name": name, "type": kind, "aliases": list(aliases), "country": country, "sector": sector,
             "wikidata": wikidata, "roles": parsed}
    _print({"event": "kb_added", **Storyline.kb_add(entry, path)})


@kb.command("show")
@click.argument("name")
def kb_show(name: str) -> None:
    """The knowledge-base actor named NAME (any alias or spelling), or nothing."""
    from dataclasses import asdict

    from storyline.resolve.kb import load_kb
    from storyline.resolve.names import name_key

    actor = load_kb().lookup(name_key(name))
    if actor is not None:
        _print(asdict(actor))


@main.command()
@click.argument("db", required=False, default="storyline.db", envvar="STORYLINE_DB")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--token-env", metavar="NAME", default=None,
              help="Name of an environment variable holding the token POST /api/documents requires; "
                   "without it the server is read-only.")
@click.option("--query-timeout", default=5.0, show_default=True, type=click.FloatRange(0.01, 600),
              help="Seconds of database work one request may take before it is stopped (E803).")
@click.option("--max-page", default=500, show_default=True, type=click.IntRange(1, 10_000),
              help="The largest page size (`limit`) a request may ask for.")
@click.option("--max-body", default=10_000_000, show_default=True, type=click.IntRange(1),
              help="The largest request body in bytes (a bigger POST gets 413, E804).")
def serve(db: str, host: str, port: int, token_env: str | None, query_timeout: float, max_page: int,
          max_body: int) -> None:
    """Serve the store DB (a SQLite path or a postgresql:// URL) over HTTP: the JSON API under
    /api (docs at /api/docs) and the web UI."""
    import os

    import uvicorn

    from storyline.serve.app import create_app
    from storyline.serve.queries import Limits

    token = None
    if token_env:
        token = os.environ.get(token_env)
        if not token:
            raise StorylineError(Code.E701, f"--token-env {token_env}: the variable is not set or empty")
    limits = Limits(timeout=query_timeout, max_limit=max_page)
    app = create_app(db, token=token, limits=limits, max_body=max_body)
    log.info("serving %s on http://%s:%d (%s)", db, host, port, "ingest with token" if token else "read-only")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


@main.command()
def schema() -> None:
    """The JSON Schema of every model record, generated from the one declaration."""
    from storyline.model import Article, Claim, Entity, Event, Mention, Quote, Timex

    models = {m.__name__.lower(): m.model_json_schema() for m in (Article, Entity, Event, Quote, Claim, Mention, Timex)}
    _print(models)


if __name__ == "__main__":  # pragma: no cover
    main()
