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


HARBOUR = [
    "Harbour workers in Rotterdam end strike after wage agreement",
    "Dock workers at the port of Rotterdam returned to their cranes on Thursday morning after union leaders "
    "accepted a wage agreement that ends a strike which had stranded hundreds of container ships in the North "
    "Sea for nearly two weeks.",
    "The agreement raises hourly wages by seven percent this year and another four percent next spring, "
    "according to the union, which had demanded compensation for rising rents and energy bills across the "
    "Netherlands. Terminal operators said the settlement would cost them millions but that a longer stoppage "
    "would have cost far more.",
    "Shipping companies warned that clearing the backlog of waiting vessels would take several weeks. Freight "
    "forwarders in Germany and Belgium had diverted cargo to Antwerp and Hamburg, where congestion has grown "
    "steadily since the strike began, and retailers feared empty shelves before the holiday season.",
    "Union negotiators praised the discipline of their members throughout the dispute. Several workers "
    "interviewed outside the terminal gates said they were relieved to be working again, though many remained "
    "angry about automation plans that the operators intend to present next month.",
    "Economists at the central bank estimated that the stoppage had shaved a small fraction off quarterly "
    "growth, mostly through delayed exports of machinery, chemicals and flowers, and expected most of the "
    "loss to be recovered once the terminals were running at full capacity again.",
]
VOLCANO = [
    "Volcanic eruption forces evacuation of Icelandic fishing town",
    "Authorities in Iceland ordered the evacuation of the fishing town of Grindavik late on Saturday after a "
    "fissure opened in the lava field north of the settlement and molten rock began flowing toward the main "
    "road, the national civil protection agency said.",
    "Residents were given two hours to gather belongings and leave. Emergency shelters were opened in "
    "Reykjavik and nearby villages, and the famous geothermal spa close to the eruption site closed its doors "
    "to tourists until further notice.",
    "Geologists had recorded thousands of small earthquakes beneath the peninsula during the previous week, "
    "warning that magma was rising through a long underground channel. Scientists flying over the fissure "
    "estimated that it stretched almost four kilometres and was spewing fountains of lava dozens of metres high.",
    "The international airport at Keflavik remained open, and airlines reported no disruption to flights "
    "because the eruption was producing little ash, unlike the explosive events that grounded European air "
    "traffic more than a decade ago.",
    "Police patrolled the empty streets overnight to prevent looting, while engineers raced to strengthen "
    "earthen barriers built last year to divert lava away from homes, the harbour and a power station that "
    "supplies hot water to thousands of households on the peninsula. "
    "Farmers moved sheep and horses from pastures near the fissure, and the meteorological office "
    "published hourly maps of the gas plume.",
]
CHESS = [
    "Teenage prodigy wins national chess championship",
    "A fifteen-year-old schoolgirl from Chennai won the national chess championship on Sunday, defeating three "
    "grandmasters in the final rounds and becoming the youngest champion in the history of the tournament, "
    "organisers announced at the closing ceremony.",
    "Playing with the black pieces in the decisive game, she sacrificed a knight early in the middlegame and "
    "launched a fierce attack against the king of her opponent, who resigned after forty moves. Spectators "
    "crowded around the board and applauded loudly as the final position appeared on the screens.",
    "Her coach said she trains six hours every day after school and studies classic games from old books "
    "rather than computer databases. The victory qualifies her for the world junior championship, which will "
    "be held in Italy next autumn, and brings prize money that her family plans to spend on travel.",
    "The federation president presented the trophy and promised more funding for girls' chess clubs in "
    "rural districts, where talented children often lack trainers, equipment and opponents strong enough to "
    "challenge them. Several sponsors have already offered scholarships to promising young players.",
    "Her mother, a mathematics teacher, taught her the moves at the age of five on a wooden board inherited "
    "from her grandfather. Within two years she was beating adults at the local club, and she earned her "
    "first international title before turning twelve, travelling to tournaments across Asia and Europe. "
    "Neighbours gathered outside the family home on Sunday evening with sweets, garlands and drums to "
    "welcome the new champion.",
]


def test_a_digest_with_blank_lines_between_all_paragraphs_splits_at_its_story_headlines() -> None:
    stories = [HARBOUR, VOLCANO, CHESS]
    text = "\n\n".join(p for story in stories for p in story)
    found = split_stories(text)
    assert [text[s.start:s.end].split("\n")[0] for s in found] == [story[0] for story in stories]
    assert found[1].title == VOLCANO[0]


def test_a_subheading_before_the_same_people_does_not_start_a_story() -> None:
    # The second half has a headline-like subheading and little vocabulary in common with the
    # first, but it goes on about Grindavik: the rare name keeps it in the same story.
    later = ["What happens to Grindavik next",
             *(p.replace("Residents", "Grindavik residents") for p in HARBOUR[1:])]
    text = "\n\n".join([*VOLCANO, *later])
    assert [(s.start, s.end) for s in split_stories(text)] == [(0, len(text))]


def test_a_short_passage_under_a_headline_like_line_is_not_a_story() -> None:
    text = "\n\n".join([*VOLCANO[:3], CHESS[0], CHESS[1]])
    assert len(split_stories(text)) == 1


def test_sections_that_go_on_about_the_same_rare_name_stay_one_story() -> None:
    # One line per paragraph, sections between blank lines: the digest layout. The second section
    # shares little vocabulary with the first, but both are about Grindavik.
    first = "\n".join(VOLCANO[1:4])
    second = "\n".join(p.replace("Her coach", "A coach from Grindavik") for p in CHESS[1:4])
    text = f"{first}\n\n{second}"
    assert len(split_stories(text)) == 1
    assert len(split_stories(first + "\n\n" + "\n".join(CHESS[1:4]))) == 2
