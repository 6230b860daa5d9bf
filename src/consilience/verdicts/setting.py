"""What a claim's sentence says around the claim: when the reported statement was made (verdicts stage).

"Boehner said on Monday that ..." vs "Boehner said in an interview Tuesday that ...": the claims
agree, the reports do not agree on when it was said. The day of the statement sits in the
attribution part of the sentence, outside every claim, so the claim itself never carries it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..model import Article, Claim, TimeMention

# A time inside the claim that dates the interview, not what was said ("in an interview Tuesday").
_INTERVIEW_TIME = re.compile(r"\b(?:interview|appearance|speech|statement|remarks?|briefing)\s+(?:on\s+)?$",
                             re.IGNORECASE)
# How far from its speaker a time may sit and still date the statement ("X said on Monday",
# "X, issued last month,"); further away it dates something else the sentence tells.
_NEAR_SPEAKER = 30
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")


@dataclass(frozen=True)
class Setting:
    """Facts of a claim's sentence that belong to its attribution, not to its content."""

    statement_times: tuple[TimeMention, ...] = ()


def time_interval(value: str | None, text: str = "") -> tuple[date, date] | None:
    """The days a TIMEX3 date value covers, for day, week, weekend and month values; None otherwise.

    text: the expression as written; "over the weekend" normalised to one day covers the weekend.

    Years are left out on purpose: "in 2012" rarely dates the same happening as a second report's
    day, and a year is too coarse to tell a statement's day apart.
    """
    if not value:
        return None
    try:
        if match := _DAY.match(value):
            day = date(int(match[1]), int(match[2]), int(match[3]))
            if "weekend" in text.lower():
                saturday = day - timedelta(days=(day.weekday() - 5) % 7)
                return saturday, saturday + timedelta(days=1)
            return day, day
        if match := _MONTH.match(value):
            first = date(int(match[1]), int(match[2]), 1)
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - timedelta(days=1)
        if match := _WEEK.match(value):
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
            return (monday + timedelta(days=5), monday + timedelta(days=6)) if match[3] else \
                (monday, monday + timedelta(days=6))
    except ValueError:
        return None  # "2012-13", "2012-W60": a value no calendar holds
    return None


def intervals_disjoint(a: list[tuple[date, date]], b: list[tuple[date, date]]) -> bool:
    """Whether no day of any interval in `a` is a day of an interval in `b` (both non-empty)."""
    return bool(a and b) and all(x[1] < y[0] or y[1] < x[0] for x in a for y in b)


def intervals_overlap(a: list[tuple[date, date]], b: list[tuple[date, date]]) -> bool:
    """Whether some day of an interval in `a` is a day of an interval in `b`."""
    return bool(a and b) and not intervals_disjoint(a, b)


def settle_claims(article: Article) -> dict[str, Setting]:
    """The setting of every attributed claim of one report, by claim id."""
    by_sentence: dict[int, list[Claim]] = {}
    for claim in article.claims:
        by_sentence.setdefault(claim.sentence, []).append(claim)
    settings: dict[str, Setting] = {}
    for index, claims in by_sentence.items():
        if index >= len(article.sentences):
            continue
        start, end = article.sentences[index]
        times = [t for t in article.times if start <= t.start and t.end <= end and t.type == "DATE"]
        outside = [t for t in times if not any(c.start <= t.start and t.end <= c.end for c in claims)]
        for claim in claims:
            speaker = claim.attribution[-1] if claim.attribution else None
            if speaker is None or speaker.start is None or speaker.end is None:
                continue
            near = [t for t in outside if t.start < speaker.end + _NEAR_SPEAKER and t.end > speaker.start - _NEAR_SPEAKER]
            interview = [t for t in times if claim.start <= t.start and t.end <= claim.end
                         and _INTERVIEW_TIME.search(article.text[max(claim.start, t.start - 40):t.start])]
            settings[claim.id] = Setting(tuple(near + interview))
    return settings
