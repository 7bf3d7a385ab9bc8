"""storyline: news articles in, a sourced and deduplicated account of a storyline out."""

from typing import TYPE_CHECKING

from storyline.errors import StorylineError

if TYPE_CHECKING:  # type checkers see the class; at run time it is imported on first use
    from storyline.api import Storyline

__version__ = "0.1.0"

__all__ = ["Storyline", "StorylineError", "__version__"]


def __getattr__(name: str) -> object:
    # Lazy, so `import storyline` stays cheap (spaCy loads only when a pipeline runs).
    if name == "Storyline":
        from storyline.api import Storyline

        return Storyline
    raise AttributeError(name)
