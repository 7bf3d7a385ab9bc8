"""Flag: source quality. Copies, truncated copies and spun rewrites across the corpus
(near_duplicates, compare); the flags go on the article that is not the original."""
