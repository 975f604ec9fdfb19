"""The LLM-free backend: a brief assembled by code from the evidence pre-pass.

Why: it is fast, deterministic and grounded by construction (every quote is a slice of an article), so it
works offline, serves as a baseline for evals, and is a fallback when a model fails. Claims come from
attributed statements, disagreements from the pre-pass's flagged conflicts, and the summary from central
sentences across articles plus attributed sentences for each disagreement (``summary``) — contested
statements never appear in the summary in the outlet's own voice.
"""

from __future__ import annotations

import bisect
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from .prepass import (
    COUNTABLE,
    Conflict,
    EvidencePack,
    NumberMention,
    Statement,
    analyse,
    content_words,
    model_label,
    resolve_side,
)
from .prepass.attribution import NESTED_CLOSE
from .prepass.lexicon import ADDRESSEE_VERBS, CONTEXT_OPENERS, IRREGULAR_PAST, LOADED_TERMS, TFIDF_STOP
from .prepass.model import ArticleAnalysis, SentenceInfo
from .prepass.quotes import QuoteIndex, paragraphs, quote_spans, single_marks_as_double
from .schemas import Article, Brief, Claim, Disagreement, Evidence, Meta, Position, SummarySentence, Usage
from .summary import _centrality  # noqa: F401 — re-exported: the scaling tests compare it with all-pairs sums
from .summary import summary_sentences as _summary_sentences

__all__ = ["LOADED_TERMS", "UNCERTAIN_CLAIMER", "build_brief", "claims_from_pack", "summary_sentences"]


def build_brief(articles: list[Article], *, notes: list[str] | None = None,
                pack: EvidencePack | None = None) -> Brief:
    """Build a brief without a language model; pass ``pack`` to reuse an existing pre-pass."""
    started = time.monotonic()
    pack = pack or analyse(articles)
    claims, claim_of = claims_from_pack(pack, articles)
    disagreements = _disagreements(pack, claim_of, {a.id: a.text for a in articles})
    summary = summary_sentences(pack, articles, claim_of)
    from . import __version__

    meta_notes = list(notes or [])
    meta_notes += _uncertain_claimers(pack, claims, claim_of)
    meta_notes.append(
        f"extractive: {sum(len(a.statements) for a in pack.articles)} statements, "
        f"{len(pack.conflicts)} candidate disagreements "
        f"({', '.join(f'{c.id}={c.confidence}' for c in pack.conflicts) or 'none'})"
    )
    return Brief(
        articles=list(articles),
        summary=summary,
        claims=claims,
        disagreements=disagreements,
        meta=Meta(
            prompt_version="none",
            prompt_hash="none",
            model=model_label(),
            backend="extractive",
            usage=Usage(),
            calls=0,
            attempts=0,
            duration_s=round(time.monotonic() - started, 3),
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            summarizer_version=__version__,
            notes=meta_notes,
        ),
    )


UNCERTAIN_CLAIMER = "claimer uncertain:"  # the note that names a claim whose claimer the rules doubt


def _uncertain_claimers(pack: EvidencePack, claims: Sequence[Claim], claim_of: dict[str, str]) -> list[str]:
    """One note per claim whose claimer the rules were unsure of (they pointed at more than one speaker): the
    reader sees the doubt instead of a confident guess."""
    first: dict[str, Statement] = {}
    for st in pack.statements():
        first.setdefault(claim_of[st.id], st)
    out = []
    for c in claims:
        st = first.get(c.id)
        if st is not None and st.speaker_confidence == "low" and st.attribution != "outlet":
            alt = " or ".join(repr(a) for a in st.speaker_alternatives) or "another speaker"
            out.append(f"{UNCERTAIN_CLAIMER} {c.id} {c.claimer!r} (the rules also point at {alt})")
    return out


# ------------------------------------------------------------------------------------------- claims


def _finite(st: Statement) -> str:
    """'saying'/'confirm'/'claiming' → 'said'/'confirmed'/'claimed' so claim texts read as sentences."""
    if st.verb is None:
        return "said"
    verb = st.verb.lower()  # 'Said Jane Doe: …' opens its sentence with the verb; 'SAID' in a text set in capitals
    lemma = st.verb_lemma or verb
    if lemma in ADDRESSEE_VERBS or lemma == "read":
        return "said"  # 'told reporters the …' loses its addressee in the claim; 'the post read' is its author's
    if not (verb.endswith("ing") or verb == lemma):
        return verb
    if lemma == "according to":
        return lemma
    if lemma in IRREGULAR_PAST:
        return IRREGULAR_PAST[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def _speaker_phrase(st: Statement) -> str:
    """The speaker phrase as the article wrote it, up to the person's name: 'says Doe in the new ad titled
    …' gives 'Doe', 'Sheriff Jane Doe of Example County' gives 'Sheriff Jane Doe'."""
    words = st.speaker_norm.split()
    if not st.is_person or not words:
        return st.speaker
    at = st.speaker.find(words[-1])
    return st.speaker[:at + len(words[-1])] if at >= 0 else st.speaker


def _claim_text(st: Statement, outlet: str, article_text: str) -> str:
    """The claim as ``_claim_words`` words it, with a quotation it opens closed: the statement's words can stop
    before the closing mark ('… insisted the remarks didn't "represent our town.”', where the marks do not
    even match). The outlet's own sentence stays as the article has it."""
    # British single marks ('‘We will appeal,’ he said') quote as double ones do (same length, offsets hold)
    text = _claim_words(st, outlet, _marked(article_text))
    if st.attribution == "outlet":
        return text
    if text.count("“") > text.count("”"):
        return text + "”"
    if text.count("‘") > len(_CLOSING_SINGLE.findall(text)):
        return text + "’"  # "called the ruling ‘deeply flawed" closes its quotation
    return text + '"' if text.count('"') % 2 else text


@lru_cache(maxsize=8)
def _marked(article_text: str) -> str:
    """The article with single quotation marks read as double ones, once per article (every claim asks)."""
    return single_marks_as_double(article_text)


#: a closing single mark: not an apostrophe inside a word ('don’t')
_CLOSING_SINGLE = re.compile(r"’(?!\w)")


def _claim_words(st: Statement, outlet: str, article_text: str) -> str:
    """Neutral wording: who + reporting verb + the verbatim content; quotation marks only for words the
    article quoted (reported speech in quotation marks would pass the outlet's paraphrase off as the speaker's
    own words)."""
    quote = st.quote.strip()
    if st.subject:  # '…, which he said would help tenants': he said the Act would help tenants
        who, verb = _who_and_verb(st)
        said = f"“{quote.strip('“”')}”" if _quoted_in(article_text, st) else quote
        subject = _lower_opener(st.subject, article_text)
        return f"{who} {verb} {subject} {said}"
    covers_sentence = st.start <= st.sentence_start + 1 and st.end >= st.sentence_end - 1
    if st.attribution == "outlet":
        return quote
    if st.attribution == "according_to":
        who = re.sub(r"^(The|A|An|Its|Their|His|Her) ", lambda m: m.group(1).lower() + " ", st.speaker.strip())
        return f"According to {who}, {_lower_opener(quote, article_text)}" if not covers_sentence else quote
    if covers_sentence and st.attribution in {"indirect", "passive"}:
        return quote  # the sentence names its own speaker ("…, officials argue, …")
    if any(at is not None and st.start <= at < st.end for at in (st.verb_start, st.speaker_start)):
        return quote  # its words hold their own 'said' ('Rather than …, the president said, “we will …”')
    who, verb = _who_and_verb(st)
    # Quotation marks only around words that were quoted: '… he said the plan would fail' is reported speech,
    # and so is '… said Rebel fighters attacked …' although it opens with a capital.
    lead_in = _lead_in(st, article_text)
    if lead_in:  # 'accused the police of being “politically constrained”': the quotation finishes a clause
        return f"{who} {verb} {lead_in}“{quote.strip('“”')}”"
    # Reported speech that itself quotes a few words ('… said Tuesday Doe's comments were “totally
    # inappropriate.”') is not one quotation: it is not put in quotation marks as if it were.
    if st.attribution in {"direct", "quote_continuation"} or quote[:1].isupper() and len(quote) > 3 \
            and not resolve_side(quote.split(" ", 1)[0]) and _quoted_in(article_text, st) \
            and not any(m in quote.strip('“”"') for m in _QUOTE_MARKS):
        via = f", as quoted by {st.quoted_by}" if st.quoted_by else ""  # words inside another's quotation
        return f"{who} {verb}{via}: “{quote.strip(_QUOTE_MARKS)}”"
    return f"{who} {verb} {_lower_opener(quote, article_text)}"  # 'The border is closed, the ministry said' → '… said the border …'


_LEAD_IN_WORDS = 8


def _lead_in(st: Statement, article_text: str) -> str:
    """The words between the verb and a quotation that only finishes the verb's clause: 'accused the police of
    being “politically constrained”', 'slammed the plan as “a giveaway”'. Without them the claim would read
    'X accused: “politically constrained”', its target lost. Empty when the quotation is a sentence of its
    own (capitalised) or the words between are more than a short clause."""
    if st.attribution != "direct" or st.verb_start is None or not st.verb or not st.quote[:1].islower():
        return ""
    end = st.verb_start + len(st.verb)
    between = article_text[end:st.start] if end < st.start else ""
    if not between.rstrip().endswith(("“", '"')) or re.search(r"[.;:!?”]", between):
        return ""
    words = between.rstrip(' “"').split()
    return between.strip().rstrip('“"').rstrip() + " " if 0 < len(words) <= _LEAD_IN_WORDS else ""


#: stop words that are also names or capitalised words mid-sentence ('I', 'Will Smith', 'May', 'US')
_NOT_LOWERED = frozenset({"i", "will", "may", "us"})


def _lower_opener(text: str, article_text: str = "") -> str:
    """``text`` after 'X said' or 'According to X,': its first word in lower case unless it is a name. A
    function word ('The', 'Any') is lowered; an acronym, 'I', or a word the article also capitalises in the
    middle of a sentence ('… with Harbor Foods', '… as Democrats') or that a capitalised word follows
    ('President Quillan') is a name and keeps its capitals ('NBX has seen …', not 'nBX has seen …'; 'Lawmakers
    pushing …' → 'lawmakers pushing …')."""
    first, _, rest = text.partition(" ")
    bare = re.split(r"[’'.,;:]", first, maxsplit=1)[0]
    if not rest or not bare[:1].isupper() or (len(bare) > 1 and not bare[1:].islower()) \
            or bare.lower() in _NOT_LOWERED:
        return text
    lowered = f"{first[:1].lower()}{first[1:]} {rest}"
    if bare.lower() in TFIDF_STOP:
        return lowered  # a function word ('The', 'Any', 'In')
    if re.search(r"[a-z,;]\s+" + re.escape(bare) + r"\b", article_text):
        return text  # capitalised in the middle of a sentence: a name ('… with Facebook')
    if first.endswith(",") or not rest[:1].isupper():
        return lowered  # 'However, …'; 'Lawmakers pushing …'
    return text  # the start of a capitalised run: a name ('Jane Quillan', 'President Quillan')


def _quoted_in(text: str, st: Statement) -> bool:
    """The article has a quotation mark right before or after the statement's words (its offsets may leave
    the marks out); without the article text, assume it did, as before."""
    if not text:
        return True
    before = text[max(0, st.start - 2):st.start]
    after = text[st.end:st.end + 3]
    return any(q in before or q in after for q in _QUOTE_MARKS)


def _who_and_verb(st: Statement) -> tuple[str, str]:
    """The claim's speaker as a sentence opens with it, and its reporting verb in the past tense."""
    if st.attribution in {"pronoun", "context", "quote_continuation"}:
        # 'It said …' / a quotation continued: the speaker named before, as the article named it when that is a
        # short phrase ('The health ministry said', not 'Health ministry said'), a person by name
        written = st.speaker.strip()
        short = not st.is_person and "," not in written and 0 < len(written.split()) <= 6
        who = written if short else st.speaker_norm
    else:
        who = _speaker_phrase(st)
    if "," in who and not who.endswith(","):  # 'The ministry's spokesperson, Jane Roe,' closes its apposition
        who += ","
    verb = "said" if st.attribution == "quote_continuation" else _finite(st)
    return who[:1].upper() + who[1:], verb


def _quotation_text(st: Statement, words: str) -> str:
    """'<speaker> said: “<the whole quotation>”'."""
    who, verb = _who_and_verb(st)
    return f"{who} {verb}: “{words.strip(_QUOTE_MARKS)}”"


def _number_key(n: NumberMention) -> tuple[str, float, str, str]:
    """A sortable key: ``None`` (a figure with no point value, an unknown event or side) sorts as its own value
    instead of crashing ``sorted`` on mixed None/float tuples."""
    return (n.category, n.value if n.value is not None else float("-inf"), n.event or "", n.target_side or "")


def _mergeable(a: Statement, b: Statement) -> bool:
    """Near-identical claims from different articles: same speaker and kind, same figures or words."""
    if a.article_id == b.article_id or a.kind != b.kind or a.attribution == "outlet" or b.attribution == "outlet":
        return False
    same_speaker = a.speaker_norm.lower() == b.speaker_norm.lower()
    na = sorted(_number_key(n) for n in a.numbers if n.category in COUNTABLE)
    nb = sorted(_number_key(n) for n in b.numbers if n.category in COUNTABLE)
    if na or nb:
        # Same figures for the same things from the same speaker or side ("the ministry" / "the ministry in the capital").
        return na == nb and (same_speaker or (a.side is not None and a.side == b.side))
    if not same_speaker:
        return False
    wa, wb = content_words(a.quote), content_words(b.quote)
    shared = len(wa & wb)
    return shared >= 2 and shared / max(1, min(len(wa), len(wb))) >= 0.6


@dataclass
class _Quotation:
    """One speaker's quotation that runs over several sentences: its statements (one per sentence the rules
    attributed), the sentences it spans and its words."""

    statements: list[Statement]
    first: SentenceInfo
    last: SentenceInfo
    words: str

    def evidence(self, text: str, article_id: str) -> Evidence:
        return Evidence(article_id=article_id, quote=text[self.first.start:self.last.end], sentence=self.first.n,
                        start=self.first.start, end=self.last.end)


def _quotations(pack: EvidencePack, text_of: dict[str, str]) -> dict[str, _Quotation]:
    """Statement id of a quotation's first statement → the quotation, for quotations of several sentences that
    the rules gave to one speaker and to no one else.

    Why: a speaker's quotation is one claim with one piece of evidence, as the reader sees it in the article
    (“We don't like him. We don't want him. We reject his visit.”), not a claim per sentence, some of them
    too short to keep."""
    out: dict[str, _Quotation] = {}
    for a in pack.articles:
        text = text_of.get(a.article_id)
        if text is None or not a.statements:
            continue
        quotes = QuoteIndex(quote_spans(text))
        by_span: dict[tuple[int, int], list[Statement]] = {}
        for st in a.statements:
            span = quotes.at((st.start + st.end) // 2)
            if span is not None and st.attribution not in {"outlet", "passive", "according_to"}:
                by_span.setdefault((span.start, span.end), []).append(st)
        starts = [s.start for s in a.sentences]
        for (qa, qb), sts in by_span.items():
            first = a.sentences[max(0, bisect.bisect_right(starts, qa) - 1)]
            last = a.sentences[max(0, bisect.bisect_right(starts, qb - 1) - 1)]
            words = text[qa:qb].strip()
            if first.n == last.n or len({st.speaker_norm for st in sts}) != 1 \
                    or last.n - first.n >= _QUOTATION_SENTENCES or len(words) > _QUOTATION_CHARS:
                continue
            out[sts[0].id] = _Quotation(sts, first, last, words)
        out.update(_answers(a, text))
    return out


def _answers(a: ArticleAnalysis, text: str) -> dict[str, _Quotation]:
    """An interview's answer of several sentences ('Roe: I can only tell you what I know. On Thursday we …') is
    one quotation too: the sentences of one answer paragraph given to its interviewee (``interviews``, the only
    statements with no reporting verb but the outlet's)."""
    out: dict[str, _Quotation] = {}
    by_para: dict[int, list[Statement]] = {}
    answers = [st for st in a.statements if st.verb is None and st.attribution == "direct"]
    starts = [p for p, _ in paragraphs(text)] if answers else []
    for st in answers:
        by_para.setdefault(bisect.bisect_right(starts, st.start), []).append(st)
    by_n = {s.n: s for s in a.sentences}
    for sts in by_para.values():
        first, last = by_n[sts[0].sentence], by_n[sts[-1].sentence]
        words = text[sts[0].start:sts[-1].end].strip()
        if len(sts) < 2 or len({st.speaker_norm for st in sts}) != 1 or last.n - first.n >= _QUOTATION_SENTENCES \
                or len(words) > _QUOTATION_CHARS or last.n - first.n + 1 != len(sts):
            continue
        out[sts[0].id] = _Quotation(sts, first, last, words)
    return out


def _own_parts(pack: EvidencePack, text_of: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Statement id → the part of its sentence that is its own, for sentences where two speakers speak ('The
    council said it would sue, and Jane Roe predicted the rule would fall'), so each claim's evidence holds its
    own speaker's words, not the other's. The sentence is cut where each speaker's words begin (the first of
    their name, verb and reported words; after the words of another they sit inside: 'He said Roe had told them
    …, and called for …'); a sentence with one speaker, or one the cut would not keep whole, is cited whole."""
    out: dict[str, tuple[int, int]] = {}
    for a in pack.articles:
        text = text_of.get(a.article_id)
        if text is None:
            continue
        by_sentence: dict[int, list[Statement]] = {}
        for st in a.statements:
            by_sentence.setdefault(st.sentence, []).append(st)
        for sts in by_sentence.values():
            if len({st.speaker_norm for st in sts}) < 2 or any(st.speaker_start is None for st in sts) \
                    or any(st.attribution in _NOT_CUT for st in sts):
                continue
            begins: dict[str, int] = {}
            for st in sts:
                lo = min(st.start, st.speaker_start or st.start, st.verb_start if st.verb_start is not None else st.start)
                for other in sts:
                    if other.speaker_norm != st.speaker_norm and other.start <= lo < other.end <= st.end:
                        lo = other.end
                begins[st.speaker_norm] = min(lo, begins.get(st.speaker_norm, lo))
            order = sorted(begins.items(), key=lambda kv: kv[1])
            first = sts[0]
            parts: dict[str, tuple[int, int]] = {}
            for k, (speaker, lo) in enumerate(order):
                start = first.sentence_start if k == 0 else lo
                end = order[k + 1][1] if k + 1 < len(order) else first.sentence_end
                parts[speaker] = _trimmed(text, start, end)
            if all(parts[st.speaker_norm][0] <= st.start and st.end <= parts[st.speaker_norm][1] for st in sts):
                out.update((st.id, parts[st.speaker_norm]) for st in sts)
    return out


def _nested_part(text: str, st: Statement) -> tuple[int, int]:
    """A quotation inside someone's quotation: from its reporting verb to its own closing mark ('told us on the
    first morning, ‘We are all here in good faith.’'), the words the outer speaker attributes to the one they
    name, not the outer speaker's own words before them (which the outer claim cites)."""
    a = st.verb_start if st.verb_start is not None and st.verb_start < st.start else st.start
    b = st.end
    for k in range(st.end, min(len(text), st.end + 3)):
        if text[k] in NESTED_CLOSE:
            b = k + 1
            break
    return a, b


_NOT_CUT = frozenset({"outlet", "quote_continuation", "context"})
_JOINING_WORDS = re.compile(r"(?:[\s,;:—–-]|\b(?:and|but|though|although|while|whereas|as)\b)+$", re.IGNORECASE)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) without surrounding spaces, nor the joining word and comma it ends in ('…, and')."""
    while start < end and (text[start].isspace() or text[start] in ",;"):
        start += 1
    m = _JOINING_WORDS.search(text, start, end)
    if m is not None and m.start() > start:
        end = m.start()
    return start, end


_QUOTATION_SENTENCES = 6  # a longer quotation (a statement read out in full) stays a claim per sentence
_QUOTATION_CHARS = 600
_QUOTE_MARKS = '“”"'


def claims_from_pack(pack: EvidencePack, articles: Sequence[Article]) -> tuple[list[Claim], dict[str, str]]:
    """Claims from statements (merged across articles); also the statement id → claim id map."""
    outlets = {a.id: a.outlet or "the outlet" for a in articles}
    text_of = {a.id: a.text for a in articles}
    quotations = _quotations(pack, text_of)
    inside = {st.id: q for q in quotations.values() for st in q.statements[1:]}
    clusters = _clusters([st for st in pack.statements() if st.id not in inside])
    claims: list[Claim] = []
    claim_of: dict[str, str] = {}
    sentence_text = {(a.article_id, s.n): s for a in pack.articles for s in a.sentences}
    own_part = _own_parts(pack, text_of)
    for k, cluster in enumerate(clusters, 1):
        cid = f"C{k}"
        first = cluster[0]
        evidence: list[Evidence] = []
        for st in cluster:
            claim_of[st.id] = cid
            info = sentence_text[(st.article_id, st.sentence)]
            if st.antecedent_sentence and st.antecedent_sentence != st.sentence:
                ante = sentence_text[(st.article_id, st.antecedent_sentence)]
                evidence.append(Evidence(article_id=st.article_id, quote=ante.text, sentence=ante.n,
                                         start=ante.start, end=ante.end))
            quotation = quotations.get(st.id)
            if quotation is not None:
                claim_of.update((other.id, cid) for other in quotation.statements)
                evidence.append(quotation.evidence(text_of[st.article_id], st.article_id))
                continue
            a, b = own_part.get(st.id, (info.start, info.end))
            if st.quoted_by is not None and st.speaker_start is not None:
                a, b = _nested_part(text_of[st.article_id], st)  # 'Ms Roe told us, ‘…’' inside Doe's quotation
            evidence.append(Evidence(article_id=st.article_id, quote=text_of[st.article_id][a:b], sentence=info.n,
                                     start=a, end=b))
        claimer = outlets[first.article_id] if first.attribution == "outlet" else first.speaker_norm
        head = quotations.get(first.id)
        claims.append(Claim(
            id=cid,
            text=_quotation_text(first, head.words) if head
            else _claim_text(first, outlets[first.article_id], text_of[first.article_id]),
            claimer=claimer,
            kind=first.kind,
            hedged=any(s.hedged for s in cluster),
            sources=sorted({s.article_id for s in cluster}, key=_order),
            evidence=_distinct(evidence),
        ))
    return claims, claim_of


def _distinct(evidence: list[Evidence]) -> list[Evidence]:
    """Each evidence span once: two statements of one sentence (a quotation and its 'said') cite it twice."""
    seen: set[tuple[str, int | None, int | None, str]] = set()
    out = []
    for ev in evidence:
        key = (ev.article_id, ev.start, ev.end, ev.quote)
        if key not in seen:
            seen.add(key)
            out.append(ev)
    return out


def _clusters(statements: Sequence[Statement]) -> list[list[Statement]]:
    """Group near-identical statements: each joins the first cluster whose first statement it is ``_mergeable``
    with. Blocked, so a story of thousands of statements is not compared all against all: candidates share the
    kind and speaker (and two content words), or the kind, side and figures."""
    clusters: list[list[Statement]] = []
    index: dict[tuple[object, ...], list[int]] = {}
    for st in statements:
        words, figures = _merge_keys(st)
        if figures:
            cands = sorted({k for key in figures for k in index.get(key, ())})
        else:
            counts: dict[int, int] = {}
            for key in words:
                for k in index.get(key, ()):
                    counts[k] = counts.get(k, 0) + 1
            cands = sorted(k for k, n in counts.items() if n >= 2)
        home = next((k for k in cands if _mergeable(clusters[k][0], st)), None)
        if home is not None:
            clusters[home].append(st)
            continue
        clusters.append([st])
        for key in (figures or words):
            index.setdefault(key, []).append(len(clusters) - 1)
    return clusters


def _merge_keys(st: Statement) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Blocking keys of a statement: (kind, speaker, word) per content word when it has no figures, else
    (kind, speaker, figures) and (kind, side, figures)."""
    if st.attribution == "outlet":
        return [], []
    speaker = st.speaker_norm.lower()
    figures = tuple(sorted(_number_key(n) for n in st.numbers if n.category in COUNTABLE))
    if figures:
        keys: list[tuple[object, ...]] = [("n", st.kind, speaker, figures)]
        if st.side is not None:
            keys.append(("side", st.kind, st.side, figures))
        return [], keys
    return [("w", st.kind, speaker, w) for w in content_words(st.quote)], []


def _order(aid: str) -> tuple[int, str]:
    m = re.match(r"A(\d+)$", aid)
    return (int(m.group(1)), aid) if m else (10**9, aid)


# ------------------------------------------------------------------------------------ disagreements


def _disagreements(pack: EvidencePack, claim_of: dict[str, str], text_of: dict[str, str]) -> list[Disagreement]:
    out: list[Disagreement] = []
    for c in pack.conflicts:
        positions = []
        for p in c.positions:
            sts = [pack.statement(sid) for sid in p.statement_ids]
            holders = list(dict.fromkeys(s.speaker_norm for s in sts))
            positions.append(Position(
                statement="; ".join(_claim_text(s, "", text_of.get(s.article_id, "")) for s in sts),
                holders=holders,
                sources=p.articles,
                claims=list(dict.fromkeys(claim_of[s.id] for s in sts)),
            ))
        out.append(Disagreement(id=f"D{len(out) + 1}", topic=c.topic, kind=c.kind, positions=positions))
    return out


# ------------------------------------------------------------------------------------------ summary


def summary_sentences(pack: EvidencePack, articles: Sequence[Article],
                      claim_of: dict[str, str]) -> list[SummarySentence]:
    """The offline summary (``summary.summary_sentences``) with this module's sentence for each dispute."""
    return _summary_sentences(pack, articles, claim_of, _conflict_sentence)


def _conflict_sentence(pack: EvidencePack, c: Conflict, claim_of: dict[str, str]) -> SummarySentence:
    """Source sentences verbatim when each names its own speaker; otherwise a template from statements."""
    sts = [pack.statement(sid) for p in c.positions for sid in p.statement_ids[:1]]
    sts += [pack.statement(sid) for p in c.positions for sid in p.statement_ids[1:]
            if pack.statement(sid).article_id == sts[0].article_id]
    sources = sorted({a for p in c.positions for a in p.articles}, key=_order)
    claims = list(dict.fromkeys(claim_of[sid] for p in c.positions for sid in p.statement_ids))
    explicit = all(s.attribution in {"indirect", "direct", "according_to"} for s in sts)
    keys = sorted({(s.article_id, s.sentence) for s in sts}, key=lambda k: (_order(k[0]), k[1]))
    same_article = len({k[0] for k in keys}) == 1
    if c.confidence != "low" and explicit and same_article and len(keys) <= 2:
        art = next(a for a in pack.articles if a.article_id == keys[0][0])
        text = " ".join(art.sentences[n - 1].text for _, n in keys)
        if len(text.split()) <= 70 and not CONTEXT_OPENERS.match(text):
            return SummarySentence(text=text, sources=sources, claims=claims)
    parts = []
    for p in c.positions:
        st = pack.statement(p.statement_ids[0])
        figures = [f"{n.text} {n.counts or n.category}{' ' + n.event if n.event else ''}"
                   for n in st.numbers if n.category in COUNTABLE]
        what = ", ".join(figures) if c.kind == "numeric" and figures else st.quote.strip("“”")
        when = f" ({', '.join(st.dates)})" if st.dates and c.confidence == "low" else ""
        if st.attribution == "outlet":  # the article's own voice: no speaker to name
            parts.append(f"{st.article_id} states: {what.rstrip('.')}{when}")
        else:
            parts.append(f"{st.article_id} reports {st.speaker_norm} {_finite(st)} {what}{when}")
    text = "; ".join(parts)
    if c.confidence == "low" and c.kind == "numeric":
        text = "Reported figures differ: " + text + "; they may not refer to the same event or date."
    elif c.confidence == "low":
        text = "Accounts differ: " + text + "."
    else:
        text += "."
    return SummarySentence(text=text[:1].upper() + text[1:], sources=sources, claims=claims)
