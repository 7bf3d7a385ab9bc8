from storyline.annotate import annotate, chunk_bounds


def test_chunk_bounds_cover_the_text_and_cut_after_newlines() -> None:
    text = ("Taliban officials met in Doha.\n" * 20_000)
    bounds = chunk_bounds(text, limit=100_000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))
    assert all(text[e - 1] == "\n" for _, e in bounds[:-1])
    assert all(e - s <= 100_000 for s, e in bounds)


def test_long_texts_are_annotated_in_chunks_and_joined_with_exact_offsets(nlp) -> None:  # type: ignore[no-untyped-def]
    import storyline.annotate.nlp as module

    para = "Amir Khan Muttaqi met Tom West in Doha on Saturday.\n"
    text = para * 60
    old = module.CHUNK_CHARS
    module.CHUNK_CHARS = 1000
    try:
        [(doc, ctx)] = list(annotate(nlp, [(text, "ctx")]))
    finally:
        module.CHUNK_CHARS = old
    assert ctx == "ctx" and doc.text == text
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    assert len(people) >= 60
    assert all(text[e.start_char:e.end_char] == e.text for e in doc.ents)


def test_contexts_stay_with_their_texts(nlp) -> None:  # type: ignore[no-untyped-def]
    items = [(f"Doc {i} mentions Kabul.", i) for i in range(10)]
    out = [(doc.text, ctx) for doc, ctx in annotate(nlp, items, batch_size=3)]
    assert out == [(t, c) for t, c in items]
