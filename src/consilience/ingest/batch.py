"""Where readers hand their reports: checks each one, builds the Article and drops duplicates."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..errors import E
from ..model import Article, Problem
from .dates import normalise_date
from .identity import article_id, normalise_whitespace, text_key
from .language import guess_language
from .options import IngestOptions

# C0/C1 control characters other than whitespace (NUL, BEL, ESC, ...) and unpaired UTF-16 surrogates
# (from JSON "\ud800" escapes): they carry no text, break UTF-8 output and can drive terminals.
_UNSAFE_CHARACTERS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


@dataclass
class Draft:
    """A report as a reader found it, before checks: metadata raw, source possibly unknown."""

    text: str
    path: str  # where it was read from, as the user gave it: "a.txt", "feed.xml#item=2"
    source: str | None  # from metadata; None when the input names no outlet
    fallback_source: str  # the file name stem, or "stdin"
    title: str | None = None
    published: object = None  # raw metadata value: str, date, struct_time
    url: str | None = None


class Batch:
    """Articles and problems of one ingest run, with the count of inputs looked at.

    Every report-sized input counts once in `inputs_read`, whether it became an article, a
    duplicate or a problem: one per text/HTML file or stdin, per feed item, per corpus row, and
    one for a path refused as a whole (missing, binary, too large, unparseable feed).
    """

    def __init__(self, options: IngestOptions) -> None:
        self.options = options
        self.articles: list[Article] = []
        self.problems: list[Problem] = []
        self.inputs_read = 0
        self._paths_by_id: dict[str, str] = {}
        self._inferred_by_text: dict[str, tuple[str, bool]] = {}  # text key -> (path, source inferred)

    def refuse(self, problem: Problem) -> None:
        """Record an input that yields no article."""
        self.inputs_read += 1
        self.problems.append(problem)

    def warn(self, problem: Problem) -> None:
        """Record a warning about an input that is still read."""
        self.problems.append(problem)

    def add(self, draft: Draft) -> Article | None:
        """Check a draft and keep it as an Article; None when refused or already seen."""
        self.inputs_read += 1
        draft = self._neutralise(draft)
        text = draft.text.replace("\r\n", "\n").replace("\r", "\n").strip()
        problem = self._check_text(text, draft.path)
        if problem is not None:
            self.problems.append(problem)
            return None
        title = _clean_field(draft.title)
        source = _clean_field(draft.source)
        article = Article(
            id=article_id(text, source or draft.fallback_source, title),
            text=text,
            source=source or draft.fallback_source,
            title=title,
            published=self._resolve_date(draft),
            url=_clean_field(draft.url),
            path=draft.path,
            language="en",
        )
        if self._is_duplicate(article, inferred=source is None):
            return None
        self.articles.append(article)
        return article

    def _neutralise(self, draft: Draft) -> Draft:
        """The draft without control characters or lone surrogates; W002 says how many went."""
        removed = 0
        values: dict[str, str | None] = {}
        for name in ("text", "source", "title", "url"):
            value = getattr(draft, name)
            if value is not None:
                value, count = _UNSAFE_CHARACTERS.subn("", str(value))
                removed += count
            values[name] = value
        if not removed:
            return draft
        self.warn(E.FIELD_MISSING.problem(
            draft.path, detail=f"{removed} control character{'s' if removed > 1 else ''} (NUL, escape or unpaired surrogate) removed from the report.",
        ))
        return replace(draft, **values)

    def _check_text(self, text: str, where: str) -> Problem | None:
        if not text:
            # A row or feed item is not a file: "file is empty" would mislead there.
            if "#" in where:
                return E.TOO_SHORT.problem(where, detail="no text")
            return E.EMPTY_FILE.problem(where)
        words = len(text.split())
        if words < self.options.min_words:
            return E.TOO_SHORT.problem(where, detail=f"{words} words; at least {self.options.min_words} needed")
        guess = guess_language(text)
        if not guess.english:
            return E.UNSUPPORTED_LANGUAGE.problem(where, detail=guess.detail)
        return None

    def _resolve_date(self, draft: Draft) -> str | None:
        if self.options.published is not None:
            return self.options.published
        if draft.published is None or (isinstance(draft.published, str) and not draft.published.strip()):
            return None
        published = normalise_date(draft.published)
        if published is None:
            self.warn(E.FIELD_MISSING.problem(
                draft.path,
                detail=f"published date {str(draft.published)!r} could not be read as a date; it is left unknown.",
            ))
        return published

    def _is_duplicate(self, article: Article, inferred: bool) -> bool:
        first = self._paths_by_id.get(article.id)
        # A copied file under another name gets another fallback source and so another id;
        # identical text and title then still mean the same report.
        key = text_key(article.text, article.title)
        if first is None and key in self._inferred_by_text:
            earlier_path, earlier_inferred = self._inferred_by_text[key]
            if inferred or earlier_inferred:
                first = earlier_path
        if first is not None:
            self.warn(E.DUPLICATE.problem(article.path or "", detail=first))
            return True
        self._paths_by_id[article.id] = article.path or ""
        self._inferred_by_text.setdefault(key, (article.path or "", inferred))
        return False


def _clean_field(value: str | None) -> str | None:
    """Metadata value with whitespace collapsed; None when blank."""
    if value is None:
        return None
    cleaned = normalise_whitespace(str(value))
    return cleaned or None
