"""The domain objects that flow through the pipeline.

One `Analysis` travels ingest -> annotate -> claims -> stories -> align -> verdicts -> outputs.
Each stage reads what earlier stages set and adds its own layer; the comment on every field
names the stage that owns it. Everything here is plain data (dataclasses) so it serialises to
JSON and back for storage without the spaCy objects that produced it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


# --- annotate layer -------------------------------------------------------------------------


@dataclass
class Entity:
    """A named entity found by the NER (annotate)."""

    text: str
    label: str  # spaCy label: PERSON, ORG, NORP, GPE, LOC, FAC, ...
    start: int  # character offsets into Article.text
    end: int


@dataclass
class Place:
    """A gazetteer entry a toponym resolved to (annotate.places)."""

    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country_code: str | None
    feature: str = "city"  # city | country | region
    population: int | None = None


@dataclass
class PlaceMention:
    """A toponym in the text and the place it resolves to (annotate.places)."""

    text: str
    start: int
    end: int
    place: Place | None  # None: recognised as a place but not resolved
    reason: str | None = None  # why it is unresolved or ambiguous


@dataclass
class TimeMention:
    """A time expression normalised to a TIMEX3 value (annotate.times).

    `value` is TIMEX3: "2024-12-05", "XXXX-11-27" (no year known), "2024-W49", "P2M", "PAST_REF".
    """

    text: str
    start: int
    end: int
    type: str  # DATE | TIME | DURATION | SET
    value: str | None  # None: recognised but could not be normalised (see reason)
    reason: str | None = None


@dataclass
class Quantity:
    """A number with its unit as a comparable interval (annotate.quantities).

    "more than half a million people" -> low=500000, high=None, unit="people", approx=True.
    """

    text: str
    start: int
    end: int
    low: float | None
    high: float | None
    unit: str | None = None
    approx: bool = False


# --- claims layer ---------------------------------------------------------------------------


@dataclass
class Attribution:
    """One link of an attribution chain: who is credited with the content (claims.attribution)."""

    source: str  # as written: "Representatives of the Syrian army"
    cue: str  # "said", "according to", "reported"
    origin: str  # normalised key comparable across reports: "reuters", "syrian army"
    kind: str = "unknown"  # wire | broadcaster | outlet | official | military | intelligence | person | unknown
    start: int | None = None
    end: int | None = None


@dataclass
class Claim:
    """One atomic proposition in one report, with the facts it carries (claims)."""

    id: str
    article_id: str
    text: str
    start: int  # character offsets into Article.text
    end: int
    sentence: int  # index of the sentence in the article
    actors: list[str] = field(default_factory=list)
    action: str | None = None  # lemma of the main predicate: "enter", "announce"
    action_text: str | None = None
    targets: list[str] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    polarity: str = "positive"  # positive | negative
    hedges: list[str] = field(default_factory=list)  # "reportedly", "allegedly", "may"
    quote: str | None = None  # direct quotation inside the claim, if any
    attribution: list[Attribution] = field(default_factory=list)  # outermost first; [] = the report's own
    event_type: str | None = None  # PLOVER-aligned: SEIZE, RETREAT, SUPPORT, STATEMENT, ...
    lead: bool = False  # True when the claim sits in the headline/lead (first sentence)


# --- ingest layer ---------------------------------------------------------------------------


@dataclass
class Article:
    """One news report (ingest), later annotated (annotate) and split into claims (claims)."""

    id: str  # stable content hash (ingest.identity)
    text: str
    source: str  # outlet; the file name when the input says nothing
    title: str | None = None
    published: str | None = None  # ISO date "2024-12-05"; None = unknown, never invented
    url: str | None = None
    path: str | None = None  # where it was read from: "reports/a.txt", "feed.xml#item=3", "c.jsonl#row=7"
    language: str | None = None
    # annotate
    entities: list[Entity] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # character offsets
    # claims
    claims: list[Claim] = field(default_factory=list)


# --- stories / align / verdicts layers --------------------------------------------------------


@dataclass
class Mention:
    """A claim as it appears in one report: the unit shown side by side (align)."""

    article: str  # article id
    claim: str  # claim id
    text: str
    start: int
    end: int
    attribution: list[Attribution] = field(default_factory=list)
    source: str | None = None  # the article's outlet, for display


@dataclass
class Conflict:
    """Two mentions of one claim group that cannot both be true (verdicts)."""

    kind: str  # actor | number | date | place | polarity | attribution
    a: Mention
    b: Mention
    explanation: str
    values: tuple[str, str] | None = None  # the normalised values compared


@dataclass
class ClaimGroup:
    """Mentions across reports of one proposition or of conflicting versions of it (align)."""

    id: str
    summary: str
    mentions: list[Mention] = field(default_factory=list)
    # verdicts
    verdict: str = "single-source"  # corroborated | single-source | disputed
    independent_origins: int = 0
    origins: list[str] = field(default_factory=list)  # upstream sources named by the mentions
    lineage: list[list[str]] = field(default_factory=list)  # [report source, cited source, its source...]
    conflicts: list[Conflict] = field(default_factory=list)
    event_type: str | None = None


@dataclass
class StoryPlace:
    """A place of a story with how often its reports mention it (stories)."""

    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country_code: str | None
    mentions: int


@dataclass
class StoryChange:
    """One change of a story's membership: by incremental clustering (stories.incremental) or a deletion."""

    kind: str  # created | merged (other story folded into this one) | split (part moved to another story)
    #          | removed (reports deleted: engine.delete_reports)
    other: str | None = None  # the story id merged in or split off
    articles: list[str] = field(default_factory=list)  # the reports that moved
    at: int = 0  # how many reports the store had seen when it happened (a logical clock)


@dataclass
class Story:
    """Reports about one event (stories), with their aligned claims (align, verdicts)."""

    id: str
    title: str
    articles: list[str] = field(default_factory=list)
    places: list[StoryPlace] = field(default_factory=list)
    claims: list[ClaimGroup] = field(default_factory=list)
    history: list[StoryChange] = field(default_factory=list)  # stories.incremental; [] for batch runs


@dataclass
class Problem:
    """One input that could not be used: what, why, what to do (errors.py has the catalogue)."""

    code: str  # stable code, e.g. "E003"
    input: str  # path, path#row=N, or "-"
    message: str
    severity: str = "error"  # error (counts as failed) | warning (skipped, batch still succeeds)


@dataclass
class Analysis:
    """The one object that flows through every stage; the library's `Result`."""

    articles: list[Article] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    inputs_read: int = 0
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    reference_date: str | None = None  # --published: overrides every article's date
    docs: dict[str, Any] = field(default_factory=dict, repr=False)  # transient spaCy Docs (annotate -> claims)

    @property
    def failed(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)


Result = Analysis


def to_dict(obj: Any) -> Any:
    """Plain-JSON form of any model object (dataclasses, lists, tuples)."""
    if hasattr(obj, "__dataclass_fields__"):
        return asdict(obj)
    if isinstance(obj, (list, tuple)):
        return [to_dict(o) for o in obj]
    return obj
