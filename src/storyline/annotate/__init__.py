"""Annotate: spaCy sentences, entity mentions and noun chunks, batched with `nlp.pipe`."""

from storyline.annotate.nlp import annotate, chunk_bounds, load_nlp, model_version

__all__ = ["annotate", "chunk_bounds", "load_nlp", "model_version"]
