"""The `consilience` command line: thin over the library (parse arguments, call, print)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import click

from . import __version__
from .errors import ConsilienceError
from .ingest import IngestOptions
from .ingest.options import CorpusFields
from .model import Analysis
from .outputs import FORMATS, render
from .pipeline import ProgressHook


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date such as 2024-12-05") from None


def summary_line(analysis: Analysis) -> str:
    """One line: what was read, skipped and failed, and what came out."""
    errors = sum(1 for p in analysis.problems if p.severity == "error")
    warnings = len(analysis.problems) - errors
    claims = sum(len(s.claims) for s in analysis.stories)
    disputed = sum(1 for s in analysis.stories for c in s.claims if c.verdict == "disputed")
    return (f"read {analysis.inputs_read} input(s): {len(analysis.articles)} report(s) analysed, "
            f"{errors} failed, {warnings} warning(s); {len(analysis.stories)} stor{'y' if len(analysis.stories) == 1 else 'ies'}, "
            f"{claims} claim group(s), {disputed} disputed")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="consilience")
def main() -> None:
    """Consilience cross-checks news reports: stories, attributed claims and verdicts."""


@main.command("analyze")
@click.argument("reports", nargs=-1, required=True)
@click.option("--db", default=None,
              help="Store file or postgresql:// URL (default: $CONSILIENCE_DB, else consilience.db in the "
                   "current folder).")
@click.option("--no-store", is_flag=True, help="Keep nothing on disk.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
              help="Output format.")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the output to this file instead of standard output.")
@click.option("--published", callback=_check_date, default=None,
              help="Publication date (YYYY-MM-DD) for every input: the reference for relative dates.")
@click.option("--text-field", default="text", show_default=True, help="JSONL/CSV field with the report text.")
@click.option("--title-field", default="title", show_default=True, help="JSONL/CSV field with the title.")
@click.option("--source-field", default="source", show_default=True, help="JSONL/CSV field with the outlet.")
@click.option("--date-field", default="published", show_default=True, help="JSONL/CSV field with the date.")
@click.option("--url-field", default="url", show_default=True, help="JSONL/CSV field with the URL.")
@click.option("--workers", type=click.IntRange(0, 64), default=0, show_default=True,
              help="Worker processes for annotate, claims and align (0: one per core for batches of 48 "
                   "reports or more); with --engine ray, Ray workers (0: one per CPU of the cluster).")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Where the per-report stages run: this process, or Ray workers (pip install 'consilience[ray]').")
@click.option("--address", default=None,
              help="With --engine ray: the cluster to use (auto, or ray://HEAD:10001); default a new local instance.")
@click.option("--quiet", "-q", is_flag=True, help="Print no problem lines or summary on stderr.")
def analyze_command(reports: tuple[str, ...], db: str | None, no_store: bool, fmt: str, out: str | None,
                    published: str | None, text_field: str, title_field: str, source_field: str,
                    date_field: str, url_field: str, workers: int, engine: str, address: str | None,
                    quiet: bool) -> None:
    """Cross-check REPORTS (files, folders, or - for stdin) and print stories, claims and verdicts.

    Exit code: 0 when every input was used, 1 when any input failed (each failure is one line on
    stderr: code, input, what went wrong and what to do), 2 for wrong arguments.
    """
    fields = CorpusFields(text=text_field, title=title_field, source=source_field, published=date_field,
                          url=url_field)
    if address and engine != "ray":
        raise click.UsageError("--address needs --engine ray.")
    kwargs = {"db": db, "store": not no_store, "published": published, "options": IngestOptions(fields=fields),
              "stdin": sys.stdin}
    try:
        if engine == "ray":
            from .scale import analyze_on_ray

            result = analyze_on_ray(list(reports), address=address, workers=workers, **kwargs)
        else:
            from .engine import analyze  # imported here: spaCy's import should not slow every command

            result = analyze(list(reports), n_process=workers, **kwargs)
    except ConsilienceError as exc:
        raise click.ClickException(str(exc)) from exc
    text = render(result, fmt)
    if out:
        Path(out).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=not text.endswith("\n"))
    if not quiet:
        for problem in result.problems:
            click.echo(f"{problem.severity} {problem.code} {problem.input}: {problem.message}", err=True)
        click.echo(summary_line(result), err=True)
    sys.exit(1 if result.failed else 0)


@contextmanager
def progress_bar(enabled: bool) -> Iterator[ProgressHook | None]:
    """A rich progress bar on stderr (one row per phase, reports/s and ETA), as an engine progress hook."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("{task.description:<8}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]} reports/s"), TextColumn("ETA"), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        tasks: dict[str, int] = {}

        def hook(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total, rate="-")
            bar.update(tasks[stage], completed=done, total=total)
            speed = bar.tasks[tasks[stage]].speed
            bar.update(tasks[stage], rate=f"{speed:.1f}" if speed else "-")

        yield hook


@main.command("ingest")
@click.argument("reports", nargs=-1, required=True)
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="Store file to add to (default: consilience.db in the current folder).")
@click.option("--published", callback=_check_date, default=None,
              help="Publication date (YYYY-MM-DD) for every input: the reference for relative dates.")
@click.option("--workers", type=click.IntRange(0, 64), default=0, show_default=True,
              help="Worker processes for annotate and claims (0: one per core for batches of 48 reports or more).")
@click.option("--window-days", type=click.IntRange(1, 3650), default=30, show_default=True,
              help="Stories whose newest report is older than this leave the candidate set.")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar (default: when stderr is a terminal).")
@click.option("--quiet", "-q", is_flag=True, help="Print no problem lines or summary on stderr.")
def ingest_command(reports: tuple[str, ...], db: str | None, published: str | None, workers: int,
                   window_days: int, progress: bool | None, quiet: bool) -> None:
    """Add REPORTS to the store incrementally: each report joins a stored story or starts a new one.

    Stories keep their ids (merges keep the older id, splits keep it for the larger part, both
    recorded in the story's history). Ctrl-C stops after saving whole chunks; run the same command
    again to resume without duplicates. Prints the changed stories as JSON (id, title, reports,
    history); exit code 1 when any input failed.
    """
    from .engine import ingest
    from .stories.incremental import IncrementalParams

    show = sys.stderr.isatty() and not quiet if progress is None else progress
    try:
        with progress_bar(show) as hook:
            result = ingest(list(reports), db=db, published=published, stdin=sys.stdin, n_process=workers,
                            progress=hook, params=IncrementalParams(window_days=window_days))
    except ConsilienceError as exc:
        raise click.ClickException(str(exc)) from exc
    rows = [{"id": s.id, "title": s.title, "reports": len(s.articles),
             "history": [change.__dict__ for change in s.history]} for s in result.stories]
    click.echo(json.dumps({"reports": len(result.articles), "stories": rows}, indent=2, ensure_ascii=False))
    if not quiet:
        for problem in result.problems:
            click.echo(f"{problem.severity} {problem.code} {problem.input}: {problem.message}", err=True)
        click.echo(f"ingested {len(result.articles)} report(s) into {len(result.stories)} stor"
                   f"{'y' if len(result.stories) == 1 else 'ies'}", err=True)
    sys.exit(1 if result.failed else 0)


@main.command("delete")
@click.argument("ids", nargs=-1, required=True)
@click.option("--db", default=None,
              help="Store file or postgresql:// URL to delete from (default: $CONSILIENCE_DB, else consilience.db).")
def delete_command(ids: tuple[str, ...], db: str | None) -> None:
    """Delete the reports with these IDS from the store; the stories they were in are re-judged without them.

    A story left with no report is deleted. Prints what happened as JSON (deleted ids, re-judged
    stories, deleted stories); exit code 1 when an id was not in the store.
    """
    from .engine import delete_reports
    from .store import resolve_target

    target = str(resolve_target(db))
    if "://" not in target and not Path(target).is_file():
        # open_store would create an empty database to delete nothing from: say so instead.
        raise click.ClickException(f"{target}: no such store. Give the --db that holds the reports.")
    try:
        result = delete_reports(list(ids), db=target)
    except ConsilienceError as exc:
        raise click.ClickException(str(exc)) from exc
    missing = [i for i in dict.fromkeys(ids) if i not in result.deleted]
    click.echo(json.dumps({"deleted": result.deleted, "missing": missing,
                           "stories": [{"id": s.id, "title": s.title, "reports": len(s.articles)} for s in result.stories],
                           "removed_stories": result.removed_stories}, indent=2, ensure_ascii=False))
    for report in missing:
        click.echo(f"error: {report}: no such report in the store", err=True)
    sys.exit(1 if missing else 0)


@main.command("eval")
@click.argument("dataset")
@click.option("--data", "data_dir", required=True, type=click.Path(file_okay=False),
              help="Folder of the gold data, e.g. ../shared/eval/tempeval3.")
@click.option("--split", default=None, help="Split to score (default: the dataset's reporting split).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Score only the first N documents.")
@click.option("--out", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also write the JSON result to this file.")
@click.option("--model", "model_dir", type=click.Path(file_okay=False), default=None,
              help="Optional local model folder for datasets that take one (ecbplus: a pair cross-encoder).")
def eval_command(dataset: str, data_dir: str, split: str | None, limit: int | None, out: str | None,
                 model_dir: str | None) -> None:
    """Score one pipeline part on a public gold DATASET and print the result as one JSON object.

    Datasets: tempeval3, lgl, geowebnews, polnear (see consilience.evaluate.registry).
    Exit code 2 for an unknown dataset, split or a missing data folder.
    """
    from .evaluate.registry import run_benchmark

    try:
        result = run_benchmark(dataset, data_dir, split, limit, model_dir)
    except ConsilienceError as exc:
        raise click.UsageError(str(exc)) from exc
    text = json.dumps(result, indent=2)
    if out:
        Path(out).write_text(text + "\n", encoding="utf-8")
    click.echo(text)


@main.command("gate")
@click.option("--floors", "floors_path", type=click.Path(dir_okay=False), default="quality/floors.json",
              show_default=True, help="The pinned floors to check.")
@click.option("--eval-root", type=click.Path(file_okay=False), default=None,
              help="Folder holding the eval data sets (default: ../shared/eval beside the repository).")
@click.option("--only", multiple=True, help="Check only this floor name or dataset (repeatable).")
@click.option("--pin", is_flag=True, help="Rewrite the floors from this run (floor = score - tolerance).")
def gate_command(floors_path: str, eval_root: str | None, only: tuple[str, ...], pin: bool) -> None:
    """Rerun the pinned benchmarks and fail when a headline score falls below its recorded floor.

    Prints a JSON report; one stderr line per failed or skipped floor. Exit code 0 when every floor
    holds (entries without data are skipped), 1 when any score fell, 2 for a bad floors file.
    --pin records the new scores as floors instead (review the diff before committing it).
    """
    from .evaluate.gate import check_gate, failure_line, pin_floors

    try:
        report = check_gate(floors_path, eval_root, only)
    except ConsilienceError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(json.dumps(report, indent=2))
    if pin:
        pinned = pin_floors(floors_path, report)
        click.echo(f"pinned {len(pinned)} floor(s) in {floors_path}", err=True)
        sys.exit(0)
    for result in report["results"]:
        if not result["passed"] or result["skipped"]:
            click.echo(failure_line(result), err=True)
    sys.exit(0 if report["passed"] else 1)


@main.command("serve")
@click.option("--db", default=None,
              help="Store file or postgresql:// URL to browse and add reports to (default: $CONSILIENCE_DB, "
                   "else consilience.db).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--token", envvar="CONSILIENCE_TOKEN", default=None, show_envvar=True,
              help="Require `Authorization: Bearer TOKEN` on every write (needed to listen beyond 127.0.0.1).")
@click.option("--read-only", is_flag=True, help="Refuse every write (403) and hide the forms that add reports.")
def serve_command(db: str | None, host: str, port: int, token: str | None, read_only: bool) -> None:
    """Start the web app over the store: stories, claim matrix, diff, timeline, map, actors, API at /docs.

    Listening on an address other than loopback needs --token (or CONSILIENCE_TOKEN) or --read-only.
    """
    import uvicorn  # imported here: the other commands should not pay for the web stack

    from .store import resolve_target
    from .web import create_app
    from .web.access import check_bind

    try:
        check_bind(host, token, read_only)
        app = create_app(resolve_target(db), token=token, read_only=read_only)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    except ConsilienceError as exc:
        raise click.ClickException(str(exc)) from exc
    uvicorn.run(app, host=host, port=port)



@main.command("export")
@click.option("--db", default="consilience.db", show_default=True,
              help="Store to export (a file path, or a database URL where supported).")
@click.option("--format", "fmt", type=click.Choice(("json", "csv", "parquet", "jsonld")), default="json",
              show_default=True, help="json: one document; jsonld: schema.org ClaimReview; csv/parquet: six tables.")
@click.option("--out", required=True, type=click.Path(),
              help="File for json/jsonld; folder (or .zip) of tables for csv/parquet.")
def export_command(db: str, fmt: str, out: str) -> None:
    """Export every stored story, claim, mention, conflict and origin for use outside Consilience.

    `consilience import` reads any of the formats back into a store with the same content.
    """
    from .export import export_store
    from .store import open_store

    if "://" not in db and not Path(db).is_file():
        # open_store would create an empty database and export nothing: say so instead.
        raise click.ClickException(f"{db}: no such store. Give the --db that `consilience analyze` wrote.")
    try:
        with open_store(db) as store:
            result = export_store(store, fmt, out)
    except ConsilienceError as exc:
        raise click.ClickException(str(exc)) from exc
    c = result.counts
    click.echo(f"exported {c.articles} report(s), {c.stories} stor{'y' if c.stories == 1 else 'ies'}, "
               f"{c.claims} claim(s), {c.mentions} mention(s), {c.conflicts} conflict(s) as {fmt} "
               f"to {out} ({result.size} bytes)", err=True)


@main.command("import")
@click.argument("path", type=click.Path())
@click.option("--db", default="consilience.db", show_default=True,
              help="Store to import into (a file path, or a database URL where supported).")
def import_command(path: str, db: str) -> None:
    """Load an export (json, jsonld, csv or parquet; detected from PATH) into the store.

    Upserts by id: importing the same export twice stores nothing twice.
    """
    from .export import import_export
    from .store import open_store

    try:
        with open_store(db) as store:
            c = import_export(path, store)
    except ConsilienceError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"imported {c.articles} report(s), {c.stories} stor{'y' if c.stories == 1 else 'ies'}, "
               f"{c.claims} claim(s) into {db}", err=True)

if __name__ == "__main__":  # pragma: no cover
    main()
