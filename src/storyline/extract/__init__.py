"""Extract: facts from an annotated article (sentences, mentions, noun chunks; later events,
quotes, claims, time expressions). Each extractor is a registered, versioned component."""
