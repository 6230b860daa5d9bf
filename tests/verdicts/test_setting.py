"""The setting of a claim: TIMEX3 values as day intervals, and the days that date a statement."""

from __future__ import annotations

from datetime import date

import pytest

from consilience.model import Article, Attribution, Claim, TimeMention
from consilience.verdicts.setting import intervals_disjoint, settle_claims, time_interval


@pytest.mark.parametrize(
    ("value", "interval"),
    [
        ("2012-04-23", (date(2012, 4, 23), date(2012, 4, 23))),
        ("2012-02", (date(2012, 2, 1), date(2012, 2, 29))),
        ("2012-12", (date(2012, 12, 1), date(2012, 12, 31))),
        ("2012-W17", (date(2012, 4, 23), date(2012, 4, 29))),
        ("2011-W21-WE", (date(2011, 5, 28), date(2011, 5, 29))),
        ("2012", None),  # years are too coarse
        ("PRESENT_REF", None),
        ("2012-13", None),
        (None, None),
    ],
)
def test_setting_time_interval(value, interval):
    assert time_interval(value) == interval


def test_setting_intervals_disjoint():
    day = (date(2012, 4, 23), date(2012, 4, 23))
    week = (date(2012, 4, 23), date(2012, 4, 29))
    other = (date(2012, 4, 30), date(2012, 4, 30))
    assert not intervals_disjoint([day], [week])
    assert intervals_disjoint([day], [other])
    assert not intervals_disjoint([], [other])


def test_setting_statement_days_sit_near_the_speaker_or_date_an_interview():
    text = ("Boehner said on Monday that Republicans could lose the House in November. "
            "Boehner spoke of a 1 in 3 chance in an interview Tuesday on Fox News. "
            "Steele drew fierce criticism and calls to resign on Friday after declaring that the war was lost.")
    second, third = text.index("Boehner spoke"), text.index("Steele")

    def span(words: str) -> tuple[int, int]:
        start = text.index(words)
        return start, start + len(words)

    def time(words: str, value: str) -> TimeMention:
        return TimeMention(words, *span(words), "DATE", value)

    def said(source_start: int, source: str) -> list[Attribution]:
        return [Attribution(source, "said", source.lower(), "person", source_start, source_start + len(source))]

    first_claim = span("Republicans could lose the House in November")
    second_claim = second + 8, third - 2
    third_claim = span("the war was lost")
    claims = [
        Claim("x-c0", "x", text[slice(*first_claim)], *first_claim, 0, attribution=said(0, "Boehner")),
        Claim("x-c1", "x", text[slice(*second_claim)], *second_claim, 1, attribution=said(second, "Boehner")),
        Claim("x-c2", "x", text[slice(*third_claim)], *third_claim, 2, attribution=said(third, "Steele")),
        Claim("x-c3", "x", "a claim of the report itself", 0, 10, 0),
    ]
    article = Article("x", text, "Test", sentences=[(0, second - 1), (second, third - 1), (third, len(text))],
                      times=[time("Monday", "2012-04-23"), time("November", "2012-11"), time("Tuesday", "2012-04-24"),
                             time("Friday", "2012-04-20")],
                      claims=claims)
    settings = settle_claims(article)
    assert [t.text for t in settings["x-c0"].statement_times] == ["Monday"]  # "November" is the content's
    assert [t.text for t in settings["x-c1"].statement_times] == ["Tuesday"]  # the interview's day
    assert settings["x-c2"].statement_times == ()  # Friday dates the criticism, far from the speaker
    assert "x-c3" not in settings  # no attribution: nothing was said


def test_setting_weekend_read_as_one_day_covers_the_weekend():
    assert time_interval("2012-02-19", "over the weekend") == (date(2012, 2, 18), date(2012, 2, 19))
