"""Acronyms defined in the text become the long form's name for every mention of them."""

from storyline.extract.acronyms import AcronymExtractor, acronym_letters, find_definitions
from storyline.model import Article, Mention, ProcessedArticle, Sentence


def test_letters_of_an_acronym() -> None:
    assert acronym_letters("IS-K") == "ISK"
    assert acronym_letters("NGOs") == "NGO"
    assert acronym_letters("AQAP") == "AQAP"


def test_definitions_with_hyphenated_words_and_function_words() -> None:
    text = "In a statement, Al-Qaeda in the Arabian Peninsula (AQAP) praised him."
    (d,) = find_definitions(text)
    assert (d.acronym, d.long_form) == ("AQAP", "Al-Qaeda in the Arabian Peninsula")
    assert text[d.start:d.end] == d.long_form


def test_the_shortest_long_form_that_spells_it() -> None:
    text = "The United Nations Office for the Coordination of Humanitarian Affairs (OCHA) said so."
    (d,) = find_definitions(text)
    assert d.long_form == "Office for the Coordination of Humanitarian Affairs"
    assert find_definitions("attacks by the Islamic State in Khorasan (IS-K), which")[0].long_form == \
        "Islamic State in Khorasan"


def test_no_definition_when_initials_do_not_spell_it() -> None:
    assert find_definitions("the Nationwide Resistance Entrance of Afghanistan (NRF) opposes") == []
    assert find_definitions("he said (AFP) that") == []


def test_extractor_joins_pieces_and_gives_the_acronym_its_long_form() -> None:
    text = "Al-Qaeda in the Arabian Peninsula (AQAP) is a branch. AQAP operates in Yemen."
    pieces = [("Al-Qaeda", "ORG"), ("the Arabian Peninsula", "LOC"), ("AQAP", "ORG"), ("Yemen", "GPE")]
    mentions = []
    for surface, label in pieces:
        start = text.index(surface)
        mentions.append(Mention(article="a", start=start, end=start + len(surface), text=surface, type=label))
    second = text.rindex("AQAP")
    mentions.append(Mention(article="a", start=second, end=second + 4, text="AQAP", type="ORG"))
    result = ProcessedArticle(article=Article(id="a", document="a", text=text), mentions=mentions,
                              sentences=[Sentence(start=0, end=len(text))])
    AcronymExtractor()(result, None)
    texts = [(m.text, m.canonical) for m in result.mentions]
    assert ("Al-Qaeda in the Arabian Peninsula", None) in texts
    assert ("Al-Qaeda", None) not in texts and ("the Arabian Peninsula", None) not in texts
    assert texts.count(("AQAP", "Al-Qaeda in the Arabian Peninsula")) == 2


def test_a_trailing_place_may_be_left_out_of_the_acronym() -> None:
    (d,) = find_definitions("the National Resistance Front of Afghanistan (NRF) said")
    assert d.long_form == "National Resistance Front of Afghanistan"


def test_a_spun_long_form_of_a_known_acronym() -> None:
    text = "They formed a so-called Nationwide Resistance Entrance of Afghanistan (NRF) that opposes them."
    assert find_definitions(text) == []  # one initial is wrong: not a definition by itself
    (d,) = find_definitions(text, lambda acronym: acronym == "NRF")
    start = text.index("Nationwide")
    mentions = [Mention(article="a", start=start, end=start + 30, text=text[start:start + 30], type="ORG")]
    result = ProcessedArticle(article=Article(id="a", document="a", text=text), mentions=mentions,
                              sentences=[Sentence(start=0, end=len(text))])
    AcronymExtractor()(result, None)
    (long_form,) = result.mentions
    assert long_form.text == d.long_form and long_form.canonical == "National Resistance Front of Afghanistan"


def test_a_long_form_with_initials_or_a_bracketed_word_is_no_spun_one() -> None:
    """Initials written with full stops ("R.J. Harlow") and a word in brackets inside the name
    spell the acronym as the words are read; the extractor must not take them for a spun long
    form of a known acronym (which an unknown acronym has none of)."""
    text = "Shares of R.J. Harlow (RJH) fell under the Public Order (Emergency) Act (POEA) on Monday."
    found = {d.acronym: d for d in find_definitions(text)}
    assert found["RJH"].long_form == "R.J. Harlow" and not found["RJH"].swapped
    assert found["POEA"].long_form == "Public Order (Emergency) Act"
    result = ProcessedArticle(article=Article(id="a", document="a", text=text), mentions=[],
                              sentences=[Sentence(start=0, end=len(text))])
    AcronymExtractor()(result, None)
    assert {m.text: m.type for m in result.mentions} == {"R.J. Harlow": "ORG", "Public Order (Emergency) Act": "ORG"}
