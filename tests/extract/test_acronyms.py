"""Acronyms defined in the text become the long form's name for every mention of them."""

from storyline.extract.acronyms import AcronymExtractor, acronym_letters, find_definitions
from storyline.model import Article, Mention, ProcessedArticle, Sentence


def test_letters_of_an_acronym() -> None:
    assert acronym_letters("IS-K") == "ISK"
    assert acronym_letters("NGOs") == "NGO"
    assert acronym_letters("AQAP") == "AQAP"


def test_definitions_with_hyphenated_words_and_function_words() -> None:
    text = "In a leaflet, Al-Noor in the Coastal Provinces (ANCP) thanked him."
    (d,) = find_definitions(text)
    assert (d.acronym, d.long_form) == ("ANCP", "Al-Noor in the Coastal Provinces")
    assert text[d.start:d.end] == d.long_form


def test_the_shortest_long_form_that_spells_it() -> None:
    text = "The African Union Bureau for the Monitoring of Electoral Standards (BMES) agreed."
    (d,) = find_definitions(text)
    assert d.long_form == "Bureau for the Monitoring of Electoral Standards"
    assert find_definitions("raids claimed by the Liberation Front in Sistan (LF-S), whose")[0].long_form == \
        "Liberation Front in Sistan"


def test_no_definition_when_initials_do_not_spell_it() -> None:
    assert find_definitions("the National Defiance Front of Afghanistan (NRF) resists") == []
    assert find_definitions("he said (AFP) that") == []


def test_extractor_joins_pieces_and_gives_the_acronym_its_long_form() -> None:
    text = "Al-Noor in the Coastal Provinces (ANCP) is a splinter group. ANCP recruits in Oman."
    pieces = [("Al-Noor", "ORG"), ("the Coastal Provinces", "LOC"), ("ANCP", "ORG"), ("Oman", "GPE")]
    mentions = []
    for surface, label in pieces:
        start = text.index(surface)
        mentions.append(Mention(article="a", start=start, end=start + len(surface), text=surface, type=label))
    second = text.rindex("ANCP")
    mentions.append(Mention(article="a", start=second, end=second + 4, text="ANCP", type="ORG"))
    result = ProcessedArticle(article=Article(id="a", document="a", text=text), mentions=mentions,
                              sentences=[Sentence(start=0, end=len(text))])
    AcronymExtractor()(result, None)
    texts = [(m.text, m.canonical) for m in result.mentions]
    assert ("Al-Noor in the Coastal Provinces", None) in texts
    assert ("Al-Noor", None) not in texts and ("the Coastal Provinces", None) not in texts
    assert texts.count(("ANCP", "Al-Noor in the Coastal Provinces")) == 2


def test_a_trailing_place_may_be_left_out_of_the_acronym() -> None:
    (d,) = find_definitions("the National Resistance Front of Afghanistan (NRF) said")
    assert d.long_form == "National Resistance Front of Afghanistan"


def test_a_spun_long_form_of_a_known_acronym() -> None:
    text = "Fighters joined a so-called National Defiance Front of Afghanistan (NRF) that resists them."
    assert find_definitions(text) == []  # one initial is wrong: not a definition by itself
    (d,) = find_definitions(text, lambda acronym: acronym == "NRF")
    start = text.index("National")
    end = text.index(" of Afghanistan")
    mentions = [Mention(article="a", start=start, end=end, text=text[start:end], type="ORG")]
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
