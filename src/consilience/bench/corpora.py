"""The corpora a benchmark runs over, prepared in a temporary folder at run time.

Nothing from ../shared is ever written into the repository: BASIL articles and copies are
converted into the caller's temporary folder and removed with it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConsilienceError
from ..ingest import read_reports
from ..model import Article

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared"
DEMO_DIR = REPO / "examples" / "hama"
SEEDS_DIR = SHARED / "seeds"
BASIL_DIR = SHARED / "eval" / "basil" / "articles"


class CorpusMissing(ConsilienceError):
    """The named corpus is not on this machine."""


@dataclass
class Corpus:
    """The inputs one benchmark passes to `analyze`, and where they came from."""

    name: str
    origin: str  # the folder the reports were read from
    paths: list[Path]  # what analyze() is given: files, folders or one JSONL file
    copies: int = 1  # >1: the reports were repeated, each copy under its own outlet name


def prepare_corpus(name: str, workdir: Path, copies: int = 1) -> Corpus:
    """The corpus `name` (demo, seeds, basil or a path), repeated `copies` times inside `workdir`."""
    if copies < 1:
        raise ConsilienceError(f"--copies must be at least 1, got {copies}.")
    corpus = _locate_corpus(name, workdir)
    if copies == 1:
        return corpus
    articles, _, _ = read_reports([str(p) for p in corpus.paths])
    copied = write_copies(articles, copies, workdir / "copies.jsonl")
    return Corpus(name=corpus.name, origin=corpus.origin, paths=[copied], copies=copies)


def _locate_corpus(name: str, workdir: Path) -> Corpus:
    if name == "demo":
        return Corpus("demo", str(DEMO_DIR), sorted(DEMO_DIR.glob("*.txt")))
    if name == "seeds":
        paths = sorted(SEEDS_DIR.glob("*.txt")) if SEEDS_DIR.is_dir() else []
        if not paths:
            raise CorpusMissing(f"seeds corpus not found: no *.txt under {SEEDS_DIR}; use --corpus demo or basil.")
        return Corpus("seeds", str(SEEDS_DIR), paths)
    if name == "basil":
        if not BASIL_DIR.is_dir():
            raise CorpusMissing(f"BASIL corpus not found at {BASIL_DIR}; use --corpus demo.")
        return Corpus("basil", str(BASIL_DIR), convert_basil(BASIL_DIR, workdir / "basil"))
    path = Path(name)
    if not path.exists():
        raise CorpusMissing(f"corpus {name!r} is neither demo, seeds, basil nor an existing path.")
    return Corpus(path.name or name, str(path.resolve()), [path])


def basil_report(record: dict) -> str:
    """One BASIL article (its JSON record) as a plain-text report with `Key: value` header lines."""
    # body-paragraphs is a list of paragraphs, each a list of sentences.
    paragraphs = [" ".join(s.strip() for s in para if s.strip()) for para in record.get("body-paragraphs", [])]
    header = [f"Title: {record.get('title') or ''}".rstrip(), f"Source: {record.get('source') or 'unknown'}"]
    if record.get("date"):
        header.append(f"Published: {record['date']}")
    return "\n".join(header) + "\n\n" + "\n\n".join(p for p in paragraphs if p) + "\n"


def convert_basil(articles_dir: Path, out_dir: Path) -> list[Path]:
    """Write every BASIL article under `articles_dir` (year/uuid.json) as a .txt report in `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted(articles_dir.rglob("*.json")):
        record = json.loads(source.read_text(encoding="utf-8"))
        target = out_dir / f"{source.parent.name}-{source.stem}.txt"
        target.write_text(basil_report(record), encoding="utf-8")
        written.append(target)
    return written


def write_copies(articles: list[Article], copies: int, target: Path) -> Path:
    """A JSONL corpus holding `copies` copies of each report, copy k under the outlet "<source> #k".

    Article ids hash text, source and title, so the distinct outlet keeps ingest from
    collapsing the copies into one report.
    """
    with target.open("w", encoding="utf-8") as out:
        for k in range(1, copies + 1):
            for article in articles:
                row = {"text": article.text, "source": f"{article.source} #{k}", "title": article.title,
                       "published": article.published, "url": article.url}
                out.write(json.dumps({key: v for key, v in row.items() if v is not None}) + "\n")
    return target
