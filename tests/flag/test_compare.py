from storyline.flag.compare import Words, compare

ORIGINAL = (
    "Envoys from a dozen countries met Taliban officials in Doha on Sunday to discuss humanitarian aid, "
    "the release of frozen central bank reserves and the education of girls. The meeting, convened by the "
    "United Nations, was the first of its kind this year. Diplomats said the talks were frank and that no "
    "decision on recognition had been taken. The Taliban delegation was led by the acting foreign minister, "
    "who said his government wanted good relations with every country in the region. Aid agencies warned "
    "that millions of people faced hunger this winter and called on donors to release funds quickly."
)
SWAPS = {"countries": "nations", "met": "satisfied", "discuss": "talk about", "release": "launch",
         "meeting": "gathering", "first": "earliest", "year": "12 months", "said": "mentioned",
         "talks": "discussions", "acting": "appearing", "foreign": "overseas", "government": "authorities",
         "warned": "cautioned", "people": "individuals", "quickly": "rapidly"}


def spin(text: str) -> str:
    return " ".join(SWAPS.get(word, word) for word in text.split(" "))


def kind(original: str, copy: str) -> str:
    return compare(Words.of(original), Words.of(copy)).kind


def test_a_copy_with_a_new_headline_is_a_copy() -> None:
    assert kind(ORIGINAL, "Doha talks go on\n\n" + ORIGINAL) == "copy"
    assert kind(ORIGINAL, ORIGINAL) == "copy"


def test_a_truncated_copy_is_truncated() -> None:
    assert kind(ORIGINAL, ORIGINAL[: len(ORIGINAL) // 2]) == "truncated"


def test_synonym_swaps_are_a_spun_rewrite_and_say_which_words() -> None:
    spun = spin(ORIGINAL)
    result = compare(Words.of(ORIGINAL), Words.of(spun))
    assert result.kind == "spun" and result.swaps >= 10
    described = result.describe(Words.of(ORIGINAL), Words.of(spun))
    assert "'discuss' → 'talk about'" in described and "12 word swaps" in described


def test_an_unrelated_article_is_unrelated() -> None:
    other = ("The city council approved a new budget for road repairs on Tuesday after a long debate about "
             "taxes, school buses and the cost of winter salt, officials said.")
    assert kind(ORIGINAL, other) == "unrelated"


def test_human_edits_of_passages_are_not_spinning() -> None:
    edited = ORIGINAL.replace("The meeting, convened by the United Nations, was the first of its kind this year. ",
                              "") + " Reporting by a staff correspondent; editing by the night desk."
    assert kind(ORIGINAL, edited) in {"copy", "edited"}
