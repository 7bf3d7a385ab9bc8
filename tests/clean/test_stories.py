"""Digest pages split into stories; ordinary articles, subheadings included, stay whole."""

from pathlib import Path

from storyline.clean import clean_document
from storyline.clean.stories import split_stories
from storyline.model import Document

KABUL = ("Envoys from a dozen countries met Taliban officials in Doha on Sunday to discuss aid.\n"
         "The meeting was convened by the United Nations and lasted two days behind closed doors.\n"
         "Diplomats said the talks were frank and that no decision on recognition had been taken.")
FLOODS = ("Floods in the north displaced thousands of families on Monday after three days of rain.\n"
          "Rivers rose quickly and roads to several mountain districts were cut off by landslides.\n"
          "Relief workers said tents, blankets and clean water were the most urgent needs now.")
BUDGET = ("The finance ministry published a new budget on Tuesday with higher spending on schools.\n"
          "Teachers' salaries will rise by a tenth and two hundred rural schools will be rebuilt.\n"
          "Economists said the plan depended on customs revenue that has fallen since spring.")


def test_a_digest_of_line_paragraph_stories_splits_at_its_blank_lines() -> None:
    text = "Morning briefing\n\n" + "\n\n".join([KABUL, FLOODS, BUDGET])
    stories = split_stories(text)
    assert len(stories) == 3
    assert text[stories[0].start:stories[0].end].startswith("Morning briefing\n\nEnvoys")
    assert stories[0].title == "Morning briefing"
    assert text[stories[2].start:stories[2].end] == BUDGET


def test_an_ordinary_article_with_a_subheading_stays_whole() -> None:
    paragraphs = KABUL.split("\n") + ["Aid on hold"] + FLOODS.split("\n")
    text = "\n\n".join(paragraphs)
    assert [(s.start, s.end) for s in split_stories(text)] == [(0, len(text))]


def test_the_seed_digest_holds_six_stories_and_the_others_one(seeds: Path) -> None:
    counts = {}
    for path in sorted(seeds.glob("*.txt")):
        clean = clean_document(Document(id=path.stem, text=path.read_text(encoding="utf-8"), format="text"))
        counts[path.stem[:3]] = len(split_stories(clean.text))
    assert counts == {"000": 6, "001": 1, "002": 1, "003": 1, "004": 1}
