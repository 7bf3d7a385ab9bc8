"""The clean stage: raw document text in, clean text (the string all offsets index) out.

    from storyline.clean import clean_document
    clean = clean_document(doc)   # -> CleanText

Modules: `normalize` (ftfy and whitespace policies), `boilerplate` (patterns from
`storyline/data/boilerplate.yaml` plus `$STORYLINE_BOILERPLATE`), `dateline`, `headline`,
`language`, `lines` (input offsets), `pipeline` (the order of the steps).
"""

from storyline.clean.pipeline import clean_document
from storyline.clean.result import CleanText

__all__ = ["CleanText", "clean_document"]
