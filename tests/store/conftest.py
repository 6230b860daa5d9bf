"""Store test fixtures: hand-built model objects, and both backends (SQLite file, PostgreSQL).

PostgreSQL: $CONSILIENCE_TEST_PG_URL names an existing database (its user needs CREATE on it:
each test gets a fresh schema); otherwise a throwaway cluster is initialised in a temporary folder,
listens on 127.0.0.1 (free port) and a socket in that folder, and is stopped and deleted at the
end of the session. Without PostgreSQL binaries the PostgreSQL tests skip, except under CI=true,
where they fail: CI must really run them.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from consilience.model import (
    Article,
    Attribution,
    Claim,
    ClaimGroup,
    Conflict,
    Entity,
    Mention,
    Place,
    PlaceMention,
    Quantity,
    Story,
    StoryPlace,
    TimeMention,
)

TEXT = (
    "Rebel fighters entered Hama on Thursday, the army said. "
    "More than 500 people fled the city, according to Reuters."
)


def build_claim(article_id: str, number: int) -> Claim:
    """A claim with every nested list filled and no field left at its default."""
    hama = Place("Hama", 170017, 35.13, 36.75, "SY", feature="city", population=460602)
    return Claim(
        id=f"{article_id}:c{number}",
        article_id=article_id,
        text="Rebel fighters entered Hama on Thursday",
        start=0,
        end=39,
        sentence=0,
        actors=["rebel fighters"],
        action="enter",
        action_text="entered",
        targets=["Hama"],
        places=[PlaceMention("Hama", 23, 27, hama), PlaceMention("the north", 0, 0, None, reason="not in gazetteer")],
        times=[TimeMention("Thursday", 31, 39, "DATE", "2024-12-05"), TimeMention("lately", 0, 6, "DATE", None, reason="vague")],
        quantities=[Quantity("more than 500 people", 61, 81, 500.0, None, unit="people", approx=True)],
        polarity="negative",
        hedges=["reportedly"],
        quote="we entered",
        attribution=[Attribution("the army", "said", "syrian army", kind="military", start=42, end=50)],
        event_type="SEIZE",
        lead=True,
    )


def build_article(article_id: str = "a1", text: str = TEXT, claims: int = 2, title: str | None = "Rebels enter Hama") -> Article:
    """A fully annotated article with `claims` claims."""
    return Article(
        id=article_id,
        text=text,
        source="Example Wire",
        title=title,
        published="2024-12-05",
        url=f"https://example.org/{article_id}",
        path=f"reports/{article_id}.txt",
        language="en",
        entities=[Entity("Hama", "GPE", 23, 27), Entity("Reuters", "ORG", 104, 111)],
        places=[PlaceMention("Hama", 23, 27, Place("Hama", 170017, 35.13, 36.75, "SY"))],
        times=[TimeMention("Thursday", 31, 39, "DATE", "2024-12-05")],
        quantities=[Quantity("500", 66, 69, 500.0, 500.0)],
        sentences=[(0, 56), (57, len(text))],
        claims=[build_claim(article_id, n) for n in range(claims)],
    )


def build_story(story_id: str = "s1", articles: tuple[str, ...] = ("a1", "a2")) -> Story:
    """A story with places, a claim group, mentions with attribution, and a conflict."""
    first = Mention(articles[0], f"{articles[0]}:c0", "500 people fled", 57, 72, [Attribution("Reuters", "according to", "reuters", "wire")], "Example Wire")
    second = Mention(articles[-1], f"{articles[-1]}:c0", "50 people fled", 57, 71, [], None)
    group = ClaimGroup(
        id=f"{story_id}:g0",
        summary="People fled Hama",
        mentions=[first, second],
        verdict="disputed",
        independent_origins=2,
        origins=["reuters", "example wire"],
        lineage=[["Example Wire", "Reuters"], ["Other Post"]],
        conflicts=[Conflict("number", first, second, "500 vs 50 people", values=("500", "50"))],
        event_type="FLEE",
    )
    return Story(
        id=story_id,
        title="Rebels enter Hama",
        articles=list(articles),
        places=[StoryPlace("Hama", 170017, 35.13, 36.75, "SY", mentions=4)],
        claims=[group, ClaimGroup(id=f"{story_id}:g1", summary="Army withdrew")],
    )


@pytest.fixture
def make_article():
    return build_article


@pytest.fixture
def make_story():
    return build_story


# --- backends -------------------------------------------------------------------------------

PG_URL_VAR = "CONSILIENCE_TEST_PG_URL"
PG_USER = "consilience"
BACKENDS = [pytest.param("sqlite", id="sqlite"), pytest.param("postgresql", id="postgresql", marks=pytest.mark.slow)]


def find_postgres_bin() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, else the newest Debian /usr/lib/postgresql/N/bin."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: p.parts[-3].zfill(4))
    return versions[-1].parent if versions else None


@dataclass
class ThrowawayCluster:
    """A PostgreSQL cluster in a temporary folder, for one test session."""

    bindir: Path
    folder: Path
    port: int = 0

    @property
    def url(self) -> str:
        return f"postgresql://{PG_USER}@127.0.0.1:{self.port}/postgres"

    def run(self, *args: str) -> subprocess.CompletedProcess:
        # initdb refuses to run as root: the server then runs as the Debian package's postgres user.
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run([*prefix, *args], capture_output=True, text=True, timeout=120, check=False)

    def start(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.folder, user="postgres")
        data = self.folder / "data"
        done = self.run(str(self.bindir / "initdb"), "-D", str(data), "-U", PG_USER, "-A", "trust",
                        "-E", "UTF8", "--no-locale", "-N")
        if done.returncode:
            raise RuntimeError(f"initdb failed: {done.stderr.strip()}")
        for _attempt in range(3):  # a free port may be taken between choosing and binding it
            self.port = free_port()
            # fsync and friends off: a throwaway cluster need not survive a crash, and tests run faster.
            options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} "
                       "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
            done = self.run(str(self.bindir / "pg_ctl"), "-D", str(data), "-l", str(self.folder / "server.log"),
                            "-w", "-t", "60", "-o", options, "start")
            if done.returncode == 0:
                return
        log_file = self.folder / "server.log"
        log = log_file.read_text(errors="replace")[-2000:] if log_file.exists() else ""
        raise RuntimeError(f"pg_ctl start failed: {done.stderr.strip()} {log}")

    def stop(self) -> None:
        self.run(str(self.bindir / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def with_schema(url: str, schema: str) -> str:
    """`url` with `schema` as the connection's search_path (a libpq `options` parameter)."""
    parts = urlsplit(url)
    query = "&".join(filter(None, [parts.query, f"options=-csearch_path%3D{schema}"]))
    return urlunsplit(parts._replace(query=query))


@pytest.fixture(scope="session")
def postgres_server():
    """URL of a PostgreSQL server for the tests: $CONSILIENCE_TEST_PG_URL or a throwaway cluster."""
    if os.environ.get(PG_URL_VAR):
        yield os.environ[PG_URL_VAR]
        return
    bindir = find_postgres_bin()
    if bindir is None:
        reason = f"PostgreSQL binaries (initdb, pg_ctl) not found: apt-get install postgresql, or set {PG_URL_VAR}"
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(f"{reason}. CI=true: the PostgreSQL tests must run in CI.")
        pytest.skip(reason)
    cluster = ThrowawayCluster(bindir, Path(tempfile.mkdtemp(prefix="consilience-pg-")))
    try:
        cluster.start()
        yield cluster.url
    finally:
        cluster.stop()


@pytest.fixture
def postgres_url(postgres_server):
    """URL of a fresh, empty schema on the test server (its search_path), dropped after the test.

    A schema, not a database: creating one is milliseconds where CREATE DATABASE copies a template.
    """
    import psycopg

    schema = f"consilience_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{schema}"')
    yield with_schema(postgres_server, schema)
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=BACKENDS)
def store_target(request, tmp_path) -> str:
    """What open_store takes for each backend: an SQLite file path, or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "consilience.db")
    return request.getfixturevalue("postgres_url")
