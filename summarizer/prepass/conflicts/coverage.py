"""Reports that contradict each other about the story itself: one article states it in its own voice, another
leads with its denial ('X has denied reports that …', '… was a false story', 'has no plans to …').

Why a rule of its own: the other rules pair a claim with the answer to it *inside* the reporting (a claimer
and a denier). When outlets disagree about whether the story is true, the disagreement is between the
articles' leads: a news lead states the news. What the lead does with the story is the article's stance —
it states it (no hedge, no 'according to a report', nobody else's words), reports someone else's account of
it (hedged or attributed: it discusses the story, it takes no side), or leads with its denial. Only the
first and the last are set against each other, and only when their leads share the story's words; an
article that merely discusses the story is on neither side. Past the lead, only the article's own voice
counts: 'It turned out the video was staged' puts it on the denying side, 'the company said it was staged'
(a denial it reports) does not. When no lead states the story in the outlet's voice, a lead giving a named
speaker's unhedged account of it ('Mayor X told residents the pool will close') stands for it, held by the
speaker: FNC-1 counts such a body as agreeing with the story; a report, a rumour or unnamed sources do not.
Confidence medium: a lead's stance is strong evidence, but the rule reads the rest of an article only for the
outlet calling the story false.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from ...schemas import ClaimKind
from ..actors import UNNAMED_LABELS, countries_in, stem_overlap, story_keys
from ..lexicon import (
    ANAPHORIC_ANSWER,
    ANSWER_APPOSITIVE,
    AUTHORITY,
    CLAIM_REPORTED,
    DENIAL_VERB,
    DESCRIBED_AS_REPORTED,
    EARLIER_BEFORE,
    FACTIVE_VERBS,
    OPPOSED_PREDICATES,
    PASSIVE_BEFORE,
    POINTING_PREDICATES,
    PREDICATING,
    QUESTIONING,
    REPORT_ATTRIBUTION,
    REVERSED_BEFORE,
    SAID_OF,
    SELF_REPORTED,
    STORY_DENIAL,
    STORY_DENIAL_OBJECT,
    STORY_FALSITY,
    STORY_NOUNS,
    STORY_RETRACTED,
    STORY_UNSUPPORTED,
    STORY_VERDICT,
    SUBJECT_IN_CUE,
    UNDONE_BEFORE,
    WORD_FAMILIES,
    is_hedged,
    removes_someone,
)
from ..model import ArticleAnalysis, Conflict, SentenceInfo, Statement
from .context import ConflictContext, clip, position

LEAD_SENTENCES = 2  # the lead: the first sentences that are not page furniture
QUOTED = re.compile(r'["“]([^"”]+)["”]|‘([^’]+)’')
MIN_SHARED = 2      # story words an asserting lead and a denying lead must share
SAME_SUBJECT_SHARED = 3  # … a negation and a sentence that says something else of its whole subject


@dataclass
class Lead:
    analysis: ArticleAnalysis
    sentences: list[SentenceInfo]  # never empty
    keys: list[set[str]]  # per lead sentence: its word keys (``_keys``)

    @property
    def first(self) -> SentenceInfo:
        return self.sentences[0]


@dataclass
class Denial:
    lead: Lead
    sentence: SentenceInfo
    keys: set[str]  # keys of what is denied
    cue_end: int  # offset in the sentence just after a cue that denies what follows it (0: the whole sentence)
    negated: frozenset[str] = frozenset()  # a negation's predicates: the stating sentence must say one of them
    by_negation: bool = False  # a negated clause, no denial word: the weakest evidence of a denial
    opposes: tuple[str, bool] | None = None  # (pole, polarity) the stating sentence must say: 'alive' ↔ 'died'
    subject: frozenset[str] = frozenset()  # a negation's subject keys ('Jane Roe' of 'Jane Roe has not left …')
    identity: frozenset[str] = frozenset()  # what a negation says something is not ('… is not a mountain lion')

    def answers(self, keys: set[str], sent: SentenceInfo, lead: Lead) -> int:
        """How many story words the denial shares with a stating sentence of ``lead`` (0 when a negation's
        predicate is not what that sentence says: 'is not closing' answers 'is closing', not 'opened in 1971' —
        nor 'is not closing' again; unless the sentence names the negation's whole subject and shares at least
        ``SAME_SUBJECT_SHARED`` story words with it, one of them past the subject: a synonym of the same story)."""
        if self.opposes is not None and self.opposes not in poles_in(sent.text):
            return 0
        shared = keys & self.keys
        if self.identity:
            # 'the animal in the photo is not a mountain lion' answers a sentence telling of a mountain lion
            return len(shared) if self.identity <= keys else 0
        if self.negated:
            said = lead.analysis._predications.get(sent.n)
            if said is None or stem_overlap(set(self.negated), {w for n in said.negated for w in n.predicates}):
                return 0
            # another predicate of the same subject, in the story's words: 'Jane Roe has not left the film The
            # Long Tide' answers 'Jane Roe has quit The Long Tide' (the predicates are synonyms)
            if not stem_overlap(set(self.negated), set(said.affirmed)) and not (
                    self.subject and self.subject <= keys and shared - self.subject
                    and len(shared) >= SAME_SUBJECT_SHARED):
                return 0
        return len(shared)


def contested_story(ctx: ConflictContext) -> list[Conflict]:
    """Rule: articles whose lead denies the story ↔ the article whose lead states what they deny."""
    return _contested(ctx, told=False)


def told_story(ctx: ConflictContext) -> list[Conflict]:
    """Rule, after the rules that pair a claimer with a denier: no lead states the story in the outlet's own
    voice, but one leads with a named speaker's unhedged account of it ↔ the leads that deny it."""
    return _contested(ctx, told=True)


def _contested(ctx: ConflictContext, *, told: bool) -> list[Conflict]:
    classified = _classified(ctx)
    leads = [ld for ld, _ in classified]
    if len(leads) < 2:
        return []
    # A denial another rule already set against what it answers is not reported twice.
    used = {(ctx.by_id[sid].article_id, ctx.by_id[sid].sentence) for sid in ctx.used_ids()}
    denials = [d for ld, d in classified if d is not None and (ld.analysis.article_id, d.sentence.n) not in used]
    denials += _opposed(leads, denials, ctx, used)
    if not denials:
        return []
    denying = {id(d.lead) for d in denials}
    asserting = [ld for ld in leads if id(ld) not in denying and _asserts(ld, ctx)]
    best = _best_stated(asserting, denials, MIN_SHARED, _stands_for_lead)
    if told:  # only where no lead states it in its own voice
        others = [ld for ld in leads if id(ld) not in denying]
        best = None if best is not None else \
            _best_stated(others, denials, MIN_SHARED + 1, lambda ld, i: _told(ld.sentences[i], ld, ctx))
    if best is None:
        return []
    _, stated, i = best
    story = stated.keys[i] | stated.keys[0]
    claim = _stating_statement(ctx, stated, i, own=not told)
    pairs = [(d, _denial_statement(ctx, d)) for d in denials
             if max(d.answers(story, s, stated) for s in (stated.sentences[i], stated.first)) >= MIN_SHARED]
    pairs = [(d, st) for d, st in pairs if st.speaker_norm != claim.speaker_norm]  # no one denies themselves
    if not pairs:
        return []
    deniers = [d for d, _ in pairs]
    against = [st for _, st in pairs]
    holder = against[0].speaker_norm
    first = deniers[0]
    denied = first.sentence.text[first.cue_end:].strip(" ,:;")
    if len(_keys(denied)) < 3:  # '… was a false story guys': the sentence says what is denied
        denied = first.sentence.text
    if len(_keys(denied)) < 3:  # 'VERDICT: FALSE.', 'Not so fast': the stated sentence says what is disputed
        denied = claim.quote
    what = clip(denied)
    return [Conflict(
        id="", kind="factual", confidence="medium",
        topic=f"Disputed report ({what.rstrip('.')}): stated by {claim.speaker_norm}, denied by {holder}",
        reason=f"{stated.analysis.article_id} states in its lead what "
               f"{', '.join(d.lead.analysis.article_id for d in deniers)} deny or call false",
        positions=[position(claim.speaker_norm, None, [claim]),
                   position(holder, against[0].side, against)],
    )]


def _classified(ctx: ConflictContext) -> list[tuple[Lead, Denial | None]]:
    """Each article's lead and how it denies the story (None: it does not), read once per set: both lead rules
    use them, and reading every article for a debunk is the rules' costliest step."""
    got = ctx.cache.get("coverage.leads")
    if got is None:
        got = ctx.cache["coverage.leads"] = [(ld, _stance_against(ld, ctx)) for a in ctx.analyses
                                             if (ld := _lead(a)) is not None]
    return got


def _best_stated(leads: Sequence[Lead], denials: Sequence[Denial], need: int,
                 usable: Callable[[Lead, int], bool] = lambda ld, i: True) -> tuple[int, Lead, int] | None:
    """The lead sentence that shares most story words with a denial (at least ``need``): (shared keys, lead,
    sentence index), the first best in set order."""
    best: tuple[int, Lead, int] | None = None
    for ld in leads:
        for i, keys in enumerate(ld.keys):
            if not usable(ld, i):
                continue
            shared = max(d.answers(keys, ld.sentences[i], ld) for d in denials)
            if shared >= need and (best is None or shared > best[0]):
                best = (shared, ld, i)
    return best


def _stands_for_lead(ld: Lead, i: int) -> bool:
    """Lead sentence ``i`` of a lead whose first sentence is the outlet's own statement stands for what the
    article states: the first sentence itself; a later one when it is unqualified (``_unqualified``), or when
    it goes on with the first sentence's story ('X is set to cut 11,000 jobs. The plan could see a quarter of
    its staff laid off': the lead elaborates its own statement, hedged). A later sentence that retells someone
    else's report under an opener about something else ('This week's column is about one memo. On Monday a
    trade site reported that X is closing Y') states nothing for the article."""
    return i == 0 or _unqualified(ld.sentences[i], ld) or len(ld.keys[0] & ld.keys[i]) >= MIN_SHARED


def _keys(text: str) -> set[str]:
    """``story_keys`` by ``_stem``, and the places the text names, each as its country ('Oslo', 'Norway' →
    'norway'): leads about one story name its place, in whichever form. (``story_keys`` leaves country words
    out: in a set about two countries, every claim names them.)"""
    return story_keys(text, _stem) | {c.lower() for c in countries_in(text)}


_SUFFIXES = (("ying", "i"), ("ies", "i"), ("ied", "i"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("e", ""))


def _stem(word: str) -> str:
    """A word's key: without its inflection, a final 'y' read as 'i', cut to five letters ('trying', 'tried',
    'tries' → 'tri'; 'burglar', 'burglary' → 'burgl'; 'road', 'roads' → 'road'; 'died', 'dies' → 'die'), so a
    lead and its denial that word the story differently share it; 'death' and 'dead' are 'die' (``WORD_FAMILIES``)."""
    w = WORD_FAMILIES.get(word.lower(), word.lower())  # 'death', 'dead' → 'die'
    if len(w) == 4 and w.endswith("ied"):  # 'died', 'lied', 'tied'
        return w[:3]
    for suffix, repl in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and not (suffix == "s" and w.endswith("ss")):
            w = w[: -len(suffix)] + repl
            break
    return (w[:-1] + "i" if w.endswith("y") else w)[:5]


OBJECT_END = re.compile(r"\s*[,;:—–(]\s+|\s+[—–-]{1,2}\s+")
WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")


def _root(word: str) -> str:
    """One key for a word's forms: 'closing', 'closed', 'close' → 'clos'; 'died', 'dies', 'die' → 'die'.
    (``actors.stem_word`` keeps 'died' apart from 'die' and 'closed' apart from 'closing'.)"""
    w = word.lower()
    for suf in ("ing", "ed", "es", "s", "e", "d"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            return w[: -len(suf)]
    return w


POLES_BY_ROOT: dict[str, tuple[str, bool]] = {_root(w): pole for w, pole in OPPOSED_PREDICATES.items()}


def poles_in(text: str) -> set[tuple[str, bool]]:
    """The opposed predicates a sentence says of something, each as (pole, polarity): 'is alive' → ('alive',
    False), 'has died' → ('alive', True), 'is not safe' → ('safe', True)."""
    out: set[tuple[str, bool]] = set()
    for m in WORD.finditer(text):
        hit = POLES_BY_ROOT.get(_root(m.group(0)))
        if hit is not None and SAID_OF.search(text[:m.start()]):
            pole, flipped = hit
            out.add((pole, flipped != bool(NEGATED_BEFORE.search(text[:m.start()]))))
    return out


def _opposed(leads: Sequence[Lead], denials: Sequence[Denial], ctx: ConflictContext,
             used: set[tuple[str, int]]) -> list[Denial]:
    """Leads that say the opposite of what other leads say of the same story ('Tom Roe is alive' against '…
    has died'; 'the bakery remains open, the company said' against '… is closing'): the side that denies is
    the one holding the leads that deny the story by a cue, else the one fewer leads state in the outlet's own
    voice; a tie names no side. Each lead sentence of the denying side that shares the story's words with a
    lead of the other becomes a denial answering only sentences that say the other pole."""
    cued = {id(d.lead) for d in denials}
    # a lead that denies by a cue in the lead itself; an article that debunks the story only past a lead stating
    # it ('Tom Roe, who has died aged 81, …' above an update calling it false) marks no side by its lead
    cued_in_lead = {id(d.lead) for d in denials if any(d.sentence is s for s in d.lead.sentences)}
    said: dict[tuple[str, bool], list[tuple[Lead, SentenceInfo]]] = {}
    for ld in leads:
        for sent in ld.sentences:
            if is_hedged(sent.text, evidential=False) or "?" in sent.text or QUESTIONING.search(sent.text):
                continue
            for pp in poles_in(sent.text):
                said.setdefault(pp, []).append((ld, sent))
    out: list[Denial] = []
    for (pole, flipped), these in said.items():
        if flipped or (pole, True) not in said:
            continue
        those = said[(pole, True)]
        sides = [these, those]
        by_cue = [any(id(ld) in cued_in_lead for ld, _ in side) for side in sides]
        if by_cue[0] != by_cue[1]:
            deny = 0 if by_cue[0] else 1
        else:
            stating = [len({id(ld) for ld, _ in side if _asserts(ld, ctx)}) for side in sides]
            if stating[0] == stating[1]:
                continue
            deny = 0 if stating[0] < stating[1] else 1
        other = sides[1 - deny]
        story = (pole, deny == 0)  # what the stating side says
        for ld, sent in sides[deny]:
            if id(ld) in cued or (ld.analysis.article_id, sent.n) in used:
                continue
            keys = _keys(sent.text)
            if any(len(keys & _keys(s.text)) >= MIN_SHARED for o, s in other if o is not ld):
                out.append(Denial(ld, sent, keys, 0, opposes=story))
                cued.add(id(ld))
    return out


def lead_sentences(sentences: Sequence[SentenceInfo]) -> list[SentenceInfo]:
    """An article's lead: its first sentences that are not page furniture or a dateline cut off on its own.
    The analysis parses what these say (``negation.predications``) for this rule only."""
    from ..analysis import is_furniture  # analysis imports the conflict rules

    return [s for s in sentences if not is_furniture(s.text) and not _is_dateline(s.text)
            and sum(len(w) >= 2 for w in WORD.findall(s.text)) >= 2][:LEAD_SENTENCES]  # not a list's '1.' alone


def _lead(a: ArticleAnalysis) -> Lead | None:
    sents = lead_sentences(a.sentences)
    if not sents:
        return None
    return Lead(a, sents, [_keys(s.text) for s in sents])


def _is_dateline(text: str) -> bool:
    """A dateline the splitter cut off as a sentence of its own ('FERGUSON, Mo.'): a few words, all capitalised."""
    words = text.split()
    return len(words) <= 4 and all(w[:1].isupper() for w in words)


def _stance_against(ld: Lead, ctx: ConflictContext) -> Denial | None:
    """How the article denies the story, strongest evidence first: a denial word in its lead, the article
    calling the story false further down, then a negated clause in its lead (which may deny something else)."""
    d = _denial(ld)
    if d is None or d.by_negation:
        return _debunk(ld, ctx) or d
    return d


def _denial(ld: Lead) -> Denial | None:
    """The lead denies something: a sentence of it with a denial cue or a negated main clause ('… is not
    closing its bakery, a spokeswoman said'), not a question, and not hedged but for a hedge that weighs
    evidence ('appears to be a hoax' denies; 'may be a hoax', 'reportedly a hoax' do not). What it denies is
    what follows the cue when the cue takes it as object ('denied rumors that it is going to cut …'), else
    the whole sentence ('the video was staged, the company said', '… was a false story'), or the whole lead
    when the sentence names nothing ('X is closing its bakery? Not so, says the company.')."""
    for sent in ld.sentences:
        if STORY_VERDICT.match(sent.text):  # 'CLAIM: … VERDICT: FALSE': the verdict is on the lead's claim
            return Denial(ld, sent, set().union(*ld.keys), 0)
        if sent.text.rstrip().endswith("?"):
            continue
        m = next(_cues(sent.text, STORY_DENIAL), None)
        # 'denied reports that …' denies what follows; 'the video was staged' what comes before
        cue_end = m.end() if m is not None and STORY_DENIAL_OBJECT.fullmatch(m.group(0)) else 0
        # a hedge in what a cue denies is the report's, not the denial's: 'poured cold water on reports that
        # fares could rise' denies; 'may be a hoax' does not; nor is one describing the story in the subject
        # of a falsity ('the note supposedly left by a worker was a joke')
        if cue_end:
            judged = sent.text[:cue_end]
        elif m is not None:
            judged = DESCRIBED_AS_REPORTED.sub("", sent.text[:m.start()]) + sent.text[m.start():]
        else:
            judged = sent.text
        if is_hedged(judged, evidential=False):
            continue
        if m is not None:
            # the cue's own words name nothing: 'Turns out it was fake.' denies what the lead asked about
            cue = _keys(m.group(0))
            # what a cue takes as object runs to the clause's end: 'denied it would charge for toilets, a day
            # after its chief executive said so' denies the charge, not what the chief executive did
            denied = OBJECT_END.split(sent.text[cue_end:], maxsplit=1)[0] if cue_end else sent.text
            keys = _keys(denied) - cue
            if cue_end and MIN_SHARED <= len(keys) < 3:
                # a short object leaves its subject before the cue: 'the NHL has no plans to expand to other
                # cities' denies the NHL's expansion; the clause before the cue names it
                keys |= _keys(CLAUSE_BREAK.split(sent.text[:m.start()])[-1]) - cue
            need = MIN_SHARED if cue_end else 3  # an object naming two things names what is denied
            if len(keys) < need:
                keys = _keys(sent.text[cue_end:]) - cue
            if len(keys) < need:
                keys = _keys(sent.text) - cue
            if len(keys) < need:
                keys = set().union(*ld.keys)
            return Denial(ld, sent, keys, cue_end)
        if (said := ld.analysis._predications.get(sent.n)) and said.negated:
            neg = max(said.negated, key=lambda n: len(_keys(n.clause)))
            keys, preds = _keys(neg.clause), neg.predicates
            if len(keys) >= 3:  # 'the question is not if, but when' names no story
                # 'cannot be that of Queen Ann': a pronoun says nothing a stating lead must say, so only the
                # clause's words must be the story's
                return Denial(ld, sent, keys, 0, frozenset() if preds <= POINTING_PREDICATES else preds,
                              by_negation=True, subject=frozenset(_keys(neg.subject)),
                              identity=frozenset(_keys(neg.identity)))
        if said is not None and len(keys := _keys(said.reframed)) >= 3:
            # 'features hailed online as the walls of a lost town are natural rock ridges': what it was presented
            # as is what it denies
            return Denial(ld, sent, keys, 0)
    return None


#: a negation up to two words before a cue: 'has not denied', 'is not fake', "isn't a hoax", 'neither confirmed
#: nor denied'
NEGATED_BEFORE = re.compile(r"(?:\b(?:not|never|no|neither|nor)|n[’']t)\b(?:\s+\S+){0,2}\s*$", re.IGNORECASE)


INFINITIVE_BEFORE = re.compile(r"\bto\s+$", re.IGNORECASE)  # 'hard to fake': a verb, not a judgement
BY_AGENT = re.compile(r"\s+(?:\w+ly\s+)?by\b", re.IGNORECASE)  # 'was rejected by the company' still denies


def _cues(text: str, rx: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """The cues of ``rx`` in ``text`` that are not negated ('has not denied', 'is not fake'), questioned
    ('asked whether the story was fake'), inside a statement taken back ('reversing its earlier statement that
    the images were fake'), passive ('was dismissed') or an answer the sentence reports after
    the claim ('…, a claim the company rejected')."""
    for m in rx.finditer(text):
        before = text[:m.start()]
        if QUESTIONING.search(before) or NEGATED_BEFORE.search(before) or REVERSED_BEFORE.search(before):
            continue
        if len(m.group(0).split()) == 1 and INFINITIVE_BEFORE.search(before):
            continue  # 'hard to fake', 'tried to deny': a verb, not a judgement of the story
        if DENIAL_VERB.fullmatch(m.group(0)) and _denies_nothing(text, before, m.end()):
            continue
        yield m


def _denies_nothing(text: str, before: str, end: int) -> bool:
    """A denial verb that denies nothing the lead says: overtaken ('had initially dismissed'), an answer the
    sentence reports with its claim ('…, a claim the company rejected', 'X says …; Y denies it'), a
    passive done to someone ('the manager was dismissed'; 'was rejected by the company' still denies), or a
    verb that also removes someone from a post naming no story ('have dismissed head coach X')."""
    return bool(removes_someone(text, len(before), end)
                or EARLIER_BEFORE.search(before) or ANSWER_APPOSITIVE.search(before)
                or (PASSIVE_BEFORE.search(before) and not BY_AGENT.match(text, end))
                or (CLAIM_REPORTED.search(before) and not SELF_REPORTED.search(before)
                    and ANAPHORIC_ANSWER.match(text, end)))


def _debunk(ld: Lead, ctx: ConflictContext) -> Denial | None:
    """Past its lead, the article calls the story false in its own voice: 'It turned out the video was
    staged', 'The story is fake.' Not someone else's words (a statement attributed to a speaker, a quoted
    phrase), not a hedge, a question or 'whether it was staged', not a negated cue ('is not fake'), and the
    falsity is said of a story noun ('the video', 'the report', 'it', 'the scene') or of the lead's own words
    ('the flooded street crossing was staged'); or it finds nothing behind the story ('there is no evidence
    that' followed by the lead's words). What it calls false is the story the article led with, so the
    denial's words are the lead's and the sentence's."""
    a = ld.analysis
    # someone else's words, unless a factive verb presents them as true ('the company later confirmed the
    # video was staged')
    said = {s.sentence for s in ctx.per_article[a.article_id]
            if s.attribution != "outlet" and s.verb_lemma not in FACTIVE_VERBS}
    lead = {s.n for s in ld.sentences}
    for sent in a.sentences:
        text = sent.text
        if sent.n not in lead and STORY_VERDICT.match(text):
            # a fact-check's verdict on the story it leads with, after the lead or above it ('Verdict: False.')
            return Denial(ld, sent, set().union(*ld.keys), 0)
        if sent.n in lead or sent.n < ld.first.n or sent.n in said or is_hedged(text, evidential=False) or "?" in text \
                or _quotes_words(text):
            continue
        for m in _cues(text, STORY_FALSITY):
            before = text[:m.start()]
            if not (STORY_NOUNS.search(before) or _names_story(before, ld) or SUBJECT_IN_CUE.match(m.group(0))):
                continue
            if len(m.group(0).split()) == 1 and not PREDICATING.search(before):
                continue
            return Denial(ld, sent, _keys(text) | set().union(*ld.keys), 0)
        if any(not UNDONE_BEFORE.search(text[:m.start()]) for m in _cues(text, STORY_RETRACTED)):
            return Denial(ld, sent, _keys(text) | set().union(*ld.keys), 0)  # its source took the story back
        for m in _cues(text, STORY_UNSUPPORTED):
            if _names_story(text[m.end():], ld, first=True):
                return Denial(ld, sent, _keys(text[m.end():]), m.end())  # it denies what follows
    return None


CLAUSE_BREAK = re.compile(r"[,;:—–]|\b(?:but|and|while|although|though|because)\b", re.IGNORECASE)
SUBJECT_SHARED = 2  # lead words the subject of a falsity must repeat to name the story


def _names_story(text: str, ld: Lead, *, first: bool = False) -> bool:
    """A clause next to a cue repeats the lead's words: 'But the flooded street crossing was staged' after a
    lead about a man carried across a flooded street says the story is false, though it calls it by no story
    noun; so does 'there is no evidence that the driver carried anyone across the street'. The clause is the
    last one of ``text`` (what comes before a falsity cue), or with ``first`` its first (what follows 'no
    evidence')."""
    clauses = CLAUSE_BREAK.split(text)
    clause = clauses[0] if first else clauses[-1]
    return len(_keys(clause) & set().union(*ld.keys)) >= SUBJECT_SHARED


def _asserts(ld: Lead, ctx: ConflictContext) -> bool:
    """The first sentence states the story in the outlet's own voice (``_states``)."""
    return _states(ld.first, ld, ctx)


def _states(sent: SentenceInfo, ld: Lead, ctx: ConflictContext) -> bool:
    """The sentence states something in the outlet's own voice: no hedge, no report or rumour it rests on, no
    one else's words (a statement attributed to a speaker, or a quoted phrase of three words or more; a
    factive verb — 'the company confirmed' — presents the words as true, so they are the outlet's too), no
    denial, not a question."""
    text = sent.text
    if not _unqualified(sent, ld):
        return False
    if any(s.sentence == sent.n and s.attribution != "outlet" and s.verb_lemma not in FACTIVE_VERBS
           and not _on_authority(s, text) for s in ctx.per_article[ld.analysis.article_id]):
        return False
    return not _quotes_words(text)


WHETHER = re.compile(r"\bwhether\b", re.IGNORECASE)  # an open question: '… trying to work out whether …'


def _unqualified(sent: SentenceInfo, ld: Lead) -> bool:
    """The sentence says something without qualifying it: no hedge, no report or rumour it rests on, no denial
    or negated clause, not a question, direct or open ('… trying to work out whether to keep spending')."""
    text = sent.text
    said = ld.analysis._predications.get(sent.n)
    return not (is_hedged(text) or REPORT_ATTRIBUTION.search(text) or next(_cues(text, STORY_DENIAL), None)
                or (said is not None and said.negated) or "?" in text or WHETHER.search(text))


def _told(sent: SentenceInfo, ld: Lead, ctx: ConflictContext) -> bool:
    """A named speaker's account, unqualified (``_unqualified``)."""
    return _unqualified(sent, ld) and any(
        s.sentence == sent.n and s.attribution != "outlet" and s.speaker_norm not in UNNAMED_LABELS
        for s in ctx.per_article[ld.analysis.article_id])


def _quotes_words(text: str) -> bool:
    """The sentence quotes someone's words: a quoted phrase of three words or more that is not a title (a
    painting, a book, a programme: '"The Grey Lantern" is a forgery' quotes no one)."""
    for m in QUOTED.finditer(text):
        words = (m.group(1) or m.group(2)).split()
        if len(words) >= 3 and not _is_title(words):
            return True
    return False


def _is_title(words: list[str]) -> bool:
    """Title case: every word of four letters or more is capitalised, not shouted in capitals throughout."""
    long = [w.strip(".,;:!?") for w in words if len(w.strip(".,;:!?")) >= 4]
    return bool(long) and all(w[:1].isupper() for w in long) and not all(w.isupper() for w in long)


def _on_authority(s: Statement, text: str) -> bool:
    """'…, according to police' / 'according to a statement from the company': the outlet states it on an
    authority it names (not 'according to a report', which only reports it). ``text``: the sentence."""
    return s.verb_lemma == "according to" and ON_AUTHORITY.search(text) is not None


ON_AUTHORITY = re.compile(r"\baccording to " + AUTHORITY.pattern, re.IGNORECASE)


def _stating_statement(ctx: ConflictContext, ld: Lead, i: int, *, own: bool = True) -> Statement:
    """Who states the story in lead sentence ``i``: the outlet when it says it in its own voice (``own``), the
    authority it names ('according to police'), else the speaker the sentence quotes ('John Roe said …' is
    Roe's, never the outlet's)."""
    sent = ld.sentences[i]
    named = [s for s in ctx.per_article[ld.analysis.article_id] if s.sentence == sent.n and _on_authority(s, sent.text)]
    if named:
        return named[0]
    if own and (i == 0 or _states(sent, ld, ctx)):
        return _own_statement(ctx, ld.analysis, sent, "fact")
    said = [s for s in ctx.per_article[ld.analysis.article_id] if s.sentence == sent.n and s.attribution != "outlet"
            and (own or s.speaker_norm not in UNNAMED_LABELS)]
    return said[0] if said else _own_statement(ctx, ld.analysis, sent, "fact")


def _own_statement(ctx: ConflictContext, a: ArticleAnalysis, sent: SentenceInfo, kind: ClaimKind) -> Statement:
    """The outlet's own statement of a lead sentence (recorded if the pre-pass had none)."""
    own = next((s for s in a.statements if s.sentence == sent.n and s.attribution == "outlet"), None)
    if own is not None:
        return own
    outlet = a.outlet or f"{a.article_id} (outlet)"
    st = Statement(
        id=f"{a.article_id}.S{sent.n}.{sum(s.sentence == sent.n for s in a.statements) + 1}",
        article_id=a.article_id, sentence=sent.n, sentence_start=sent.start, sentence_end=sent.end,
        start=sent.start, end=sent.end, quote=sent.text, speaker=outlet, speaker_norm=outlet,
        kind=kind, attribution="outlet",
    )
    _record(ctx, a, st)
    return st


def _denial_statement(ctx: ConflictContext, d: Denial) -> Statement:
    """The denier's own statement in the denying sentence when the pre-pass attributed one, else the outlet's
    (a statement there without the cue is what is denied, not the denial: '… who claimed she was shot … was a
    false story'; a negation's speaker denies: '… is not closing …, a spokeswoman said')."""
    where = d.sentence
    said = [s for s in d.lead.analysis.statements if s.sentence == where.n and s.attribution != "outlet"]
    cued = [s for s in said if s.kind == "denial" or STORY_DENIAL.search(s.quote) or d.negated]
    if cued:
        return cued[0]
    return _own_statement(ctx, d.lead.analysis, where, "denial")


def _record(ctx: ConflictContext, a: ArticleAnalysis, st: Statement) -> None:
    a.statements.append(st)
    a.statements.sort(key=lambda s: (s.sentence, s.start, s.end))
    ctx.statements.append(st)
    ctx.by_id[st.id] = st
    ctx.order[st.id] = len(ctx.order)
