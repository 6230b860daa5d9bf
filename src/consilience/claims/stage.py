"""The claims stage: turns each parsed report into atomic attributed claims."""

from __future__ import annotations

from ..model import Analysis
from ..pipeline import RECOVERABLE, drop_failed
from .extract import extract_claims


class ExtractClaims:
    """Pipeline stage: sets `article.claims` for every report parsed by annotate, then drops its Doc."""

    name = "claims"
    requires = ("articles", "docs")
    assigns = ("articles[].claims",)

    def __call__(self, analysis: Analysis) -> Analysis:
        failed: dict[str, BaseException] = {}
        for article in analysis.articles:
            doc = analysis.docs.pop(article.id, None)
            if doc is None:
                continue
            try:
                article.claims = extract_claims(article, doc)
            except RECOVERABLE as exc:
                failed[article.id] = exc
        drop_failed(analysis, self.name, failed)
        return analysis
