"""Shared fixtures: the shipped example corpus, the founding seeds, and one analysis of each."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "hama"
SEEDS = REPO.parent / "shared" / "seeds"
EVAL = REPO.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def example_dir() -> Path:
    return EXAMPLE


@pytest.fixture(scope="session")
def example_analysis():
    """The shipped four-report example, analysed once per test session without a store."""
    from consilience import analyze

    return analyze(sorted(EXAMPLE.glob("*.txt")), store=False)


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    paths = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not paths:
        pytest.skip(f"founding seeds not found at {SEEDS} (they live in ../shared/seeds beside the repository)")
    return paths


@pytest.fixture(scope="session")
def seed_analysis(seed_paths):
    from consilience import analyze

    return analyze(seed_paths, store=False)
