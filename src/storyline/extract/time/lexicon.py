"""The time lexicon: month and weekday words, numbers, units, holidays (data, not code).

Loaded from `storyline/data/time.yaml` plus the files named in `$STORYLINE_TIME_LEXICON`
(`os.pathsep`-separated; mappings are updated, lists appended), once per value of the variable.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

log = logging.getLogger(__name__)

ENV_VAR = "STORYLINE_TIME_LEXICON"


@dataclass(frozen=True, eq=False)
class Lexicon:
    months: dict[str, int]
    count_nouns: frozenset[str]
    stopwords: frozenset[str]
    weekdays: dict[str, int]
    numbers: dict[str, float | None]
    units: dict[str, str]
    parts_of_day: dict[str, str]
    seasons: dict[str, str]
    refs: dict[str, str]
    sets: dict[str, str]
    holidays: dict[str, dict[str, Any]]
    named_days: tuple[dict[str, Any], ...] = ()
    titles: tuple[str, ...] = ()  # names holding a time word ("Fox News Sunday"): no time inside them
    time_zones: tuple[str, ...] = ()  # abbreviations that make a bare clock a time ("14:05 GMT"), with capitals
    holiday_kinds: frozenset[str] = frozenset()  # nouns a holiday's name makes a kind of ("Easter eggs"): no date
    stretch_verbs: frozenset[str] = frozenset()  # "take months", "spent years": a bare plural unit their object


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> None:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key].update(value)
        elif isinstance(value, list) and isinstance(base.get(key), list):
            base[key].extend(value)
        else:
            base[key] = value


def _read(text: str) -> dict[str, Any]:
    data = yaml.safe_load(text) or {}
    return data if isinstance(data, dict) else {}


@lru_cache(maxsize=4)
def _load(extra_paths: str) -> Lexicon:
    data = _read(resources.files("storyline").joinpath("data/time.yaml").read_text(encoding="utf-8"))
    for name in filter(None, extra_paths.split(os.pathsep)):
        try:
            _merge(data, _read(Path(name).read_text(encoding="utf-8")))
        except (OSError, ValueError, yaml.YAMLError) as err:
            log.warning("time lexicon %s not read: %s", name, err)
    low = {k: {str(w).lower(): v for w, v in (data.get(k) or {}).items()}
           for k in ("months", "weekdays", "numbers", "units", "parts_of_day", "seasons", "refs", "sets", "holidays")}
    return Lexicon(
        months=low["months"],
        count_nouns=frozenset(str(w).lower() for w in data.get("count_nouns") or []),
        stopwords=frozenset(str(w).lower() for w in data.get("stopwords") or []),
        weekdays=low["weekdays"],
        numbers=low["numbers"],
        units=low["units"],
        parts_of_day=low["parts_of_day"],
        seasons=low["seasons"],
        refs=low["refs"],
        sets=low["sets"],
        holidays=low["holidays"],
        named_days=tuple(d for d in data.get("named_days") or [] if isinstance(d, dict)),
        titles=tuple(str(t) for t in data.get("titles") or []),
        time_zones=tuple(str(z) for z in data.get("time_zones") or []),
        holiday_kinds=frozenset(str(w).lower() for w in data.get("holiday_kinds") or []),
        stretch_verbs=frozenset(str(w).lower() for w in data.get("stretch_verbs") or []),
    )


def lexicon() -> Lexicon:
    """The shipped lexicon merged with the user's files (cached per `$STORYLINE_TIME_LEXICON`)."""
    return _load(os.environ.get(ENV_VAR, ""))
