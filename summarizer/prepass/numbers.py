"""Figures and what they count: '58 soldiers killed' → value 58, category soldiers, event killed. Vague amounts
('dozens', 'over 2,400') become ranges, so two reports are compared as intervals, not strings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token
from .actors import resolve_side
from .lexicon import (
    CATEGORY,
    COUNTABLE,
    CROWD_NOUNS,
    CURRENCIES,
    DEATH_WORDS,
    EVENT,
    EVENT_BY_CATEGORY,
    MATERIAL_DIFFERENCE,
    MONEY_OF_SUBJECTS,
    MONEY_VAGUE_SUBJECTS,
    MONEY_VERBS,
    MONEY_WORTH,
    NONE_WORDS,
    NUM_RE,
    PART_WORDS,
    QUANT_LOWER,
    QUANT_UPPER,
    RATE_FORECAST_AUX,
    RATE_LEVEL_PREPS,
    RATE_VAGUE_SUBJECTS,
    STRIKE_VERBS,
    TALLY_NOUNS,
    TALLY_VERBS,
    TURNOUT_VERBS,
    VAGUE,
    WORD_NUMBERS,
)
from .model import NumberMention, SentenceInfo
from .speakers import noun_phrase


def find_numbers(doc: Doc, info: SentenceInfo) -> list[NumberMention]:
    out: list[NumberMention] = []
    date_tokens = {t.i for e in doc.ents if e.label_ in {"DATE", "TIME", "ORDINAL", "PERCENT", "MONEY"} for t in e}
    seen: set[int] = set()
    for tok in doc:
        if tok.i in seen or tok.i in date_tokens:
            continue
        low = tok.lower_
        is_num = tok.like_num or low in VAGUE
        if not is_num or low in {"one"} and tok.dep_ not in {"nummod", "compound"}:
            continue
        # Multi-token figures: "one million", "2,400"; take the top of the number chain.
        top = tok
        while top.dep_ in {"compound", "nummod", "quantmod"} and top.head.like_num and top.head.i != top.i:
            top = top.head
        chain = sorted({t.i for t in top.subtree if t.like_num or t.dep_ == "quantmod" or t.lower_ in VAGUE}
                       | {top.i})
        seen.update(chain)
        lo, hi = chain[0], chain[-1]
        if doc[lo].lower_ == "than" and lo > 0 and doc[lo - 1].lower_ in {"more", "fewer", "less"}:
            lo -= 1
        if _in_ratio(doc, lo, hi) or _a_part(doc, lo, hi):
            continue
        value, lo_v, hi_v = _value(doc, lo, hi)
        noun = _counted_noun(top)
        if _denied(noun or top):
            continue
        counts = category = event = target_side = None
        if noun is not None:
            nlo, nhi = noun_phrase(noun, drop=("relcl", "acl", "prep", "punct"))
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
    out.extend(_none_counted(doc, info))
    out.extend(_rates(doc, info))
    out.extend(_amounts(doc, info))
    return out


def _in_ratio(doc: Doc, lo: int, hi: int) -> bool:
    """'one in six of its staff', '1 in 4 adults': a proportion, not a count of anything (either number)."""
    def number(i: int) -> bool:
        return 0 <= i < len(doc) and (doc[i].like_num or doc[i].lower_ in {"one", "a"})
    after = hi + 2 if hi + 1 < len(doc) and doc[hi + 1].lower_ == "in" else None
    if after is not None and after < len(doc) and doc[after].lower_ == "every":
        after += 1
    before = lo - 2 if lo >= 2 and doc[lo - 1].lower_ == "in" else None
    if before is None and lo >= 3 and doc[lo - 1].lower_ == "every" and doc[lo - 2].lower_ == "in":
        before = lo - 3
    return (after is not None and number(after)) or (before is not None and number(before) and doc[before].lower_ != "a")


def _a_part(doc: Doc, lo: int, hi: int) -> bool:
    """'the other two victims', 'another 20 people', 'the remaining 40 staff': the rest of a quantity or an
    addition to it, not a count of the whole, so never a figure to set against the whole's count. ('2,300 of
    the 2,600 workers joined the strike' is a count: of those who joined.)"""
    return doc[lo].lower_ in PART_WORDS or (lo > 0 and doc[lo - 1].lower_ in PART_WORDS)


CLAUSE_HEADS = frozenset({"ROOT", "ccomp", "advcl", "relcl", "conj", "parataxis"})  # where a clause ends


def _denied(tok: Token) -> bool:
    """The figure sits in a negated clause ('there is no plan to cut 4,000 jobs', 'did not kill 20 people'): the
    sentence denies the count, it gives none, so no one is its claimer (a denial is set against the figure it
    denies by the denial rules, not as a figure of its own)."""
    for anc in tok.ancestors:
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in anc.children):
            return True
        if anc.pos_ in {"VERB", "AUX"} and anc.dep_ in CLAUSE_HEADS:
            return False  # the clause ends here: 'was not surprised that 300 people were killed' gives 300
    return False


def _none_counted(doc: Doc, info: SentenceInfo) -> list[NumberMention]:
    """'No jobs would be lost', 'no civilians were killed': zero of a countable thing, a figure a claimer's
    count can be set against ('300 jobs would be cut')."""
    out: list[NumberMention] = []
    for tok in doc:
        noun = tok.head
        if tok.lower_ not in NONE_WORDS or tok.dep_ != "det" or noun.pos_ != "NOUN":
            continue
        category = _category(noun)
        if category not in COUNTABLE or category in {"rate", "money"}:
            continue
        category, event = _normalise_quantity(noun, category, _event(noun, noun))
        span = doc[tok.i:noun.i + 1] if noun.i > tok.i else doc[tok.i:tok.i + 1]  # 'no jobs', as written
        out.append(NumberMention(
            text=span.text, start=info.start + span.start_char, end=info.start + span.end_char, sentence=info.n,
            value=0.0, low=None, high=None, counts=noun.text, category=category or "other", event=event,
            target_side=_target_side(noun),
        ))
    return out


def _amounts(doc: Doc, info: SentenceInfo) -> list[NumberMention]:
    """Money stated as what a named thing costs or is worth: 'the stadium would cost $4 billion', 'the damage
    was worth $200 million', 'the cost of the stadium was $4 billion', 'the deal is valued at $2 billion'.
    Category 'money', event the thing's name, counts the name with its currency, so amounts of one thing in
    one currency are compared and nothing else is. An amount of nothing named ('it would cost $5 billion') is
    not a figure."""
    out: list[NumberMention] = []
    for ent in doc.ents:
        if ent.label_ != "MONEY":
            continue
        nums = [t for t in ent if t.like_num]
        currency = next((CURRENCIES[w] for w in (t.lower_ for t in ent) if w in CURRENCIES), None)
        if not nums or currency is None:
            continue
        tok, verb = ent.root, ent.root.head
        if tok.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ == "at":  # 'valued at $2 billion'
            tok, verb = verb, verb.head
        if verb.lemma_.lower() in MONEY_WORTH and verb.dep_ == "acomp":  # 'was worth $200 million'
            tok, verb = verb, verb.head
        lemma = verb.lemma_.lower()
        if not (lemma in MONEY_VERBS and tok.dep_ in {"dobj", "prep", "npadvmod", "attr"}
                or lemma == "be" and tok.dep_ in {"attr", "acomp"}):
            continue
        subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is None or subj.pos_ not in {"NOUN", "PROPN"}:
            continue
        if subj.lemma_.lower() in MONEY_OF_SUBJECTS:  # 'the cost of the stadium' is the stadium's
            prep = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            pobj = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
            if pobj is not None:
                subj = pobj
        words = _compound_name(subj)
        if len(words) == 1 and words[0] in MONEY_VAGUE_SUBJECTS:
            continue
        name = " ".join(words)
        value, lo_v, hi_v = _value(doc, nums[0].i, nums[-1].i)
        out.append(NumberMention(
            text=ent.text, start=info.start + ent.start_char, end=info.start + ent.end_char, sentence=info.n,
            value=value, low=lo_v, high=hi_v, counts=f"{name} ({currency})", category="money",
            event=f"{name} ({currency})",
        ))
    return out


def _rates(doc: Doc, info: SentenceInfo) -> list[NumberMention]:
    """Percentages stated as the level of a named quantity: 'the unemployment rate was 4.1 percent', 'turnout
    stood at 62%', 'support for the plan fell to 40 percent'. Category 'rate', event the quantity's name, so two
    reports of one rate are compared and different rates never are. A change ('prices rose 5 percent'), a
    forecast ('will fall to 3 percent'), or a subject that names nothing ('the rate was 5%') is not a level."""
    out: list[NumberMention] = []
    for ent in doc.ents:
        if ent.label_ != "PERCENT":
            continue
        root = ent.root
        num = next((t for t in ent if t.like_num), None)
        if num is None:
            continue
        verb, tok = root.head, root
        if tok.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in RATE_LEVEL_PREPS:
            tok, verb = verb, verb.head
        if verb.pos_ not in {"VERB", "AUX"} or tok.dep_ not in {"attr", "prep", "acomp"}:
            continue
        if any(c.dep_ == "aux" and c.lower_ in RATE_FORECAST_AUX for c in verb.children):
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.pos_ not in {"NOUN", "PROPN"}:
            continue
        name = _rate_name(subj)
        if name is None:
            continue
        value, lo_v, hi_v = _value(doc, num.i, num.i)  # bounds from the words before it: 'no more than 35%'
        out.append(NumberMention(
            text=ent.text, start=info.start + ent.start_char, end=info.start + ent.end_char, sentence=info.n,
            value=value, low=lo_v, high=hi_v, counts=name, category="rate", event=name,
        ))
    return out


def _rate_name(subj: Token) -> str | None:
    """'unemployment rate', 'turnout', 'support for plan': the subject's lemma with its compounds and the
    object of an 'of'/'for' after it; None for a subject that names no quantity by itself."""
    words = _compound_name(subj)
    prep = next((c for c in subj.children if c.dep_ == "prep" and c.lower_ in {"of", "for"}), None)
    pobj = next((g for g in prep.children if g.dep_ == "pobj"), None) if prep is not None else None
    if pobj is not None:
        words += [prep.lower_, *(c.lemma_.lower() for c in pobj.children if c.dep_ == "compound"), pobj.lemma_.lower()]
    if len(words) == 1 and words[0] in RATE_VAGUE_SUBJECTS:
        return None
    return " ".join(words)


def _compound_name(tok: Token) -> list[str]:
    """A noun's lemma with the compounds before it: 'unemployment rate', 'flood damage'."""
    return [*(c.lemma_.lower() for c in tok.children if c.dep_ == "compound" and c.i < tok.i), tok.lemma_.lower()]


def _normalise_quantity(noun: Token, category: str | None, event: str | None) -> tuple[str | None, str | None]:
    """Fold what a figure counts into a comparable quantity.

    'people' are deaths only when the clause says they died ("34 people had been confirmed dead"); people who
    marched, joined or attended are a crowd ('people', 'attended'); people rescued or sheltered are neither.
    Verbs that only tally a figure (counted, confirmed, said) carry no event of their own.
    """
    if event in TALLY_VERBS:
        event = None
    event = EVENT_BY_CATEGORY.get(category or "", {}).get(event or "", event)
    lemma = noun.lemma_.lower()
    if category == "deaths" and lemma in {"people", "person"}:
        gov = noun.head
        clause = {t.lemma_.lower() for t in gov.subtree} if gov.i != noun.i else set()
        if clause & DEATH_WORDS or gov.lemma_.lower() in {"kill", "die"}:
            return "deaths", "killed"
        category = "people"
    if category == "deaths":
        return "deaths", "killed"
    if category == "people":
        if event in TURNOUT_VERBS or event is None:
            return "people", "attended"
        return "people", event
    if category == "workers" and event in STRIKE_VERBS:
        return "workers", "strike"
    return category, event


def _value(doc: Doc, lo: int, hi: int) -> tuple[float | None, float | None, float | None]:
    words = [t.lower_ for t in doc[lo:hi + 1]]
    prev = doc[lo - 1].lower_ if lo > 0 else ""
    prev2 = doc[lo - 2].lower_ if lo > 1 else ""
    lead = " ".join(t.lower_ for t in doc[max(0, lo - 3):hi])  # the words before the figure's last one
    upper_bound = any(f" {lead}".endswith(f" {p}") for p in QUANT_UPPER)
    lower_bound = not upper_bound and (prev in QUANT_LOWER or words[0] in QUANT_LOWER
                                       or (prev == "than" and prev2 == "more") or (prev == "least" and prev2 == "at"))
    for w in words:
        if w in VAGUE:
            a, b = VAGUE[w]
            if "tens" in words or prev == "of" and prev2 == "tens":  # "tens of thousands"
                return None, a * 10, b * 10
            return None, a, b
    total: float | None = None
    scale = 1.0  # the scale words applied to the first figure ("5 million" → 1e6)
    joiner = ""
    for j, w in enumerate(words):
        v = _number_word(w)
        if v is None:
            joiner = w
            continue
        if total is None:
            total = v
        elif w in _SCALES and not joiner:
            total *= v  # "one million", "4.2 billion"
            scale *= v
        elif joiner in {"to", "and", "-", "–"}:
            upper, upper_scale = _scaled(words, j)
            if scale == 1.0 and upper_scale > 1.0 and total * upper_scale <= upper:
                total *= upper_scale  # "5 to 6 million": the first figure takes the scale of the second
            if upper > total:
                return None, total, upper  # "2,000 to 3,000", "5 million to 6 million", "between 40 and 60"
            break
        else:
            break  # "2,300 of the mine's roughly 2,600": the first figure is the one counted
        joiner = ""
    if total is None:
        return None, None, None
    if upper_bound:
        return None, 0.0, total
    if lower_bound:
        return None, total, None
    if prev in {"about", "around", "nearly", "almost", "approximately", "roughly", "some"}:
        return None, total * 0.85, total * 1.15
    return total, total, total


_SCALES = frozenset({"hundred", "thousand", "million", "billion"})


def _number_word(w: str) -> float | None:
    if NUM_RE.match(w):
        return float(w.replace(",", ""))
    if w in WORD_NUMBERS:
        return float(WORD_NUMBERS[w])
    return None


def _scaled(words: list[str], j: int) -> tuple[float, float]:
    """The figure that starts at ``words[j]`` with the scale words right after it, and that scale."""
    value = _number_word(words[j]) or 0.0
    scale = 1.0
    for w in words[j + 1:]:
        if w not in _SCALES:
            break
        scale *= float(WORD_NUMBERS[w]) if w in WORD_NUMBERS else 1.0
    return value * scale, scale


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
    return _tallied(num)


def _tallied(num: Token) -> Token | None:
    """'the death toll was over 100', 'the number of dead rose to 40': the figure is the predicate of a tally
    noun, and what it counts is the tally's compound ('death') or its 'of' object ('dead')."""
    head, tok = num.head, num
    for _ in range(2):  # 'rose to 40', 'stood at 85', 'was over 100': up to the verb the figure completes
        if head.pos_ in {"VERB", "AUX"} or tok.dep_ not in {"pobj", "prep", "advmod", "quantmod"}:
            break
        tok, head = head, head.head
    if head.pos_ not in {"VERB", "AUX"} or tok.dep_ not in {"attr", "dobj", "prep", "advmod", "quantmod"}:
        return None
    subj = next((c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if (subj is None or subj.lemma_.lower() not in TALLY_NOUNS | CROWD_NOUNS) and tok.lower_ == "at":
        # 'officials put / estimated the death toll at 12': the tally is the verb's object
        subj = next((c for c in head.children if c.dep_ == "dobj"), None)
    if subj is not None and subj.lemma_.lower() in CROWD_NOUNS:
        return subj  # 'police put the crowd at 8,000', 'the crowd was about 8,000': the figure counts the crowd
    if subj is None or subj.lemma_.lower() not in TALLY_NOUNS:
        return None
    for c in subj.children:
        if c.dep_ == "compound" and c.lemma_.lower() in CATEGORY:
            return c
        if c.dep_ == "prep" and c.lower_ == "of":
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.lemma_.lower() in CATEGORY:
                return pobj
    return None


def _category(noun: Token) -> str | None:
    lemma = noun.lemma_.lower()
    if lemma in CATEGORY:
        return CATEGORY[lemma]
    for child in noun.children:
        if child.dep_ == "conj" and child.lemma_.lower() in CATEGORY:
            return CATEGORY[child.lemma_.lower()]
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
        verb = gov.lemma_.lower()
        obj = next((c for c in gov.children if c.dep_ == "dobj"), None)
        if verb in CATEGORY_VERBS and noun.dep_ == "nsubj" and obj is not None \
                and obj.lemma_.lower() not in CATEGORY:
            return f"{verb} {obj.lemma_.lower()}"  # '300 homes lost power' lost power, not the homes
        return EVENT.get(verb, verb)
    return None


#: verbs whose event depends on what they count ('homes lost', 'jobs lost', 'workers laid off')
CATEGORY_VERBS = frozenset(v for verbs in EVENT_BY_CATEGORY.values() for v in verbs)


def _target_side(noun: Token) -> str | None:
    sides = set()
    for t in noun.subtree:
        if t.i >= noun.i and t.i != noun.i and t.dep_ not in {"conj", "cc", "compound", "amod", "nmod"}:
            continue
        if t.lower_ == "both":
            return "both"
        s = resolve_side(t.text) if t.pos_ in {"ADJ", "PROPN"} else None
        if s:
            sides.add(s)
    for t in noun.children:
        if t.dep_ == "prep" and t.lower_ == "on" and any(g.lower_ == "both" for g in t.subtree):
            return "both"
    if len(sides) == 1:
        return sides.pop()
    return "both" if len(sides) > 1 else None


def figure_bounds(n: NumberMention) -> tuple[float, float] | None:
    if n.value is not None:
        return n.value, n.value
    if n.low is None:
        return None
    return n.low, n.high if n.high is not None else float("inf")


def figures_compatible(a: NumberMention, b: NumberMention) -> bool:
    """Do two figures fit each other? Exact figures must be equal; ranges and open bounds must overlap."""
    ra, rb = figure_bounds(a), figure_bounds(b)
    if ra is None or rb is None:
        return True
    return ra[0] <= rb[1] and rb[0] <= ra[1]


def same_quantity(a: NumberMention, b: NumberMention, *, strict: bool) -> bool:
    """Same countable thing? Strict: same category, event and (known) target side; loose: unknowns match."""
    if a.category != b.category or a.category not in COUNTABLE:
        return False
    if strict:
        return a.event is not None and a.event == b.event and a.target_side is not None \
            and a.target_side == b.target_side
    if a.event and b.event and a.event != b.event:
        return False
    return not (a.target_side and b.target_side and a.target_side != b.target_side)


def quantity_key(n: NumberMention) -> tuple[str, str | None]:
    return n.category, n.event


def figures_close(a: NumberMention, b: NumberMention) -> bool:
    """Figures that fit each other or differ by no more than 10 % (61 vs 64 bodies is an update, not a
    dispute; 18,000 vs 120,000 marchers is)."""
    ra, rb = figure_bounds(a), figure_bounds(b)
    if ra is None or rb is None:
        return True
    tol = MATERIAL_DIFFERENCE
    return ra[0] * (1 - tol) <= rb[1] and rb[0] * (1 - tol) <= ra[1]
