"""Who said what: the speaker of each reporting verb ("X said", "said X", "according to X", passives),
pronoun and title speakers resolved to the named person they refer to (or the statement dropped), and
quotation-centred attribution (``attribute_quotes``) so a quotation gets the speaker named outside it — never a
name or an "I" inside it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from ..schemas import Article, ClaimKind
from .quotes import QuoteIndex, QuoteSpan, is_pronoun, paragraphs

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan
from .actors import resolve_side
from .lexicon import (
    AGENTIVE_LEMMAS,
    ALLEGATION_VERBS,
    ANAPHORIC_OBJECTS,
    ANTECEDENT_WINDOW,
    CLAIM_SPEECH_OBJECTS,
    COMPLEMENT_VERBS,
    DENIAL_VERBS,
    DOCUMENT_NOUNS,
    ESTIMATE_VERBS,
    FACT_VERBS,
    GENERIC_SPEAKERS,
    HEDGES,
    MODAL_FUTURE,
    OPINION_VERBS,
    PERSON_TITLES,
    PREDICTION_VERBS,
    PRONOUNS_GROUP,
    PRONOUNS_PERSON,
    RELATIVE,
    REPORTING_VERBS,
    TITLE_ABBREVIATIONS,
)
from .model import ArticleAnalysis, Attribution, SentenceInfo, Statement


class Discourse:
    """Per-article discourse memory for resolving pronouns and speakers named in earlier sentences."""

    def __init__(self, quotes: QuoteIndex | None = None) -> None:
        self.last_person: SpeakerRef | None = None  # the last person named outside a quotation
        self.last_speaker: SpeakerRef | None = None  # the last named person who *said* something
        self.last_group: SpeakerRef | None = None
        self.quotes = quotes or QuoteIndex([])
        self.surnames: set[str] = set()
        self.titles: dict[str, set[str]] = {}  # surname → titles the article gave that person ('governor')  # last words of the people named so far: a bare surname is a person


class SpeakerRef(BaseModel):
    speaker: str
    norm: str
    side: str | None
    sentence: int
    subject: bool = False  # named as the grammatical subject of its sentence


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
        source, confidence, alternatives = _quote_speaker(q, q_sents, by_para, paras, art.text, last_quote_speaker,
                                                          paragraph_quoted)
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
                verb_lemma="say", kind=claim_kind("say", quote, speaker_norm=source.speaker_norm),
                hedged=bool(HEDGES.search(quote)), attribution="quote_continuation",
                antecedent_sentence=source.sentence if source.sentence != s.n else None,
                speaker_confidence=confidence if confidence != "high" else "medium",
                speaker_alternatives=alternatives,
            ))
            covered.add(s.n)
    return kept + added


def _quote_speaker(q: QuoteSpan, q_sents: Sequence[SentenceInfo], by_para: dict[int, list[Statement]],
                   paras: Sequence[tuple[int, int]], text: str,
                   last_quote_speaker: dict[int, Statement], paragraph_quoted: set[int],
                   ) -> tuple[Statement | None, Literal["high", "medium", "low"], list[str]]:
    """The speaker of a quotation, how sure the rules are, and the other speakers they point at: the nearest
    speaker of its paragraph (low confidence when the paragraph names several and none in the quotation's own
    sentences), else the speaker of the quotation run it continues (medium)."""
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

        best = min(candidates, key=distance)
        others = list(dict.fromkeys(c.speaker_norm for c in candidates if c.speaker_norm != best.speaker_norm))
        if distance(best) == (0, 0):
            return best, best.speaker_confidence, best.speaker_alternatives
        return best, ("low" if others else "medium"), others
    if not q.opens_paragraph:
        return None, "low", []
    for back in (1, 2):
        p = q.paragraph - back
        if p < 0:
            break
        prev_text = text[paras[p][0]:paras[p][1]].rstrip()
        if p in last_quote_speaker and (p in paragraph_quoted or prev_text.endswith(":")):
            return last_quote_speaker[p], "medium", []
        prev = by_para.get(p, [])
        if prev and (prev_text.endswith(":") or p in paragraph_quoted):
            return prev[-1], "medium", []
        if p not in paragraph_quoted:
            break  # a paragraph of the outlet's own reporting ends the run of quotations
    return None, "low", []


def unify_speakers(analyses: Sequence[ArticleAnalysis]) -> None:
    """One actor, one label across the set: a surname alone ('Doe', from 'Mrs. Doe') takes the full name the
    set uses for the same person ('Jane Doe', as a speaker or a named person) when exactly one full name ends
    with it; and a speaker's country, where one of their statements names it, is theirs in every statement."""
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
    # A title with a country attaches to the name it qualifies ('Kenya's health minister Jane Doe'): the
    # person speaks for that country wherever the set names them, when the set gives them one country only.
    sides: dict[str, set[str]] = {}
    for a in analyses:
        for st in a.statements:
            if st.side and st.attribution != "outlet":
                sides.setdefault(st.speaker_norm.lower(), set()).add(st.side)
    for a in analyses:
        for st in a.statements:
            known = sides.get(st.speaker_norm.lower(), set())
            if st.side is None and len(known) == 1 and st.attribution != "outlet":
                st.side = next(iter(known))


def noun_phrase(tok: Token, *, drop: Iterable[str] = ("relcl", "acl")) -> tuple[int, int]:
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
    if {t.lower_ for t in span} & PERSON_TITLES:
        return True
    # "Jane Doe": two or more proper nouns that are not a place/organisation/party.
    propns = [t for t in span if t.pos_ == "PROPN"]
    return len(propns) >= 2 and not any(e.label_ in {"GPE", "ORG", "NORP"} for e in span.ents) \
        and resolve_side(" ".join(t.text for t in propns)) is None


def _person_name(span: SpacySpan) -> str | None:
    """The name inside 'the country's Minister for Defence Jane Doe' / 'Information Minister, John Roe'."""
    persons = [e.text for e in span.ents if e.label_ == "PERSON"]
    if persons:
        return persons[-1]

    def name_at(tok: Token) -> str | None:
        if tok.pos_ != "PROPN" or tok.lower_ in PERSON_TITLES:
            return None
        parts = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i
                 and c.lower_ not in PERSON_TITLES]
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
        # 'officials' is a class of speaker; 'Ruritanian officials' or 'union officials' named by an organisation
        # or group are a party and keep their qualifier.
        named = any(t.pos_ == "PROPN" or t.ent_type_ in {"NORP", "ORG", "GPE"} or t.dep_ == "compound"
                    for t in span if t.i != span.root.i)
        if lemma in GENERIC_SPEAKERS and resolve_side(text) is None and not named:
            return GENERIC_SPEAKERS[lemma]
        # 'Jane Doe-Roe, the lawmaker from the north,': an apposition describes the name before it.
        comma = next((t.i for t in span if t.text == ","), None)
        if comma is not None and comma > span.start:
            before = [t for t in span if t.i < comma]
            if all(t.pos_ == "PROPN" or t.text in {"-", "."} for t in before):
                return "".join(t.text_with_ws for t in before).strip()
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
    ranges = [noun_phrase(t) for t in subj]
    return min(r[0] for r in ranges), max(r[1] for r in ranges)


def _is_agentive(span: SpacySpan) -> bool:
    """Can this subject make a statement? People, governments, groups, reports — not 'recent events'."""
    root = span.root
    if root.pos_ in {"PROPN", "PRON"} or root.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}:
        return True
    lemma = root.lemma_.lower()
    return lemma in GENERIC_SPEAKERS or lemma in AGENTIVE_LEMMAS or lemma in PERSON_TITLES


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


def find_attributions(doc: Doc, info: SentenceInfo, article_id: str, ctx: Discourse) -> list[Statement]:
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
        return any(c.dep_ == "dobj" and c.lemma_.lower() in CLAIM_SPEECH_OBJECTS for c in verb.children)
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
    if lemma in COMPLEMENT_VERBS:
        announces = verb.doc.text.rstrip().endswith(":") and verb.i < len(verb.doc) - 1  # "X tweeted:" + quote
        return bool(kids & {"ccomp", "xcomp"}) or verb.dep_ in {"parataxis"} or announces or _closes_quotation(verb) \
            or (lemma in {"argue", "contend", "maintain"} and verb.dep_ == "ROOT")
    return True


def _closes_quotation(verb: Token) -> bool:
    """'“…,” she tweeted.' / '“…,” he added': the verb follows a quotation closed just before it (a few words
    between: the speaker, an adverb), so the quotation is what it reports."""
    text = verb.doc.text
    close = max(text.rfind("”", 0, verb.idx), text.rfind('"', 0, verb.idx))
    return close > 0 and len(text[close + 1:verb.idx].split()) <= 5


def _complement_range(verb: Token, rep_verbs: Sequence[Token], subj_idx: set[int]) -> tuple[int, int] | None:
    """Token range of what the verb reports (its clause/object), cut before nested statements."""
    lemma = verb.lemma_.lower()
    comps = [c for c in verb.children if c.dep_ in {"ccomp", "xcomp", "dobj", "oprd", "attr", "dative"}]
    if lemma in {"describe", "term"}:
        comps = [c for c in comps if c.lower_ not in {"what", "which"}]
    if lemma in ALLEGATION_VERBS or lemma in {"call", "warn", "describe", "suggest", "indicate"}:
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
                        rep_verbs: Sequence[Token], ctx: Discourse) -> Statement | None:
    lemma = verb.lemma_.lower()
    subj, how = _speaker_token(verb)
    attribution: Attribution = "indirect"
    antecedent: int | None = None
    hedged = bool(HEDGES.search(info.text))
    subj_idx: set[int] = set()
    remember: SpeakerRef | None = None
    confidence: Literal["high", "medium", "low"] = "high"
    alternatives: list[str] = []
    if not subj:
        if how != "passive":
            return None
        speaker, norm, side, is_person = "unnamed sources", "unnamed sources", None, False
        attribution, hedged = "passive", True
    else:
        lo, hi = _subject_range(doc, subj)
        head = subj[0]
        if head.lower_ in RELATIVE and head.head.dep_ == "relcl":
            lo, hi = noun_phrase(head.head.head)  # "the group, which has claimed …" → the group
        else:
            subj_idx = set(range(lo, hi))
        span = doc[lo:hi]
        if not _is_agentive(span):
            return None
        speaker = span.text
        title_ref = _title_antecedent(span, ctx, info.n)
        doc_ref = _document_antecedent(span, ctx, info.n) if title_ref is None else None
        if doc_ref is not None:
            title_ref = doc_ref
        pronoun = len(subj) == 1 and head.lower_ in PRONOUNS_PERSON | PRONOUNS_GROUP
        if pronoun or title_ref is not None:
            person = (title_ref is not None and (doc_ref is None or doc_ref is ctx.last_speaker)) \
                or (title_ref is None and head.lower_ in PRONOUNS_PERSON)
            ref = title_ref or (_person_antecedent(ctx, info.n) if person else ctx.last_group)
            if ref is None:
                return None
            confidence = "medium"
            rival = ctx.last_person if person and title_ref is None else None
            if rival is not None and rival.norm != ref.norm and rival.sentence > ref.sentence:
                # 'he' after a newly named person: the last speaker and the last person named disagree.
                confidence, alternatives = "low", [rival.norm]
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
            label = re.match(r"^([^:]{2,40}):\s+(.+)$", speaker)  # "The front: The group declared …"
            if label:
                generic = label.group(2).lower() in {"the group", "the organisation", "the organization", "it"}
                norm = _normalise_speaker(label.group(1) if generic else label.group(2), None, is_person)
            if norm in {"unnamed sources", "reports"} and side is None:
                hedged = True
            remember = SpeakerRef(speaker=speaker, norm=norm, side=side, sentence=info.n)
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
    if lemma in ALLEGATION_VERBS | DENIAL_VERBS:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None:
            olo, ohi = noun_phrase(obj)
            object_text = doc[olo:ohi].text
            if lemma in ALLEGATION_VERBS:
                target, target_side = object_text, resolve_side(object_text)
        elif lemma in DENIAL_VERBS:
            object_text = _short_object(doc, verb)
    verb_start = info.start + verb.idx
    speaker_start = info.start + doc[lo].idx if subj else None
    if remember is not None:
        if is_person:
            remember_titles(ctx, speaker, norm)
            ctx.last_person = remember
            if not ctx.quotes.inside(verb_start) and not ctx.quotes.inside(speaker_start):
                ctx.last_speaker = remember
        else:
            ctx.last_group = remember
    return Statement(
        id="tmp0", article_id=article_id, sentence=info.n, sentence_start=info.start, sentence_end=info.end,
        start=info.start + a, end=info.start + b, quote=quote, speaker=speaker, speaker_norm=norm, side=side,
        is_person=is_person, verb=verb.text, verb_lemma=lemma, kind=claim_kind(lemma, quote, speaker_norm=norm),
        hedged=hedged or bool(HEDGES.search(quote)),
        attribution="direct" if quoted is not None and quoted[0] - 1 <= a and b <= quoted[1] + 1
        and attribution == "indirect" else attribution,
        antecedent_sentence=antecedent, target=target, target_side=target_side, object_text=object_text,
        speaker_confidence=confidence, speaker_alternatives=alternatives,
        verb_start=verb_start, speaker_start=speaker_start,
    )


def _title_words(text: str) -> set[str]:
    words = {w.strip(".,'’").lower() for w in text.split()}
    return {TITLE_ABBREVIATIONS.get(w, w) for w in words}


def _title_antecedent(span: SpacySpan, ctx: Discourse, sentence: int) -> SpeakerRef | None:
    """'the governor, a Republican,' refers back to the person the article introduced with that title
    ('Gov. Jane Doe'); a title no named speaker carried ('the spokesman') stays as written."""
    # Words before any comma, without articles or a place that qualifies the title ('the Texas governor',
    # 'the Kenyan president' are the governor and the president).
    words = []
    for t in span:
        if t.text == ",":
            break
        if t.lower_ in {"the", "a", "an"} or (t.ent_type_ in {"GPE", "NORP", "LOC"} and t.pos_ in {"PROPN", "ADJ"}):
            continue
        words.append(t.text)
    titles = _title_words(" ".join(words))
    if not words or len(words) > 2 or not titles <= PERSON_TITLES | set(TITLE_ABBREVIATIONS.values()):
        return None
    for ref in (ctx.last_speaker, ctx.last_person):
        if ref is None or sentence - ref.sentence > 3 * ANTECEDENT_WINDOW:
            continue
        known = _title_words(ref.speaker) | ctx.titles.get(ref.norm.split()[-1].lower(), set())
        if titles & known:
            return ref
    return None


def _document_antecedent(span: SpacySpan, ctx: Discourse, sentence: int) -> SpeakerRef | None:
    """'the statement said' / 'his letter says' speaks for whoever was just said to issue it ('X said in a
    statement …'): the most recent named speaker, person or organisation, within the window."""
    words = [t for t in span if not t.is_punct]
    if len(words) != 2 or words[0].lower_ not in {"the", "his", "her", "its", "their"} \
            or words[1].lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    refs = [r for r in (ctx.last_speaker, ctx.last_group) if r is not None and sentence - r.sentence <= ANTECEDENT_WINDOW]
    return max(refs, key=lambda r: r.sentence) if refs else None


def remember_titles(ctx: Discourse, phrase: str, name: str) -> None:
    """Keep the titles an article gives a person ('Texas Gov. Jane Doe' → governor) so that a later bare title
    ('the governor') finds them even where they were quoted by surname alone ('says Doe')."""
    titles = _title_words(phrase) & (PERSON_TITLES | set(TITLE_ABBREVIATIONS.values()))
    if titles and name.split():
        ctx.titles.setdefault(name.split()[-1].lower(), set()).update(titles)


def _person_antecedent(ctx: Discourse, sentence: int) -> SpeakerRef | None:
    """Who 'he'/'she'/'the senator' refers to: the last named person who spoke, when recent — news writing
    rarely switches speakers with a bare pronoun — else the last person named outside a quotation."""
    sp, person = ctx.last_speaker, ctx.last_person
    # The subject of the sentence just before is the preferred antecedent ('Rep. Jane Doe questioned the
    # reading. "…," she said.'), even over an earlier speaker.
    if person is not None and person.subject and sentence - person.sentence <= 1 \
            and (sp is None or person.sentence > sp.sentence):
        return person
    if sp is not None and sentence - sp.sentence <= ANTECEDENT_WINDOW:
        return sp
    return person


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
    if head in ANAPHORIC_OBJECTS or re.sub(r"s$", "", head) in ANAPHORIC_OBJECTS:
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
    lo, hi = noun_phrase(pobj, drop=("relcl",))
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
    hedged = bool(HEDGES.search(info.text)) or norm in {"unnamed sources", "reports"}
    return Statement(
        id="tmp0", article_id=article_id, sentence=info.n, sentence_start=info.start, sentence_end=info.end,
        start=info.start + a, end=info.start + b, quote=quote, speaker=span.text, speaker_norm=norm,
        side=resolve_side(span.text), is_person=is_person, verb="according to", verb_lemma="according to",
        kind=claim_kind("say", quote, speaker_norm=norm), hedged=hedged, attribution="according_to",
    )


def claim_kind(lemma: str, quote: str, *, speaker_norm: str) -> ClaimKind:
    if lemma in DENIAL_VERBS:
        return "denial"
    if lemma in ALLEGATION_VERBS:
        return "allegation"
    if lemma in ESTIMATE_VERBS or (speaker_norm in {"reports", "unnamed sources"} and re.search(r"\d", quote)):
        return "estimate"
    if lemma in PREDICTION_VERBS:
        return "prediction"
    if lemma in OPINION_VERBS:
        return "estimate" if lemma == "suggest" and re.search(r"\d", quote) else "opinion"
    if re.search(r"\b(term|call|describe|label|brand)\b", quote):
        return "opinion"
    if MODAL_FUTURE.search(quote):
        return "prediction"
    if lemma in FACT_VERBS or lemma == "according to":
        return "fact"
    return "other"
