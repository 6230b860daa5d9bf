"""What the ingest stage can be told: corpus field names, a date override and size limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..errors import ConsilienceError

# Names tried, in order, when the configured field is absent from a corpus row or front matter.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("body", "content", "article"),
    "title": ("headline",),
    "source": ("outlet", "publisher", "site"),
    "published": ("date", "pubdate"),
    "url": ("link",),
}


@dataclass
class CorpusFields:
    """Names of the JSONL/CSV fields that hold each part of a report."""

    text: str = "text"
    title: str = "title"
    source: str = "source"
    published: str = "published"
    url: str = "url"

    def candidates(self, part: str) -> tuple[str, ...]:
        """Field names to try for `part` ("text", "source", ...): the configured one, then aliases."""
        configured = getattr(self, part)
        return (configured, *(a for a in FIELD_ALIASES[part] if a != configured))


@dataclass
class IngestOptions:
    """Settings of the ingest stage.

    published: ISO date ("2024-12-05") that overrides every report's own date.
    max_file_bytes: limit for one text, HTML or feed file, checked before reading it.
    max_row_bytes: limit for one JSONL line or CSV record.
    max_corpus_bytes: limit for one JSONL/CSV corpus file; corpora are streamed row by row, so this
        only bounds the time one input may take (a 1 GB sparse file is refused, not read).
    min_words: reports with fewer words are refused as too short (E011).
    """

    published: str | None = None
    fields: CorpusFields = field(default_factory=CorpusFields)
    max_file_bytes: int = 10 * 1024 * 1024
    max_row_bytes: int = 1024 * 1024
    max_corpus_bytes: int = 1024 * 1024 * 1024
    min_words: int = 5

    def __post_init__(self) -> None:
        # A bad override is the caller's mistake, not bad data: raise instead of reporting.
        if self.published is not None:
            try:
                self.published = date.fromisoformat(self.published).isoformat()
            except (TypeError, ValueError) as err:
                raise ConsilienceError(
                    f"published={self.published!r} is not an ISO date. Use YYYY-MM-DD."
                ) from err
        if self.max_file_bytes <= 0 or self.max_row_bytes <= 0 or self.max_corpus_bytes <= 0:
            raise ConsilienceError("max_file_bytes, max_row_bytes and max_corpus_bytes must be positive.")
