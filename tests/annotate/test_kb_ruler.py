"""The knowledge base's entity ruler in the one spaCy pipeline."""

from typing import Any

from storyline.annotate.nlp import kb_patterns


def test_ruler_sits_before_the_model_ner(nlp: Any) -> None:
    names = nlp.pipe_names
    assert "kb_ruler" in names and names.index("kb_ruler") < names.index("ner")


def test_kb_labels_win_and_places_are_left_to_the_model(nlp: Any) -> None:
    ents = {e.text: e.label_ for e in nlp("The Haqqani Network has ties with al-Qaeda, Psaki said.").ents}
    assert ents["Haqqani Network"] == "ORG" and ents["Psaki"] == "PERSON"
    assert all(p["label"] in ("PERSON", "ORG") for p in kb_patterns())
