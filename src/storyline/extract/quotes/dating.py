"""When a quote was said or a claim holds: the time resolver's date for the span's sentence.

`storyline.extract.time.resolve_in_sentence` gives the date of the time expression nearest the
span in its sentence ("said on Friday"), falling back itself to the publication date. The import
is guarded: without the time package (or if it fails on a span) the fallback here is the
article's publication date, with that date's own precision.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from storyline.model import PartialDate, ProcessedArticle

log = logging.getLogger(__name__)


def _resolver() -> Any | None:
    try:
        from storyline.extract.time import resolve_in_sentence
    except ImportError:
        return None
    return resolve_in_sentence


def date_of_span(result: ProcessedArticle, start: int, end: int,
                 outside: Sequence[tuple[int, int]] = ()) -> PartialDate:
    """The date the time resolver gives the span's sentence, else the publication date; time
    expressions in `outside` (the words a quote reports) do not count, as the resolver says."""
    resolve = _resolver()
    if resolve is not None:
        try:
            found = resolve(result, start, end, outside=outside)
        except Exception as err:  # noqa: BLE001 - dating is optional; fall back
            log.debug("time resolver failed on %s:%d-%d: %r", result.article.id, start, end, err)
            found = None
        if isinstance(found, PartialDate) and found.start is not None:
            return found
    return result.article.published


def date_inside(result: ProcessedArticle, start: int, end: int) -> PartialDate | None:
    """The date a time expression inside [start, end) states, or None (none, or no time package)."""
    try:
        from storyline.extract.time.resolver import resolve_span
    except ImportError:
        return None
    try:
        return resolve_span(result, start, end)
    except Exception as err:  # noqa: BLE001 - dating is optional
        log.debug("time resolver failed on %s:%d-%d: %r", result.article.id, start, end, err)
        return None
