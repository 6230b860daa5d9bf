"""Pydantic response models: the JSON every /api route returns, documented in the OpenAPI schema.

The story document (`StoryDocument`) is the CLI's `--format json` document (schema/result.schema.json)
restricted to one story, so the models below mirror that schema field for field; the other
models describe views derived from it (matrix, diff, timeline, places, graph, jobs).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Model(BaseModel):
    """Base: unknown fields are refused, so the models cannot silently drift from the data."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


# --- the result document (result.schema.json) -----------------------------------------------


class SummaryOut(Model):
    inputs_read: int
    articles: int
    stories: int
    claims: int
    corroborated: int
    single_source: int = Field(alias="single-source")
    disputed: int
    extracted_claims: int
    problems: int
    errors: int
    warnings: int


class PlaceMentionOut(Model):
    text: str
    name: str | None
    geonameid: int | None
    lat: float | None
    lon: float | None
    country_code: str | None
    start: int
    end: int


class TimeMentionOut(Model):
    text: str
    value: str | None
    type: str
    start: int
    end: int


class ArticleOut(Model):
    id: str
    source: str
    title: str | None
    published: str | None
    url: str | None
    path: str | None
    language: str | None
    places: list[PlaceMentionOut]
    times: list[TimeMentionOut]
    claim_count: int


class AttributionOut(Model):
    source: str
    cue: str
    origin: str
    kind: str


class QuantityOut(Model):
    text: str
    low: float | None
    high: float | None
    unit: str | None
    approx: bool


class FactsOut(Model):
    actors: list[str]
    action: str | None
    targets: list[str]
    polarity: str
    hedges: list[str]
    quote: str | None
    event_type: str | None
    places: list[str]
    times: list[str]
    quantities: list[QuantityOut]


class MentionOut(Model):
    article: str
    claim: str
    source: str
    text: str
    start: int
    end: int
    attribution: list[AttributionOut]
    facts: FactsOut | None


class ConflictOut(Model):
    kind: str
    a: MentionOut
    b: MentionOut
    explanation: str
    values: list[str] | None


class ClaimGroupOut(Model):
    id: str
    summary: str
    verdict: str
    independent_origins: int
    origins: list[str]
    lineage: list[list[str]]
    event_type: str | None
    mentions: list[MentionOut]
    conflicts: list[ConflictOut]


class StoryPlaceOut(Model):
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country_code: str | None
    mentions: int


class StoryOut(Model):
    id: str
    title: str
    articles: list[str]
    places: list[StoryPlaceOut]
    claims: list[ClaimGroupOut]


class ProblemOut(Model):
    code: str
    input: str
    message: str
    severity: str


class StoryDocument(Model):
    """The `--format json` document holding one story and its reports."""

    schema_version: int
    reference_date: str | None
    failed: bool
    summary: SummaryOut
    articles: list[ArticleOut]
    stories: list[StoryOut]
    problems: list[ProblemOut]
    timings: dict[str, float]


# --- stories list ---------------------------------------------------------------------------


class VerdictCounts(Model):
    corroborated: int
    single_source: int = Field(alias="single-source")
    disputed: int


class StoryRow(Model):
    """One row of the stories list."""

    id: str
    title: str
    sources: list[str]
    reports: int
    latest: str | None  # newest publication date of its reports
    counts: VerdictCounts


class StoryList(Model):
    total: int  # stories matching the filters, before `limit`
    stories: list[StoryRow]
    sources: list[str]  # every outlet in the store, for the source filter
    places: list[str]  # every place name of a story, for the place filter


# --- matrix ---------------------------------------------------------------------------------

CellState = Literal["states", "contradicts", "silent"]


class MatrixColumn(Model):
    article: str
    source: str
    title: str | None
    published: str | None


class MatrixCell(Model):
    article: str
    state: CellState
    claims: list[str]  # claim ids of this report in the group
    text: str | None  # what the report says (first mention), None when silent


class MatrixRow(Model):
    group: str
    summary: str
    verdict: str
    event_type: str | None
    independent_origins: int
    lineage: list[list[str]]
    conflict_kinds: list[str]
    explanations: list[str]
    cells: list[MatrixCell]


class Matrix(Model):
    story: str
    title: str
    columns: list[MatrixColumn]
    rows: list[MatrixRow]
    total_rows: int  # rows passing the filters, before `offset`/`limit`


# --- diff -----------------------------------------------------------------------------------


class DiffSegment(Model):
    """A run of report text: plain (group None) or one claim, maybe conflicting."""

    text: str
    group: str | None = None
    claim: str | None = None
    verdict: str | None = None
    conflict: bool = False
    explanations: list[str] = []


class DiffColumn(Model):
    article: str
    source: str
    title: str | None
    published: str | None
    segments: list[DiffSegment]
    attributions: dict[str, list[AttributionOut]]  # claim id -> attribution chain, outermost first


class DiffConflict(Model):
    group: str
    kind: str
    explanation: str
    a: MentionOut
    b: MentionOut


class Diff(Model):
    story: str
    title: str
    columns: list[DiffColumn]
    conflicts: list[DiffConflict]


# --- timeline, places, graph ----------------------------------------------------------------


class TimelineEntry(Model):
    value: str  # TIMEX3 value as normalised: "2024-12-05", "XXXX-12-05", "2024-W48"
    kind: Literal["date", "underspecified", "other"]
    sort_key: str | None  # ISO-ish key for dated entries, None when it cannot be placed
    mentions: list[dict[str, str]]  # {article, source, text}


class Timeline(Model):
    story: str
    title: str
    published: list[dict[str, str | None]]  # {article, source, published}
    entries: list[TimelineEntry]


class Places(Model):
    story: str
    title: str
    places: list[StoryPlaceOut]


class GraphNode(Model):
    id: str
    label: str


class GraphEdge(Model):
    source: str
    target: str
    relation: str  # SUPPORT | ASSAULT | SEIZE ...
    reports: list[str]  # outlets asserting it
    groups: list[str]
    disputed: bool
    texts: list[str]


class Graph(Model):
    story: str
    title: str
    nodes: list[GraphNode]
    edges: list[GraphEdge]


# --- jobs -----------------------------------------------------------------------------------


class PasteIn(Model):
    """A report pasted as text."""

    text: str = Field(min_length=1)
    title: str | None = None
    source: str | None = None
    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")


class UrlIn(Model):
    url: str = Field(min_length=1, max_length=2000)


class Job(Model):
    id: str
    state: Literal["queued", "running", "done", "failed"]
    stage: str
    done: int
    total: int
    articles: list[str]
    stories: list[str]
    problems: list[ProblemOut]
    error: str | None


class DeletionOut(Model):
    """What deleting a report did (engine.delete_reports)."""

    deleted: list[str] = Field(description="Ids of the reports deleted.")
    stories: list[str] = Field(description="Stories that lost a report: re-aligned and re-judged, same ids.")
    removed_stories: list[str] = Field(description="Stories deleted because their last report was.")


# --- errors ---------------------------------------------------------------------------------


class ErrorBody(Model):
    code: str
    message: str


class ErrorOut(Model):
    """The one shape of every error response."""

    error: ErrorBody
