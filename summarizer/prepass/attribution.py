"""Who said what: a statement for each reporting verb ("X said", "said X", "according to X", passives, "…,”
she tweeted") with the content it reports, its kind and hedging; and quotation-centred attribution
(``attribute_quotes``) so a quotation gets the speaker named outside it — never a name or an "I" inside it.
Who a speaker phrase names (pronouns, titles, documents resolved, or the statement dropped) is ``speakers``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from ..schemas import Article, ClaimKind
from ..sentences import is_unfinished
from .actors import resolve_side
from .lexicon import (
    ADDRESSEE_VERBS,
    AGENTIVE_LEMMAS,
    ALL_TITLES,
    ALLEGATION_VERBS,
    ANAPHORIC_OBJECTS,
    ANNOUNCING_VERBS,
    ANNOUNCING_WITH_OBJECT,
    ANTECEDENT_WINDOW,
    ASPECTUAL_VERBS,
    AUTHORED_WORKS,
    BUSINESS_NOUNS,
    CHANNEL_NOUNS,
    CLAIM_NOUN_VERBS,
    CLAIM_NOUNS,
    CLAIM_SPEECH_OBJECTS,
    CLOCK_TIME,
    COLON_GIVING_VERBS,
    COLON_INTRANSITIVE,
    COLON_MANNER_ADJECTIVES,
    COLON_VERBS_WITH_IT,
    COMPLEMENT_VERBS,
    CROWD_NOUNS,
    DATELINE,
    DENIAL_VERBS,
    DOCUMENT_NOUNS,
    ESTIMATE_VERBS,
    FACT_VERBS,
    FALSITY_VERBS,
    FALSITY_WORDS,
    FINDING_SUBJECTS,
    FINDING_VERBS,
    FINITE_AUXILIARIES,
    GENDERED,
    GENERIC_ORG,
    JUDGEMENT_AS_VERBS,
    NEGATED_EMPHATIC,
    NEGATIVE_IMPLICATIVES,
    OPINION_VERBS,
    ORG_DESCRIPTIONS,
    ORG_SYNONYMS,
    PHRASAL_REPORTING,
    PREDICTION_VERBS,
    PRONOUNS_GROUP,
    PRONOUNS_PERSON,
    RELATIVE,
    REPORTING_VERBS,
    ROLES_WITH_TO,
    SELF_PRONOUNS,
    SPEECH_NOUNS,
    SPOKES,
    STANCE_ADJECTIVES,
    TALLY_NOUNS,
    WORDS_OF,
    is_hedged,
    is_modal_future,
    removes_someone,
)
from .model import Attribution, SentenceInfo, Statement
from .quotes import QuoteIndex, QuoteSpan, is_pronoun, paragraphs
from .speakers import (
    Discourse,
    SpeakerRef,
    bare_name,
    document_antecedent,
    is_agentive,
    is_asked_aside,
    is_coordinated,
    is_person_phrase,
    normalise_speaker,
    noun_phrase,
    party_antecedent,
    person_antecedent,
    person_name,
    remember_titles,
    speaker_token,
    subject_range,
    title_antecedent,
    without_article,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


def unnamed_speaker(doc: Doc, info: SentenceInfo, quotes: QuoteIndex, surnames: set[str]) -> bool:
    """Someone the rules could not name speaks in the sentence: a reporting verb outside any quotation whose
    subject is a capitalised word the tagger knows as no entity ('Bakenews refuted the story, writing: “…”').
    Its quotation is that name's, so it never goes to a speaker nearby. A role or a document ('the House
    speaker continued', 'the lawsuit says') is no such name, nor the surname of a person the article named
    (``surnames``): they stand for someone the quotation rules look for."""
    return any(t.pos_ == "VERB" and t.lemma_.lower() in REPORTING_VERBS and not quotes.inside(info.start + t.idx)
               and any(c.dep_ == "nsubj" and c.text[:1].isupper() and not c.ent_type_ and c.pos_ != "PRON"
                       and c.lemma_.lower() not in DOCUMENT_NOUNS and c.lower_ not in surnames for c in t.children)
               for t in doc)


def attribute_quotes(art: Article, sents: Sequence[SentenceInfo], statements: list[Statement],
                     quotes: QuoteIndex, announcers: dict[int, Statement] | None = None,
                     voiced: set[int] | frozenset[int] = frozenset()) -> list[Statement]:
    """Quotation-centred attribution over one article's statements (see ``quotes``).

    Drops statements whose reporting verb or speaker lies inside a quotation (the quoted person's own "I
    think …") and statements whose speaker is still a pronoun; then gives every quotation sentence that has no
    statement the speaker the article names outside the quotation: in the quotation's paragraph (nearest
    sentence first, the one after the quotation before the one before it), else — when the quotation opens
    its paragraph — the speaker who was being quoted, or announced with a colon, in the paragraph before, or
    the speaker of the sentence that ended the paragraph before by announcing it (``announcers``: paragraph →
    speaker, from ``announcement``). A sentence in ``voiced`` has a speaker of its own the rules could not
    name (``unnamed_speaker``): its quotation gets no one else."""
    kept: list[Statement] = []
    nested: list[Statement] = []  # words someone quotes another person as saying: theirs, but no one's lead-in
    for st in statements:
        if st.attribution != "outlet":
            if is_pronoun(st.speaker_norm) or is_pronoun(st.speaker):
                continue
            if quotes.inside(st.verb_start) or quotes.inside(st.speaker_start):
                if _nested_quotation(art.text, st):
                    name = bare_name(st.speaker_norm)  # 'Ms Roe' inside a quotation is Roe
                    nested.append(st.model_copy(update={
                        "attribution": "direct", "speaker_norm": name,
                        "is_person": st.is_person or name != st.speaker_norm}))
                continue
        kept.append(st)
    if not quotes.spans:
        return kept + _quoted_by(nested, kept)
    paras = paragraphs(art.text)
    para_starts = [a for a, _ in paras]

    def para_of(pos: int) -> int:
        return max(0, bisect.bisect_right(para_starts, pos) - 1)

    sent_para = {s.n: para_of(s.start) for s in sents}
    named = [st for st in kept if st.attribution not in {"outlet", "passive"}]
    by_para: dict[int, list[Statement]] = {}
    for st in named:
        by_para.setdefault(sent_para.get(st.sentence, -1), []).append(st)
    covered = {st.sentence for st in kept if st.attribution != "outlet"} | set(voiced)
    paragraph_quoted = {q.paragraph for q in quotes.spans}
    # paragraph → its first quotation, when that opens the paragraph (a quotation run goes on through these)
    opening: dict[int, QuoteSpan] = {}
    for q in quotes.spans:
        opening.setdefault(q.paragraph, q)
    opening = {p: q for p, q in opening.items() if q.opens_paragraph}
    sent_starts = [s.start for s in sents]
    added: list[Statement] = []
    last_quote_speaker: dict[int, Statement] = {}  # paragraph → the speaker of its last attributed quotation
    serial = 0
    for q in quotes.spans:
        first = max(0, bisect.bisect_right(sent_starts, q.start) - 1)
        q_sents = [s for s in sents[first:bisect.bisect_left(sent_starts, q.end)] if q.start < s.end]
        if any(s.n in voiced for s in q_sents):
            continue  # announced by someone the rules could not name: theirs, not a neighbour's
        source, confidence, alternatives = _quote_speaker(q, q_sents, by_para, paras, art.text, last_quote_speaker,
                                                          paragraph_quoted, announcers or {}, opening)
        if source is None or _names_speaker(art.text[q.start:q.end], source):
            continue  # a quotation that names its would-be speaker in the third person is someone else's
        last_quote_speaker[q.paragraph] = source
        for s in q_sents:
            if s.n in covered:
                continue
            a, b = max(q.start, s.start), min(q.end, s.end)
            while a < b and not art.text[a].isalnum():
                a += 1
            while b > a and art.text[b - 1] in " ,;:":
                b -= 1
            if len(art.text[a:b].split()) < 1 or _scare_quote(art.text[a:b], s):
                continue
            serial += 1
            quote = art.text[a:b]
            added.append(Statement(
                id=f"tmpq{serial}", article_id=art.id, sentence=s.n, sentence_start=s.start,
                sentence_end=s.end, start=a, end=b, quote=quote, speaker=source.speaker,
                speaker_norm=source.speaker_norm, side=source.side, is_person=source.is_person, verb="said",
                verb_lemma="say", kind=claim_kind("say", quote, speaker_norm=source.speaker_norm),
                hedged=is_hedged(quote), attribution="quote_continuation",
                antecedent_sentence=source.sentence if source.sentence != s.n else None,
                speaker_confidence=confidence if confidence != "high" else "medium",
                speaker_alternatives=alternatives,
            ))
            covered.add(s.n)
    return kept + added + _quoted_by(nested, kept + added)


def _scare_quote(quoted: str, sent: SentenceInfo) -> bool:
    """A few quoted words inside the outlet's own sentence ('… what she called an “act of terror”', 'the
    so-called “tempting eyes”'): a phrase the outlet borrows, not a quotation of its own to give a speaker.
    A short quotation that is the sentence ('“Stop lying!”') still is one."""
    words = len(quoted.split())
    return words < MIN_QUOTED_WORDS and words < 0.6 * len(sent.text.split())


def _names_speaker(quotation: str, source: Statement) -> bool:
    """The quotation names the person by their full name ('“Senator Jane Doe, who never read it, …”'):
    people do not speak of themselves that way, so they are not its speaker."""
    name = source.speaker_norm
    return source.is_person and len(name.split()) >= 2 and re.search(rf"\b{re.escape(name)}\b", quotation) is not None


def _quote_speaker(q: QuoteSpan, q_sents: Sequence[SentenceInfo], by_para: dict[int, list[Statement]],
                   paras: Sequence[tuple[int, int]], text: str,
                   last_quote_speaker: dict[int, Statement], paragraph_quoted: set[int],
                   announcers: dict[int, Statement], opening: dict[int, QuoteSpan] | None = None,
                   ) -> tuple[Statement | None, Literal["high", "medium", "low"], list[str]]:
    """The speaker of a quotation, how sure the rules are, and the other speakers they point at: the nearest
    speaker of its paragraph (low confidence when the paragraph names several and none in the quotation's own
    sentences), else, for a quotation its paragraph leaves open, the speaker named where it closes (medium),
    else the speaker of the quotation run it continues (medium)."""
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
    if not q.closed and opening:
        ahead = _closing_speaker(q.paragraph, by_para, opening)
        if ahead is not None:
            return ahead, "medium", []
    for back in (1, 2):
        p = q.paragraph - back
        if p < 0:
            break
        prev_text = text[paras[p][0]:paras[p][1]].rstrip()
        if back == 1 and p in announcers:  # 'Doe wrote on Facebook.' and then the post, quoted
            return announcers[p], "medium", []
        if p in last_quote_speaker and (p in paragraph_quoted or prev_text.endswith(":")):
            return last_quote_speaker[p], "medium", []
        prev = by_para.get(p, [])
        if prev and (prev_text.endswith(":") or p in paragraph_quoted):
            return prev[-1], "medium", []
        if p not in paragraph_quoted:
            break  # a paragraph of the outlet's own reporting ends the run of quotations
    return None, "low", []


MAX_QUOTED_PARAGRAPHS = 4  # paragraphs a quotation left open may run on for before it closes


def _closing_speaker(para: int, by_para: dict[int, list[Statement]], opening: dict[int, QuoteSpan]
                     ) -> Statement | None:
    """News style quotes a speaker over several paragraphs by leaving each paragraph's quotation open and
    opening the next paragraph with a mark again ('“I take full responsibility. …' / '“We have since …,”
    Quillan said.'): the speaker is named where the quotation closes. None when the next paragraph does not
    go on with the quotation, or the paragraph that closes it names no one."""
    for p in range(para + 1, para + 1 + MAX_QUOTED_PARAGRAPHS):
        q = opening.get(p)
        if q is None:
            return None
        if q.closed:
            named = by_para.get(p, [])
            return named[0] if named else None
    return None


CONTRAST_MARKS = frozenset({"while", "whereas", "although", "though"})


def _nested_in_other(verb: Token, rep_verbs: Sequence[Token]) -> bool:
    """True when the verb sits inside what another reporting verb reports ('Sources indicate X said …')."""
    anc = verb.head
    steps = 0
    cur = verb
    while anc.i != cur.i and steps < 12:
        if cur.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in cur.children):
            return False  # '… the vote was fair, while Doe called it a sham': a statement of its own
        if anc in rep_verbs and cur.dep_ in {"ccomp", "xcomp", "dobj", "oprd", "pcomp", "pobj", "prep"}:
            return True
        if anc in rep_verbs and cur.dep_ in {"relcl", "acl", "advcl", "conj"}:
            return False
        cur, anc = anc, anc.head
        steps += 1
    return False


def _finding_shown(verb: Token) -> bool:
    """'A poll released Tuesday showed the two tied': a work that finds things (a poll, a survey, the figures)
    reports what it shows; 'the video showed …' and 'she showed the letter' report nothing."""
    if verb.lemma_.lower() not in FINDING_VERBS or verb.pos_ != "VERB":
        return False
    if any(c.dep_ == "mark" for c in verb.children):
        return False  # '… came two weeks after polls showed X ahead': background to another clause, not a finding
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.lemma_.lower() in FINDING_SUBJECTS \
        and any(c.dep_ in {"ccomp", "dobj"} and c.i > verb.i for c in verb.children)


def _said_by_participle(verb: Token, rep_verbs: Sequence[Token]) -> bool:
    """'X criticised referee Y, saying he had ignored two fouls': an opinion verb whose only complement is
    whom or what it judges reports its words through the participle after it; the object alone ('referee Y')
    is no claim. Denials and accusations keep theirs: what is denied is the point."""
    if verb.lemma_.lower() not in OPINION_VERBS - JUDGEMENT_AS_VERBS or verb.lemma_.lower() in DENIAL_VERBS | ALLEGATION_VERBS:
        return False
    kids = list(verb.children)
    if any(c.dep_ in {"ccomp", "xcomp", "oprd"} for c in kids) or not any(c.dep_ == "dobj" for c in kids):
        return False
    return any(c.dep_ == "advcl" and c.tag_ == "VBG" and c in rep_verbs and c.i > verb.i for c in kids)


def find_attributions(doc: Doc, info: SentenceInfo, article_id: str, ctx: Discourse) -> list[Statement]:
    rep_verbs = [t for t in doc if (t.lemma_.lower() in REPORTING_VERBS and t.pos_ in {"VERB", "AUX"}
                                    and t.dep_ not in {"amod", "compound"} and _is_speech(t)) or bool(_read_document(t))
                 or _phrasal_speech(t) or _finding_shown(t)]
    out: list[Statement] = []
    resumed: list[Statement] = []
    for verb in rep_verbs:
        if _nested_in_other(verb, rep_verbs) or _how_clause(verb) or _unsaid(verb) or _said_by_participle(verb, rep_verbs) \
                or removes_someone(verb.doc.text, verb.idx, verb.idx + len(verb.text)):
            continue
        st = _statement_for_verb(doc, info, article_id, verb, rep_verbs, ctx)
        if st is not None and st.quote == info.text and _says_nothing_else(doc, verb):
            continue  # 'Mayor Jane Doe said Monday.': who and when, but nothing said
        if st is not None and _cut_off(doc, info, st):
            continue  # 'Doe told the city she was...': the words stop before they say anything
        if st is not None:
            out.append(st)
            rest = _quotation_resumed(doc, info, verb, st)
            if rest is not None:
                resumed.append(rest)
    out += [r for r in resumed if not any(o.start < r.end and r.start < o.end for o in out)]
    announced = _announced_quotation(doc, info, article_id, ctx)
    if announced is not None and not any(o.start < announced.end and announced.start < o.end for o in out):
        out.append(announced)
    said = [info.start + v.idx for v in rep_verbs]
    for tok in doc:
        if (source := _source_prep(tok)) is not None:
            st = _according_to(doc, info, article_id, tok, source, ctx)
            # '“…,” Doe said, according to the AP': the AP is where the words were reported, Doe said them
            if st is not None and not any(st.start <= at < st.end for at in said):
                out.append(st)
        elif tok.lower_ in STANCE_ADJECTIVES:
            st = _stance_claim(doc, info, article_id, tok, ctx)
            if st is not None and not any(o.start <= st.start < o.end for o in out):
                out.append(st)
        elif tok.lemma_.lower() in CLAIM_NOUNS and tok.pos_ == "NOUN":
            st = _noun_claim(doc, info, article_id, tok, ctx)
            if st is not None and not any(o.start <= st.start < o.end and o.speaker_norm == st.speaker_norm
                                          for o in out):
                out.append(st)
    return out


def without_dateline(span: SpacySpan) -> SpacySpan:
    """The span without a dateline or a live page's entry time it starts with ('CITY, Nov 12 (Agency) - The
    agent of …' → 'The agent of …', '08:15 Teachers' → 'Teachers'): the tagger often takes the capitalised
    city for a person, who would then be the speaker."""
    m = DATELINE.match(span.text) or CLOCK_TIME.match(span.text)
    if m is None or m.end() >= len(span.text):
        return span
    cut = span.start_char + m.end()
    start = next((t.i for t in span if t.idx >= cut), span.end)
    return span.doc[start:span.end] if start < span.end else span


def _named_holder(span: SpacySpan) -> tuple[str, str, str | None, bool]:
    """A holder named in the sentence: (as written without a dateline, canonical label, side, is a person)."""
    span = without_dateline(span)
    is_person = is_person_phrase(span)
    speaker = span.text
    return speaker, normalise_speaker(speaker, span, is_person), resolve_side(span.text), is_person


def _clause_words(doc: Doc, info: SentenceInfo, clause: Token, last: int) -> tuple[int, int, str] | None:
    """What a 'that' clause states, as offsets in the sentence and text: from after 'that' (or the clause's
    start) to token ``last``, quotation marks balanced, trailing punctuation cut; None under three words, or
    when the clause the parser found stops at a word that cannot end one ('that the pool had been closed for',
    the rest taken for the main clause's subject): a fragment is no claim."""
    if doc[last].pos_ in _UNFINISHED_POS:
        return None
    mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"), None)
    lo = mark.i + 1 if mark is not None and mark.i + 1 < len(doc) else clause.left_edge.i
    a, b = _balance_quotes(info.text, doc[lo].idx, doc[last].idx + len(doc[last].text))
    while b > a and info.text[b - 1] in " ,.;:":
        b -= 1
    quote = info.text[a:b]
    return (a, b, quote) if len(quote.split()) >= 3 else None


def _stance_claim(doc: Doc, info: SentenceInfo, article_id: str, adj: Token, ctx: Discourse) -> Statement | None:
    """'Jane Doe is convinced the plan is flawed', 'She is confident that …': the subject's opinion of the
    clause. The subject is the adjective's own (passive 'convinced') or its copula's; a pronoun is resolved as
    for 'she said'; nothing inside a quotation."""
    clause = next((c for c in adj.children if c.dep_ == "ccomp"), None)
    if clause is None and adj.dep_ == "acomp":  # 'Doe is adamant that …': the parser hangs the clause on 'is'
        clause = next((c for c in adj.head.children if c.dep_ == "ccomp" and c.i > adj.i), None)
    if clause is None or ctx.quotes.inside(info.start + adj.idx):
        return None
    holder = adj if adj.dep_ == "ROOT" else adj.head if adj.dep_ == "acomp" else None
    subj = next((c for c in holder.children if c.dep_ in {"nsubj", "nsubjpass"}), None) if holder else None
    who = _holder(doc, subj, info, ctx) if subj is not None else None
    if who is None:
        return None
    speaker, norm, side, is_person, named_in = who
    said = _clause_words(doc, info, clause, clause.right_edge.i)
    if said is None:
        return None
    a, b, quote = said
    copula = next((c for c in (holder.children if adj.dep_ == "ROOT" else [holder])
                   if c.dep_ in {"auxpass", "ROOT"} and c.lemma_.lower() == "be"), None)
    verb = f"{copula.text} {adj.text}" if copula is not None else adj.text
    return Statement(
        id="tmp0", article_id=article_id, sentence=info.n, sentence_start=info.start, sentence_end=info.end,
        start=info.start + a, end=info.start + b, quote=quote, speaker=speaker, speaker_norm=norm, side=side,
        is_person=is_person, verb=verb, verb_lemma="believe", kind="opinion", hedged=is_hedged(quote),
        attribution="pronoun" if named_in != info.n else "indirect",
        speaker_confidence="medium" if named_in != info.n else "high",
        antecedent_sentence=named_in if named_in != info.n else None, verb_start=info.start + adj.idx,
    )


def _quotation_resumed(doc: Doc, info: SentenceInfo, verb: Token, st: Statement) -> Statement | None:
    """'“It is a mess,” Doe said, “and everyone knows it.”': a quotation split by its attribution goes on after
    it, in the same speaker's words (also '…, Doe said, adding: “…”'). Only a quotation the verb closed, and
    nothing between the verb and the next quotation mark but the speaker, 'adding' and punctuation."""
    if st.end > info.start + verb.idx or st.attribution == "outlet":
        return None  # the verb introduced its content, or the statement is the outlet's own
    opening = next((t for t in doc[verb.i + 1:] if t.text in {"“", '"'}), None)
    if opening is None or opening.i - verb.i > 10 or doc[opening.i - 1].text not in {",", ":"}:
        return None  # '… Doe said on “The Morning Hour”': a title, not more of the quotation
    if any(t.pos_ in {"VERB", "AUX"} and t.lemma_.lower() != "add" for t in doc[verb.i + 1:opening.i]):
        return None  # another verb in between: '“…,” Doe said, as officials announced “…”'
    lo, hi = opening.i + 1, len(doc)
    close = next((t for t in doc[lo:] if t.text in {"”", '"'}), None)
    if close is not None:
        hi = close.i
    while hi > lo and doc[hi - 1].is_punct:
        hi -= 1
    if hi - lo < 3:
        return None
    a, b = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
    quote = info.text[a:b]
    return st.model_copy(update={
        "start": info.start + a, "end": info.start + b, "quote": quote,
        "kind": claim_kind(st.verb_lemma or "say", quote, speaker_norm=st.speaker_norm), "hedged": is_hedged(quote),
    })


NESTED_OPEN = frozenset("‘'\"“")
NESTED_CLOSE = frozenset("’'\"”")


def _nested_quotation(text: str, st: Statement) -> bool:
    """A quotation inside a quotation, with its speaker named inside the outer one ('“Ms Roe told us, ‘We are all
    here in good faith.’ I believed her,” Doe said'): Roe's words, as Doe reports them, in their own marks. The
    quoted speaker's own 'I think …' or 'we said' is not this: its words stand in no marks of their own."""
    if st.speaker_start is None or st.verb_start is None or not st.speaker_norm[:1].isupper():
        return False
    before = text[max(0, st.start - 2):st.start]
    after = text[st.end:st.end + 3]
    return any(ch in NESTED_OPEN for ch in before) and any(ch in NESTED_CLOSE for ch in after) \
        and st.speaker_start < st.verb_start < st.start


def _quoted_by(nested: list[Statement], others: Sequence[Statement]) -> list[Statement]:
    """Nested quotations with the speaker whose quotation holds them, when a statement of the sentence does."""
    for st in nested:
        outer = next((o for o in others if o.sentence == st.sentence and o.start <= st.start and st.end <= o.end
                      and o.speaker_norm != st.speaker_norm), None)
        st.quoted_by = outer.speaker_norm if outer is not None else None
    return nested


def _subjectless(content: str) -> bool:
    """What a verb reports opens with a finite auxiliary ('is a done deal', 'was insufficient'): a fragment of a
    clause whose subject the parse put elsewhere, never a claim (a question quoted in full is not this: it
    opens inside quotation marks)."""
    first = content.split(" ", 1)[0]
    return first in FINITE_AUXILIARIES


def _holder(doc: Doc, subj: Token, info: SentenceInfo, ctx: Discourse
            ) -> tuple[str, str, str | None, bool, int] | None:
    """Who a subject or possessor names: a named, agentive holder, or a person pronoun resolved as for 'she
    said' — (as written, canonical label, side, is a person, sentence that names them); None otherwise."""
    if subj.lower_ in PRONOUNS_PERSON or subj.lower_ in {"his", "her"}:
        ref = person_antecedent(ctx, info.n, {"his": "he", "her": "she"}.get(subj.lower_, subj.lower_))
        if ref is None:
            return None
        return ref.speaker, ref.norm, ref.side, True, ref.sentence
    lo, hi = noun_phrase(subj, drop=("relcl", "acl", "case"))
    if not doc[lo:hi].text.strip() or not is_agentive(doc[lo:hi]):
        return None
    speaker, norm, side, is_person = _named_holder(doc[lo:hi])
    return speaker, norm, side, is_person, info.n


def _announces(head: Token, before: int) -> Token | None:
    """The holder a clause names when it announces words: 'Doe put it bluntly', 'Doe was blunt', 'Doe had a
    simple message for the council', 'Doe's verdict' (data: colon_announcing). The subject or possessor token;
    ``before``: where the clause ends (the colon), so a 'Not' inside the quotation negates nothing here."""
    kids = list(head.children)
    lemma = head.lemma_.lower()
    if head.pos_ in {"NOUN", "PROPN"}:
        return next((c for c in kids if c.dep_ == "poss"), None) if lemma in SPEECH_NOUNS else None
    if head.pos_ not in {"VERB", "AUX"}:
        return None
    subj = next((c for c in kids if c.dep_ == "nsubj"), None)
    if any(c.dep_ == "neg" and c.i < before for k in [head, *kids] for c in k.children):
        # 'Doe was not blunt: …' announces nothing; 'Doe did not mince words: …' is emphatic (not a quoted 'Not')
        words = NEGATED_EMPHATIC.get(lemma)
        emphatic = words is not None and (not words or any(c.lower_ in words for c in kids))
        return subj if emphatic else None
    if lemma in COLON_INTRANSITIVE and not any(c.dep_ in {"dobj", "ccomp", "xcomp"} and c.i < before for c in kids):
        return subj
    if not ((lemma in COLON_VERBS_WITH_IT and any(c.dep_ == "dobj" and c.lower_ == "it" for c in kids))
            or any(c.dep_ == "acomp" and c.lower_ in COLON_MANNER_ADJECTIVES for c in kids)
            or (lemma in COLON_GIVING_VERBS and any(c.dep_ == "dobj" and c.lemma_.lower() in SPEECH_NOUNS
                                                     for c in kids))):
        return None
    return subj


def _signed_quotation(doc: Doc) -> tuple[Token | None, int, int]:
    """'“…” — Jane Doe, council member': a quotation signed after a dash by a named person, nothing else after it
    (no verb). The name's head token and the quotation's token range; (None, -1, -1) otherwise."""
    close = next((t for t in doc[1:] if t.text in {"”", '"'}), None)
    if close is None or close.i + 2 >= len(doc) or doc[close.i + 1].text not in {"—", "–", "-", "--"}:
        return None, -1, -1
    rest = doc[close.i + 2:]
    person = next((e for e in doc.ents if e.label_ == "PERSON" and e.start == close.i + 2), None)
    if person is None or len(rest) > 10 or any(t.pos_ in {"VERB", "AUX"} for t in rest):
        return None, -1, -1
    return person.root, 1, close.i


def _how_clause(verb: Token) -> bool:
    """'“…,” is how Doe described it': the verb names how the quotation before it was said; what it reports
    is that quotation (``_announced_quotation``), not its own object."""
    return (any(c.dep_ == "advmod" and c.lower_ == "how" for c in verb.children)
            and verb.head.lemma_.lower() == "be" and verb.head.i < verb.i
            and verb.doc[0].text in {"“", '"'})


def _announced_quotation(doc: Doc, info: SentenceInfo, article_id: str, ctx: Discourse) -> Statement | None:
    """A quotation announced by a clause that names its holder, with no reporting verb of its own: 'Doe put it
    bluntly: “…”', 'Doe was unequivocal: “…”', 'Doe's verdict: “…”'; or named after it: '“…,” is how Doe put
    it', '“…” was Doe's verdict', '“…” — Doe, council member'. The quoted words are the holder's."""
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    holder: Token | None = None
    anchor = root  # the token that announces the words (the reporting verb's place)
    q_lo = q_hi = -1
    colon = next((t for t in doc if t.text == ":"), None)
    if colon is not None and colon.i + 1 < len(doc):
        # The clause before the colon: its top token (the parser may hang it under the quotation's verb).
        head = next((t for t in doc[:colon.i] if not t.is_punct and (t.head.i >= colon.i or t.head.i == t.i)), None)
        if head is None or ctx.quotes.inside(info.start + head.idx):
            return None
        quoted = doc[colon.i + 1].text in {"“", '"'}
        # Unquoted, what follows must be a clause of its own ('Doe was unequivocal: the plant will stay shut').
        if not quoted and not any(t.pos_ in {"VERB", "AUX"} for t in doc[colon.i + 1:]):
            return None
        holder, anchor = _announces(head, colon.i), head
        q_lo, q_hi = colon.i + (2 if quoted else 1), len(doc)
    elif doc[0].text in {"“", '"'} and root.lemma_.lower() == "be" \
            and (close := next((t for t in doc[1:root.i] if t.text in {"”", '"'}), None)) is not None:
        how = next((c for c in root.children if c.i > root.i and c.pos_ in {"VERB", "AUX"}
                    and any(g.dep_ == "advmod" and g.lower_ == "how" for g in c.children)), None)
        if how is not None and (how.lemma_.lower() in COLON_VERBS_WITH_IT or how.lemma_.lower() in REPORTING_VERBS):
            holder = next((c for c in how.children if c.dep_ == "nsubj"), None)
        else:
            attr = next((c for c in root.children if c.dep_ == "attr" and c.i > root.i), None)
            holder = _announces(attr, len(doc)) if attr is not None else None
        q_lo, q_hi = 1, close.i
    if holder is None and doc[0].text in {"“", '"'}:
        holder, q_lo, q_hi = _signed_quotation(doc)
        anchor = holder or anchor  # the signature stands where a reporting verb would
    if holder is None:
        return None
    while q_hi > q_lo and (doc[q_hi - 1].is_punct or doc[q_hi - 1].text in {"”", '"'}):
        q_hi -= 1
    if q_hi - q_lo < 3:
        return None
    who = _holder(doc, holder, info, ctx)
    if who is None:
        return None
    speaker, norm, side, is_person, named_in = who
    a, b = doc[q_lo].idx, doc[q_hi - 1].idx + len(doc[q_hi - 1].text)
    quote = info.text[a:b]
    return Statement(
        id="tmp0", article_id=article_id, sentence=info.n, sentence_start=info.start, sentence_end=info.end,
        start=info.start + a, end=info.start + b, quote=quote, speaker=speaker, speaker_norm=norm, side=side,
        is_person=is_person, verb="said", verb_lemma="say", kind=claim_kind("say", quote, speaker_norm=norm),
        hedged=is_hedged(quote), attribution="pronoun" if named_in != info.n else "direct",
        speaker_confidence="medium" if named_in != info.n else "high",
        antecedent_sentence=named_in if named_in != info.n else None, verb_start=info.start + anchor.idx,
    )


def _issuer_of(noun: Token) -> Token | None:
    """The subject that issues or makes a claim noun ('The ministry issued a warning that …', 'X made the claim
    that …'): the holder, as a possessor is. A pronoun holder is left alone: it names no one here."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in CLAIM_NOUN_VERBS:
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ not in {"PROPN", "NOUN"} or subj.lower_ in PRONOUNS_PERSON | PRONOUNS_GROUP:
        return None
    return subj


def _noun_claim(doc: Doc, info: SentenceInfo, article_id: str, noun: Token, ctx: Discourse) -> Statement | None:
    """'Officials rejected Jane Doe's claim that the vote was rigged': the article reports that Doe claims the
    vote was rigged, whatever the sentence does with it. Needs a holder (a possessor: a name, or 'her' /
    'its' resolved as a role's owner is) and the clause it states ('that …'); not inside a quotation."""
    if ctx.quotes.inside(info.start + noun.idx):
        return None
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    # ('relcl' too: the parser takes 'a warning that the plan would fail' for a relative clause, but its 'that'
    # is a complementiser, not the clause's subject or object)
    clause = next((c for c in noun.children if c.dep_ in {"acl", "ccomp", "relcl"}
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if poss is None and clause is not None:
        poss = _issuer_of(noun)  # 'The ministry issued a warning that …'
    if poss is None or clause is None or noun.dep_ == "ROOT":  # a noun as the root: the parse went wrong
        return None
    if noun.head.lemma_.lower() in DENIAL_VERBS | FALSITY_VERBS:
        return None  # 'Harbor Foods denied the union's claims that …': the denial names whose claim it answers
    if poss.lower_ in POSSESSIVE_PRONOUNS:
        owner = _owner_of_role(doc, doc[noun.i:noun.i + 1], info, ctx)
        if owner is None:
            return None
        speaker, is_person, named_in = owner
        norm, side = speaker, resolve_side(speaker)
        confidence: Literal["high", "medium", "low"] = "medium"
    else:
        lo, hi = noun_phrase(poss, drop=("relcl", "acl", "case"))
        if not doc[lo:hi].text.strip() or not is_agentive(doc[lo:hi]):
            return None
        speaker, norm, side, is_person = _named_holder(doc[lo:hi])
        named_in, confidence = info.n, "high"
    last = clause.right_edge.i
    if noun.head.i > noun.i:  # 'her insistence that the water is safe angered residents': not past the verb
        last = min(last, noun.head.i - 1)
    said = _clause_words(doc, info, clause, last)
    if said is None:
        return None
    a, b, quote = said
    lemma, verb = CLAIM_NOUNS[noun.lemma_.lower()]
    return Statement(
        id="tmp0", article_id=article_id, sentence=info.n, sentence_start=info.start, sentence_end=info.end,
        start=info.start + a, end=info.start + b, quote=quote, speaker=speaker, speaker_norm=norm, side=side,
        is_person=is_person, verb=verb, verb_lemma=lemma, kind=claim_kind(lemma, quote, speaker_norm=norm),
        hedged=is_hedged(quote), attribution="indirect", speaker_confidence=confidence,
        antecedent_sentence=named_in if named_in != info.n else None, verb_start=info.start + noun.idx,
    )


def announcement(doc: Doc, info: SentenceInfo, article_id: str, ctx: Discourse) -> Statement | None:
    """'Doe wrote on Facebook.' / 'The ministry issued a statement on Tuesday.' / 'The company sent us this
    statement:': a sentence with no clause or quotation of its own whose main verb announces words (``ANNOUNCING_VERBS``; 'issue', 'release' … only with a
    document as object). The sentence itself is no claim. Its speaker (named, or a pronoun resolved as for any
    statement) becomes the last speaker, the author a later 'the post read' or 'the statement said' refers to;
    when the sentence ends its paragraph and a quotation opens the next, the caller gives it that quotation."""
    if info.text.rstrip()[-1:] not in {".", ":"} or any(m in info.text for m in '“”"'):
        return None
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ != "VERB" or {c.dep_ for c in root.children} & {"ccomp", "xcomp", "nsubjpass",
                                                                                   "auxpass", "neg"}:
        return None
    lemma = root.lemma_.lower()
    if lemma in ANNOUNCING_WITH_OBJECT:
        if not any(c.dep_ == "dobj" and c.lemma_.lower() in DOCUMENT_NOUNS for c in root.children):
            return None
    elif lemma not in ANNOUNCING_VERBS:
        return None
    return _statement_for_verb(doc, info, article_id, root, [root], ctx)


def _phrasal_part(verb: Token) -> Token | None:
    """'pointed out that …', 'made clear that …': the particle or predicate word with which a verb reports a
    clause (data: ``phrasal_reporting``); None for 'pointed at the map', 'made clear progress'."""
    words = PHRASAL_REPORTING.get(verb.lemma_.lower())
    if not words or verb.pos_ != "VERB" or not any(c.dep_ == "ccomp" for c in verb.children):
        return None
    return next((c for c in verb.children if c.dep_ in {"prt", "oprd", "acomp", "advmod"} and c.lower_ in words),
                None)


def _phrasal_speech(verb: Token) -> bool:
    return _phrasal_part(verb) is not None


def _verb_words(verb: Token) -> str:
    """The reporting verb as a claim repeats it: with its particle or predicate word when it is phrasal
    ('pointed out', 'made clear')."""
    part = _phrasal_part(verb)
    return verb.text if part is None else f"{verb.text} {part.text}"


def _unsaid(verb: Token) -> bool:
    """'would not say whether …', 'declined to say how many …', 'never confirmed that …': the verb reports
    that nothing was said. It still ends the clause of a verb before it ('said …, but did not say when'). The
    negation stands just before the verb: in '“Absolutely not,” Doe said' it is part of what was said. A
    negation carries over a coordination: 'did not confirm or deny the report', 'would neither confirm nor
    deny it' deny nothing."""
    if any(c.dep_ == "neg" and verb.i - 3 <= c.i < verb.i for c in verb.children) or (
            verb.dep_ == "xcomp" and verb.head.lemma_.lower() in NEGATIVE_IMPLICATIVES):
        return True
    if any(c.dep_ == "preconj" and c.lower_ == "neither" for c in verb.children):
        return True
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in verb.children):
        return True  # 'If the council says yes, work could begin': a condition, not something said
    if verb.dep_ == "conj":
        joins = {c.lower_ for c in verb.head.children if c.dep_ == "cc" and verb.head.i < c.i < verb.i}
        return "nor" in joins or ("or" in joins and _unsaid(verb.head))
    return False


def _is_speech(verb: Token) -> bool:
    lemma = verb.lemma_.lower()
    kids = {c.dep_ for c in verb.children}
    passive = bool(kids & {"nsubjpass", "auxpass"})
    if passive and "agent" not in kids:
        # "is said to", "is believed to" report unnamed sources; "figures are disputed" reports no one.
        return lemma in {"say", "report", "believe", "think", "claim", "allege", "understand"} and "xcomp" in kids
    if verb.tag_ == "VBN" and verb.dep_ == "advcl" and not kids & {"nsubj", "nsubjpass"} or is_asked_aside(verb):
        return False  # 'Asked whether he would resign, Doe said …': Doe was asked; the question is not his
    if lemma == "ask" and any(c.dep_ == "xcomp" and {t.lemma_.lower() for t in c.subtree} & ANONYMITY
                              for c in verb.children):
        return False  # '… who asked not to be named': a condition of the interview, not a statement
    if "ccomp" not in kids and any(c.dep_ == "prep" and c.lower_ == "on" and {t.lemma_.lower() for t in c.subtree}
                                   & ANONYMITY for c in verb.children):
        return False  # 'insisted on anonymity to describe the talks': a condition, not what was said
    if any(c.dep_ == "dobj" and c.i < verb.i and (c.lower_ in {"what", "which"} or any(
            d.dep_ == "det" and d.lower_ in {"what", "which"} for d in c.children)) for c in verb.children):
        # 'did not cite what Doe said that he considered a lie', 'for what organizer Doe called a “family-friendly”
        # rally': a free relative (the parser may hang the 'what' on the noun after it), nothing reported
        return False
    if lemma == "claim":
        if kids & {"ccomp", "xcomp"}:
            return True
        return any(c.dep_ == "dobj" and c.lemma_.lower() in CLAIM_SPEECH_OBJECTS for c in verb.children)
    if lemma == "call":  # 'called for talks'; 'called the plan a disaster' (a judgement, not a name: 'called him John')
        return any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children) or (
            "dobj" in kids and any(c.dep_ == "oprd" and c.pos_ != "PROPN" for c in verb.children)) or (
            "dobj" in kids and _quoted_judgement(verb)) or _judged_false(verb) is not None  # 'called the claims lies'
    if lemma in JUDGEMENT_AS_VERBS:  # 'slammed the plan as “deeply flawed”', not 'slammed the door'
        return ("dobj" in kids and (_judged_as(verb) is not None or _quoted_judgement(verb))) \
            or _judged_false(verb) is not None or _judged_free_relative(verb)
    if lemma in {"describe", "term"} and (any(c.dep_ == "dobj" and c.lower_ in {"what", "which"}
                                              for c in verb.children) or not _describes(verb, kids)):
        # "what some participants described as …" quotes a label; 'to describe the conversation' says nothing
        return False
    if lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children) \
            and any(m.dep_ == "mark" and m.lower_ == "as" for m in verb.children):
        return True  # 'As Doe put it, “the bill is dead.”': put as said
    if lemma in {"put", "place"}:  # 'officials put the death toll at 12'; not 'put pressure on', 'took place'
        return any(c.dep_ == "dobj" and c.lemma_.lower() in TALLY_NOUNS | CROWD_NOUNS for c in verb.children) and any(
            c.dep_ == "prep" and c.lower_ == "at" for c in verb.children)
    if lemma in {"threaten", "vow"}:
        return "xcomp" in kids or "ccomp" in kids
    if lemma in {"report", "suggest", "indicate", "describe", "term", "reveal", "confirm", "announce"}:
        objects = {"ccomp", "xcomp", "dobj", "oprd", "parataxis"} | ({"prep"} if lemma in {"suggest", "indicate"} else set())
        return bool(kids & objects) or verb.dep_ == "parataxis"
    if lemma in COMPLEMENT_VERBS:
        announces = verb.doc.text.rstrip().endswith(":") and verb.i < len(verb.doc) - 1  # "X tweeted:" + quote
        clause = {"ccomp"} if lemma in ASPECTUAL_VERBS else {"ccomp", "xcomp"}  # not 'continued to push'
        return bool(kids & clause) or verb.dep_ in {"parataxis"} or announces or _closes_quotation(verb) \
            or _colon_quotation(verb) is not None or _quotation_follows(verb) \
            or (lemma in {"argue", "contend", "maintain"} and verb.dep_ == "ROOT")
    return True


#: The subject of a reported clause that is the speaker itself: 'the army said it had not shelled the village'.
SELF = "<speaker>"


def _proposition(verb: Token) -> tuple[str, str, bool] | None:
    """What the reported clause asserts of what, and whether it is negated: 'the heater is not safe' →
    ('heater', 'safe', True), 'soldiers fired on the crowd' → ('soldier', 'fire', False). Only for a clause
    with a noun subject, or a pronoun that is the speaker acting ('the army said it had not shelled …' →
    ``SELF``; with 'be' a pronoun may be nobody: 'it was unclear')."""
    comp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if comp is None:
        return None
    pred: Token | None = comp
    if comp.lemma_.lower() == "be":
        pred = next((c for c in comp.children if c.dep_ in {"acomp", "attr"}), None)
    if pred is None:
        return None
    subj = next((c for c in comp.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None:
        return None
    negated = any(c.dep_ == "neg" or c.lower_ == "never" for c in (*comp.children, *pred.children))
    if subj.pos_ == "PRON" and subj.lower_ in SELF_PRONOUNS and comp.lemma_.lower() != "be":
        return SELF, pred.lemma_.lower(), negated
    if subj.pos_ not in {"NOUN", "PROPN"}:
        return None
    # a passive participle is its own predicate ('was rigged', 'was closed'), as an adjective would be
    word = pred.lower_ if any(c.dep_ == "auxpass" for c in pred.children) else pred.lemma_.lower()
    return subj.lemma_.lower(), word, negated


def _own(prop: tuple[str, str, bool] | None, speaker_lemma: str | None) -> tuple[str, str, bool] | None:
    """A proposition whose subject is the speaker itself gets the speaker's head word ('army'), or none."""
    if prop is None or prop[0] != SELF:
        return prop
    return (speaker_lemma, prop[1], prop[2]) if speaker_lemma else None


def _describes(verb: Token, kids: set[str]) -> bool:
    """'described the plan as a disaster' (an 'as' after the verb or inside its object), 'described how …', a
    quoted judgement: 'describe' reports something. 'to describe the conversation' does not."""
    return bool(kids & {"ccomp", "oprd", "parataxis"}) or verb.dep_ == "parataxis" or _judged_as(verb) is not None \
        or any(t.lower_ == "as" and t.i > c.i for c in verb.children if c.dep_ == "dobj" for t in c.subtree) \
        or _quoted_judgement(verb)


def _judged_free_relative(verb: Token) -> bool:
    """'derided what he called the reading as “total nonsense”': the parser makes the free relative a clause;
    what it names is judged 'as' something all the same."""
    return any(c.dep_ == "ccomp" and c.left_edge.lower_ == "what" and c.i > verb.i
               and any(t.lower_ == "as" and t.dep_ == "prep" for t in c.subtree) for c in verb.children)


def _judged_as(verb: Token) -> Token | None:
    """What an object is judged as, after the verb: 'as propaganda' (a preposition) or 'as “deeply flawed”'
    (the parser's adverbial clause with 'as' as its marker)."""
    for c in verb.children:
        if c.i < verb.i:
            continue
        if c.dep_ == "prep" and c.lower_ == "as":
            return c
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children):
            return c
    return None


def _quoted_judgement(verb: Token) -> bool:
    """'called the ruling “a disgrace to the country”': the parser hangs the quoted judgement on the object as
    an apposition; a quotation opening right after the object is what the verb says of it."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return False
    nxt = verb.doc[obj.i + 1] if obj.i + 1 < len(verb.doc) else None
    return nxt is not None and nxt.text in {"“", '"'} and any(c.dep_ == "appos" and c.pos_ != "PROPN"
                                                               for c in obj.children)


def _closes_quotation(verb: Token) -> bool:
    """'“…,” she tweeted.' / '“…,” he added': the verb follows a quotation closed just before it (a few words
    between: the speaker, an adverb), so the quotation is what it reports."""
    text = verb.doc.text
    close = max(text.rfind("”", 0, verb.idx), text.rfind('"', 0, verb.idx))
    return close > 0 and len(text[close + 1:verb.idx].split()) <= 5


MIN_QUOTED_WORDS = 4  # fewer quoted words after the verb are a label ('a “great, great” wall'), not what it reports


def _named_in_content(doc: Doc, verb: Token, info: SentenceInfo, ctx: Discourse) -> frozenset[str]:
    """Names (lower case) in what the verb reports — inside quotation marks or in its clause: 'He demanded
    that Mr. Doe resign' is not Doe speaking."""
    clause = {t.i for c in verb.children if c.dep_ in {"ccomp", "xcomp"} for t in c.subtree}
    return frozenset(t.lower_ for t in doc if t.pos_ == "PROPN"
                     and (t.i in clause or ctx.quotes.inside(info.start + t.idx)))


ANONYMITY = frozenset({"name", "identify", "anonymity", "anonymous"})  # 'asked not to be named', 'on anonymity'


def _quotation_follows(verb: Token) -> bool:
    """'X pleaded with voters not to “give in to fear”': a quotation opens a few words after the verb, with no
    other verb before it, so the quoted words are what the verb reports (the parser often hangs them
    elsewhere)."""
    for t in verb.doc[verb.i + 1:verb.i + 10]:
        if t.text in {"“", '"'}:
            return True
        if (t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"aux", "auxpass"}) or t.text in {".", ";", ":"}:
            return False
    return False


def _colon_quotation(verb: Token) -> tuple[int, int] | None:
    """'X tweeted Saturday: “…”': a colon a few words after the verb opens a quotation, which is what the verb
    reports (the parser often hangs the verb under the quotation's own verb). Token range of the quoted words."""
    doc = verb.doc
    for t in doc[verb.i + 1:verb.i + 6]:
        if t.text == ":":
            nxt = t.i + 1
            if nxt < len(doc) and doc[nxt].text in {"“", '"'}:
                hi = len(doc)
                while hi > nxt + 1 and (doc[hi - 1].is_punct or doc[hi - 1].text in {"”", '"'}):
                    hi -= 1
                return (nxt + 1, hi) if hi > nxt + 1 else None
            return None
        if t.pos_ in {"VERB", "AUX"} or t.is_punct:
            return None
    return None


def _trailing_report(verb: Token) -> tuple[int, int] | None:
    """'Tom Roe is alive and well, his agent said on Sunday.': the parser may hang the reporting clause on the
    report as a conjunct; what was said is then the clause before the comma (not with 'and': 'the shop closed
    and the owner said …' reports two things)."""
    if verb.dep_ != "conj" or verb.head.i > verb.i or any(c.dep_ == "cc" for c in verb.children):
        return None
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < verb.i), None)
    if subj is None:
        return None
    comma = subj.left_edge.i - 1
    doc = verb.doc
    if comma <= verb.head.left_edge.i or doc[comma].text != "," or any(t.dep_ == "cc" for t in doc[comma:subj.i]):
        return None
    return verb.head.left_edge.i, comma


def _complement_range(verb: Token, rep_verbs: Sequence[Token], subj_idx: set[int]) -> tuple[int, int] | None:
    """Token range of what the verb reports (its clause/object), cut before nested statements."""
    lemma = verb.lemma_.lower()
    colon = _colon_quotation(verb)
    if colon is not None:
        return colon
    comps = [c for c in verb.children if c.dep_ in {"ccomp", "xcomp", "dobj", "oprd", "attr", "dative"}
             and not is_asked_aside(c)]  # ', asked about the closure,' is what the speaker was asked
    # 'Ministers accuse the opposition of X; the opposition accuses the government of Y': a clause before a
    # semicolon is a sentence of its own, not what the verb after it reports.
    comps = [c for c in comps if not (c.i < verb.i and any(t.text == ";" for t in verb.doc[c.right_edge.i:verb.i]))]
    if lemma in {"describe", "term"}:
        comps = [c for c in comps if c.lower_ not in {"what", "which"}]
    if _phrasal_speech(verb):  # 'made clear that …': 'clear' is part of the verb, the clause is what was said
        comps = [c for c in comps if c.dep_ == "ccomp"]
    if lemma in ALLEGATION_VERBS or lemma in {"call", "warn", "describe", "suggest", "indicate"}:
        comps += [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i
                  and (c.lower_ in {"of", "for", "over", "against", "as", "about", "that"}
                       or c.lower_ == "on" and lemma == "blame")]  # 'blamed the outage on a faulty update'
    if any(c.dep_ == "dobj" for c in comps):  # 'dismissed the claims as baseless', 'branded the vote as rigged'
        comps += [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > verb.i and c not in comps]
        judged = _judged_as(verb)  # '… as “deeply flawed”', parsed as an adverbial clause
        if judged is not None and judged not in comps:
            comps.append(judged)
    if not any(c.dep_ == "ccomp" for c in comps) and (hung := _clause_on_object(verb)) is not None:
        comps = [hung]  # 'said on WXYZ’s “Morning Show” that renters would suffer': the clause is what was said
    if not comps:
        return _trailing_report(verb)
    clause = next((c for c in comps if c.dep_ == "ccomp"), None)
    if clause is not None:
        # 'told reporters the strike would continue', 'assured investors that …': the object is whom the
        # speaker addressed, not what they said. But 'Observers note the group, led by Doe, is viewed as …':
        # an object before a clause with no subject of its own is that clause's subject, misparsed.
        subjectless = not any(g.dep_ in {"nsubj", "nsubjpass", "expl"} for g in clause.children)
        comps = [c for c in comps if c.dep_ not in {"dobj", "dative"}
                 or (subjectless and c.dep_ == "dobj" and c.i < clause.i and lemma not in ADDRESSEE_VERBS)]
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
    doc = verb.doc
    when = doc[lo]
    if when.dep_ == "prep" and when.i > verb.i and when.head.dep_ == "ccomp" and when.right_edge.i < last and any(
            g.dep_ == "pobj" and g.ent_type_ in {"DATE", "TIME"} for g in when.children):
        lo = when.right_edge.i + 1  # 'said on Tuesday the border would reopen': when it was said, not what
    hi = lo
    while hi + 1 <= last and hi + 1 not in stops:
        hi += 1
    while lo < hi and (doc[lo].dep_ == "mark" and doc[lo].lower_ not in {"whether", "if"}
                       or doc[lo].is_punct and doc[lo].text not in {"“", '"'}):
        lo += 1  # 'said that …' reports what follows 'that'; 'asked whether …' keeps its 'whether'
    while hi > lo and (doc[hi].is_punct and doc[hi].text not in {"”", '"', "%"} or doc[hi].dep_ in {"cc", "mark"}):
        hi -= 1
    return lo, hi + 1


def _clause_on_object(verb: Token) -> Token | None:
    """A 'that'-clause with its own subject that the parser hung on a noun after the verb as a relative clause
    ('said on WXYZ’s “Morning Show” that renters would suffer', the clause under 'Show'): a relative clause's
    'that' is its subject or object, never a conjunction before a subject, so the clause is the verb's
    complement."""
    for t in verb.subtree:
        if t.dep_ == "relcl" and t.i > verb.i and t.head.dep_ in {"dobj", "pobj"} \
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in t.children) \
                and any(g.dep_ in {"nsubj", "nsubjpass"} for g in t.children):
            return t
    return None


def _balance_quotes(text: str, a: int, b: int) -> tuple[int, int]:
    """Make a span's quote marks balanced: extend to a closing mark that follows, else drop a stray one. A
    quotation that opens inside the span runs to its closing mark: a parse that ends the clause inside it
    ('said it was “wrong for X to assume being a person of faith' + 'does not afford …”') can say the
    opposite of the quotation."""
    seg = text[a:b]
    opens, closes = seg.count("“"), seg.count("”")
    if opens > closes:
        nxt = text.find("”", b)
        if nxt >= 0 and "“" not in text[b:nxt]:
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
        nxt = text.find('"', b)
        if text[:a].count('"') % 2 == 0 and nxt >= 0 and not seg.endswith('"'):
            b = nxt + 1  # the span opens a quotation (no mark before it is left open): it runs to its close
        elif seg.startswith('"'):
            a += 1
        elif seg.endswith('"'):
            b -= 1
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1] in " ,;:":
        b -= 1
    return a, b


def _read_document(verb: Token) -> list[Token]:
    """The document whose words 'read' reports, as the parser leaves it: '“…,” the post read' (often tagged a
    noun 'read' with 'post' as its compound), '“…,” read a statement from the ministry' (the statement as
    object), 'The letter read: “…”'. Empty when 'read' is not reporting a quotation."""
    if verb.lemma_.lower() != "read" or not (_closes_quotation(verb) or _colon_quotation(verb) is not None
                                             or _quotation_follows(verb)):
        return []
    for c in verb.children:
        if c.dep_ in {"nsubj", "dobj", "compound"} and c.lemma_.lower() in AUTHORED_WORKS and c.pos_ == "NOUN":
            det = [d for d in verb.children if d.dep_ in {"det", "poss"} and d.i < c.i] if c.dep_ == "compound" \
                else []
            return [c, *det]  # the document first: it heads the speaker phrase
    return []


def work_author(head: Token) -> Token | None:
    """The author named with what they issued ('the union's statement', 'a statement from the ministry', 'a
    report by the audit office', 'the union issued a statement'): the one speaking through it. 'of' names no
    author ('a survey of voters')."""
    if head.lemma_.lower() not in AUTHORED_WORKS:
        return None
    for c in head.children:
        if c.dep_ == "poss" and c.pos_ in {"PROPN", "NOUN"} and c.lower_ not in PRONOUNS_PERSON | PRONOUNS_GROUP:
            return c
        # 'a statement from the ministry'; 'the report, released Tuesday by the audit office,' (the agent of a
        # participle that says who issued it)
        preps = [c] if c.dep_ == "prep" and c.lower_ in {"from", "by"} else \
            [g for g in c.children if g.dep_ == "agent"] if c.dep_ == "acl" and c.tag_ == "VBN" else []
        for prep in preps:
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ in {"PROPN", "NOUN"}:
                return pobj
    # 'Doe's office released a statement calling …': whoever issued the document speaks through it
    issuer = head.head
    if head.dep_ == "dobj" and issuer.lemma_.lower() in ANNOUNCING_WITH_OBJECT | ANNOUNCING_VERBS:
        subj = next((c for c in issuer.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.pos_ in {"PROPN", "NOUN"}:
            return subj
    return None


def _owner_range(owner: Token) -> tuple[int, int]:
    """The owner's name as the speaker phrase: without the possessive ending, an appositive or a clause
    ('GasBuddy, an app that tracks prices,' → 'GasBuddy'), with its own 'of' ('the Department of Labor')."""
    lo, hi = noun_phrase(owner, drop=("relcl", "acl", "appos", "case"))
    doc = owner.doc
    while hi - 1 > lo and (doc[hi - 1].is_punct or doc[hi - 1].dep_ == "case"):
        hi -= 1
    return lo, hi


def channel_owner(head: Token) -> Token | None:
    """The owner named by a possessive before a channel noun ('Doe's account', 'Doe's Twitter feed'): the
    person or group speaking through it."""
    if head.lemma_.lower() not in CHANNEL_NOUNS:
        return None
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is None or owner.pos_ not in {"PROPN", "NOUN"} or owner.lower_ in PRONOUNS_PERSON | PRONOUNS_GROUP:
        return None
    return owner


def _statement_for_verb(doc: Doc, info: SentenceInfo, article_id: str, verb: Token,
                        rep_verbs: Sequence[Token], ctx: Discourse) -> Statement | None:
    lemma = verb.lemma_.lower()
    subj, how = (_read_document(verb), "own") if lemma == "read" else speaker_token(verb)
    if len(subj) > 1 and lemma != "read":  # '“… the politicians themselves,” Rep. Jane Doe wrote': words inside the quotation
        subj = [t for t in subj if not ctx.quotes.inside(info.start + t.idx)] or subj  # are not its speaker
    attribution: Attribution = "indirect"
    antecedent: int | None = None
    hedged = is_hedged(info.text)
    subj_idx: set[int] = set()
    remember: SpeakerRef | None = None
    coordinated = False
    speaker_lemma: str | None = None  # the named speaker's head word, for a clause whose subject is itself
    confidence: Literal["high", "medium", "low"] = "high"
    alternatives: list[str] = []
    if not subj:
        if how != "passive":
            return None
        speaker, norm, side, is_person = "unnamed sources", "unnamed sources", None, False
        attribution, hedged = "passive", True
    else:
        lo, hi = subject_range(doc, subj)
        head = subj[0]
        owner = channel_owner(head) or work_author(head)
        if owner is not None:  # "Doe's account tweeted: …", "a statement from Doe said …" is Doe speaking
            subj, head = [owner], owner
            lo, hi = _owner_range(owner)
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None and head.i > verb.i and head.pos_ == "PROPN" and of.i > head.i:
            hi = min(hi, of.i)  # '“…,” said Doe of the plan': what Doe spoke of, not who Doe is
        to = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "to" and c.i > head.i), None)
        if to is not None and head.i > verb.i and head.lemma_.lower() not in ROLES_WITH_TO:
            hi = min(hi, to.i)  # '…, says the ministry's press office to a news site': the addressee, not the speaker
        if head.lower_ in RELATIVE and head.head.dep_ == "relcl":
            lo, hi = noun_phrase(head.head.head)  # "the group, which has claimed …" → the group
        else:
            subj_idx = set(range(lo, hi))
        span = without_dateline(doc[lo:hi])
        lo = span.start
        surname = _named_surname(span, ctx)
        if not is_agentive(span) and not surname and not (head.lemma_.lower() in DOCUMENT_NOUNS
                                          and document_antecedent(span, ctx, info.n) is not None):
            return None  # 'the letter said' / 'the post read' speak only for an author the article just named
        speaker = span.text  # without its dateline: 'CITY (Agency) — The minister' → 'The minister'
        title_ref = title_antecedent(span, ctx, info.n) or party_antecedent(span, ctx, info.n)
        doc_ref = document_antecedent(span, ctx, info.n) if title_ref is None else None
        if doc_ref is not None:
            title_ref = doc_ref
        pronoun = len(subj) == 1 and head.lower_ in PRONOUNS_PERSON | PRONOUNS_GROUP
        if pronoun or title_ref is not None:
            person = (title_ref is not None and (doc_ref is None or doc_ref is ctx.last_speaker)) \
                or (title_ref is None and head.lower_ in PRONOUNS_PERSON)
            quoted = _named_in_content(doc, verb, info, ctx)
            ref = title_ref or (person_antecedent(ctx, info.n, head.lower_, quoted) if person else ctx.last_group)
            if ref is None and person and title_ref is None:
                ref = _reported_subject(doc, head, info, ctx)
            if ref is None:
                return None
            confidence = "medium"
            rival = ctx.last_person if person and title_ref is None else None
            if rival is not None and rival.norm != ref.norm and rival.sentence > ref.sentence:
                # 'he' after a newly named person: the last speaker and the last person named disagree.
                confidence, alternatives = "low", [rival.norm]
            elif person and title_ref is None and ref is not ctx.last_speaker \
                    and not ctx.quotes.inside(info.start + verb.idx):
                # 'Rep. Jane Doe questioned the reading. “…,” she said. “…,” she added.': once 'she' is Doe,
                # Doe is the one speaking; the next 'she added' goes on with her, not back to an earlier speaker.
                ctx.last_speaker = ref
            speaker, norm, side, is_person = ref.speaker, ref.norm, ref.side, person
            antecedent = ref.sentence
            if antecedent != info.n:
                attribution = "context" if head.lower_ in {"it", "they"} else "pronoun"
            else:
                attribution = "pronoun"
        else:
            is_person = is_person_phrase(span) or surname
            norm = normalise_speaker(speaker, span, is_person)
            side = resolve_side(speaker)
            label = re.match(r"^([^:]{2,40}):\s+(.+)$", speaker)  # "The front: The group declared …"
            if label:
                generic = label.group(2).lower() in {"the group", "the organisation", "the organization", "it"}
                norm = normalise_speaker(label.group(1) if generic else label.group(2), None, is_person)
            if norm in {"unnamed sources", "reports"} and side is None:
                hedged = True
            named_org = _spokesperson_for_named(span, ctx) or (
                None if is_person else _named_organisation(span, ctx, info.n))
            if named_org is not None:  # 'the committee said' after 'the House Committee on Oversight'
                speaker, norm = named_org, normalise_speaker(named_org, None, False)
                side = resolve_side(named_org) or side
            owned = _owner_of_role(doc, span, info, ctx)
            if owned is not None:  # 'her lawyer said' → 'Jane Doe's lawyer'; 'its spokesman said' → the company
                owner, owner_person, owner_sentence = owned
                role = doc[span.root.left_edge.i:hi].text.split(" ", 1)[-1]
                spokes = span.root.lemma_.lower() in SPOKES
                speaker = owner if spokes else f"{owner}'s {role}"
                is_person = owner_person and spokes
                norm = normalise_speaker(speaker, None, is_person)
                side = resolve_side(owner)
                confidence = "medium"
                if owner_sentence != info.n:
                    antecedent, attribution = owner_sentence, "pronoun"
            if is_pronoun(norm):
                return None  # 'her father' with no one 'her' can be: a claimer that names no one is none
            remember = SpeakerRef(speaker=speaker, norm=norm, side=side, sentence=info.n)
            coordinated = is_coordinated(span)
            speaker_lemma = None if coordinated else span.root.lemma_.lower()
    quoted = _quoted_segment(info.text, verb.idx)
    rng = _complement_range(verb, rep_verbs, subj_idx)
    relative = _relative_subject(verb)
    if relative is not None and rng is not None:
        rng = (verb.i + 1, relative[1])  # 'the Act, which he said would help …': what he said follows 'said'
    if verb.dep_ == "parataxis" or (rng is None and quoted is None) or attribution == "passive":
        a, b = 0, len(info.text)
    elif quoted is not None and (rng is None or _inside(doc, rng, quoted) or (
            lemma != "call" and _quotation_follows(verb) and not any(c.dep_ in {"ccomp", "xcomp"} for c in verb.children)
            and len(info.text[quoted[0]:quoted[1]].split()) >= MIN_QUOTED_WORDS)):
        a, b = quoted
    else:
        assert rng is not None
        last = doc[rng[1] - 1]
        at = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "at"), None)
        if lemma in ESTIMATE_VERBS and at is not None and at.i > last.i:  # 'put the death toll at 12'
            last = max(at.subtree, key=lambda t: t.i)
        a, b = doc[rng[0]].idx, last.idx + len(last.text)
    a, b = _balance_quotes(info.text, a, b)
    if len(info.text[a:b].split()) < 2:
        a, b = 0, len(info.text)
    quote = info.text[a:b]
    if relative is None and _subjectless(quote) and not ctx.quotes.inside(info.start + a):
        return None  # 'X said is almost certainly not going to happen': the parse lost the clause's subject
    target = target_side = object_text = None
    judged = _judged_false(verb) if lemma in FALSITY_VERBS else None
    if judged is not None:  # 'called Jane Doe's allegations false': a denial of what it names
        olo, ohi = _object_phrase(judged)
        object_text = doc[olo:ohi].text
    elif lemma in ALLEGATION_VERBS | DENIAL_VERBS:
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None:
            olo, ohi = _object_phrase(obj)
            object_text = doc[olo:ohi].text
            if lemma in ALLEGATION_VERBS:
                target, target_side = object_text, resolve_side(object_text)
        elif lemma in DENIAL_VERBS:
            object_text = _short_object(doc, verb)
    verb_start = info.start + verb.idx
    speaker_start = info.start + doc[lo].idx if subj else None
    if remember is not None:
        if is_person and not coordinated:  # 'Jane Doe and her husband': a later 'she' is one of them, 'they' both
            remember_titles(ctx, speaker, norm)
            ctx.saw_person(remember)
            if not ctx.quotes.inside(verb_start) and not ctx.quotes.inside(speaker_start):
                ctx.last_speaker = remember
        else:
            ctx.last_group = remember
            if span.root.pos_ == "PROPN" and not _names_person(norm, ctx):
                ctx.orgs.append((norm, ""))  # 'Quenstream said …': an organisation the article names by speaking
        if (spoken_for := _spokesperson_organisation(span)) is not None:
            ctx.orgs.append((spoken_for, ""))  # 'A spokesperson for Quenstream said …' names Quenstream
    return Statement(
        id="tmp0", article_id=article_id, sentence=info.n, sentence_start=info.start, sentence_end=info.end,
        start=info.start + a, end=info.start + b, quote=quote, speaker=speaker, speaker_norm=norm, side=side,
        is_person=is_person, verb=_verb_words(verb), verb_lemma=lemma,
        kind="denial" if judged is not None else claim_kind(lemma, quote, speaker_norm=norm),
        hedged=hedged or is_hedged(quote),
        attribution="direct" if quoted is not None and quoted[0] - 1 <= a and b <= quoted[1] + 1
        and attribution == "indirect" else attribution,
        antecedent_sentence=antecedent, target=target, target_side=target_side, object_text=object_text,
        speaker_confidence=confidence, speaker_alternatives=alternatives,
        verb_start=verb_start, speaker_start=speaker_start, proposition=_own(_proposition(verb), speaker_lemma),
        subject=relative[0] if relative is not None else None,
    )


def _named_surname(span: SpacySpan, ctx: Discourse) -> bool:
    """The subject is a person by one name: a surname the article named a person by ('Ostervik says …', which
    the tagger often takes for a common noun at a sentence's start), or a name that 'who' qualifies ('Brusk,
    who signed a four-year deal, said …': 'who' is said of people)."""
    root = span.root
    if not root.text[:1].isupper() or root.pos_ not in {"PROPN", "NOUN"} \
            or any(c.dep_ in {"compound", "poss", "det"} for c in root.children):
        return False
    return root.lower_ in ctx.surnames or (root.pos_ == "PROPN" and any(
        c.dep_ == "relcl" and any(w.lower_ in {"who", "whom", "whose"} and w.i > root.i for w in c.children)
        for c in root.children))


def _spokesperson_for_named(span: SpacySpan, ctx: Discourse) -> str | None:
    """'A spokeswoman for the ministry said …' after 'the Ministry of Health': a spokesperson speaks for the
    organisation (as 'a spokesman for Jane Doe' speaks for Doe), here the one the article named."""
    if any(e.label_ == "PERSON" for e in span.ents):
        return None
    pobj = _spoken_for(span)
    if pobj is None or pobj.right_edge.i + 1 < span.end:  # 'a spokeswoman for the ministry, Jane Roe,': Roe
        return None
    return _named_organisation(span.doc[pobj.left_edge.i:pobj.right_edge.i + 1], ctx)


#: words that end the name of a body other than a business: 'the Aviation Safety Board', 'Kelso Police'
BODY_WORDS = (AGENTIVE_LEMMAS | GENERIC_ORG | ALL_TITLES) - BUSINESS_NOUNS


def _spoken_for(span: SpacySpan) -> Token | None:
    """Whom a spokesperson phrase speaks for: the object of its 'for' ('a spokeswoman for the ministry')."""
    root = span.root
    if root.lemma_.lower() not in SPOKES:
        return None
    prep = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "for"), None)
    return next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None


def _names_person(name: str, ctx: Discourse) -> bool:
    """'Torvish, 24, wrote …' after 'her grandson Torvish Doe': one word that is the first name or surname of a person
    the article has named is that person speaking, not an organisation."""
    words = name.split()
    return len(words) == 1 and any(name in (ref.norm.split()[0], ref.norm.split()[-1]) for ref in ctx.persons
                                   if ref.norm.split())


def _spokesperson_organisation(span: SpacySpan) -> str | None:
    """'A spokesperson for Quenstream' → 'Quenstream': the organisation a spokesperson's phrase names."""
    pobj = _spoken_for(span)
    if pobj is None or pobj.pos_ != "PROPN" or pobj.ent_type_ in {"PERSON", "GPE"}:
        return None
    lo, hi = noun_phrase(pobj)
    return without_article(pobj.doc[lo:hi].text)


def _named_organisation(span: SpacySpan, ctx: Discourse, sentence: int | None = None) -> str | None:
    """'The committee said …' after the article named 'the House Committee on Government Accountability': a
    definite organisation noun whose every word is in an organisation the article named before (the latest)."""
    words = [t for t in span if not t.is_punct]
    if not words or words[0].lower_ != "the" or len(words) > 3 or any(t.pos_ == "PROPN" for t in words):
        return None
    want = {t.lower_ for t in words[1:]}
    if not want or not is_agentive(span):
        return None
    for org, kind in reversed(ctx.orgs):
        named = {w.lower() for w in re.findall(r"[\w'’-]+", org)} | {kind}
        if all(w in named or ORG_SYNONYMS.get(w, frozenset()) & named for w in want):
            return without_article(org)
    # 'Fenmark Semiconductors … the company said': a business noun stands for the organisation that spoke in
    # this sentence or the one before, else the one the article has named most often so far (the latest of
    # those), among those whose name ends in, or stands in apposition to, no word for another kind of body
    # ('the Aviation Safety Board', 'the union, Liga Obrera Vessan …')
    if len(want) == 1 and next(iter(want)) in BUSINESS_NOUNS:
        names = [without_article(org) for org, kind in ctx.orgs if kind not in BODY_WORDS]
        names = [n for n in names if (w := n.split()[-1].lower().strip("'’")) not in BODY_WORDS
                 and w.rstrip("s") not in BODY_WORDS]
        last = ctx.last_group
        if last is not None and sentence is not None and sentence - last.sentence <= 1 \
                and without_article(last.norm) in names:
            return without_article(last.norm)  # 'Ridgemarch said in a statement …. The company said …'
        if names:
            return max(reversed(names), key=names.count)
    # 'figures published by the Care Monitor. The watchdog said …': a word for a kind of body stands for the
    # named organisation that spoke in this sentence or the one before, and for no other
    if len(want) == 1 and next(iter(want)) in ORG_DESCRIPTIONS and sentence is not None:
        last = ctx.last_group
        if last is not None and sentence - last.sentence <= 1 and last.norm[:1].isupper() \
                and without_article(last.norm) in {without_article(org) for org, _ in ctx.orgs} \
                and last.norm.split()[0].lower() not in ORG_DESCRIPTIONS | GENERIC_ORG:
            return without_article(last.norm)
    return None


def _reported_subject(doc: Doc, pronoun: Token, info: SentenceInfo, ctx: Discourse) -> SpeakerRef | None:
    """'Jane Roe has quit her band after ten years, she announced.': a pronoun speaker after what it reports,
    with no one earlier in the article it can be, is the person the report opens with, its subject. Only on
    the report's own evidence of the same gender, an honorific ('Ms. Roe') or its pronouns after the name ('…
    quit *her* band'); without it ('Jane Roe must resign, he said') the claim is dropped."""
    gender = GENDERED.get(pronoun.lower_)
    if gender is None:
        return None
    for ent in doc.ents:
        if ent.start >= pronoun.i:
            return None
        if ent.label_ != "PERSON":
            continue
        root = ent.root.head if ent.root.dep_ == "appos" else ent.root  # 'The mayor, Tom Roe, will …'
        if root.dep_ not in {"nsubj", "nsubjpass"} or ctx.quotes.inside(info.start + ent.start_char):
            return None  # the first person named is not what the report is about
        # the set's genders count this very sentence ('Jane Roe …, he said' makes Roe a man), so the evidence
        # must be the report's own: an honorific before the name, or its pronouns after it ('… quit her band')
        before = doc[ent.start - 1].lower_.strip(".") if ent.start > 0 else ""
        said = {GENDERED[t.lower_] for t in doc[ent.end:pronoun.i] if t.lower_ in GENDERED and t.pos_ == "PRON"}
        if before in GENDERED:
            said.add(GENDERED[before])
        if said != {gender} or ctx.genders.get(ent[-1].lower_, gender) != gender:
            return None
        return SpeakerRef(speaker=ent.text, norm=ent.text, side=resolve_side(ent.text), sentence=info.n,
                          subject=True)
    return None


#: the last word of a clause that stops before its end ('he was...', 'it currently has', 'said that the')
_UNFINISHED_POS = frozenset({"AUX", "ADP", "DET", "CCONJ", "SCONJ", "PART"})


def _cut_off(doc: Doc, info: SentenceInfo, st: Statement) -> bool:
    """The sentence was cut off (it ends in an ellipsis, or with no closing punctuation: an excerpt, a line
    break in the page) and the statement's words stop at a word that cannot end a clause: what was said is
    not in the article, and a claim of it would be a fragment."""
    if not is_unfinished(info.text):
        return False
    words = [t for t in doc if not t.is_punct and st.start <= info.start + t.idx < st.end]
    return bool(words) and (words[-1].pos_ in _UNFINISHED_POS or words[-1].lemma_.lower() == "have")


def _says_nothing_else(doc: Doc, verb: Token) -> bool:
    """The verb takes no object or clause, the sentence holds no figure and is no aside to another clause
    ('…, officials say, …'), and besides its speaker, its verb and when it has fewer than two content words:
    nothing it could report."""
    if verb.dep_ == "parataxis" or any(c.dep_ in {"dobj", "ccomp", "xcomp", "attr", "dative", "oprd", "acomp"}
                                       for c in verb.children) or any(t.like_num for t in doc) \
            or verb.lemma_.lower() in DENIAL_VERBS | ALLEGATION_VERBS:  # 'The ministry disputes that account.'
        return False
    subj, _ = speaker_token(verb)
    spoken = {t.i for s in subj for t in s.subtree}
    rest = [t for t in doc if t.i != verb.i and t.i not in spoken and t.is_alpha and not t.is_stop
            and t.ent_type_ not in {"DATE", "TIME"}]
    return len(rest) < 2


RELATIVE_PRONOUNS = frozenset({"which", "that", "who"})
NAME_CONNECTORS = frozenset({"of", "in", "for", "and", "on"})  # ('the Fairness in Women's Sports Act')


def _relative_subject(verb: Token) -> tuple[str, int] | None:
    """'… the Fair Rents Act, which he said would help tenants': the reported clause's subject is the relative
    pronoun before 'he said', and it stands for the noun the relative clause hangs on. Returns that noun
    phrase as written ('the Fair Rents Act') and the token index where the reported clause ends; None for any
    other verb. Without it the clause was the one word 'which', and the claim the whole sentence, the outlet's
    framing included."""
    if verb.dep_ != "relcl" or verb.head.pos_ not in {"NOUN", "PROPN"}:
        return None
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return None
    rel = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if rel is None or rel.i > verb.i or rel.lower_ not in RELATIVE_PRONOUNS:
        return None
    head = verb.head
    doc = verb.doc
    start = min(t.i for t in head.subtree if t.i <= head.i and t.dep_ not in {"punct"})
    # a name the parser broke up ('the Fairness in Women's Sports Act'): its capitalised words and the
    # connectors between them belong to it
    while start > 0 and (doc[start - 1].text[:1].isupper() or doc[start - 1].text in {"'s", "’s"}
                         or (doc[start - 1].lower_ in NAME_CONNECTORS and start > 1 and doc[start - 2].text[:1].isupper())):
        start -= 1
    if start > 0 and doc[start - 1].lower_ == "the":
        start -= 1
    end = max(t.i for t in clause.subtree) + 1
    while end > clause.i + 1 and doc[end - 1].is_punct:
        end -= 1
    stop = rel.i  # the antecedent runs up to the relative pronoun ('the plan to widen the road, which …')
    while stop > head.i + 1 and doc[stop - 1].is_punct:
        stop -= 1
    return doc[start:max(stop, head.i + 1)].text, end


POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "its": "it", "their": "they"}


def _owner_of_role(doc: Doc, span: SpacySpan, info: SentenceInfo, ctx: Discourse) -> tuple[str, bool, int] | None:
    """Whose role a speaker phrase with a possessive pronoun names ('her lawyer', 'its chief executive'): the
    nearest person ('his', 'her') or organisation or place ('its', 'their') named before it in the sentence and
    outside a quotation, else the antecedent a pronoun of that kind would take. (owner, is a person, sentence)
    or None — the phrase then names no one and the statement is dropped, as before."""
    root = span.root
    poss = next((c for c in root.children if c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS), None)
    if poss is None or root.pos_ != "NOUN":
        return None
    if any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in root.children):
        return None  # 'his owner, Torvish Quillan, said': the name speaks, whoever's owner he is
    personal = poss.lower_ in {"his", "her"}
    labels = {"PERSON"} if personal else {"ORG", "GPE", "NORP"}
    before = [e for e in doc.ents if e.label_ in labels and e.end <= span.start
              and not ctx.quotes.inside(info.start + e.start_char)]
    if before:
        e = before[-1]
        return (person_name(e) or e.text if personal else e.text), personal, info.n
    if personal:
        ref = person_antecedent(ctx, info.n, POSSESSIVE_PRONOUNS[poss.lower_])
        return (ref.norm, True, ref.sentence) if ref is not None else None
    # 'The company denied the report, its spokesman said': an agentive subject before it, else the last group
    subj = next((t for t in reversed(doc[:span.start]) if t.dep_ in {"nsubj", "nsubjpass"}
                 and t.pos_ == "NOUN" and not ctx.quotes.inside(info.start + t.idx)), None)
    if subj is not None:
        lo, hi = noun_phrase(subj, drop=("relcl", "acl", "prep", "punct", "appos"))
        if is_agentive(doc[lo:hi]):
            return doc[lo:hi].text, False, info.n
    group = ctx.last_group
    if group is None or info.n - group.sentence > ANTECEDENT_WINDOW:
        return None
    return group.speaker, False, group.sentence


def _object_phrase(obj: Token) -> tuple[int, int]:
    """The object's noun phrase without what the parser hung on it after: the charge in 'accused the rebels
    of planting the bomb', the verdict in 'dismissed the claims as propaganda'."""
    olo, ohi = noun_phrase(obj)
    tail = next((c for c in obj.children if c.dep_ == "prep" and c.i > obj.i and (
        c.lower_ == "as" or any(g.dep_ == "pcomp" or g.pos_ == "VERB" for g in c.children))), None)
    return olo, min(ohi, tail.i) if tail is not None else ohi


def _judged_false(verb: Token) -> Token | None:
    """What 'called … false', 'dismissed … as propaganda', 'branded … a fabrication', 'called the claims lies'
    names as false, or None."""
    def falsity(t: Token) -> bool:
        return t.lemma_.lower() in FALSITY_WORDS or t.lower_ in FALSITY_WORDS

    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    for c in verb.children:
        if c.dep_ in {"oprd", "acomp", "xcomp"} and falsity(c) and obj is not None:
            return obj
        if c.dep_ == "ccomp" and falsity(c):  # 'called the claims lies': the parser reads 'lies' as a verb
            subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
            if subj is not None:
                return subj
    # 'dismissed the claims as propaganda', the 'as' hung on the verb or on the object
    if obj is not None and any(c.dep_ == "prep" and c.lower_ == "as" and any(falsity(g) for g in c.children
                                                                           if g.dep_ == "pobj")
                               for c in (*verb.children, *obj.children)):
        return obj
    return None


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
    elif "“" not in text and text.count('"') == 1:
        # the same with typewriter marks: 'Are you aware of that?" Roe asked.' closes a quotation opened in an
        # earlier sentence (the parser reads the question as a sentence of its own, so the verb has no clause)
        close = text.find('"')
        if 0 < close < verb_idx:
            return 0, close
    return None


def _inside(doc: Doc, rng: tuple[int, int], quoted: tuple[int, int]) -> bool:
    a = doc[rng[0]].idx
    b = doc[rng[1] - 1].idx + len(doc[rng[1] - 1].text)
    return quoted[0] - 2 <= a and b <= quoted[1] + 2


def _source_prep(tok: Token) -> tuple[Token, int] | None:
    """A phrase that names the source of the rest of the sentence, as (the preposition whose object is the
    source, the phrase's first token): 'according to X', 'in the words of X', and at the start of a sentence
    'Per X,' and 'As reported by X,'. None for any other token ('$5 per hour' is no source)."""
    doc = tok.doc
    low = tok.lower_
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if low == "according":
        to = next((c for c in tok.children if c.lower_ == "to"), None)
        if to is None and nxt is not None and nxt.lower_ == "to":
            to = nxt
        return (to, tok.i) if to is not None else None
    if low in WORDS_OF and tok.i >= 2 and doc[tok.i - 2].lower_ == "in" and doc[tok.i - 1].lower_ == "the" \
            and nxt is not None and nxt.lower_ == "of":
        return nxt, tok.i - 2  # 'In the words of X'
    if tok.i == 0 and low == "per":  # 'Per the council's figures, …'; not 'Per capita income …', 'Per year, …'
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.ent_type_ in {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"} or not (
                is_agentive(doc[pobj.i:pobj.i + 1]) or work_author(pobj) or channel_owner(pobj)):
            return None
        end = max(t.i for t in pobj.subtree) + 1
        return (tok, 0) if end < len(doc) and doc[end].text == "," else None
    if tok.i == 0 and low == "as" and tok.i + 2 < len(doc) and doc[1].lower_ in {"reported", "quoted"} \
            and doc[2].lower_ == "by":
        return doc[2], 0
    return None


def _according_to(doc: Doc, info: SentenceInfo, article_id: str, tok: Token, source: tuple[Token, int],
                  ctx: Discourse) -> Statement | None:
    """'According to X, …' (or 'In the words of X, …', 'Per X, …', 'As reported by X, …') — X is the speaker;
    the rest of the sentence is what X says. As with 'X said', a
    document speaks for its author: 'according to a statement from the ministry' is the ministry's, 'according
    to the statement' that of whoever the article just said issued it."""
    to, phrase_lo = source  # from ``_source_prep``
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    lo, hi = noun_phrase(pobj, drop=("relcl", "acl"))
    phrase_hi = max(t.i for t in pobj.subtree) + 1
    owner = channel_owner(pobj) or work_author(pobj)
    if owner is not None:  # 'according to a statement from the ministry' / 'the union's statement'
        lo, hi = _owner_range(owner)
    span = doc[lo:hi]
    ref = document_antecedent(span, ctx, info.n) if owner is None else None
    if phrase_lo <= 1:  # "According to X, content."
        rest = phrase_hi
        while rest < len(doc) and doc[rest].is_punct:
            rest += 1
        a, b = (doc[rest].idx if rest < len(doc) else 0), len(info.text)
    elif any(t.pos_ in {"VERB", "AUX"} for t in doc[:phrase_lo]):  # "Content, according to X."
        a, b = 0, doc[phrase_lo].idx
    else:  # "The tenor, according to X, is dead …": the words before the phrase are a subject, not a claim
        a, b = 0, len(info.text)
    a, b = _balance_quotes(info.text, a, b)
    while b > a and info.text[b - 1] in " ,.;:":
        b -= 1
    if len(info.text[a:b].split()) < 3:
        a, b = 0, len(info.text)
    quote = info.text[a:b]
    if ref is not None:  # 'according to the statement': its author, named just before
        speaker, norm, side, is_person = ref.speaker, ref.norm, ref.side, ref is ctx.last_speaker
    else:
        speaker, norm, side, is_person = _named_holder(span)
    hedged = is_hedged(info.text) or norm in {"unnamed sources", "reports"}
    return Statement(
        id="tmp0", article_id=article_id, sentence=info.n, sentence_start=info.start, sentence_end=info.end,
        start=info.start + a, end=info.start + b, quote=quote, speaker=speaker, speaker_norm=norm,
        side=side, is_person=is_person, verb="in the words of" if tok.lower_ in WORDS_OF else "according to",
        verb_lemma="according to",
        kind=claim_kind("say", quote, speaker_norm=norm), hedged=hedged, attribution="according_to",
        antecedent_sentence=ref.sentence if ref is not None and ref.sentence != info.n else None,
        speaker_confidence="medium" if ref is not None else "high",
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
    if is_modal_future(quote):
        return "prediction"
    if lemma in FACT_VERBS or lemma in PHRASAL_REPORTING or lemma == "according to":
        return "fact"
    return "other"
