"""Scorers for the real-data tier: who-said-what (BASIL), real disagreements (FNC-1), summaries (AllSides).

Every score is a ratio ``num / den`` (or a count with ``den = None``) so that a half's figure is the micro
average over its sets: "claimer right for 61 of 100 named-speaker quotes", not a mean of per-set means that
lets a set with one quote weigh as much as a set with twenty. The formulas are in ``evals/README.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations, pairwise
from typing import Any

from ..grounding import find_quote, normalize
from ..schemas import Brief, Claim, Meta
from ..sentences import is_unfinished
from .devsets import KINDS, SPEAKER_KINDS, STANCE_KINDS, DevSet
from .scorers import _QUOTED, dice, is_attributed, tokens


@dataclass
class Ratio:
    """One metric for one set: ``num / den`` (``den=None``: a plain count; ``den=0``: not applicable)."""

    metric: str
    num: float
    den: float | None
    explanation: str = ""
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def value(self) -> float | None:
        if self.den is None:
            return self.num
        return self.num / self.den if self.den else None


@dataclass(frozen=True)
class DevMetric:
    name: str
    label: str
    kinds: tuple[str, ...]  # which kinds of set it applies to
    higher_is_better: bool = True
    count: bool = False  # a plain count (summed over sets), not a ratio
    gate: bool = True  # checked by --max-regression
    info: str = ""


ALL = KINDS
DEV_METRICS: dict[str, DevMetric] = {
    m.name: m
    for m in [
        DevMetric("grounding", "Grounding (claims verbatim)", ALL),
        DevMetric("attr_coverage", "Named-speaker quotes covered", SPEAKER_KINDS,
                  info="quote spans with a named speaker covered by a claim of the same article"),
        DevMetric("claimer_accuracy", "Claimer right (of covered)", SPEAKER_KINDS),
        DevMetric("attr_right", "Claimer right (of all named quotes)", SPEAKER_KINDS),
        DevMetric("pronoun_claimers", "Pronoun claimers", ALL, higher_is_better=False, count=True),
        DevMetric("dis_sets_found", "Sets with a correct disagreement", STANCE_KINDS),
        DevMetric("dis_pair_recall", "Agree-vs-disagree pair recall", STANCE_KINDS),
        DevMetric("dis_precision", "Disagreement precision", STANCE_KINDS),
        DevMetric("dis_wrong_rate", "Disagreements mixing stances/sharing a source", STANCE_KINDS,
                  higher_is_better=False),
        DevMetric("fact_coverage", "Roundup facts covered (in excerpts)", ("allsides",)),
        DevMetric("fact_coverage_all", "Roundup facts covered (all)", ("allsides",), gate=False),
        DevMetric("verbatim_share", "Summary sentences copied verbatim", ALL, higher_is_better=False),
        DevMetric("single_source_share", "Summary sentences citing one article", ALL, higher_is_better=False,
                  gate=False),
        DevMetric("multi_outlet", "Summary cites ≥ 2 outlets (3-outlet sets)", ("basil", "allsides")),
        DevMetric("datelines", "Datelines in summary", ALL, higher_is_better=False, count=True),
        DevMetric("cutoffs", "Cut-off sentences in summary", ALL, higher_is_better=False, count=True),
        DevMetric("near_duplicates", "Near-duplicate summary sentences", ALL, higher_is_better=False, count=True),
        DevMetric("lex_neutrality", "Summary free of unattributed loaded spans", ("basil",)),
        DevMetric("summary_sentences", "Summary sentences (mean)", ALL, gate=False),
        DevMetric("claims", "Claims (mean)", ALL, gate=False),
        DevMetric("disagreements", "Disagreements (mean)", ALL, gate=False),
        DevMetric("failed", "Briefs that failed", ALL, higher_is_better=False, count=True),
        DevMetric("prompt_tokens", "Prompt tokens / brief", ALL, higher_is_better=False, gate=False),
        DevMetric("completion_tokens", "Completion tokens / brief", ALL, higher_is_better=False, gate=False),
        DevMetric("calls", "Model calls / brief", ALL, higher_is_better=False, gate=False),
    ]
}
MEAN_METRICS = {"summary_sentences", "claims", "disagreements", "prompt_tokens", "completion_tokens", "calls"}

# ------------------------------------------------------------------------------------------ names

PRONOUNS = frozenset("i me my we us our you your he him his she her they them their it its who someone somebody".split())
EMPTY_CLAIMERS = frozenset({"", "unknown", "unattributed", "none", "n/a", "-", "?"})
DETERMINERS = frozenset("the a an some many several other two three".split())
_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")


def name_tokens(text: str) -> list[str]:
    """Lower-cased word tokens of a name; possessive 's and a label's underscores dropped."""
    out = []
    for tok in _NAME_TOKEN.findall(normalize(text.replace("_", " "))):
        tok = tok.lower().replace("’", "'")
        if tok.endswith("'s"):
            tok = tok[:-2]
        out.append(tok.strip("'-"))
    return [t for t in out if t]


def is_named_speaker(label: str | None) -> bool:
    """BASIL speaker labels: a name, or ``other_*`` / empty for unnamed speakers (not scored here)."""
    return bool(label) and not str(label).startswith("other_")


def claimer_names_speaker(claimer: str, label: str, aliases: dict[str, list[str]]) -> bool:
    """A person label matches a claimer naming the surname (``Jane_Doe`` ⊆ "Senator Doe"); a group
    label (one with an alias entry for its set) matches the group's words or a member's name."""
    have = set(name_tokens(claimer))
    if not have:
        return False
    if label in aliases:
        options = [name_tokens(label), *(name_tokens(a) for a in aliases[label])]
        return any(opt and set(opt) <= have for opt in options)
    want = name_tokens(label)
    return bool(want) and want[-1] in have


def error_class(claimer: str, outlets: Iterable[str | None]) -> str:
    """Why a claimer is wrong: empty, pronoun, outlet (the publication), generic (no name), or wrong person."""
    words = name_tokens(claimer)
    if claimer.strip().lower() in EMPTY_CLAIMERS or not words:
        return "empty"
    if words[0] in PRONOUNS and len(words) <= 2:
        return "pronoun"
    low = normalize(claimer).lower()
    outlet_names = {normalize(o).lower() for o in outlets if o}
    if low in outlet_names or "outlet" in words or any(o and (o in low or low in o) for o in outlet_names):
        return "outlet"
    raw = [t for t in _NAME_TOKEN.findall(normalize(claimer)) if t.lower() not in DETERMINERS]
    if all(t.lower() in GENERIC_HEADS or t[:1].islower() for t in raw):
        return "generic"  # "officials", "a spokesman", "critics of the plan": no name at all
    return "wrong person"


GENERIC_HEADS = frozenset("""officials official critics analysts experts spokesman spokeswoman spokesperson
sources source aides aide observers residents witnesses authorities police lawmakers legislators leaders
supporters opponents advocates activists people protesters members staff staffers employees workers
researchers scientists doctors diplomats insiders reports report statement""".split())


def is_pronoun_claimer(claimer: str) -> bool:
    """'he', 'We', 'his lawyer': a claimer that is (or hangs on) an unresolved pronoun."""
    words = name_tokens(claimer)
    return bool(words) and len(words) <= 2 and words[0] in PRONOUNS


# ------------------------------------------------------------------------------------------ helpers


def _evidence_spans(brief: Brief, article_id: str, text: str) -> list[tuple[Claim, int, int]]:
    out = []
    for c in brief.claims:
        for e in c.evidence:
            if e.article_id != article_id:
                continue
            if e.start is not None and e.end is not None and text[e.start:e.end] == e.quote:
                out.append((c, e.start, e.end))
                continue
            span = find_quote(text, e.quote)
            if span:
                out.append((c, *span))
    return out


def _ids_to_dataset(dev: DevSet, ids: Iterable[str]) -> set[str]:
    return {dev.dataset_ids[i] for i in ids if i in dev.dataset_ids}


# ------------------------------------------------------------------------------------------ BASIL

COVER_SHARE = 0.5  # evidence must hold at least half of a quote span's characters to cover it


@dataclass
class QuoteSpan:
    article: str  # brief article id
    dataset_article: str
    speaker: str
    txt: str
    start: int
    end: int


def basil_quote_spans(dev: DevSet) -> tuple[list[QuoteSpan], list[str]]:
    """Named-speaker quote spans located in the cleaned article text; the second list says what was skipped."""
    spans, skipped = [], []
    raw = {str(a["id"]): a for a in dev.raw_articles}
    for ds_id, ann in (dev.labels.get("per_article") or {}).items():
        aid = dev.article_ids.get(ds_id)
        for s in ann.get("phrase-level-annotations", []):
            if s.get("quote") != "yes" or not is_named_speaker(s.get("speaker")):
                continue
            if aid is None:
                skipped.append(f"{ds_id}: article collapsed as a duplicate")
                continue
            if s.get("id") == "title":
                skipped.append(f"{ds_id}: {s['txt'][:40]!r} is in the headline (no evidence can point there)")
                continue
            text = dev.article_map[aid].text
            sentences = raw[ds_id].get("sentences") or []
            n = int(str(s["id"]).lstrip("p"))
            loc = None
            if n < len(sentences):
                sent = find_quote(text, sentences[n])
                if sent:
                    inner = find_quote(text[sent[0]:sent[1]], s["txt"])
                    loc = (sent[0] + inner[0], sent[0] + inner[1]) if inner else None
            loc = loc or find_quote(text, s["txt"])
            if loc is None:
                skipped.append(f"{ds_id}: {s['txt'][:40]!r} not found in the cleaned text")
                continue
            spans.append(QuoteSpan(aid, ds_id, s["speaker"], s["txt"], *loc))
    return spans, skipped


def speaker_quote_spans(dev: DevSet) -> tuple[list[QuoteSpan], list[str]]:
    """The invented speaker sets' statements with a named speaker, located in the cleaned article text (the
    writers' unnamed sources are not scored, as BASIL's ``other_*`` are not)."""
    spans, skipped = [], []
    for q in dev.labels.get("quotes", []):
        if not q.get("named"):
            continue
        aid = dev.article_ids.get(str(q["article"]))
        if aid is None:
            skipped.append(f"{q['article']}: article collapsed as a duplicate")
            continue
        loc = find_quote(dev.article_map[aid].text, q["span"])
        if loc is None:
            skipped.append(f"{q['article']}: {q['span'][:40]!r} not found in the cleaned text")
            continue
        spans.append(QuoteSpan(aid, str(q["article"]), q["speaker"], q["span"], *loc))
    return spans, skipped


def labelled_quote_spans(dev: DevSet) -> tuple[list[QuoteSpan], list[str]]:
    return basil_quote_spans(dev) if dev.kind == "basil" else speaker_quote_spans(dev)


def score_attribution(brief: Brief, dev: DevSet) -> list[Ratio]:
    """coverage = named-speaker quote spans with a claim of the same article whose evidence holds ≥ half of
    the span ÷ spans; claimer accuracy = covered spans whose claimer (of the claim with the largest overlap,
    the tightest of equal ones) names the speaker ÷ covered; errors classed as empty, pronoun, outlet, generic or wrong person."""
    spans, skipped = labelled_quote_spans(dev)
    texts = {a.id: a.text for a in dev.articles}
    ev = {aid: _evidence_spans(brief, aid, t) for aid, t in texts.items()}
    covered = right = 0
    errors: dict[str, int] = {}
    misses: list[dict[str, Any]] = []
    for q in spans:
        # the claim whose evidence holds most of the span; of equal ones the tightest, so that words quoted
        # inside someone else's report ('she said X had told them it was "neither legal nor practical"') go
        # to a claim of those words when there is one, not to the report around them
        best, best_overlap, best_len = None, 0, 0
        for c, s, e in ev[q.article]:
            overlap = min(e, q.end) - max(s, q.start)
            if overlap > best_overlap or (overlap == best_overlap > 0 and e - s < best_len):
                best, best_overlap, best_len = c, overlap, e - s
        if best is None or best_overlap < COVER_SHARE * (q.end - q.start):
            errors["uncovered"] = errors.get("uncovered", 0) + 1
            misses.append({"class": "uncovered", "article": q.article, "speaker": q.speaker, "quote": q.txt})
            continue
        covered += 1
        if claimer_names_speaker(best.claimer, q.speaker, dev.group_aliases):
            right += 1
            continue
        cls = error_class(best.claimer, dev.outlets.values())
        errors[cls] = errors.get(cls, 0) + 1
        misses.append({"class": cls, "article": q.article, "speaker": q.speaker, "claimer": best.claimer,
                       "claim": best.id, "quote": q.txt})
    n = len(spans)
    details = {"errors": errors, "misses": misses, "skipped": skipped}
    return [
        Ratio("attr_coverage", covered, n, f"{covered}/{n} named-speaker quotes covered", details),
        Ratio("claimer_accuracy", right, covered, f"claimer right for {right}/{covered} covered quotes"),
        Ratio("attr_right", right, n, f"claimer right for {right}/{n} named-speaker quotes"),
    ]


_LEX_MIN_CHARS = 4


def score_lex_neutrality(brief: Brief, dev: DevSet) -> Ratio:
    """1 − summary sentences that use a BASIL ``lex`` (loaded wording) span outside quotation marks with no
    attribution ÷ summary sentences."""
    spans = {
        normalize(s["txt"]).lower()
        for ann in (dev.labels.get("per_article") or {}).values()
        for s in ann.get("phrase-level-annotations", [])
        if s.get("bias") == "lex" and len(s.get("txt", "").strip()) >= _LEX_MIN_CHARS
    }
    bad = []
    for i, s in enumerate(brief.summary, 1):
        text = normalize(s.text)
        if is_attributed(text):
            continue
        unquoted = _QUOTED.sub(" ", text).lower()
        hit = [x for x in spans if re.search(r"(?<!\w)" + re.escape(x) + r"(?!\w)", unquoted)]
        if hit:
            bad.append(f"S{i}: {hit[0]!r} in {s.text[:80]!r}")
    n = len(brief.summary)
    return Ratio("lex_neutrality", n - len(bad), n, f"{n - len(bad)}/{n} summary sentences free of loaded spans",
                 {"violations": bad})


# ------------------------------------------------------------------------------------------ FNC-1


def fnc_stances(dev: DevSet) -> dict[str, dict[str, set[str]]]:
    """headline → stance → dataset body ids present in the brief."""
    present = set(dev.article_ids)
    out: dict[str, dict[str, set[str]]] = {}
    for row in dev.labels.get("stances", []):
        body = str(row.get("Body ID"))
        if body not in present:
            continue
        out.setdefault(row["Headline"], {"agree": set(), "disagree": set(), "discuss": set()})
        stance = str(row.get("Stance", "")).lower()
        if stance in ("agree", "disagree", "discuss"):
            out[row["Headline"]][stance].add(body)
    return out


def gold_pairs(stances: dict[str, dict[str, set[str]]]) -> set[frozenset[str]]:
    return {frozenset((a, d)) for st in stances.values() for a in st["agree"] for d in st["disagree"] if a != d}


def _judge(sides: list[set[str]], stances: dict[str, dict[str, set[str]]]) -> tuple[str, set[frozenset[str]], str]:
    """'correct' (one side only agree-bodies and another only disagree-bodies for one headline, no shared
    source), 'wrong' (shares a source, or for every headline it touches a side mixes agree and disagree bodies
    or no side holds the other stance) or 'unjudged' (touches only discuss bodies); plus the pairs it finds."""
    if any(a & b for a, b in combinations(sides, 2)):
        return "wrong", set(), "the same article on two sides"
    found: set[frozenset[str]] = set()
    touched = False
    verdict_why = ""
    for headline, st in stances.items():
        agree, disagree = st["agree"], st["disagree"]
        if not any(s & (agree | disagree) for s in sides):
            continue
        touched = True
        pure_a = [s for s in sides if s and s <= agree]
        pure_d = [s for s in sides if s and s <= disagree]
        for sa in pure_a:
            for sd in pure_d:
                if sa is not sd:
                    found |= {frozenset((a, d)) for a in sa for d in sd}
        if not verdict_why:
            verdict_why = f"headline {headline[:60]!r}"
    if found:
        return "correct", found, verdict_why
    if touched:
        return "wrong", set(), "sides mix stances or hold the same stance"
    return "unjudged", set(), "touches no agree/disagree body"


def score_fnc_disagreements(brief: Brief, dev: DevSet) -> list[Ratio]:
    """found = 1 if some disagreement is correct; pair recall = gold (agree, disagree) body pairs set against
    each other by a correct disagreement ÷ gold pairs; precision = correct ÷ reported; wrong rate = wrong ÷
    reported."""
    stances = fnc_stances(dev)
    pairs = gold_pairs(stances)
    found: set[frozenset[str]] = set()
    verdicts = []
    correct = wrong = 0
    for d in brief.disagreements:
        sides = [_ids_to_dataset(dev, p.sources) for p in d.positions]
        verdict, got, why = _judge(sides, stances)
        found |= got & pairs
        correct += verdict == "correct"
        wrong += verdict == "wrong"
        verdicts.append({"id": d.id, "topic": d.topic[:120], "verdict": verdict, "why": why,
                         "sides": [sorted(s) for s in sides]})
    n = len(brief.disagreements)
    details = {"verdicts": verdicts, "gold_pairs": len(pairs)}
    return [
        Ratio("dis_sets_found", 1.0 if correct else 0.0, 1, f"{correct} correct disagreement(s)", details),
        Ratio("dis_pair_recall", len(found), len(pairs), f"{len(found)}/{len(pairs)} gold pairs"),
        Ratio("dis_precision", correct, n, f"{correct}/{n} reported disagreements correct"),
        Ratio("dis_wrong_rate", wrong, n, f"{wrong}/{n} reported disagreements mix stances or share a source"),
    ]


# ------------------------------------------------------------------------------------------ summaries

_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][A-Za-z.'’-]*){0,3})\s*(?:\([^)]{1,40}\))?\s*[—–-]{1,2}\s")
_DATELINE_ORG = re.compile(r"^\s*\((?:AP|Reuters|AFP|CNN|UPI)\)\s*[—–-]")
NEAR_DUPLICATE_DICE = 0.7


def is_dateline(text: str) -> bool:
    """'WASHINGTON —', 'NEW YORK (Reuters) -', '(AP) —' at the start of a sentence."""
    return bool(_DATELINE.match(text) or _DATELINE_ORG.match(text))


def is_cut_off(text: str) -> bool:
    """Ends in an ellipsis or without terminal punctuation, or starts mid-sentence (lower case)."""
    t = normalize(text)
    return is_unfinished(t) or t[0].islower()


def score_summary_form(brief: Brief, dev: DevSet) -> list[Ratio]:
    """Verbatim share, single-source share, datelines, cut-offs, near-duplicates, outlet spread."""
    texts = [a.text for a in dev.articles]
    sents = brief.summary
    verbatim = [s.text for s in sents if any(find_quote(t, s.text.strip()) for t in texts)]
    single = [s.text for s in sents if len(set(s.sources)) == 1]
    datelines = [s.text for s in sents if is_dateline(normalize(s.text))]
    cutoffs = [s.text for s in sents if is_cut_off(s.text)]
    toks = [tokens(s.text) for s in sents]
    dup_idx = {j for i, j in combinations(range(len(sents)), 2) if dice(toks[i], toks[j]) >= NEAR_DUPLICATE_DICE}
    outlet_of = {a.id: (a.outlet or a.id) for a in dev.articles}
    distinct_outlets = set(outlet_of.values())
    cited = {outlet_of[i] for s in sents for i in s.sources if i in outlet_of}
    n = len(sents)
    out = [
        Ratio("verbatim_share", len(verbatim), n, f"{len(verbatim)}/{n} sentences verbatim", {"sentences": verbatim}),
        Ratio("single_source_share", len(single), n, f"{len(single)}/{n} sentences cite one article"),
        Ratio("datelines", len(datelines), None, f"{len(datelines)} dateline(s)", {"sentences": datelines}),
        Ratio("cutoffs", len(cutoffs), None, f"{len(cutoffs)} cut-off sentence(s)", {"sentences": cutoffs}),
        Ratio("near_duplicates", len(dup_idx), None, f"{len(dup_idx)} near-duplicate sentence(s)",
              {"sentences": [sents[j].text for j in sorted(dup_idx)]}),
        Ratio("summary_sentences", n, 1, f"{n} summary sentences"),
    ]
    if dev.kind in ("basil", "allsides") and len(distinct_outlets) >= 3:
        out.append(Ratio("multi_outlet", 1.0 if len(cited) >= 2 else 0.0, 1,
                         f"summary cites {len(cited)} of {len(distinct_outlets)} outlets", {"cited": sorted(cited)}))
    return out


def score_facts(brief: Brief, dev: DevSet) -> list[Ratio]:
    """Roundup facts covered: every keyword group of a fact (case-insensitive substring, '|' alternatives) in
    one summary sentence or two adjacent ones. ``fact_coverage`` counts the facts the excerpts contain."""
    sents = [normalize(s.text).lower() for s in brief.summary]
    windows = sents + [a + " " + b for a, b in pairwise(sents)]

    def covered(fact: dict[str, Any]) -> bool:
        return any(all(any(alt.strip().lower() in w for alt in g.split("|") if alt.strip()) for g in fact["keywords"])
                   for w in windows)

    facts = dev.facts
    hit = [f for f in facts if covered(f)]
    in_ex = [f for f in facts if f.get("in_excerpts")]
    hit_ex = [f for f in in_ex if covered(f)]
    missed = [f"{f['id']}: {f['text']}" for f in in_ex if f not in hit_ex]
    return [
        Ratio("fact_coverage", len(hit_ex), len(in_ex), f"{len(hit_ex)}/{len(in_ex)} facts the excerpts hold",
              {"missed": missed}),
        Ratio("fact_coverage_all", len(hit), len(facts), f"{len(hit)}/{len(facts)} roundup facts"),
    ]


# ------------------------------------------------------------------------------------------ all


def score_grounding(brief: Brief, dev: DevSet) -> Ratio:
    texts = {a.id: a.text for a in dev.articles}
    bad = [c.id for c in brief.claims
           if any(e.article_id not in texts or find_quote(texts[e.article_id], e.quote) is None for e in c.evidence)]
    n = len(brief.claims)
    return Ratio("grounding", n - len(bad), n, f"{n - len(bad)}/{n} claims grounded", {"ungrounded": bad})


def score_pronouns(brief: Brief) -> Ratio:
    bad = [f"{c.id}: {c.claimer}" for c in brief.claims if is_pronoun_claimer(c.claimer)]
    return Ratio("pronoun_claimers", len(bad), None, f"{len(bad)} claim(s) with a pronoun claimer", {"claims": bad})


def score_dev_brief(brief: Brief, dev: DevSet) -> dict[str, Ratio]:
    """Every metric that applies to ``dev``'s kind."""
    scores = [score_grounding(brief, dev), score_pronouns(brief), *score_summary_form(brief, dev),
              Ratio("claims", len(brief.claims), 1), Ratio("disagreements", len(brief.disagreements), 1),
              Ratio("failed", 0, None)]
    if dev.kind == "basil":
        scores += [*score_attribution(brief, dev), score_lex_neutrality(brief, dev)]
    elif dev.kind == "speakers":
        scores += score_attribution(brief, dev)
    elif dev.kind in STANCE_KINDS:
        scores += score_fnc_disagreements(brief, dev)
    elif dev.kind == "allsides":
        scores += score_facts(brief, dev)
    usage = brief.meta.usage
    scores += [Ratio("prompt_tokens", usage.prompt_tokens, 1), Ratio("completion_tokens", usage.completion_tokens, 1),
               Ratio("calls", brief.meta.calls, 1)]
    return {s.metric: s for s in scores}


def dev_failure_scores(dev: DevSet, error: str) -> dict[str, Ratio]:
    """A brief that failed is scored as an empty brief (0 on every recall-like ratio) and counted once."""
    empty = Brief(articles=list(dev.articles), summary=[], claims=[], disagreements=[], meta=Meta(prompt_version="failed", prompt_hash="failed", model="none", backend="none"))
    scores = score_dev_brief(empty, dev)
    for s in scores.values():
        s.explanation = f"failed: {error}"
    scores["failed"] = Ratio("failed", 1, None, f"failed: {error}")
    return scores



# ------------------------------------------------------------------------------------------ gold-like brief


def gold_dev_brief(dev: DevSet) -> Brief:
    """The brief the labels describe, for discrimination tests: one claim per named-speaker quote (BASIL), one
    agree-vs-disagree disagreement per headline (FNC-1), the roundup facts as the summary (AllSides)."""
    from ..schemas import Disagreement, Evidence, Position, SummarySentence

    claims: list[Claim] = []
    disagreements: list[Disagreement] = []
    summary: list[SummarySentence] = []
    texts = {a.id: a.text for a in dev.articles}
    if dev.kind in SPEAKER_KINDS:
        for q in labelled_quote_spans(dev)[0]:
            claims.append(Claim(
                id=f"C{len(claims) + 1}", text=q.txt, claimer=q.speaker.replace("_", " "), kind="opinion",
                sources=[q.article],
                evidence=[Evidence(article_id=q.article, quote=texts[q.article][q.start:q.end], start=q.start,
                                   end=q.end)]))
    elif dev.kind in STANCE_KINDS:
        for headline, st in fnc_stances(dev).items():
            if not st["agree"] or not st["disagree"]:
                continue
            sides = [sorted(dev.article_ids[b] for b in st[s]) for s in ("agree", "disagree")]
            disagreements.append(Disagreement(
                id=f"D{len(disagreements) + 1}", topic=headline, kind="factual",
                positions=[Position(statement=f"{word}: {headline}", holders=[f"articles {', '.join(ids)}"],
                                    sources=ids) for word, ids in zip(("Asserts", "Disputes"), sides, strict=True)]))
    for f in dev.facts:
        sources = [dev.article_ids[s] for s in f.get("sources", []) if s in dev.article_ids]
        summary.append(SummarySentence(text=f["text"].rstrip(".") + ".", sources=sources or [dev.articles[0].id]))
    meta = Meta(prompt_version="gold", prompt_hash="gold", model="labels", backend="gold")
    return Brief(articles=list(dev.articles), summary=summary, claims=claims, disagreements=disagreements, meta=meta)
