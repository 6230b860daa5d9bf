"""Resolving discourse-dependent time expressions (no spaCy)."""

from __future__ import annotations

from datetime import date

from consilience.annotate.timex import Timex, interpret_timex
from consilience.annotate.timex_context import (
    last_completed_quarter,
    resolve_in_context,
)

REF = "1989-10-26"


def _resolve(text: str, surfaces: list[str]) -> list[str | None]:
    found, cursor = [], 0
    for surface in surfaces:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        found.append((start, cursor, interpret_timex(surface, REF)))
    return [t.value for t in resolve_in_context(text, found, date.fromisoformat(REF))]


def test_timex_context_last_completed_quarter():
    assert last_completed_quarter(date(1989, 10, 26)) == (1989, 3)
    assert last_completed_quarter(date(1990, 2, 1)) == (1989, 4)


def test_timex_context_quarter_and_year_earlier_follow_the_named_quarter():
    text = "Profit rose in the second quarter. In the quarter, sales fell from a year earlier."
    assert _resolve(text, ["the second quarter", "the quarter", "a year earlier"]) == ["1989-Q2", "1989-Q2", "1988-Q2"]


def test_timex_context_year_earlier_after_nine_months_is_the_year():
    text = ("Profit rose in the third quarter. For the nine months, net fell from $9 million a year earlier. "
            "In the quarter, sales rose from a year earlier.")
    surfaces = ["the third quarter", "the nine months", "a year earlier", "the quarter", "a year earlier"]
    assert _resolve(text, surfaces) == ["1989-Q3", "P9M", "1988", "1989-Q3", "1988-Q3"]


def test_timex_context_year_ago_without_quarter_talk_is_a_year():
    text = "The mayor was elected a year earlier."
    assert _resolve(text, ["a year earlier"]) == ["1988"]


def test_timex_context_year_ended_is_a_duration():
    text = "Net income for the year ended March 31 doubled; the year was good."
    found = [(text.index("the year"), text.index("the year") + 8, interpret_timex("the year", REF))]
    (timex,) = resolve_in_context(text, found, date.fromisoformat(REF))
    assert (timex.type, timex.value) == ("DURATION", "P1Y")


def test_timex_context_without_reference_changes_nothing():
    timex = Timex("DATE", None)
    assert resolve_in_context("the quarter", [(0, 11, timex)], None) == [timex]


def test_timex_context_anaphora_follow_the_last_named_date():
    text = "He fled in June 1988 and returned later that year. The following month he left. That day was cold."
    surfaces = ["June 1988", "later that year", "The following month"]
    assert _resolve(text, surfaces) == ["1988-06", "1988", "1988-07"]


def test_timex_context_previous_weekday_and_next_morning_count_from_the_named_day():
    text = "The talks ended Oct. 20. The previous Friday, envoys met; they met again the next morning."
    assert _resolve(text, ["Oct. 20", "The previous Friday", "the next morning"]) == [
        "1989-10-20", "1989-10-13", "1989-10-14TMO"]


def test_timex_context_anaphora_without_a_named_date_keep_the_report_reading():
    assert _resolve("He left that year.", ["that year"]) == [None]
    # "the morning" read against the report is no anchor for "that day"
    text = "Rain fell in the morning, and that day the market shut. Next year is an election year."
    assert _resolve(text, ["the morning", "that day", "Next year"]) == ["1989-10-26TMO", None, "1990"]


def test_timex_context_year_quarter_takes_the_reported_quarter():
    text = "Net rose in the third quarter, against a loss in the 1988 quarter."
    assert _resolve(text, ["the third quarter", "the 1988 quarter"]) == ["1989-Q3", "1988-Q3"]


def test_timex_context_a_quarter_still_to_come_is_not_the_reported_one():
    text = "It expects a fourth-quarter charge. In the latest quarter, sales fell."
    assert _resolve(text, ["a fourth-quarter", "the latest quarter"]) == ["1989-Q4", "1989-Q3"]


def test_timex_context_a_historical_quarter_does_not_become_the_reported_one():
    text = "Sales matched the third quarter of 1984. In the quarter, profit fell."
    assert _resolve(text, ["the third quarter of 1984", "the quarter"]) == ["1984-Q3", "1989-Q3"]


def test_timex_context_bare_clock_time_is_on_the_last_mentioned_day():
    text = "The doctor was shot on Oct. 23 in his kitchen. He died at 10 p.m. in hospital."
    assert _resolve(text, ["Oct. 23", "10 p.m."]) == ["1989-10-23", "1989-10-23T22:00"]


def test_timex_context_bare_clock_time_without_a_named_day_stays_on_the_report_day():
    text = "Shelling began at 10 a.m. in the north."
    assert _resolve(text, ["10 a.m."]) == ["1989-10-26T10:00"]


def test_timex_context_clock_takes_the_day_named_right_after_it():
    text = "The plant closed at 5 p.m. on Oct. 20 and the offer expired at midnight, Oct. 24."
    assert _resolve(text, ["5 p.m.", "Oct. 20", "midnight", "Oct. 24"]) == [
        "1989-10-20T17:00", "1989-10-20", "1989-10-24T24:00", "1989-10-24"]


def test_timex_context_one_day_after_a_modal_is_the_future():
    text = "The firm will one day be public; the strike lasted one day."
    assert _resolve(text, ["one day", "one day"]) == ["FUTURE_REF", "P1D"]


def test_timex_context_clock_takes_the_day_named_right_before_it():
    text = "Trading resumes tomorrow at 9 a.m.; the blast came at about 10:35 a.m. (0735 GMT) Monday."
    assert _resolve(text, ["tomorrow", "9 a.m.", "about 10:35 a.m.", "Monday"]) == [
        "1989-10-27", "1989-10-27T09:00", "1989-10-23T10:35", "1989-10-23"]


def test_timex_context_today_anchors_the_day_after_it():
    text = "Talks failed on Monday. Whatever happens today, later in the day the envoy flies home."
    assert _resolve(text, ["Monday", "today", "the day"]) == ["1989-10-23", "1989-10-26", "1989-10-26"]


def test_timex_context_bare_day_week_and_month_without_a_named_date_are_the_report_ones():
    text = "Later in the day he left; for the week the index fell, and during the month it rose."
    assert _resolve(text, ["the day", "the week", "the month"]) == ["1989-10-26", "1989-W43", "1989-10"]


def test_timex_context_the_year_before_counts_back_from_the_last_named_year():
    text = "Unemployment is 12 percent, up from 9 percent the year before. In 1985 it fell; the year before, it rose."
    assert _resolve(text, ["the year before", "1985", "the year before"]) == ["1988", "1985", "1984"]


def test_timex_context_offsets_with_earlier_count_from_the_last_named_date():
    text = "The bank collapsed in June 1985. A month earlier, its chief quit; two days before, nothing was known."
    assert _resolve(text, ["June 1985", "A month earlier", "two days before"]) == ["1985-06", "1985-05", None]


def test_timex_context_same_period_last_year_follows_quarter_talk():
    text = "Sales in the third quarter rose from the same period last year."
    assert _resolve(text, ["the third quarter", "the same period last year"]) == ["1989-Q3", "1988-Q3"]
    assert _resolve("Exports rose from the same period last year.", ["the same period last year"]) == ["1988"]


def test_timex_context_a_fraction_named_quarter_is_no_quarter_talk():
    text = "A quarter of voters stayed home; turnout was down from a year earlier."
    assert _resolve(text, ["a year earlier"]) == ["1988"]


def test_timex_context_a_quarter_described_in_passing_is_not_the_reported_one():
    text = "Net rose in the third quarter. After a flat second quarter, sales in the quarter rose."
    assert _resolve(text, ["the third quarter", "second quarter", "the quarter"]) == ["1989-Q3", "1989-Q2", "1989-Q3"]


def test_timex_context_following_week_and_that_week_count_from_the_named_day():
    text = "The vote was on Oct. 10. The following week banks closed; the week before, and that week, they had not."
    surfaces = ["Oct. 10", "The following week", "the week before", "that week"]
    assert _resolve(text, surfaces) == ["1989-10-10", "1989-W42", "1989-W40", "1989-W41"]


def test_timex_context_the_day_before_an_event_has_no_value():
    text = "He arrived on Oct. 10, the day before the vote. On Oct. 20 he left; the day before, he had called."
    assert _resolve(text, ["Oct. 10", "the day before", "Oct. 20", "the day before"]) == [
        "1989-10-10", None, "1989-10-20", "1989-10-19"]


def test_timex_context_a_named_week_anchors_that_week():
    text = "Talks were held last week. Later that week the envoys met; the following week they left."
    assert _resolve(text, ["last week", "that week", "the following week"]) == ["1989-W42", "1989-W42", "1989-W43"]


def test_timex_context_clock_restated_in_another_zone_takes_the_day_after_the_parenthesis():
    text = "The blast came at 8 p.m. local time (1900 GMT) on Sunday."
    assert _resolve(text, ["8 p.m.", "1900 GMT", "Sunday"]) == ["1989-10-22T20:00", "1989-10-22T19:00", "1989-10-22"]


def test_timex_context_clock_takes_the_day_its_parenthesis_names():
    text = "He will leave at 4 in the morning (4 a.m. EDT Friday), Castro said."
    # no clause tense here, so "Friday" is the last one; the clock follows whatever day the parenthesis has
    assert _resolve(text, ["4 in the morning", "4 a.m. EDT Friday"]) == ["1989-10-20T04:00", "1989-10-20T04:00"]


def test_timex_context_ordinal_day_in_apposition_is_that_day():
    text = "The pope was elected on Thursday, the second day of the conclave."
    assert _resolve(text, ["Thursday", "the second day"]) == ["1989-10-26", "1989-10-26"]


def test_timex_context_ordinal_day_of_the_present_is_the_report_day():
    text = "Today is the eighth day of the strike. It's the second day of an offensive."
    assert _resolve(text, ["Today", "the eighth day", "the second day"]) == ["1989-10-26"] * 3


def test_timex_context_ordinal_day_counted_from_an_event_keeps_no_value():
    text = "The festival ended on Sunday. The third day was the best."
    assert _resolve(text, ["Sunday", "The third day"])[1] is None


def test_timex_context_midday_takes_the_last_named_day():
    text = "The storm arrived on Tuesday and left by midday."
    assert _resolve(text, ["Tuesday", "midday"]) == ["1989-10-24", "1989-10-24T12:00"]


def test_timex_context_full_year_in_earnings_news_is_the_reported_year():
    text = "Fourth-quarter profit fell. Full-year profit rose."
    found = []
    for surface in ("Fourth-quarter", "Full-year"):
        start = text.index(surface)
        found.append((start, start + len(surface), interpret_timex(surface, "1990-02-01", "past")))
    values = [t.value for t in resolve_in_context(text, found, date(1990, 2, 1))]
    assert values == ["1989-Q4", "1989"]


def test_timex_context_offset_before_any_named_date_counts_from_the_report():
    # "A week earlier, on Oct. 19, ...": nothing named before it, so the report's date is the reference
    text = "A week earlier, on Oct. 19, the two sides had met."
    assert _resolve(text, ["A week earlier", "Oct. 19"]) == ["1989-W42", "1989-10-19"]


def test_timex_context_modified_offset_counts_from_the_named_date():
    text = "He was shot on Aug. 9. About a year earlier, two men hired a lawyer."
    assert _resolve(text, ["Aug. 9", "About a year earlier"]) == ["1989-08-09", "1988"]


def test_timex_context_ordinal_day_before_a_weekday_is_that_day():
    text = "Obama criticised Ryan for the second straight day Tuesday."
    assert _resolve(text, ["the second straight day", "Tuesday"]) == ["1989-10-24", "1989-10-24"]


def test_timex_context_that_same_year_and_the_end_of_that_week_follow_the_named_date():
    text = "He was elected on Oct. 3, 1988. That same year he moved; at the end of that week he spoke."
    values = _resolve(text, ["Oct. 3, 1988", "That same year", "the end of that week"])
    assert values == ["1988-10-03", "1988", "1988-W40"]
