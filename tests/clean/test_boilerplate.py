"""Boilerplate lines, shortcodes, credits, repeats and the user-extensible pattern file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from storyline.clean.boilerplate import ENV_VAR, load_patterns, shortcode_spans

from .helpers import clean, reasons

BODY = (
    "The foreign ministers met in Doha on Saturday to discuss the evacuation of foreign nationals, "
    "officials said after the talks ended late in the evening."
)


def wrap(line: str) -> str:
    """`line` as its own paragraph between two real ones."""
    return f"{BODY}\n\n{line}\n\n{BODY.replace('Saturday', 'Sunday')}"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Share this:", "share"),
        ("Share on Facebook", "share"),
        ("Subscribe to our newsletter", "share"),
        ("Sign up for our daily briefing", "share"),
        ("Follow us on Twitter", "share"),
        ("Click here to get the app", "share"),
        ("Read more", "share"),
        ("Advertisement", "share"),
        ("Back to top button", "navigation"),
        ("Skip to content", "navigation"),
        ("Trending", "navigation"),
        ("Related Articles", "navigation"),
        ("ALSO READ – Port strike enters second week", "also_read"),
        ("Also read: Talks resume in Doha", "also_read"),
        ("READ MORE: Talks resume in Doha", "also_read"),
        ("RELATED: Talks resume in Doha", "also_read"),
        ("Photo: Reuters", "credit"),
        ("File photo", "credit"),
        ("Image credit: Getty Images", "credit"),
        ("(Image Source ANI)", "credit"),
        ("(XinhuaIANS)", "credit"),
        ("Officials arrive at the airport in Kabul. (AP Photo/Jane Doe)", "credit"),
        ("Finance Minister Rosa Lind (Photo: twitter@RosaLindMP)", "credit"),
        ("People queue up to board an aircraft at Kabul airport. (XinhuaIANS)", "credit"),
        ('[mc4wp_form id=""]', "shortcode"),
        (". .", "empty"),
        ("\u00a0", "empty"),
    ],
)
def test_boilerplate_line_is_removed(line: str, reason: str) -> None:
    result = clean(wrap(line))
    assert reasons(result) == [reason]
    assert result.text == f"{BODY}\n\n{BODY.replace('Saturday', 'Sunday')}"


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell sharply on Monday.",
        "More than 100 people were evacuated.",
        "Follow the money, the investigator said.",
        "Trending topics included the talks.",
        "“We’d hoped to stay [in the city],” she said [sic].",
        "Watch-list entries were updated.",
        "The photo was taken by a bystander (left).",
    ],
)
def test_content_lines_survive(line: str) -> None:
    result = clean(wrap(line))
    assert result.removed == []
    assert line in result.text


def test_breaking_news_only_at_the_edges() -> None:
    assert reasons(clean(f"Breaking News\n\n{BODY}")) == ["navigation"]
    assert reasons(clean(f"{BODY}\n\nBreaking News")) == ["navigation"]
    assert clean(wrap("Breaking News")).removed == []


def test_agency_credit_token_leaves_the_paragraph() -> None:
    result = clean(f"{BODY} (ANI)\n\nNext paragraph follows here.")
    assert [(r.reason, r.text) for r in result.removed] == [("credit", "(ANI)")]
    assert result.text.startswith(BODY + "\n\nNext")


def test_long_paragraph_keeps_its_text_but_loses_a_photo_credit() -> None:
    long_paragraph = " ".join([BODY] * 6)
    result = clean(f"{long_paragraph} (Photo: Reuters)")
    assert result.text == long_paragraph
    assert [r.text for r in result.removed] == ["(Photo: Reuters)"]


def test_inline_shortcodes() -> None:
    text = (
        'Talks went on [caption id="a1" align="left"]Officials in Doha[/caption] for hours [embed]x[/embed].'
    )
    result = clean(text)
    assert result.text == "Talks went on for hours ."
    assert reasons(result) == ["shortcode", "shortcode"]


def test_shortcode_spans_need_a_shortcode_shape() -> None:
    names = frozenset({"caption"})
    assert shortcode_spans("[in the U.S.] and [a] and [sic]", names) == []
    assert shortcode_spans("x [gallery ids=1,2] y [/foo] [caption]", names) == [(2, 19), (22, 28), (29, 38)]


def test_repeated_paragraph_second_copy_goes() -> None:
    lead = 'A spokesperson said that Washington can engage with "designated groups".'
    curly = lead.replace('"', "“", 1).replace('"', "”")
    result = clean(f"{lead}\n\n{curly}\nMore text follows here.")
    assert reasons(result) == ["repeat"]
    assert result.text.count("designated groups") == 1


def test_short_repeats_are_kept() -> None:
    assert clean("He said no.\n\nShe said yes.\n\nHe said no.").removed == []


def test_preserve_removal_keeps_the_rest_byte_exact() -> None:
    text = f"{BODY}\r\n\r\nAdvertisement\r\n\r\nSecond  paragraph\u00a0here.\r\n"
    result = clean(text, fmt="jsonl")
    assert result.text == f"{BODY}\r\n\r\nSecond  paragraph\u00a0here.\r\n"
    assert reasons(result) == ["share"]


def test_preserve_trailing_boilerplate_leaves_no_blank_tail() -> None:
    result = clean(f"{BODY}\n\nSign up for our weekly briefing\n\n", fmt="jsonl")
    assert result.text == f"{BODY}\n"


def test_preserve_keeps_punctuation_only_lines() -> None:
    text = f"{BODY}\n___.\nAnother paragraph."
    assert clean(text, fmt="jsonl").text == text
    assert clean(text).text == f"{BODY}\nAnother paragraph."


def test_patterns_are_cached() -> None:
    assert load_patterns() is load_patterns()


def test_env_var_adds_pattern_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "lines:\n  share:\n    - 'brought to you by .{1,40}'\n    - '(unbalanced'\n"
        "  promo:\n    - 'win a prize!'\n"
    )
    assert clean(wrap("Brought to you by Acme")).removed == []
    monkeypatch.setenv(ENV_VAR, os.pathsep.join([str(tmp_path / "missing.yaml"), str(extra)]))
    assert reasons(clean(wrap("Brought to you by Acme"))) == ["share"]
    assert reasons(clean(wrap("Win a prize!"))) == ["promo"]


def test_repeats_far_apart_are_the_authors_and_stay() -> None:
    from storyline.clean import clean_document
    from storyline.model import Document

    standard = "The Associated Press is tracking every vote in the state tonight."
    paras = ["First update about the count in the north.", "Second update, from the south.",
             "Third update: turnout is high.", standard, "Fourth update: results soon.", standard]
    text = "\n\n".join(paras)
    clean = clean_document(Document(id="live", text=text, format="jsonl"))
    assert clean.text == text and not clean.removed
    doubled = "\n\n".join(paras[:4] + paras[3:])  # a paragraph printed twice in place
    clean = clean_document(Document(id="dup", text=doubled, format="text"))
    assert [r.reason for r in clean.removed] == ["repeat"]
