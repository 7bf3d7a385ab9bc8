"""Document-level consistency of mention types.

The small English model often labels a surname on its own as an organisation ("Psaki",
"Price") although the same article names the person in full ("Jen Psaki"). Within one article
a one-word mention that is the last word of a full PERSON mention there is that person.
Places (GPE, LOC, FAC) are left alone: "Washington" is not George Washington's surname here.
"""

from __future__ import annotations

from typing import Any

from storyline.model import ProcessedArticle
from storyline.resolve.names import name_key, tokens

RELABEL_FROM = frozenset({"ORG", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})


class MentionTypeConsistency:
    name = "mention_consistency"
    version = "1"
    requires: tuple[str, ...] = ("mentions",)
    produces: tuple[str, ...] = ("mentions",)

    def __call__(self, result: ProcessedArticle, doc: Any) -> None:
        surnames = {
            tokens(key)[-1]
            for m in result.mentions
            if m.type == "PERSON" and len(tokens(key := name_key(m.text))) > 1
        }
        result.mentions = [
            m.model_copy(update={"type": "PERSON"})
            if m.type in RELABEL_FROM and name_key(m.text) in surnames
            else m
            for m in result.mentions
        ]
