"""The annotate stage: sentences, entities, places, times and quantities for each report."""

from __future__ import annotations

from spacy.tokens import Doc

from ..model import Analysis, Article, Entity
from ..pipeline import RECOVERABLE, drop_failed
from .nlp import load_nlp
from .places import find_places
from .quantities import find_quantities
from .times import find_times

BATCH_SIZE = 32


def annotate_article(article: Article, doc: Doc, reference: str | None = None) -> None:
    """Fill the annotate layer of `article` from its parsed `doc` (a parse of `article.text`)."""
    article.sentences = [(s.start_char, s.end_char) for s in doc.sents]
    article.entities = [Entity(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents]
    # doc.text would re-join every token for each finder; the article holds the same string.
    article.places = find_places(doc, text=article.text)
    article.times = find_times(doc, reference or article.published, text=article.text)
    article.quantities = find_quantities(doc, text=article.text, times=article.times)


class Annotate:
    """Pipeline stage: parses every report not yet annotated and keeps its Doc for the claims stage."""

    name = "annotate"
    requires = ("articles",)
    assigns = ("articles[].sentences", "articles[].entities", "articles[].places", "articles[].times",
               "articles[].quantities", "docs")

    def __init__(self, n_process: int = 1) -> None:
        self.n_process = n_process

    def __call__(self, analysis: Analysis) -> Analysis:
        todo = [a for a in analysis.articles if not a.claims and a.id not in analysis.docs]
        if not todo:
            return analysis
        nlp = load_nlp()
        docs = nlp.pipe((a.text for a in todo), batch_size=BATCH_SIZE, n_process=self.n_process)
        failed: dict[str, BaseException] = {}
        for article, doc in zip(todo, docs):
            try:
                annotate_article(article, doc, analysis.reference_date)
            except RECOVERABLE as exc:
                failed[article.id] = exc
                continue
            analysis.docs[article.id] = doc
        drop_failed(analysis, self.name, failed)
        return analysis
