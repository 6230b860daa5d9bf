"""Finding time expressions in parsed reports (loads spaCy)."""

from __future__ import annotations

import time

import pytest

from consilience.annotate.times import find_times
from consilience.errors import ConsilienceError

REF = "2024-12-06"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    from consilience.annotate.nlp import load_nlp

    return load_nlp()


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("Rebels entered Hama on December 5, 2024.", REF, ("December 5, 2024", "DATE", "2024-12-05")),
        ("Rebels entered Hama on December 5.", REF, ("December 5", "DATE", "2024-12-05")),
        ("Rebels entered Hama on December 5.", None, ("December 5", "DATE", "XXXX-12-05")),
        ("The army withdrew on Thursday.", REF, ("Thursday", "DATE", "2024-12-05")),
        ("The army withdrew on Thursday.", None, ("Thursday", "DATE", "XXXX-WXX-4")),
        ("The ministry said yesterday that talks failed.", REF, ("yesterday", "DATE", "2024-12-05")),
        ("Fighting resumed last week.", REF, ("last week", "DATE", "2024-W48")),
        ("The group has held the town since 2011.", REF, ("2011", "DATE", "2011")),
        ("The war lasted 13 years.", REF, ("13 years", "DURATION", "P13Y")),
        ("Prices rose over the last two months.", REF, ("the last two months", "DURATION", "P2M")),
        ("The party ruled in the early 1970s.", REF, ("the early 1970s", "DATE", "197")),
        ("The dam was built in 2017-2019.", REF, ("2017-2019", "DATE", "2017")),
        ("The vote is due in December 2024.", REF, ("December 2024", "DATE", "2024-12")),
        ("The ceasefire is currently holding.", REF, ("currently", "DATE", "PRESENT_REF")),
        ("The city is now under rebel control.", REF, ("now", "DATE", "PRESENT_REF")),
        ("Shelling began at 10 a.m. in the north.", REF, ("10 a.m.", "TIME", "2024-12-06T10:00")),
    ],
)
def test_times_find_and_normalize(nlp, text, reference, expected):
    found = [(m.text, m.type, m.value) for m in find_times(nlp(text), reference)]
    assert expected in found


def test_times_offsets_point_into_the_text(nlp):
    text = "On Thursday, a few days ago, officials said the siege had lasted 13 years."
    for mention in find_times(nlp(text), REF):
        assert text[mention.start:mention.end] == mention.text


def test_times_range_end_and_mod_are_kept_in_reason(nlp):
    mentions = {m.text: m for m in find_times(nlp("Output fell in 2017-2019 and in the early 1970s."), REF)}
    assert "2019" in mentions["2017-2019"].reason
    assert "START" in mentions["the early 1970s"].reason


def test_times_garbage_date_has_reason_not_value(nlp):
    mentions = find_times(nlp("The deadline was December 32, officials said."), REF)
    bad = [m for m in mentions if "32" in m.text]
    assert bad and bad[0].value is None and "32" in bad[0].reason


def test_times_malformed_reference_raises(nlp):
    with pytest.raises(ConsilienceError):
        find_times(nlp("Yesterday it rained."), "yesterday")


def test_times_long_sentence_is_bounded(nlp):
    text = " ".join(["the army said on Thursday that"] * 850) + " it was over."  # ~5,100 words
    doc = nlp(text)
    started = time.perf_counter()
    mentions = find_times(doc, REF)
    assert time.perf_counter() - started < 30.0  # a hang guard, not a speed claim
    assert all(m.value == "2024-12-05" for m in mentions if m.text == "Thursday")
    assert len(mentions) >= 800


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister will visit Kyiv on Monday.", "2024-12-09"),
        ("The minister visited Kyiv on Monday.", "2024-12-02"),
    ],
)
def test_times_weekday_follows_clause_tense(nlp, text, expected):
    values = [m.value for m in find_times(nlp(text), REF) if m.text == "Monday"]
    assert values == [expected]


def test_times_split_joined_expressions_and_resolve_the_quarter(nlp):
    text = "Net income in the quarter ended Sept. 30 rose 5% from a year earlier."
    found = {m.text: m.value for m in find_times(nlp(text), "1989-10-26")}
    assert found.get("the quarter") == "1989-Q3"
    assert found.get("Sept. 30") == "1989-09-30"
    assert found.get("a year earlier") == "1988-Q3"


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        # a present passive looks ahead; a past or perfect clause looks back, however far
        ("The closing is expected in March.", "March", "2025-03"),
        ("The case is heard in May in the appeals court.", "May", "2025-05"),
        ("He stepped down as chairman in March.", "March", "2024-03"),
        ("Police have been searching for him since the Oct. 23 shooting.", "Oct. 23", "2024-10-23"),
        ("He was last seen Nov. 3, officials said.", "Nov. 3", "2024-11-03"),
        # a date set as a term ("payable", "until") is not placed by the verb's tense
        ("The board declared a dividend payable Jan. 2.", "Jan. 2", "2025-01-02"),
        ("The offer was extended to Jan. 20.", "Jan. 20", "2025-01-20"),
        ("Officials have scheduled a news conference Monday.", "Monday", "2024-12-09"),
        ("Envoys met over the weekend in Doha.", "the weekend", "2024-W48-WE"),
    ],
)
def test_times_year_less_dates_follow_clause_tense(nlp, text, surface, expected):
    values = [m.value for m in find_times(nlp(text), REF) if m.text == surface]
    assert values == [expected]


def test_times_anaphora_follow_the_last_mentioned_date(nlp):
    text = ("The doctor was shot on Oct. 23, 1998, at his home. Earlier that day, the family called police. "
            "The suspect fled to France the following year.")
    found = {m.text: m.value for m in find_times(nlp(text), "2001-04-02")}
    assert found.get("Oct. 23, 1998") == "1998-10-23"
    assert found.get("Earlier that day") == "1998-10-23"  # AQUAINT keeps "Earlier" in the extent
    assert found.get("the following year") == "1999"


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        # REF is Friday 2024-12-06
        ("His father could come to the U.S. as early as Tuesday.", "Tuesday", "2024-12-10"),
        ("The group would be ready to leave as soon as Tuesday, Castro said.", "Tuesday", "2024-12-10"),
        ("She said the father would be traveling to Washington Thursday.", "Thursday", "2024-12-12"),
        ("The stock is to resume trading in Paris Tuesday.", "Tuesday", "2024-12-10"),
        ("Officials could not be reached Wednesday.", "Wednesday", "2024-12-04"),
        ("The countries that were to accede to NATO on Friday signed.", "Friday", "2024-12-06"),
        ("Qantas will double its flights by June.", "June", "2025-06"),
        # a past-tense clause keeps its own tense under a future main clause
        ("The boy will stay even after a court Thursday refused to hear the case.", "Thursday", "2024-12-05"),
        # a past perfect arrangement was for a day already gone
        ("The offer had been due to expire Friday evening.", "Friday evening", "2024-12-06TEV"),
        ("The offer had been scheduled to expire on Thursday.", "Thursday", "2024-12-05"),
        # a past-tense arrangement "for" a date sets a date ahead (once read back as last year's)
        ("The judge set the sentencing for June 28 at 2 p.m.", "June 28", "2025-06-28"),
    ],
)
def test_times_modal_and_scheduled_clauses_look_ahead(nlp, text, surface, expected):
    values = [m.value for m in find_times(nlp(text), REF) if m.text == surface]
    assert values == [expected]


def test_times_find_holidays_year_lists_and_deictic_words(nlp):
    text = ("Flights resume after Thanksgiving Day. Abortions declined between 1982 and 1992. "
            "Classmates planned to apply for visas today at the mission.")
    found = {m.text: m.value for m in find_times(nlp(text), "1999-11-29")}
    assert found.get("Thanksgiving Day") == "1999-11-25"
    assert found.get("1982") == "1982"
    assert found.get("1992") == "1992"
    assert found.get("today") == "1999-11-29"


def test_times_garbage_and_overflow_in_text_do_not_crash(nlp):
    text = ("The deal closed 32 Novembre 2024. It happened 500000000 hours ago, or "
            "99999999999999999999 days ago, on Smarch 45th.")
    found = {m.text: (m.value, m.reason) for m in find_times(nlp(text), REF)}
    assert found["500000000 hours ago"] == ("PAST_REF", None)  # once an OverflowError
    value, reason = found["99999999999999999999 days ago"]
    assert value is None and reason
    assert not any(value and "-11-32" in value for value, _ in found.values())  # no fabricated day


def test_times_soon_is_a_timex_only_for_a_future_event(nlp):
    text = "Prosecutors may soon seek an indictment. The boy will leave as soon as possible, soon after the hearing."
    found = [(m.text, m.value) for m in find_times(nlp(text), REF) if "soon" in m.text.lower()]
    assert found == [("soon", "FUTURE_REF")]


def test_times_counted_spans_spacy_calls_quantities(nlp):
    text = ("Albright will then spend about 5 1/2 hours in Nairobi. The boy will stay for at least two more weeks. "
            "The men launched the revolution more than four decades ago in a rally.")
    found = {m.text: m.value for m in find_times(nlp(text), REF)}
    assert found.get("about 5 1/2 hours") == "PT5H30M"
    assert found.get("two more weeks") == "P2W"
    assert found.get("more than four decades ago") == "198"


def _found(nlp, text: str) -> list[tuple[str, str, str | None]]:
    return [(m.text, m.type, m.value) for m in find_times(nlp(text), REF)]


def test_times_terms_and_repetitions_read_ahead(nlp):
    assert _found(nlp, "The banks will stay shut until Tuesday.") == [("Tuesday", "DATE", "2024-12-10")]
    assert _found(nlp, "The banks remained closed until Tuesday.") == [("Tuesday", "DATE", "2024-12-03")]
    assert _found(nlp, "The councils meet once a month and report every four years.") == [
        ("once a month", "SET", "P1M"), ("every four years", "SET", "P4Y")]


def test_times_extents_leave_figures_and_fractions_out(nlp):
    assert _found(nlp, "The army now holds 20 towns, up from 17 last year.") == [
        ("now", "DATE", "PRESENT_REF"), ("last year", "DATE", "2023")]
    assert _found(nlp, "The rebels hold about a quarter of the country.") == []
    assert _found(nlp, "Parliament approved the budget in a late-night session.") == []
    assert _found(nlp, "Output fell in the three months to October.") == [
        ("the three months", "DURATION", "P3M"), ("October", "DATE", "2024-10")]


def test_times_parts_of_named_days_are_times_of_that_day(nlp):
    assert _found(nlp, "The town fell in the early hours of Monday morning.") == [("Monday morning", "TIME", "2024-12-02TMO")]
    assert _found(nlp, "Fighting began on the morning of December 5.") == [
        ("the morning of December 5", "TIME", "2024-12-05TMO")]
    assert _found(nlp, "The town fell at 10 p.m. on Tuesday.") == [
        ("10 p.m.", "TIME", "2024-12-03T22:00"), ("Tuesday", "DATE", "2024-12-03")]


def test_times_current_and_one_day_name_the_present_and_the_future(nlp):
    assert _found(nlp, "The government's current plan is to hold the city.") == [("current", "DATE", "PRESENT_REF")]
    assert _found(nlp, "The rebels hope they will one day return, but stayed one day.") == [
        ("one day", "DATE", "FUTURE_REF"), ("one day", "DURATION", "P1D")]
    assert _found(nlp, "The current of the river was strong.") == []


def test_times_seasons_and_wire_clocks_are_found_and_dated(nlp):
    found = {m.text: m.value for m in find_times(nlp(
        "The resort will reopen in the autumn. Voting closed at 1600 GMT on Thursday, "
        "and he spoke at 3.30pm local time on 4 December."), REF)}
    # said in December, "will reopen in the autumn" is next autumn
    assert found == {"the autumn": "2025-FA", "1600 GMT": "2024-12-05T16:00", "Thursday": "2024-12-05",
                     "3.30pm": "2024-12-04T15:30", "4 December": "2024-12-04"}


def test_times_fiscal_quarter_spacy_leaves_untagged_is_found(nlp):
    text = "It posted net income for the fiscal second-quarter of $8.6 million. After a flat second quarter, it grew."
    found = [(m.text, m.value) for m in find_times(nlp(text), REF)]
    assert found == [("fiscal second-quarter", "2024-Q2"), ("second quarter", "2024-Q2")]


def test_times_early_hours_and_the_following_day(nlp):
    text = "The deal, struck in the early hours of Monday, was rejected by parliament the following day."
    assert [(m.text, m.value) for m in find_times(nlp(text), REF)] == [
        ("Monday", "2024-12-02"), ("the following day", "2024-12-03")]


def test_times_wire_clocks_take_the_day_named_after_their_zone(nlp):
    text = "Polls closed at 8 p.m. local time (1900 GMT) on Sunday, and the count began at noon ET on Monday."
    found = [(m.text, m.value) for m in find_times(nlp(text), REF)]
    assert ("1900 GMT", "2024-12-01T19:00") in found
    assert ("noon", "2024-12-02T12:00") in found


def test_times_present_tense_weekday_lies_ahead_and_said_on_day_looks_back(nlp):
    # REF is Friday 2024-12-06
    assert _found(nlp, "The trial resumes Monday.") == [("Monday", "DATE", "2024-12-09")]
    assert _found(nlp, "The company said on Tuesday it would cut 1,000 jobs.") == [("Tuesday", "DATE", "2024-12-03")]


def test_times_a_year_inside_an_event_name_is_found(nlp):
    assert _found(nlp, "The 2014 World Cup will be held in Brazil.") == [("2014", "DATE", "2014")]


def test_times_generic_today_is_not_the_report_day(nlp):
    assert _found(nlp, "The case is for today's youth what the blockade was for their parents.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a web page's dateline on its own line: the day of the line above is not this date's
        ("Phone preorders launch on April 29\nApril 24, 2013\nThe new phone will be available soon.",
         [("April 29", "XXXX-04-29"), ("April 24, 2013", "2013-04-24")]),
        # the hour of a clock written after the date (tokenised "11: 25am") is no part of the date
        ("Published on: 11 November 2011 - 11: 25am\nA camp was bombed.", [("11 November 2011", "2011-11-11")]),
        ("Saturday, 28 September 2013 01: 43\nA jury convicted a man.", [("Saturday, 28 September 2013", "2013-09-28")]),
    ],
)
def test_times_web_datelines(nlp, text, expected):
    found = [(m.text, m.value) for m in find_times(nlp(text), None) if m.value]
    assert found[:len(expected)] == expected


def test_times_offset_from_now_is_one_date(nlp):
    # spaCy's DATE stops at "two weeks"; TIMEX3 marks the whole offset as one DATE, not a duration and "now"
    assert _found(nlp, "The report is due two weeks from now.") == [("two weeks from now", "DATE", "2024-W51")]


def test_times_ordinal_day_in_apposition_takes_the_named_day(nlp):
    found = _found(nlp, "The cardinals voted on Thursday, the second day of the conclave.")
    assert ("the second day", "DATE", "2024-12-05") in found


def test_times_second_year_of_a_range_and_early_wire_clocks_are_found(nlp):
    # spaCy tags only "2009" in "from 2009 to 2011"; "0900 GMT" is a clock like "1600 GMT"
    assert _found(nlp, "The program ran from 2009 to 2011.") == [("2009", "DATE", "2009"), ("2011", "DATE", "2011")]
    assert _found(nlp, "The blast occurred at 0900 GMT.") == [("0900 GMT", "TIME", "2024-12-06T09:00")]
    # the same moment restated in parentheses is no timex of its own (AQUAINT leaves it out)
    assert [m.text for m in find_times(nlp("It occurred at about 10:35 a.m. (0735 GMT) Friday."), REF)] == [
        "about 10:35 a.m.", "Friday"]


def test_times_earnings_shorthand_and_full_year(nlp):
    # said in March: "Q4" and "full-year" are the year just reported; "full-year 2013" names its year
    found = [(m.text, m.value) for m in find_times(nlp(
        "The bank reported Q4 earnings. Full-year profit rose, and it expects full-year 2013 sales to grow."), "2013-03-14")]
    assert found == [("Q4", "2012-Q4"), ("Full-year", "2012"), ("full-year 2013", "2013")]


def test_times_period_comparisons_are_no_timex(nlp):
    # "year on year" compares two periods; spaCy tags each "year" as a DATE
    assert _found(nlp, "Exports rose 21.8 percent year on year in November. Year-on-year growth slowed.") == [
        ("November", "DATE", "2024-11")]


def test_times_holiday_weekday_is_the_holiday(nlp):
    # spaCy tags "Sunday" alone in "Easter Sunday"; the holiday names the day (Easter 2024: March 31)
    assert _found(nlp, "Crowds gathered on Easter Sunday.") == [("Easter Sunday", "DATE", "2024-03-31")]


def test_times_bill_and_flight_numbers_are_no_years(nlp):
    found = _found(nlp, "The legislature passed SB 1062 last week, and Flight 1549 landed in the Hudson in January 2009.")
    assert [text for text, _, _ in found] == ["last week", "January 2009"]


def test_times_that_month_is_the_month_of_the_year_last_named(nlp):
    text = "In an October 2012 interview, Christie praised Obama. He was seen that October with him. That summer he ran."
    found = [(m.text, m.value) for m in find_times(nlp(text), "2015-06-30")]
    assert found == [("October 2012", "2012-10"), ("October", "2012-10"), ("That summer", "2012-SU")]


def test_times_counted_repetition_is_one_set(nlp):
    # spaCy tags "a year" in "twice a year"; TIMEX3 marks the repetition as one SET
    assert _found(nlp, "The agency publishes the data twice a year.") == [("twice a year", "SET", "P1Y")]


def test_times_a_length_and_the_date_it_runs_to_are_two_expressions(nlp):
    # spaCy tags "four decades this summer" as one DATE; TimeML marks the length and the date apart
    assert _found(nlp, "Inflation hit its highest level in four decades this summer.") == [
        ("four decades", "DURATION", "P40Y"), ("this summer", "DATE", "2024-SU")]
