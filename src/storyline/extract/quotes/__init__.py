"""Quotes: who said what, direct and reported, with the speaker as written and as resolved.

`QuoteExtractor` is a per-document extractor (a pure function of the article and its spaCy
Doc). Its steps, each in its own module:

1. `marks`: pair quotation marks into passages (straight, curly, over several paragraphs);
2. `attribution`: attribute each passage through the cue verb in its frame, join quotes
   interrupted by their attribution, then read reported speech from the parse of the other
   cue verbs of the lexicon (`cues`, `storyline/data/cues.yaml`);
3. `speakers`: the speaker span of each cue, pronouns resolved by recency;
4. `dating`: `said_on` from the time resolver, else the publication date.

A quote's `evidence` is its content piece(s) in the clean text; `cue_evidence` the cue word;
`speaker_mention` the mention the speaker names (for "he said", the antecedent), which the
corpus step `resolve.speakers` turns into `speaker.identifier_id` once entities are resolved.
Anonymous speakers ("a senior administration official") keep their words and no mention.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from storyline.extract.quotes.attribution import (
    Found,
    Parsed,
    attribute_passages,
    cue_phrase,
    cut_inner,
    reported_speech,
)
from storyline.extract.quotes.cues import Cues, load_cues
from storyline.extract.quotes.dating import date_of_span
from storyline.extract.quotes.gender import PRONOUN_GENDER, Genders
from storyline.extract.quotes.marks import Passage, find_passages
from storyline.extract.quotes.speakers import RELATIVE, Named, SpeakerSpan, named_speaker, resolve_pronoun, speaker_span
from storyline.extract.quotes.transcript import transcript_lines
from storyline.model import Evidence, Party, ProcessedArticle, Quote

__all__ = ["QuoteExtractor", "extract_quotes", "find_passages", "load_cues", "Passage", "quote_id"]


DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def quote_id(article_id: str, start: int, end: int, kind: str = "Q") -> str:
    """Stable id: a hash of the article id and the first content span."""
    return kind + hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:16]


def _overlap(a: Found, b: Found) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a.pieces for s2, e2 in b.pieces)


def _length(f: Found) -> int:
    return sum(e - s for s, e in f.pieces)


def merge_found(first: list[Found], second: list[Found]) -> list[Found]:
    """`first` plus the attributions of `second` that do not repeat one of them (overlap by half
    the shorter), in text order: transcript lines before quotation marks, direct quotes before
    reported speech, and both before embedded quotes."""
    kept = [r for r in second if not any(2 * _overlap(r, d) >= _length(r) for d in first)]
    return sorted(first + kept, key=lambda f: f.start)


MIN_CUT_WORDS = 3


def cut_quoted_tail(reported: list[Found], direct: list[Found], text: str) -> list[Found]:
    """"The mayor says she trusts the chief and *calls* him “a master of patience”": a reported
    statement that is mostly a direct quote whose own cue lies inside it keeps the words before
    that cue as a statement of its own (the quote, with its cue, is the other one)."""
    for r in reported:
        for d in direct:
            if d.cue is not None and d.cue.dep_ == "conj" and r.start <= d.cue.idx < d.start \
                    and 2 * _overlap(r, d) >= _length(r):
                kept = Found(list(r.pieces), False)
                if cut_inner(kept, d, text) and sum(len(text[s:e].split()) for s, e in kept.pieces) >= MIN_CUT_WORDS \
                        and _overlap(kept, d) == 0:
                    r.pieces = kept.pieces
                break
    return reported


def reported_quotes(reported: list[Found], direct: list[Found]) -> list[Found]:
    """"The mayor said she *replied*: “...”": a direct quote whose cue lies in what another cue
    reports, below it in the parse, is part of that report (attributions are not nested: the outer
    cue holds it); the direct quotes left."""
    kept = []
    for d in direct:
        cue = d.cue
        outer = next((r for r in reported if cue is not None and d.label is None and r.cue is not None
                      and r.cue.is_ancestor(cue) and any(a <= cue.idx < b for a, b in r.pieces) and cue.idx < d.start
                      and 2 * _overlap(r, d) >= _length(d)), None)
        if outer is None:
            kept.append(d)
        else:
            outer.pieces = _union(outer.pieces + d.pieces)
    return kept


def inside_reported(found: list[Found]) -> list[Found]:
    """A short direct quote inside a reported statement is part of it ("said the nurses,
    whom she called “exhausted,” kept the ward open"): attributions are not nested."""
    reported = [f for f in found if not f.direct]
    kept = []
    for f in found:
        if f.direct and f.label is None:
            if any(2 * _overlap(f, r) >= _length(f) and _length(r) > _length(f) for r in reported):
                continue
            holder = next((r for r in reported if _cue_inside(f, r)), None)
            if holder is not None:  # "pledged to *oppose* the tax, “now and forever”": the pledge goes on
                holder.pieces = sorted(holder.pieces + f.pieces)
                continue
        kept.append(f)
    return kept


def join_same_cue(reported: list[Found], embedded: list[Found]) -> list[Found]:
    """"She proclaimed that the refugees “cannot come in”": a quote inside the clause its cue
    reports, which the parse of that clause missed, joins that cue's reported statement (one
    attribution, not two); the quotes left stand on their own."""
    by_cue = {f.cue.i: f for f in reported if not f.direct and f.cue is not None}
    left = []
    for quote in embedded:
        holder = by_cue.get(quote.cue.i) if quote.cue is not None else None
        if holder is None:
            left.append(quote)
        else:
            holder.pieces = _union(holder.pieces + quote.pieces)
    return left


def _union(pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(pieces):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def _cue_inside(quote: Found, reported: Found) -> bool:
    """"pledged to *oppose* the tax, “now and forever”": a quote whose leading cue lies in a
    reported statement (and not the quote in it) goes on with that statement."""
    cue = quote.cue
    return cue is not None and any(s <= cue.idx < e for s, e in reported.pieces) and _overlap(quote, reported) == 0


@dataclass
class _SpeakerState:
    """The previous quote's speaker (for pronouns and continued quotes)."""

    party: Party | None = None
    named: Named | None = None
    mention: Evidence | None = None
    descriptions: list[Named] = field(default_factory=list)  # unnamed speakers seen so far
    genders: Genders | None = None  # the article's gender evidence, read at its first pronoun speaker

    def antecedent(self, written: str) -> Named | None:
        """"the official" after "a senior administration official": the latest unnamed speaker
        with the same head word (a definite description refers back; an indefinite one does not)."""
        words = written.lower().split()
        if len(words) < 2 or words[0] not in DEFINITE:
            return None
        head = words[-1]
        return next((d for d in reversed(self.descriptions) if d.text.lower().split()[-1] == head
                     and d.text.lower() != written.lower()), None)


def _written_span(found: Found) -> SpeakerSpan | None:
    if found.label is not None:
        return SpeakerSpan(found.label[0], found.label[1], found.label[0])
    return speaker_span(found.speaker) if found.speaker is not None and not found.inherit else None


def _refers_to(found: Found, written: str, span: SpeakerSpan, result: ProcessedArticle, cues: Cues,
               state: _SpeakerState) -> tuple[Named | None, bool]:
    """What a written speaker refers to, and whether that differs from the words themselves:
    a relative pronoun's noun ("officials who said"), a pronoun's antecedent, a definite
    description's earlier speaker, else the mention (or description) itself."""
    text = result.article.text
    clause = found.speaker.head if found.speaker is not None else None
    if clause is not None and written.lower() in RELATIVE and clause.dep_ == "relcl":
        return named_speaker(text, speaker_span(clause.head), result.mentions), True
    kind = cues.pronouns.get(written.lower())
    if kind is not None:
        doc = found.speaker.doc if found.speaker is not None else None
        if state.genders is None:
            state.genders = Genders(text, result.mentions)
        return resolve_pronoun(kind, span.start, state.named, result.mentions, doc=doc, quoted=found.pieces,
                               gender=PRONOUN_GENDER.get(written.lower()), genders=state.genders), True
    named = named_speaker(text, span, result.mentions)
    earlier = None if named.mention else state.antecedent(written)
    if earlier is not None:
        return earlier, True
    if not named.mention:
        state.descriptions.append(named)
    return named, False


def _speaker(found: Found, result: ProcessedArticle, cues: Cues, state: _SpeakerState
             ) -> tuple[Party | None, Evidence | None] | None:
    """The Party and speaker mention of one attribution (None: not an attribution; a None
    Party: an attribution without a source); updates `state`."""
    if found.sourceless:
        return None, None
    span = _written_span(found)
    if span is None:
        return (state.party, state.mention) if state.party is not None else None
    text = result.article.text
    written = text[span.start:span.end]
    if not any(c.isalnum() for c in written):
        return None
    named, resolved = _refers_to(found, written, span, result, cues, state)
    party = Party(entity_text=written, identifier_text=named.text if named and resolved else None)
    mention = Evidence.of(result.article.id, text, named.start, named.end) if named and named.mention else None
    state.party, state.named, state.mention = party, named or state.named, mention
    return party, mention


def _quote(found: Found, result: ProcessedArticle, party: Party | None, mention: Evidence | None, cues: Cues) -> Quote:
    text, aid = result.article.text, result.article.id
    evidence = [Evidence.of(aid, text, s, e) for s, e in found.pieces]
    cue = found.cue
    cue_span = (cue.idx, cue.idx + len(cue.text)) if cue is not None else None
    return Quote(
        id=quote_id(aid, found.start, found.end),
        article=aid,
        speaker=party,
        text=" ".join(ev.text.strip() for ev in evidence),
        direct=found.direct,
        cue=cue_phrase(cue, cues) if cue is not None else found.cue_text,
        said_on=date_of_span(result, *cue_span, outside=found.pieces) if cue_span else
        date_of_span(result, found.start, found.end),
        evidence=evidence,
        cue_evidence=Evidence.of(aid, text, *cue_span) if cue_span else None,
        speaker_mention=mention,
    )


def extract_quotes(result: ProcessedArticle, doc: Any, cues: Cues | None = None) -> list[Quote]:
    """Every direct quote and reported statement of one annotated article (see module doc)."""
    cues = cues or load_cues()
    text = result.article.text
    passages = find_passages(text)
    parsed = Parsed(doc, passages, text)
    lines = transcript_lines(text, result.mentions)
    attributed = attribute_passages(parsed, passages, cues, text, result.mentions)
    direct = merge_found(lines, [f for f in attributed if not f.embedded])
    used = {f.cue.i for f in direct if f.cue is not None}
    reported = cut_quoted_tail(reported_speech(parsed, cues, used), direct, text)
    direct = reported_quotes(reported, direct)
    collected = inside_reported(merge_found(direct, reported))
    state = _SpeakerState()
    quotes: list[Quote] = []
    embedded = join_same_cue(collected, [f for f in attributed if f.embedded])
    for found in merge_found(collected, embedded):
        speaker = _speaker(found, result, cues, state)
        if speaker is not None:
            quotes.append(_quote(found, result, speaker[0], speaker[1], cues))
    return list({q.id: q for q in reversed(quotes)}.values())[::-1]


class QuoteExtractor:
    """Registered extractor: fills `ProcessedArticle.quotes`."""

    name = "quotes"
    version = "12"  # 12: a he/she speaker is not a person known to be of the other gender
    # 11: no date as a nominal cue's content, a cue before a colon introduces the next
    # quote, a pronoun's antecedent may be a newer main-clause subject; 10: said_on leaves out dates
    # inside the reported words; 9: thirteenth round of attribution rules (stored results of older
    # rules are reprocessed)
    requires: tuple[str, ...] = ("parser", "mentions", "timexes")
    produces: tuple[str, ...] = ("quotes",)

    def __call__(self, result: ProcessedArticle, doc: Any) -> None:
        result.quotes = extract_quotes(result, doc)
