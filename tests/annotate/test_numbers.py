"""Reading numbers in digits and words."""

from __future__ import annotations

import pytest

from consilience.annotate.numbers import parse_number, read_number, split_words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("460,000", 460000), ("1.2 million", 1_200_000), ("half a million", 500_000), ("two", 2),
        ("twenty-five", 25), ("three hundred", 300), ("a dozen", 12), ("two and a half million", 2_500_000),
        ("a million", 1_000_000), ("1,000,000", 1_000_000),
    ],
)
def test_numbers_parse_digits_and_words(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["more", "a", "", "10^400", "1" * 500, "9" * 16, "twenty people"])
def test_numbers_refuse_non_numbers_and_absurd_values(text):
    assert parse_number(text) is None


def test_numbers_read_number_reports_words_used():
    assert read_number(split_words("half a million people fled")) == (500_000, 3)
