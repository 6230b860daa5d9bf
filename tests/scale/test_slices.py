import pytest

from consilience.model import Article
from consilience.scale.slices import taper_slices


def _articles(n: int) -> list[Article]:
    return [Article(id=f"a{i}", text=f"report {i}", source="wire", path=f"r{i}.txt") for i in range(n)]


@pytest.mark.parametrize("reports, workers, sizes", [
    (44, 2, [11, 9, 6, 5, 4, 4, 3, 1, 1]),
    (128, 2, [16, 16, 16, 16, 16, 12, 9, 7, 5, 4, 4, 4, 2, 1]),
    # a handful of reports: still one slice per worker
    (2, 2, [1, 1]),
    (6, 2, [3, 2, 1]),
    (0, 2, []),
])
def test_slices_taper_towards_the_end(reports, workers, sizes):
    articles = _articles(reports)
    slices = taper_slices(articles, workers, most=16, least=4)
    assert [len(s) for s in slices] == sizes
    assert [a for s in slices for a in s] == articles


def test_slices_taper_never_exceed_most_and_never_grow():
    slices = taper_slices(_articles(300), 2, most=16, least=4)
    sizes = [len(s) for s in slices]
    assert max(sizes) == 16
    assert sizes == sorted(sizes, reverse=True)
    assert sum(sizes) == 300
