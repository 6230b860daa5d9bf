import pytest

from consilience.ingest.language import guess_language

ENGLISH = {
    "short": "Ukrainian President Volodymyr Zelenskiy met Emmanuel Macron in Paris on Monday.",
    "names": "Abu Mohammed al-Jolani of Hayat Tahrir al-Sham said fighters had reached Hama, Homs and Aleppo.",
    "headline_style": "Hama falls to HTS as Syrian army withdraws",
    "quoting_french": "Le Monde reported that the minister had resigned, citing a letter sent to the president.",
    "long": (
        "The central bank raised its main interest rate by half a point on Tuesday, the bank said in a statement. "
        "It was the third increase this year, and analysts said more were likely if prices kept rising. "
        "The governor told reporters that the decision had been unanimous and that the board would meet again in March."
    ),
}

FOREIGN = {
    "French": (
        "Le président de la République a annoncé mardi que les forces armées se retireraient de la ville "
        "dans les prochains jours, selon un communiqué publié par le ministère.",
        "French",
    ),
    "German": (
        "Die Regierung hat am Dienstag angekündigt, dass die Truppen in den nächsten Tagen aus der Stadt "
        "abgezogen werden, wie ein Sprecher des Ministeriums sagte.",
        "German",
    ),
    "Russian": (
        "Правительство во вторник объявило, что войска будут выведены из города в ближайшие дни, "
        "сообщил представитель министерства.",
        "Cyrillic",
    ),
    "Arabic": (
        "أعلنت الحكومة يوم الثلاثاء أن القوات ستنسحب من المدينة في الأيام المقبلة، حسبما قال متحدث باسم الوزارة.",
        "Arabic",
    ),
}


@pytest.mark.parametrize("text", ENGLISH.values(), ids=ENGLISH.keys())
def test_language_accepts_english(text):
    assert guess_language(text).english


@pytest.mark.parametrize("text, named", FOREIGN.values(), ids=FOREIGN.keys())
def test_language_refuses_other_languages_and_names_them(text, named):
    guess = guess_language(text)
    assert not guess.english
    assert named in guess.detail


def test_language_refuses_latin_text_without_english_words():
    finnish = (
        "Hallitus ilmoitti tiistaina, että joukot vedetään kaupungista lähipäivinä, kertoi ministeriön "
        "tiedottaja lehdistötilaisuudessa Helsingissä iltapäivällä ja lisäsi että päätös tehtiin yksimielisesti "
        "kokouksessa jossa olivat läsnä kaikki ministerit"
    )
    guess = guess_language(finnish)
    assert not guess.english
    assert "common English words" in guess.detail


def test_language_allows_a_few_foreign_script_names():
    text = "The sign read Москва in large letters, the correspondent said after arriving in the capital on Friday."
    assert guess_language(text).english
