"""Normalising credited sources to comparable upstream origins (claims.origins)."""

import pytest

from consilience.claims.origins import is_media_noun, normalize_origin


@pytest.mark.parametrize(
    ("source", "origin", "kind"),
    [
        # wire aliases collapse to one key
        ("Reuters", "reuters", "wire"),
        ("Thomson Reuters", "reuters", "wire"),
        ("a Reuters correspondent", "reuters", "wire"),
        ("Reuters'", "reuters", "wire"),
        ("the Associated Press", "associated press", "wire"),
        ("AP", "associated press", "wire"),
        ("Agence France-Presse", "afp", "wire"),
        ("AFP", "afp", "wire"),
        ("Xinhua", "xinhua", "wire"),
        ("RIA Novosti", "ria novosti", "wire"),
        ("the Syrian Arab News Agency", "sana", "wire"),
        # broadcasters and outlets
        ("Al-Jazeera", "al jazeera", "broadcaster"),
        ("Syrian state television", "syrian state tv", "broadcaster"),
        ("Syrian state TV", "syrian state tv", "broadcaster"),
        ("CNN's Jake Tapper", "cnn", "broadcaster"),
        ("The New York Times", "new york times", "outlet"),
        ("the Guardian", "guardian", "outlet"),
        ("the Kyiv Independent", "kyiv independent", "outlet"),
        # army variants -> one military origin
        ("Representatives of the Syrian army", "syrian army", "military"),
        ("representatives of the Syrian army", "syrian army", "military"),
        ("the Syrian army command", "syrian army", "military"),
        ("Syria's armed forces", "syrian army", "military"),
        ("the army of Syria", "syrian army", "military"),
        ("sources in the Syrian army", "syrian army", "military"),
        ("the army command", "army", "military"),
        ("the army", "army", "military"),
        # ministries and named bodies
        ("the Syrian Ministry of Defence", "syrian defence ministry", "military"),
        ("the Russian Defence Ministry", "russian defence ministry", "military"),
        ("Russia's Ministry of Defense", "russian defence ministry", "military"),
        ("the Ministry of Defence of Russia", "russian defence ministry", "military"),
        ("the Kremlin", "kremlin", "official"),
        ("a spokesman for the Kremlin", "kremlin", "official"),
        ("the Pentagon", "pentagon", "military"),
        ("The White House", "white house", "official"),
        ("officials from the State Department", "state department", "official"),
        ("Ukrainian intelligence", "ukrainian intelligence", "intelligence"),
        ("Ukraine's military intelligence", "ukrainian intelligence", "intelligence"),
        ("the Syrian Observatory for Human Rights", "syrian observatory for human rights", "official"),
        ("Ukrainian officials", "ukrainian government", "official"),
        # people and unknown sources keep their own noun phrase
        ("Dmitry Peskov", "dmitry peskov", "person"),
        ("Defence Minister Sergei Shoigu", "sergei shoigu", "person"),
        ("a military spokesman", "military spokesman", "person"),
        ("local residents", "local residents", "unknown"),
        ("the witnesses", "witnesses", "unknown"),
    ],
)
def test_origins_normalize_known_and_unknown_sources(source, origin, kind):
    assert normalize_origin(source) == (origin, kind)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("AP", ("associated press", "wire")),
        ("ap", ("ap", "unknown")),  # lowercase word is not the agency
        ("RT", ("rt", "broadcaster")),
        ("rt", ("rt", "unknown")),
    ],
)
def test_origins_acronyms_match_case_sensitively(source, expected):
    assert normalize_origin(source) == expected


def test_origins_person_label_forces_person_kind():
    assert normalize_origin("Abdullah", label="PERSON") == ("abdullah", "person")
    assert normalize_origin("Abdullah") == ("abdullah", "unknown")


def test_origins_empty_source_is_unknown():
    assert normalize_origin("  ") == ("", "unknown")


@pytest.mark.parametrize(("source", "expected"), [("the outlet", True), ("The newspaper", True), ("Reuters", False)])
def test_origins_media_nouns_are_stand_ins(source, expected):
    assert is_media_noun(source) is expected
