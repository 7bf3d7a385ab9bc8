"""Time: every time expression found and normalised, every article and fact dated.

The package has four layers, each usable on its own:

- `recognise`  finds DATE / TIME / DURATION / SET expressions in clean text (rules over the text,
               with the lexicon in `storyline/data/time.yaml`).
- `normalise`  gives each a TIMEX3 value resolved against an anchor (the publication date) and
               the direction the governing verb's tense implies (`tense`).
- `publication` reads publication dates (ISO, written, numeric with locale hints) and infers an
               interval from the content when none is given.
- `conflict`   flags `date_conflict` when the stated date does not fit the content (per document)
               or other articles of the store (corpus step).

The public entry point for other extractors (quotes `said_on`, claims `as_of`, events `when`) is
`resolve_in_sentence`: call it after the `timexes` extractor has run (declare `"timexes"` in
your extractor's `requires`).
"""

from __future__ import annotations

from storyline.extract.time.resolver import (
    date_of_value,
    resolve_in_sentence,
    resolve_span,
    timex_dates,
)

__all__ = ["date_of_value", "resolve_in_sentence", "resolve_span", "timex_dates"]
