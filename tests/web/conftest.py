"""Fixtures for the web app: a hand-built store (fast tests) and the examples/hama store (slow tests)."""

from __future__ import annotations

import socket
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from consilience.model import (
    Analysis, Article, Attribution, Claim, ClaimGroup, Conflict, Mention, Place, PlaceMention, Story, StoryPlace,
    TimeMention,
)
from consilience.store import open_store
from consilience.web import create_app

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
REPO = Path(__file__).resolve().parents[2]

TEXT_A = "Rebels entered Hama on Thursday. Hundreds of fighters were killed, a monitor said."
TEXT_B = "The army left Hama on December 5. Thousands of fighters were killed, a monitor said."


def _claim(article: str, n: int, text: str, full: str, **facts) -> Claim:
    start = full.index(text)
    return Claim(id=f"{article}-c{n}", article_id=article, text=text, start=start, end=start + len(text),
                 sentence=n, **facts)


def build_handmade_store(path: Path) -> dict[str, str]:
    """Two reports of one disputed story (one with a hostile title), plus a second one-report story."""
    hama = Place("Hama", 170017, 35.13, 36.76, "SY")
    a_claims = [
        _claim("aaaa", 0, "Rebels entered Hama on Thursday.", TEXT_A, actors=["Rebels"], targets=["Hama"],
               event_type="SEIZE"),
        _claim("aaaa", 1, "Hundreds of fighters were killed", TEXT_A, actors=["Rebels"], targets=["fighters"], event_type="ASSAULT",
               attribution=[Attribution("a monitor", "said", "monitor", "unknown")]),
    ]
    b_claims = [
        _claim("bbbb", 0, "The army left Hama on December 5.", TEXT_B, actors=["The army"], targets=["Hama"],
               event_type="RETREAT"),
        _claim("bbbb", 1, "Thousands of fighters were killed", TEXT_B, actors=["The army"], targets=["fighters"], event_type="ASSAULT",
               attribution=[Attribution("a monitor", "said", "monitor", "unknown")]),
    ]
    a = Article(id="aaaa", text=TEXT_A, source="Wire One", title="Rebels enter Hama", published="2024-12-05",
                places=[PlaceMention("Hama", 15, 19, hama)], claims=a_claims,
                times=[TimeMention("Thursday", 23, 31, "DATE", "2024-12-05")])
    b = Article(id="bbbb", text=TEXT_B, source="Courier <Two>", title=HOSTILE, published="2024-12-06",
                places=[PlaceMention("Hama", 13, 17, hama)], claims=b_claims,
                times=[TimeMention("December 5", 21, 31, "DATE", "XXXX-12-05")])
    c = Article(id="cccc", text="Markets rose in Tokyo on Monday.", source="Wire One", title="Markets rise",
                published="2024-11-01")

    def mention(article: Article, claim: Claim) -> Mention:
        return Mention(article.id, claim.id, claim.text, claim.start, claim.end, claim.attribution, article.source)

    ma, mb = mention(a, a_claims[1]), mention(b, b_claims[1])
    disputed = ClaimGroup(
        id="g-number", summary="Hundreds of fighters were killed", mentions=[ma, mb], verdict="disputed",
        independent_origins=1, origins=["monitor"], lineage=[["Wire One", "a monitor"], ["Courier <Two>", "a monitor"]],
        conflicts=[Conflict("number", ma, mb, "The reports give incompatible figures: 'Hundreds' vs 'Thousands'.",
                            ("100-999 fighter", "1000-9999 fighter"))],
        event_type="ASSAULT",
    )
    single = ClaimGroup(id="g-seize", summary="Rebels entered Hama on Thursday.", mentions=[mention(a, a_claims[0])],
                        verdict="single-source", independent_origins=1, lineage=[["Wire One"]], event_type="SEIZE")
    story = Story(id="s-hama", title="Rebels enter Hama", articles=["aaaa", "bbbb"],
                  places=[StoryPlace("Hama", 170017, 35.13, 36.76, "SY", 2)], claims=[disputed, single])
    other = Story(id="s-markets", title="Markets rise", articles=["cccc"])
    with open_store(path) as store:
        store.save_articles([a, b, c])
        store.save_stories([story, other])
    return {"story": story.id, "other": other.id}


def fake_adder(db_path: str, batches: list[list[Path]], progresses) -> list[tuple[Analysis, list[str]]]:
    """Stands in for the model-loading analysis: stores each job's inputs as reports of story s-hama."""
    results = []
    with open_store(db_path) as store:
        for inputs, progress in zip(batches, progresses):
            # A fresh id per job: a later job must not re-add an id the story already lists.
            added = [Article(id=f"new-{uuid.uuid4().hex[:8]}", text=p.read_text(encoding="utf-8"), source="Pasted")
                     for p in inputs]
            store.save_articles(added)
            story = next(s for s in store.load_stories() if s.id == "s-hama")
            story.articles += [a.id for a in added]
            store.save_stories([story])
            progress("reports", len(inputs), len(inputs))
            results.append((Analysis(articles=added), [story.id]))
    return results


@pytest.fixture
def handmade_db(tmp_path: Path) -> Path:
    path = tmp_path / "web.db"
    build_handmade_store(path)
    return path


@pytest.fixture
def client(handmade_db: Path) -> TestClient:
    app = create_app(handmade_db, adder=fake_adder)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def hama_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The store built from examples/hama by the real pipeline (loads models: slow tests only)."""
    from consilience import analyze

    path = tmp_path_factory.mktemp("hama") / "c.db"
    analyze([str(REPO / "examples" / "hama")], db=path)
    return path


@pytest.fixture
def adder():
    """The fake report adder (conftest modules cannot be imported under importlib mode)."""
    return fake_adder


@contextmanager
def serve_in_thread(db: Path, **app_options):
    """The real app over `db` (create_app options: token, read_only, adder...) with uvicorn on a free
    loopback port, in a thread; yields its base URL."""
    import uvicorn

    from consilience.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db, **app_options), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="session")
def live_server():
    """serve_in_thread, for module-scoped server fixtures in the browser tests."""
    return serve_in_thread
