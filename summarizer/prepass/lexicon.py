"""Language data for the rules: reporting verbs by kind, hedges, titles, generic speakers, quantity words,
conflict cues. The words live in ``data/*.json`` (each file says what its lists are for) so a reviewer reads
word lists, not code, and a new language or house style is a data change; nothing there names a particular
event, place, person or organisation (a test checks this against the example set and the fixtures).
"""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any


def _load(name: str) -> dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8"))


def _words_regex(alternatives: list[str]) -> re.Pattern[str]:
    """Whole-word, case-insensitive alternation of the regex fragments a data file lists."""
    return re.compile(r"\b(" + "|".join(alternatives) + r")\b", re.IGNORECASE)


_reporting = _load("reporting.json")
_speakers = _load("speakers.json")
_quantities = _load("quantities.json")
_cues = _load("conflict_cues.json")

# The labels of an interview's question and answer paragraphs ('Q: …' / 'A: …').
INTERVIEW_QUESTION_LABELS: tuple[str, ...] = tuple(_reporting["interview_labels"]["question"])
INTERVIEW_ANSWER_LABELS: tuple[str, ...] = tuple(_reporting["interview_labels"]["answer"])

# Reporting verbs (spaCy lemmas) by the kind of claim they introduce.
FACT_VERBS = frozenset(_reporting["verbs"]["fact"])
FACTIVE_VERBS = frozenset(_reporting["factive"])  # they present what they report as true
DENIAL_VERBS = frozenset(_reporting["verbs"]["denial"])
ALLEGATION_VERBS = frozenset(_reporting["verbs"]["allegation"])
PREDICTION_VERBS = frozenset(_reporting["verbs"]["prediction"])
JUDGEMENT_AS_VERBS = frozenset(_reporting["judgement_as_verbs"])  # speech only with what it judges as
OPINION_VERBS = frozenset(_reporting["verbs"]["opinion"]) | JUDGEMENT_AS_VERBS
ESTIMATE_VERBS = frozenset(_reporting["verbs"]["estimate"])
REPORTING_VERBS = FACT_VERBS | DENIAL_VERBS | ALLEGATION_VERBS | PREDICTION_VERBS | OPINION_VERBS | ESTIMATE_VERBS
# Verbs that report speech only with a clause or quotation after them ('noted that …', not 'noted the date').
COMPLEMENT_VERBS = frozenset(_reporting["complement_verbs"])
ASPECTUAL_VERBS = frozenset(_reporting["aspectual_verbs"])  # 'continued to push' is no speech
CLAIM_SPEECH_OBJECTS = frozenset(_reporting["claim_speech_objects"])
ANAPHORIC_OBJECTS = frozenset(_reporting["anaphoric_objects"])
FALSITY_VERBS = frozenset(_reporting["falsity_judgements"]["verbs"])
FALSITY_WORDS = frozenset(_reporting["falsity_judgements"]["words"])
ACCUSATION_OBJECTS = frozenset(_reporting["accusation_objects"])
# A sentence ending its paragraph with one of these as its main verb announces the quotation of the next one.
ADDRESSEE_VERBS = frozenset(_reporting["addressee_verbs"])
FINITE_AUXILIARIES = frozenset(_reporting["finite_auxiliaries"])  # 'X said is a done deal': a fragment
IRREGULAR_PAST: dict[str, str] = dict(_reporting["irregular_past"])  # 'find' → 'found'
STANCE_ADJECTIVES = frozenset(_reporting["stance_adjectives"])  # 'is convinced that …': an opinion
_colon = _reporting["colon_announcing"]  # 'Doe put it bluntly: “…”', 'Doe's verdict: “…”': the quotation is Doe's
COLON_VERBS_WITH_IT = frozenset(_colon["verbs_with_it"])
COLON_MANNER_ADJECTIVES = frozenset(_colon["manner_adjectives"])
COLON_GIVING_VERBS = frozenset(_colon["giving_verbs"])
SPEECH_NOUNS = frozenset(_colon["speech_nouns"])
COLON_INTRANSITIVE = frozenset(_colon["intransitive"])  # 'Doe agreed: “…”'
NEGATED_EMPHATIC: dict[str, frozenset[str]] = {v: frozenset(w) for v, w in _colon["negated_emphatic"].items()}
WORDS_OF = frozenset(_reporting["words_of"])  # 'in the words of Doe, …'
CLAIM_NOUNS: dict[str, tuple[str, str]] = {n: (v[0], v[1]) for n, v in _reporting["claim_nouns"].items()}
CLAIM_NOUN_VERBS = frozenset(_reporting["claim_noun_verbs"]["verbs"])  # 'issued a warning that …'
PHRASAL_REPORTING: dict[str, frozenset[str]] = {v: frozenset(w) for v, w in _reporting["phrasal_reporting"].items()}
ANNOUNCING_VERBS = frozenset(_reporting["announcing_verbs"]["alone"])
ANNOUNCING_WITH_OBJECT = frozenset(_reporting["announcing_verbs"]["with_object"])
FINDING_VERBS = frozenset(_reporting["finding_verbs"]["verbs"])  # 'the poll showed …': only with a finding subject
FINDING_SUBJECTS = frozenset(_reporting["finding_verbs"]["subjects"])
HEDGES = _words_regex(_reporting["hedges"])
#: hedges that hand a statement to someone or make it possible, not those that weigh evidence ('appears to')
NON_EVIDENTIAL_HEDGES = _words_regex([h for h in _reporting["hedges"] if h not in _reporting["evidential_hedges"]])
MODAL_FUTURE = _words_regex(_reporting["modal_future"])


def _found_not_month(rx: re.Pattern[str], text: str) -> bool:
    """``rx`` matches ``text``, where 'May' capitalised inside a sentence is the month, not the modal."""
    return any(m.group(0) != "May" or m.start() == 0 for m in rx.finditer(text.lstrip()))


def is_hedged(text: str, *, evidential: bool = True) -> bool:
    """A hedge word in ``text`` ('May' the month is none); with ``evidential=False`` the hedges that weigh
    evidence ('appears to be a hoax', 'probably fake') do not count."""
    return _found_not_month(HEDGES if evidential else NON_EVIDENTIAL_HEDGES, text)


def is_modal_future(text: str) -> bool:
    """A modal of the future in ``text`` ('will', 'could'; 'May' the month is none)."""
    return _found_not_month(MODAL_FUTURE, text)


# Speakers.
GENERIC_SPEAKERS: dict[str, str] = _speakers["generic_speakers"]
PERSON_TITLES = frozenset(_speakers["person_titles"])
QUANTIFIER_PRONOUNS = frozenset(_speakers["quantifier_pronouns"])  # 'Both said …': names no one
RANK_MODIFIERS = frozenset(_speakers["rank_modifiers"])  # 'Vice President' is not 'the president'
TITLE_ABBREVIATIONS: dict[str, str] = _speakers["title_abbreviations"]
ALL_TITLES = PERSON_TITLES | frozenset(TITLE_ABBREVIATIONS.values())  # titles, abbreviations spelled out
#: Words a speaker label does not start with: 'the officials', 'some analysts' → 'officials', 'analysts'.
LEADING_DETERMINERS: tuple[str, ...] = tuple(_speakers["leading_determiners"])
SELF_PRONOUNS = frozenset(_speakers["self_pronouns"]["words"])
PRONOUNS_PERSON = frozenset(_speakers["pronouns_person"])
PRONOUNS_GROUP = frozenset(_speakers["pronouns_group"])
GENDERED: dict[str, str] = {w: g for w, g in _speakers["gendered_words"].items() if not w.startswith("_")}
GENDERED_NOUNS: dict[str, str] = {w: g for w, g in _speakers["gendered_nouns"].items() if not w.startswith("_")}
RELATIVE = frozenset(_speakers["relative"])
AGENTIVE_LEMMAS = frozenset(_speakers["agentive_lemmas"])
AGENTIVE_SUFFIXES = tuple(_speakers["agentive_suffixes"]["endings"])  # 'epidemiologist', 'paediatrician'
GENERIC_ORG = frozenset(_speakers["generic_org"])
BUSINESS_NOUNS = frozenset(_speakers["business_nouns"])  # 'the company': the business the article named
ORG_DESCRIPTIONS = frozenset(_speakers["org_descriptions"]["words"])  # 'the watchdog': the body that just spoke
#: 'the force' names an organisation called '… Police' (``organisation_synonyms``)
ORG_SYNONYMS: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in _speakers["organisation_synonyms"].items()
                                           if not k.startswith("_")}
PERSON_NOUNS = frozenset(_speakers["person_nouns"]["words"])  # 'the striker': one person, never a body
ROLE_ENDINGS: tuple[str, ...] = tuple(_speakers["role_endings"]["endings"])  # 'forecaster', 'analyst'
PARTY_NOUNS = frozenset(_speakers["party_nouns"]["words"])  # 'the Tennessee Republican': a politician named before
PLACE_NOUNS = frozenset(_speakers["place_nouns"]["words"])  # 'the city of X': X is a place, no organisation
ASIDE_PARTICIPLES = frozenset(_speakers["aside_participles"]["words"])  # 'X, asked about it, said …': X speaks
DOCUMENT_NOUNS = frozenset(_speakers["document_nouns"])
HONORIFICS = frozenset(_speakers["honorifics"]["words"])
AUTHORED_WORKS = DOCUMENT_NOUNS | frozenset(_speakers["authored_works"]["words"])
CHANNEL_NOUNS = frozenset(_speakers["channel_nouns"]["words"])
ORG_WORDS = frozenset(_speakers["org_words"])
SPOKES = frozenset(_speakers["spokes"])
#: roles a "to" phrase qualifies ("the adviser to the president"); after any other speaker it names the addressee
ROLES_WITH_TO = frozenset(_speakers["roles_with_to"])
HOLDER_NOISE = frozenset(_speakers["holder_noise"])
PARTY_NOISE = HOLDER_NOISE | PERSON_TITLES | frozenset(_speakers["party_noise"])

# Quantities.
CATEGORY: dict[str, str] = _quantities["category"]
COUNTABLE = frozenset(_quantities["countable"])
TALLY_VERBS = frozenset(_quantities["tally_verbs"])
TURNOUT_VERBS = frozenset(_quantities["turnout_verbs"])
EVENT: dict[str, str] = _quantities["event"]
EVENT_BY_CATEGORY: dict[str, dict[str, str]] = _quantities["event_by_category"]  # 'jobs were lost' → cut
NONE_WORDS = frozenset(_quantities["none_words"])  # 'no jobs would be lost': a figure of 0
PART_WORDS = frozenset(_quantities["part_words"])  # 'the other two': part of a count
WORD_NUMBERS: dict[str, float] = _quantities["word_numbers"]
VAGUE: dict[str, tuple[float, float]] = {k: (float(v[0]), float(v[1])) for k, v in _quantities["vague"].items()}
QUANT_LOWER = frozenset(_quantities["quant_lower"])
QUANT_UPPER = tuple(_quantities["quant_upper"])  # phrases, compared with the words just before a figure
RATE_VAGUE_SUBJECTS = frozenset(_quantities["rate"]["vague_subjects"])
RATE_FORECAST_AUX = frozenset(_quantities["rate"]["forecast_aux"])
RATE_LEVEL_PREPS = frozenset(_quantities["rate"]["level_preps"])
MONEY_VERBS = frozenset(_quantities["money"]["verbs"])
MONEY_WORTH = frozenset(_quantities["money"]["worth"])
MONEY_OF_SUBJECTS = frozenset(_quantities["money"]["of_subjects"])
MONEY_VAGUE_SUBJECTS = frozenset(_quantities["money"]["vague_subjects"])
CURRENCIES: dict[str, str] = _quantities["money"]["currencies"]
DEATH_WORDS = frozenset(_quantities["death_words"])
STRIKE_VERBS = frozenset(_quantities["strike_verbs"])
TALLY_NOUNS = frozenset(_quantities["tally_nouns"])
CROWD_NOUNS = frozenset(_quantities["crowd_nouns"])  # a gathering counted by the figure put at it

# Conflict cues.
ANSWERS_ACCUSATION = _words_regex(_cues["answers_accusation"])
REBUTTAL = _words_regex(_cues["rebuttal"])
FORCE = _words_regex(_cues["force"])
BLAME_CUE = _words_regex(_cues["blame_cue"])
STORY_DENIAL = _words_regex(_cues["story_denial"])
STORY_DENIAL_OBJECT = _words_regex(_cues["story_denial_objects"])  # cues whose object is what they deny
STORY_FALSITY = _words_regex(_cues["story_falsity"])  # an article calling the story false in its own voice
STORY_VERDICT = re.compile(r"\s*(?:" + "|".join(_cues["story_verdict"]) + ")", re.IGNORECASE)  # at a sentence's start
STORY_UNSUPPORTED = _words_regex(_cues["story_unsupported"])  # 'there is no evidence that …' (what follows)
STORY_RETRACTED = _words_regex(_cues["story_retracted"])  # 'the magazine has withdrawn the claim'
#: a copula (or 'turned out') up to three words before a falsity word: 'is fake', 'was all a hoax'
PREDICATING = re.compile(r"\b(?:" + "|".join(_cues["predicating"]) + r")\b(?:\s+\S+){0,3}\s*$", re.IGNORECASE)
#: 'whether' / 'if' earlier in the clause: 'asked whether the video was fake' asks, it does not deny
QUESTIONING = re.compile(r"\b(?:" + "|".join(_cues["questioning"]) + r")\b[^,;:—–]*$", re.IGNORECASE)
STORY_NOUNS = _words_regex(_cues["story_nouns"])  # what carries a story: 'the video', 'the report', 'it'
# What makes a denial word in a lead deny nothing (data: lead_guards), and what makes an opposed predicate
# said of something.
_guards = _cues["lead_guards"]


def _alt(key: str) -> str:
    return "(?:" + "|".join(_guards[key]) + ")"


#: a verb cue that a passive turns into something done to someone ('was dismissed', 'been rejected')
DENIAL_VERB = re.compile(r"(?:" + "|".join(_guards["denial_verb_stems"]) + r")\w*", re.IGNORECASE)
#: a denial verb that also removes someone from a post ('dismissed head coach X'): it denies only a story it names
_REMOVAL_VERB = re.compile(r"(?:" + "|".join(_guards["removal_verb_stems"]) + r")\w*", re.IGNORECASE)
_STORY_OBJECT = r"(?:" + "|".join(_cues["story_nouns"] + _guards["story_objects_extra"]) + r")"
#: what a removal verb denies after it: 'dismissed (the weekend's) reports', 'dismissed talk of', '… as nonsense'
_STORY_OBJECT_AFTER = re.compile(r"\s+(?:(?:[\w'’-]+\s+){0,3}?" + _STORY_OBJECT + r"\b|(?:\S+\s+){0,8}?as\b)",
                                 re.IGNORECASE)
#: … or before it, in a passive: 'the claims were swiftly dismissed'
_STORY_OBJECT_BEFORE = re.compile(r"\b" + _STORY_OBJECT + r"\b(?:\s+\S+){0,8}\s*$", re.IGNORECASE)


def removes_someone(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is a verb that also removes someone from a post and names no story it dismisses
    ('have dismissed head coach X', 'was dismissed by his club'; not 'dismissed the reports', 'dismissed talk
    of …', 'dismissed them as nonsense', 'the claims were dismissed'): a firing, neither a denial cue nor a
    reported denial. One check for both readers of denials (the lead rule and attribution)."""
    return bool(_REMOVAL_VERB.fullmatch(text[start:end])) and not (
        _STORY_OBJECT_AFTER.match(text, end) or _STORY_OBJECT_BEFORE.search(text[:start]))


PASSIVE_BEFORE = re.compile(r"\b" + _alt("passive_auxiliaries") + r"\s+(?:\w+ly\s+)?$", re.IGNORECASE)
#: a denial made before the news and overtaken by it: '… speculation her representative had initially dismissed'
EARLIER_BEFORE = re.compile(r"\b" + _alt("earlier_markers") + r"\s+(?:\w+ly\s+)?$", re.IGNORECASE)
#: '…, reversing its earlier statement that the images were fake': a cue inside a statement taken back
REVERSED_BEFORE = re.compile(r"\b" + _guards["reversed_statement"], re.IGNORECASE)
#: '… X says the troops crossed the border; Y denies it': the sentence reports a claim and its answer
CLAIM_REPORTED = re.compile(r"\b" + _alt("claim_verbs") + r"\b", re.IGNORECASE)
#: '… X said it "categorically" denied the reports': the claim verb only reports the denier's own denial
SELF_REPORTED = re.compile(r"\b" + _alt("claim_verbs") + r"\s+(?:that\s+)?(?:it|he|she|they|we)\s+"
                           r"(?:[\"“']?\w+ly[\"”']?\s+)?$", re.IGNORECASE)
ANAPHORIC_ANSWER = re.compile(r"\s+(?:it|this|that|them|th(?:e|is|ese|at|ose) " + _alt("answered_nouns") + r")\b",
                              re.IGNORECASE)
#: the answer a sentence reports after the claim it answers: '… found arsenic, a claim the maker rejected',
#: '…, which the company denies' — the sentence reports both sides and takes neither
ANSWER_APPOSITIVE = re.compile(r"[,;—–]\s*(?:(?:a|an|the)\s+" + _alt("appositive_nouns")
                               + r"\s+(?:that\s+|which\s+)?|which\s+)(?:[^\s,;]+\s+){1,5}?$", re.IGNORECASE)
#: an auxiliary a few words before a word makes it what the sentence says ('is still alive', 'has died', 'are
#: safe to eat'), not a word of a noun phrase ('dangerous levels', 'a level considered safe')
SAID_OF = re.compile(r"\b" + _alt("predicate_auxiliaries") + r"\s+(?:[a-z]+\s+){0,2}$", re.IGNORECASE)

#: predicates that only point at something named elsewhere ('is not that of', 'is not it')
POINTING_PREDICATES = frozenset(_guards["pointing_predicates"])
#: a retraction only asked for, refused or to come: 'called on the paper to retract its story'
UNDONE_BEFORE = re.compile(r"\b" + _alt("undone_markers") + r"\s+(?:\w+\s+)?$", re.IGNORECASE)
#: a falsity cue that names its own subject: 'none of it was true'
SUBJECT_IN_CUE = re.compile(_alt("self_subject") + r"\b", re.IGNORECASE)

#: a denial dated before the claim it would answer ('which has previously dismissed …'): it answers none
PRIOR = re.compile(r"\b(?:" + "|".join(_cues["prior_markers"]) + r")\b", re.IGNORECASE)

#: what 'according to' names when the outlet states something on an authority: 'police', 'a statement from …'
AUTHORITY = re.compile(r"(?:an? |the )?(?:[\w'’-]+ ){0,2}(?:" + "|".join(_cues["authorities"]) + r")\b", re.IGNORECASE)
REPORT_ATTRIBUTION = _words_regex([f"according to(?! {AUTHORITY.pattern})" if c == "according to" else c
                                   for c in _cues["report_attribution"]])
#: lemmas whose negation denies nothing ('did not comment', 'could not be reached'); see ``negation``
NEGATION_NOT_DENIAL = frozenset(_cues["negation_not_denial"])
NEGATIVE_IMPLICATIVES = frozenset(_cues["negative_implicatives"])  # 'refused to extend': it was not extended
DIRECTIVE_VERBS = frozenset(_cues["directive_verbs"])  # 'urged them not to ration': advice, not a denial
#: what something was presented as, before a copula saying what it is: 'hailed online as ruins', 'so-called'
PRESENTED_AS = _words_regex(_cues["presented_as"])
#: a hedge inside a denial's subject: 'the note supposedly left by a worker was a joke' (the story's description)
DESCRIBED_AS_REPORTED = _words_regex(_cues["described_as_reported"])
#: where what a rebuttal answers ends: ', but …', ' although …'
CONTRAST = re.compile(r",?\s+\b(?:" + "|".join(_cues["contrast_markers"]) + r")\b", re.IGNORECASE)


def _poles(pairs: list[list[str]]) -> dict[str, tuple[str, bool]]:
    """Each predicate of the opposed pairs → (the pole it is measured against, whether it is the opposite):
    'violent' → ('peaceful', True). Two words opposed to one word are the same pole: 'deliberate' and
    'intentional' are both the opposite of 'accidental', so they agree with each other."""
    poles: dict[str, tuple[str, bool]] = {}
    for a, b in pairs:
        if a in poles:
            pole, flipped = poles[a]
            poles.setdefault(b, (pole, not flipped))
        elif b in poles:
            pole, flipped = poles[b]
            poles[a] = (pole, not flipped)
        else:
            poles[a], poles[b] = (a, False), (a, True)
    return poles


#: predicate → (its pole, opposite or not) ('violent' → ('peaceful', True)); see ``negated_propositions``
OPPOSED_PREDICATES: dict[str, tuple[str, bool]] = _poles(_cues["opposed_predicates"])
NEGATIVE_PREFIXES: tuple[str, ...] = tuple(_cues["negative_prefixes"])
#: 'death', 'dead' → 'die': forms whose spelling hides their kinship, for story-word keys
WORD_FAMILIES: dict[str, str] = dict(_cues["word_families"]["forms"])

STOP = frozenset(_load("stopwords.json")["stop"])
TFIDF_STOP = frozenset(_load("english_stop_words.json")["words"])  # the summary's tf-idf (summarizer.tfidf)

# Page furniture: captions, credits, bylines, datelines.
_furniture = _load("furniture.json")
CAPTION = re.compile(r"^\s*\(?(?:" + "|".join(re.escape(w) for w in _furniture["caption_markers"]) + r")\s*:",
                     re.IGNORECASE)
CREDIT = re.compile(r"\((?:" + "|".join(re.escape(w) for w in _furniture["credit_markers"]) + r")\s*:",
                    re.IGNORECASE)
BYLINE = re.compile(_furniture["byline"])
CREDIT_LINE = re.compile(_furniture["credit_line"])  # '(Lens Agency)' alone on its line: a picture's credit
CAPTION_MAX_WORDS: int = _furniture["caption_max_words"]
DATELINE = re.compile(_furniture["dateline"])
_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
#: 'Posted on 12 November 2014 by admin.', 'UPDATED: 10:15 EST': an opener, then at once a date or a clock time
TIMESTAMP = re.compile(
    r"^\W*(?:" + "|".join(re.escape(w) for w in _furniture["timestamp_openers"]) + r")\b\s*:?\s*(?:(?:on|at)\s+)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:\d|(?:" + _MONTHS + r")[a-z]*\.?\s+\d)", re.IGNORECASE)
TIMESTAMP_MAX_WORDS: int = _furniture["timestamp_max_words"]
#: 'Watch the video below.', 'Share this: Facebook Twitter Email.' (one clause: 'Watch this space, the minister
#: said.' is someone's words)
CALL_TO_ACTION = re.compile(
    r"^\W*(?:" + "|".join(re.escape(w) for w in _furniture["action_openers"]) + r")\b(?!.*,)"
    r"(?=.*\b(?:" + "|".join(re.escape(w) for w in _furniture["action_objects"]) + r")\b)", re.IGNORECASE)
ACTION_MAX_WORDS: int = _furniture["action_max_words"]
#: '08:15 Teachers are telling …': a live page's entry time before its first words
CLOCK_TIME = re.compile(r"^\W*\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?\s*)?[-—–:|]*\s+", re.IGNORECASE)
#: '07:12 - Good morning.', 'Welcome to our live coverage.': a live page's greeting, after a clock time or alone
GREETING = re.compile(
    r"^\W*(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*[-—–:|]*\s*)?(?:"
    + "|".join(re.escape(w) for w in _furniture["greetings"]) + r")\b(?!.*\b(?:said|says|told)\b)", re.IGNORECASE)
GREETING_MAX_WORDS: int = _furniture["greeting_max_words"]

# Parameters of the rules (not language data).
ANTECEDENT_WINDOW = 6  # sentences: beyond this a pronoun is not resolved to the last speaker
MATERIAL_DIFFERENCE = 0.1  # figures within 10 % of each other are an update, not a dispute
NUM_RE = re.compile(r"^\d[\d,]*(?:\.\d+)?$")

# The offline summary: loaded wording, sentences that are not summary material, datelines, attribution prefixes.
_summary = _load("summary.json")
# Loaded in the outlet's voice: framing words, verbs that characterise how someone spoke, the writer's stance adverbs.
LOADED_TERMS: tuple[str, ...] = tuple(
    _summary["loaded_terms"] + _summary["characterising_verbs"] + _summary["stance_adverbs"]
)
LOADED = re.compile(r"\b(" + "|".join(LOADED_TERMS) + r")", re.IGNORECASE)  # stems: 'terror' → 'terrorist'
NORMATIVE = _words_regex(_summary["normative"])
CONTEXT_OPENERS = re.compile(r"^(" + "|".join(_summary["context_openers"]) + r")\b")
HEADING_LABEL = re.compile(_summary["heading_label"])
SUMMARY_HEDGES = _words_regex(_summary["hedges"])
FIRST_SECOND_PERSON = re.compile(r"\b(" + "|".join(_summary["first_second_person"]) + r")\b")
SUMMARY_DATELINE = re.compile(_summary["dateline"])
PRONOUN_SPEAKERS = frozenset(_summary["pronoun_speakers"])
THIRD_PERSON = re.compile(r"\b(" + "|".join(_summary["third_person"]) + r")\b", re.IGNORECASE)
LOWERCASE_OPENERS = frozenset(_summary["lowercase_openers"])
#: '…, a move that …' / '… -- a development which …' / '…, in a decision that …' / '…, sparking …' to the end
#: of the sentence.
COMMENTARY_TAIL = re.compile(
    r"(?:\s*,|\s*(?:--|[\u2014\u2015\u2013]))\s*(?:(?:in\s+)?(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:"
    + "|".join(re.escape(h) for h in _summary["commentary_heads"]) + r")\s+(?:that|which)|(?:"
    + "|".join(re.escape(p) for p in _summary["commentary_participles"]) + r"))\b.*$",
    re.IGNORECASE | re.DOTALL,
)
#: '…, a day after it emerged that …' / '…, hours before …' to the end of the sentence.
CONTEXT_TAIL = re.compile(
    r"\s*,(?P<close>[\"\u201d])?\s*(?:(?:just|only|barely)\s+)?(?:(?:a|an|one|two|three|four|five|six|several|few|\d+)\s+)?(?:"
    + "|".join(re.escape(u) for u in _summary["context_tail_units"]) + r")s?\s+(?:after|before)\b.*$",
    re.IGNORECASE | re.DOTALL,
)
