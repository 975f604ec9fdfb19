"""One article, then the set: sentences are parsed once (one ``nlp.pipe`` over the whole set), statements,
figures and entities are extracted per article, speakers are unified across articles and the conflict rules
run over the result.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from ..schemas import Article
from ..sentences import split_sentences
from .quotes import QuoteIndex, paragraphs, quote_spans, single_marks_as_double

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan
from .actors import ing_base, resolve_side
from .attribution import (
    announcement,
    attribute_quotes,
    claim_kind,
    find_attributions,
    unnamed_speaker,
    without_dateline,
)
from .conflicts import find_conflicts
from .conflicts.coverage import lead_sentences
from .interviews import interview_answers
from .lexicon import (
    ACTION_MAX_WORDS,
    BYLINE,
    CALL_TO_ACTION,
    CAPTION,
    CAPTION_MAX_WORDS,
    COUNTABLE,
    CREDIT,
    CREDIT_LINE,
    DATELINE,
    GREETING,
    GREETING_MAX_WORDS,
    HONORIFICS,
    PLACE_NOUNS,
    REPORTING_VERBS,
    TIMESTAMP,
    TIMESTAMP_MAX_WORDS,
    VAGUE,
    is_hedged,
)
from .model import ArticleAnalysis, EntityMention, EvidencePack, NumberMention, SentenceInfo, Statement
from .negation import Predications, predications
from .nlp import PIPE_BATCH_SIZE, get_nlp
from .numbers import find_numbers
from .speakers import (
    Discourse,
    SpeakerRef,
    gender_evidence,
    person_genders,
    record_affiliations,
    remember_titles,
    speaker_after_quotation,
    unify_speakers,
)


def analyse(articles: Sequence[Article], *, nlp: Language | None = None) -> EvidencePack:
    """Extract sentences, attributed statements, numbers and entities per article, then align them."""
    nlp = nlp or get_nlp()
    per_article: list[tuple[Article, list[SentenceInfo]]] = []
    texts: list[str] = []
    for art in articles:
        sents = [SentenceInfo(n=i, start=s.start, end=s.end, text=s.text)
                 for i, s in enumerate(split_sentences(art.text), 1)]
        per_article.append((art, sents))
        # The parser reads single quotation marks as double ones where the quotation pass does (same length, so
        # offsets hold): '‘…,’ Mr Roe said' parses as '“…,” Mr Roe said' does, and no longer loses its speaker.
        # The article's own words are kept everywhere else (quotes are sliced from the sentence, not the parse).
        marked = single_marks_as_double(art.text)
        texts.extend(marked[s.start:s.end] for s in sents)
    docs = list(nlp.pipe(texts, batch_size=PIPE_BATCH_SIZE))
    entities_past_datelines(docs, nlp)
    parsed: list[tuple[Article, list[SentenceInfo], list[Doc], QuoteIndex]] = []
    evidence: list[tuple[str, str]] = []
    at = 0
    for art, sents in per_article:
        sent_docs = [speech_participles(whole_names(doc)) for doc in docs[at:at + len(sents)]]
        at += len(sents)
        quotes = QuoteIndex(quote_spans(art.text))
        parsed.append((art, sents, sent_docs, quotes))
        for info, doc in zip(sents, sent_docs, strict=True):
            evidence.extend(gender_evidence(doc, info.start, quotes))
    genders = person_genders(evidence)  # one person is one gender in every article of the set
    analyses = [_analyse_article(art, sents, sent_docs, quotes, genders)
                for art, sents, sent_docs, quotes in parsed]
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






def _analyse_article(art: Article, sents: list[SentenceInfo], docs: list[Doc], quotes: QuoteIndex,
                     genders: dict[str, str]) -> ArticleAnalysis:
    ctx = Discourse(quotes, genders)
    statements: list[Statement] = []
    numbers: list[NumberMention] = []
    entities: list[EntityMention] = []
    open_quote_pending: list[SentenceInfo] = []
    outlet = art.outlet or f"{art.id} (outlet)"
    prev_dates: list[str] = []
    serial = 0
    paras = paragraphs(art.text)
    para_ends = [b for _, b in paras]
    announced: tuple[int, Statement] | None = None  # (paragraph, speaker) of a paragraph a colon announced
    bare_quote: SentenceInfo | None = None  # the sentence before, when it was a whole quotation with no speaker
    announcers: dict[int, Statement] = {}  # paragraph → who its last sentence says speaks in the quotation after it
    predicated: dict[int, Predications] = {}
    voiced: set[int] = set()  # sentences whose speaker the rules could not name (``unnamed_speaker``)
    lead = {s.n for s in lead_sentences(sents)}  # only the lead rule reads them
    captions = captioned(sents)
    for info, doc in zip(sents, docs, strict=True):
        base = info.start
        if is_furniture(info.text) or info.n in captions:  # a caption, credit or byline: no claims, no antecedents
            continue
        para = bisect.bisect_left(para_ends, info.start)
        for ent in doc.ents:
            if ent.label_ in {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"}:
                entities.append(EntityMention(
                    text=ent.text, label=ent.label_, start=base + ent.start_char, end=base + ent.end_char,
                    sentence=info.n, side=resolve_side(ent.text),
                ))
        ctx.surnames.update(e.text.split()[-1].lower() for e in doc.ents
                            if e.label_ == "PERSON" and not quotes.inside(base + e.start_char))
        # a person's surname the tagger calls an organisation ('Ada Dalgren … Dalgren testified') is none
        ctx.orgs += [(name, kind) for name, kind in _named_organisations(doc, info, base, quotes)
                     if name.lower() not in ctx.surnames]
        if info.n in lead:
            predicated[info.n] = predications(doc)
        sent_numbers = find_numbers(doc, info)
        numbers.extend(sent_numbers)
        record_affiliations(doc, base, ctx)
        found = find_attributions(doc, info, art.id, ctx)
        ctx.asked = _asked_person(doc, info, quotes) or _addressed_person(art.text, info, quotes, ctx) \
            or _questioned(found, statements, info) or ctx.asked
        if not found and unnamed_speaker(doc, info, quotes, ctx.surnames):
            voiced.add(info.n)
        if announced is not None and para > announced[0]:
            announced = None
        # 'X lashed out on Twitter, saying:' and then the words, unquoted, as a paragraph of their own: X's.
        if announced is not None and not found and para == announced[0] and info.text[:1] not in QUOTE_OPENERS:
            statements.append(_continuation(art.id, info, announced[1]))
        elif not any(st.is_person and st.attribution not in {"pronoun", "context"} for st in found):
            # "Minister Jane Doe visited … . She said …": a named person is the antecedent for "he".
            persons = [e for e in doc.ents if e.label_ == "PERSON" and not quotes.inside(base + e.start_char)]
            persons += _surname_subjects(doc, base, quotes, ctx.surnames, persons)
            if persons:
                for e in persons:
                    # 'The judge, Jane Roe, granted bail': the title the name stands in apposition to is hers
                    left = e.root.head.left_edge.i if e.root.dep_ == "appos" else e.root.left_edge.i
                    remember_titles(ctx, doc[min(left, e.start):e.end].text, e.text)
                refs = [_person_ref(doc, e, info.n) for e in persons]
                # The subject is the likelier antecedent of the next sentence's pronoun than a person named
                # after it ('Jane Doe met John Roe. She said …'): it is remembered last.
                refs.sort(key=lambda r: r.subject)
                ctx.persons.extend(refs[:-1])  # the others stay candidates for a pronoun of their gender
                ctx.saw_person(refs[-1])
        # A quote opened in an earlier sentence and closed here: those sentences share this speaker — the one
        # named outside the quotation ('“I said … And Nancy said, …”' is not Nancy's).
        outside = [st for st in found if st.verb_start is None or not quotes.inside(st.verb_start)]
        if outside and open_quote_pending and _closes_quote(doc.text):
            for pinfo in open_quote_pending:
                statements.append(_continuation(art.id, pinfo, outside[0]))
            open_quote_pending = []
        elif not outside and open_quote_pending and _closes_quote(doc.text):
            # The quotation closes with no speaker in its last sentence ('… a long time ago. Next.”'): the
            # quotation pass (``attribute_quotes``) finds its speaker; a later sentence never does.
            open_quote_pending = []
        elif not outside and (open_quote_pending or _opens_unclosed_quote(doc.text)):
            open_quote_pending.append(info)
            if len(open_quote_pending) > 4:  # never closed with an attribution: give up on it
                open_quote_pending = []
        # 'Doe said in a statement:' / 'Doe lashed out on Twitter, saying:': the words are in the next
        # paragraph; the sentence says nothing itself, so it is no claim, but it lends its speaker.
        colon_only = [st for st in found if _announces_only(st, info)]
        found = [st for st in found if st not in colon_only]
        # 'Doe wrote on Facebook.': no claim, but Doe speaks next — in the quotation that opens the next
        # paragraph, or as the author 'the post' refers to ('“…,” the post read').
        ann = (announcement(doc, info, art.id, ctx) if not found else None) or next(reversed(colon_only), None)
        if ann is not None and not colon_only and bare_quote is not None and bare_quote.n == info.n - 1 \
                and bisect.bisect_left(para_ends, bare_quote.start) == para:
            # '“How can they govern the country?” Rep. Jane Roe tweeted.': the splitter cuts after the question
            # mark; the sentence that only names the speaker says whose the quotation before it is
            statements.append(_continuation(art.id, bare_quote, ann, attribution="direct"))
        bare_quote = info if not found and _whole_quotation(info.text) else None
        ends_paragraph = para < len(para_ends) and art.text[info.end:para_ends[para]].strip() == ""
        if ann is not None and para + 1 < len(paras) and ends_paragraph \
                and art.text[paras[para + 1][0]:paras[para + 1][1]].lstrip()[:1] in QUOTE_OPENERS:
            announcers[para] = ann
        said = [st for st in found if st.attribution not in {"outlet", "passive"}] or ([ann] if ann else [])
        if said and info.text.rstrip().endswith(":") and ends_paragraph:
            announced = (para + 1, said[-1])
        # A figure in the outlet's own voice is its claim; one inside a quotation is the speaker's words, which
        # the quotation rules give to the speaker (or to no one), never to the outlet.
        if not found and any(n.category in COUNTABLE and not ctx.quotes.inside(n.start) for n in sent_numbers):
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
    statements = attribute_quotes(art, sents, statements, quotes, announcers, voiced)
    statements += interview_answers(art, sents, statements, entities)
    kept = {st.id for st in statements}
    for n in numbers:
        if n.asserted_by is not None and n.asserted_by.startswith("tmp") and n.asserted_by not in kept:
            n.asserted_by = f"{art.id}:outlet"
    statements.sort(key=lambda s: (s.sentence, s.start, s.end))
    mapping = _renumber(statements)
    for n in numbers:
        if n.asserted_by in mapping:
            n.asserted_by = mapping[n.asserted_by]
    analysis = ArticleAnalysis(article_id=art.id, outlet=art.outlet, sentences=sents, statements=statements,
                               numbers=numbers, entities=entities)
    analysis._titles = ctx.titles
    analysis._predications = predicated
    return analysis


#: the entity kinds a dateline's place may keep ('YELMSTEAD, Brackmere —'); the tagger reads a capitalised
#: place before a dash as an organisation or a person, which it is not
DATELINE_KINDS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME"})


def entities_past_datelines(docs: Sequence[Doc], nlp: Language) -> None:
    """Re-tag the names of a sentence that opens with a dateline ('YELMSTEAD, Brackmere — Ansgar Fenwyck has
    fished …'): read with the dateline, the tagger misses the names after it (no 'Ansgar Fenwyck', an organisation
    'YELMSTEAD'), so a later 'Fenwyck said' has no one to be. The words after the dateline are tagged on
    their own (names only: the parse is kept) and their names replace the sentence's; of the dateline's own,
    only places and dates stay."""
    from spacy.tokens import Span

    tails = [(doc, m.end()) for doc in docs if (m := DATELINE.match(doc.text)) and m.end() < len(doc.text)]
    if not tails:
        return
    only_names = [p for p in nlp.pipe_names if p != "ner"]
    for (doc, cut), tail in zip(tails, nlp.pipe([d.text[c:] for d, c in tails], disable=only_names,
                                                batch_size=PIPE_BATCH_SIZE), strict=True):
        ents: list[Span] = [e for e in doc.ents if e.end_char <= cut and e.label_ in DATELINE_KINDS]
        for e in tail.ents:
            span = doc.char_span(cut + e.start_char, cut + e.end_char, label=e.label_, alignment_mode="contract")
            if span is not None and len(span):
                ents.append(span)
        doc.ents = ents


def whole_names(doc: Doc) -> Doc:
    """A person's name the tagger cut short: 'Jane' is a PERSON and 'Doe', the proper noun right after it that
    it is a compound of, is no entity (an unfamiliar surname) — the person is 'Jane Doe'; so is the part of a
    hyphenated surname after the hyphen ('Jane Doe-Roe' tagged 'Jane Doe'). And a name behind a
    courtesy title the tagger took for something else ('Dr Jane Doe' as an organisation) is a person's."""
    from spacy.tokens import Span

    ents = list(doc.ents)
    changed = False
    for k, e in enumerate(ents):
        if e.label_ != "PERSON" and len(e) >= 2 and e[0].lower_.rstrip(".") in HONORIFICS \
                and all(t.pos_ == "PROPN" or t.text == "-" for t in e[1:]):
            start = e.start + (2 if e[1].text == "." else 1)
            if start < e.end:
                ents[k] = e = Span(doc, start, e.end, label="PERSON")
                changed = True
        end = e.end
        while e.label_ == "PERSON" and end < len(doc) and doc[end - 1].dep_ == "compound" \
                and doc[end - 1].head.i == end and doc[end].pos_ == "PROPN" and not doc[end].ent_type_:
            end += 1
        # 'Noor Castellane-Obi' tagged 'Noor Castellane': the hyphen, unspaced, joins the rest of the surname
        while e.label_ == "PERSON" and end + 1 < len(doc) and doc[end].text == "-" \
                and not doc[end - 1].whitespace_ and not doc[end].whitespace_ \
                and doc[end + 1].is_alpha and doc[end + 1].text[:1].isupper() and not doc[end + 1].ent_type_:
            end += 2
        if end != e.end:
            ents[k] = Span(doc, e.start, end, label=e.label_)
            changed = True
    if changed:
        doc.ents = ents
    return doc


def captioned(sents: Sequence[SentenceInfo]) -> set[int]:
    """The sentences that caption a picture: a short line with no closing punctuation right before a line
    that is only the picture's credit ('Harbor Bakery\n(Lens Agency)\n'). Its names are the picture's subject, not
    a speaker or anyone the article quotes."""
    out: set[int] = set()
    for prev, cur in zip(sents, sents[1:], strict=False):
        text = prev.text.strip()
        if CREDIT_LINE.match(cur.text) and len(text.split()) <= CAPTION_MAX_WORDS and text[-1:] not in '.!?:"”':
            out.add(prev.n)
    return out


def speech_participles(doc: Doc) -> Doc:
    """A reporting verb's participle the tagger took for a noun: in 'Doe refuted the story, writing: “…”'
    'writing' is tagged a noun (as in 'her writing'), so nothing reported the quotation. A gerund hanging on
    a verb as an adverbial clause, right before a colon or a quotation mark, whose stem is a reporting verb,
    is that verb's participle."""
    for t in doc:
        if t.tag_ == "NN" and len(t.text) >= 6 and t.dep_ in {"advcl", "xcomp", "conj"} \
                and t.head.pos_ in {"VERB", "AUX"} and t.i + 1 < len(doc) and doc[t.i + 1].text in {":", "“", '"'}:
            base = ing_base(t.lower_, REPORTING_VERBS)
            if base is not None:
                t.tag_, t.pos_, t.lemma_ = "VBG", "VERB", base
    return doc


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


QUOTE_OPENERS = frozenset('“"«‘\'')  # a paragraph that opens a quotation is the quotation pass's


def _announces_only(st: Statement, info: SentenceInfo) -> bool:
    """A statement whose words are its whole sentence, ending in a colon: 'Doe said in a statement:'."""
    return info.text.rstrip().endswith(":") and st.attribution not in {"outlet", "passive"} \
        and st.quote.rstrip(" :") == info.text.rstrip(" :")


def _opens_unclosed_quote(text: str) -> bool:
    t = text.lstrip()
    if t[:1] == "“":
        return "”" not in t
    return t[:1] == '"' and t.count('"') == 1


def _closes_quote(text: str) -> bool:
    if "”" in text:
        return "“" not in text.split("”")[0]
    return text.count('"') % 2 == 1


def is_furniture(text: str) -> bool:
    """Captions ('Photo: …'), credits ('(Credit: …)', '(Lens Agency)' on its own line), bylines ('By Jane Doe and John Roe, Staff') and the
    page's own notices when a short sentence is nothing else ('Posted on 12 November 2014 by admin.', 'Watch
    the video below.'): page furniture, not reporting. A scraped page puts these before the lead, where they
    would take the place of the sentences that say what the article reports."""
    if CAPTION.match(text) or CREDIT.search(text) or BYLINE.match(text) or CREDIT_LINE.match(text):
        return True
    words = len(text.split())
    return bool(words <= TIMESTAMP_MAX_WORDS and TIMESTAMP.match(text)
                or words <= ACTION_MAX_WORDS and CALL_TO_ACTION.match(text)
                or words <= GREETING_MAX_WORDS and GREETING.match(text))


def _surname_subjects(doc: Doc, base: int, quotes: QuoteIndex, surnames: set[str],
                      persons: list[SpacySpan]) -> list[SpacySpan]:
    """A subject that is the surname of a person the article has named ('Doe, as is often his way, fired
    back'): the statistical tagger often labels a bare surname an organisation or nothing, and the person
    must still be the antecedent of the 'he' that follows."""
    taken = {t.i for e in persons for t in e}
    return [doc[t.i:t.i + 1] for t in doc
            if t.dep_ in {"nsubj", "nsubjpass"} and t.pos_ == "PROPN" and t.lower_ in surnames
            and t.i not in taken and not quotes.inside(base + t.idx)
            and not any(c.dep_ == "compound" for c in t.children)]


def _named_organisations(doc: Doc, info: SentenceInfo, base: int, quotes: QuoteIndex) -> list[tuple[str, str]]:
    """The organisations a sentence names outside quotations, each with the noun it stands in apposition to
    ('the union, Liga Obrera Vessan, …': a union; '' for none): what 'the committee' or 'the company' can stand
    for later. Not a dateline the tagger takes for one ('ÉLANVILLE (Wire) —'), nor a name that only qualifies a
    noun ('Digital Affairs Minister X', 'a Fenmark-based firm'), nor a place the tagger takes for one ('the
    eastern city of Vellby')."""
    dateline = DATELINE.match(info.text)
    return [(POSSESSIVE_END.sub("", e.text), e.root.head.lemma_.lower() if e.root.dep_ == "appos" else "")
            for e in doc.ents if e.label_ == "ORG" and not quotes.inside(base + e.start_char)
            and not (dateline and e.start_char < dateline.end())
            and e.root.dep_ not in {"compound", "amod", "npadvmod"}
            and not (e.end < len(doc) and doc[e.end].text in {"-", "–"})
            and not _place_named(e)]


POSSESSIVE_END = re.compile(r"\s*['’]s?$")  # "the Harlune Group's": the tagger keeps the possessive in the name


def _place_named(ent: SpacySpan) -> bool:
    """'the eastern city of Vellby', 'the port of Ardrum': the name a place noun's 'of' introduces."""
    of = ent.root.head
    return ent.root.dep_ == "pobj" and of.lower_ == "of" and of.head.lemma_.lower() in PLACE_NOUNS


def _asked_person(doc: Doc, info: SentenceInfo, quotes: QuoteIndex) -> SpeakerRef | None:
    """The person a sentence says was asked something ('Chairman X later asked Quenby whether anyone had been
    fired'): who answers in the next sentence ('She said …')."""
    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in QUESTION_VERBS or quotes.inside(info.start + tok.idx):
            continue
        if speaker_after_quotation(tok) is not None:
            continue  # '“…?” asked Sen. Jane Roe': Roe asks, inverted after her question; no one is named as asked
        asked = next((c for c in tok.children if c.dep_ == "dobj" and c.ent_type_ == "PERSON"), None)
        ent = next((e for e in doc.ents if asked is not None and e.start <= asked.i < e.end), None)
        if ent is not None:
            return _person_ref(doc, ent, info.n)
    return None


def _addressed_person(text: str, info: SentenceInfo, quotes: QuoteIndex, ctx: Discourse) -> SpeakerRef | None:
    """The person a quoted question closing in this sentence opens by addressing, by a name the article gave a
    person before, after an honorific or none, and a comma ('“Mr. Quenby, you have …. How can the public trust
    you?” asked Sen. Roe'): the question is put to them, and they answer next."""
    if not any(m in info.text for m in "\"”’'"):
        return None  # no quotation closes in this sentence
    for q in quotes.spans:
        if not (info.start < q.end <= info.end) or "?" not in text[q.start:q.end]:
            continue
        m = VOCATIVE.match(text, q.start)
        if m is None or m.group(1).lower() in HONORIFICS:
            continue
        surname = m.group(1).split()[-1].lower()
        named = [r for r in (*ctx.persons, ctx.last_person, ctx.last_speaker)
                 if r is not None and r.norm.split() and r.norm.split()[-1].lower() == surname]
        if named:
            return named[-1].model_copy(update={"sentence": info.n})
    return None


def _questioned(found: Sequence[Statement], before: Sequence[Statement], info: SentenceInfo) -> SpeakerRef | None:
    """An exchange: someone named as asking a quoted question ('“Did you do as he asked?” the prosecutor
    asked.') puts it to whoever else spoke in the sentence just before ('“…,” Farrow replied.'), who answers next."""
    asker = next((st for st in found if st.attribution == "direct" and st.quote.rstrip().endswith("?")), None)
    last = next((st for st in reversed(before) if st.attribution not in {"outlet", "passive"}), None)
    if asker is None or last is None or last.sentence != info.n - 1 or last.speaker_norm == asker.speaker_norm:
        return None
    return SpeakerRef(speaker=last.speaker, norm=last.speaker_norm, side=last.side, sentence=info.n)


#: a quotation opening by addressing someone by name: an optional honorific, one to three capitalised words, a comma
VOCATIVE = re.compile(r"(?:(?:" + "|".join(sorted(w.capitalize() for w in HONORIFICS)) + r")\.?\s+)?"
                      r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}),\s")


#: verbs whose object is the person put a question ('asked Quenby whether …', 'pressed her on …')
QUESTION_VERBS = frozenset({"ask", "question", "press", "quiz"})


def _person_ref(doc: Doc, name: SpacySpan, sentence: int) -> SpeakerRef:
    """A person named in a sentence, as a candidate antecedent."""
    end = name.end - 1 if name.end - name.start > 1 and doc[name.end - 1].dep_ == "case" else name.end
    name = doc[name.start:end]  # 'Rina Matsu’s' (the tagger takes the possessive in) is Rina Matsu
    name = without_dateline(name)  # '13:14 Brusk': a live page's entry time is not part of the name
    return SpeakerRef(speaker=doc[min(name.root.left_edge.i, name.start):name.end].text, norm=name.text,
                      side=resolve_side(doc[name.root.left_edge.i:name.end].text) or resolve_side(name.text),
                      sentence=sentence,
                      subject=name.root.dep_ in {"nsubj", "nsubjpass"}
                      # 'Brightloop's chief executive, Devin Marlowe, went further': the name the subject stands in
                      # apposition to is the subject too
                      or (name.root.dep_ in {"compound", "appos"} and name.root.head.dep_ in {"nsubj", "nsubjpass"}))


def _whole_quotation(text: str) -> bool:
    """The sentence is one quotation ending in a question or an exclamation ('“How can they govern?”')."""
    t = text.strip()
    return len(t) > 3 and t[0] in QUOTE_OPENERS and t[-1] in {'"', "”"} and t[-2] in {"?", "!"} \
        and not any(ch in t[1:-1] for ch in '"“”')


def _continuation(article_id: str, info: SentenceInfo, ref: Statement,
                  attribution: Literal["quote_continuation", "direct"] = "quote_continuation") -> Statement:
    """A sentence inside a multi-sentence quote: the speaker is named where the quote closes. A whole quotation
    ('direct') is its words without its quotation marks."""
    a = 1 if info.text[:1] in {"“", '"'} else 0
    b = len(info.text) - (1 if attribution == "direct" and info.text[-1:] in {"”", '"'} else 0)
    return Statement(
        id="tmp0", article_id=article_id, sentence=info.n,
        sentence_start=info.start, sentence_end=info.end, start=info.start + a, end=info.start + b,
        quote=info.text[a:b], speaker=ref.speaker, speaker_norm=ref.speaker_norm, side=ref.side,
        is_person=ref.is_person, verb=ref.verb, verb_lemma=ref.verb_lemma,
        kind=claim_kind(ref.verb_lemma or "say", info.text, speaker_norm=ref.speaker_norm),
        hedged=is_hedged(info.text), attribution=attribution, speaker_confidence="medium",
        antecedent_sentence=ref.sentence,
    )


def _outlet_statement(article_id: str, info: SentenceInfo, doc: Doc, outlet: str) -> Statement:
    """A sentence the outlet asserts in its own voice; recorded when it carries countable figures."""
    hedged = is_hedged(info.text)
    approx = any(t.lower_ in VAGUE or t.lower_ in {"over", "about", "around", "nearly", "some"} for t in doc)
    return Statement(
        id="tmp0", article_id=article_id, sentence=info.n,
        sentence_start=info.start, sentence_end=info.end, start=info.start, end=info.end, quote=info.text,
        speaker=outlet, speaker_norm=outlet, side=None, verb=None,
        kind="estimate" if approx or hedged else "fact", hedged=hedged, attribution="outlet",
    )
