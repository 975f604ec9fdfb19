"""Candidate disagreements, found by rules that run in order over one shared context (``ConflictContext``).

Each rule is a small function ``rule(ctx) -> list[Conflict]``: it returns what it found and records the
statement pairs it set against each other (``ctx.link``) so a later rule does not report the same pair again.
The order is the order of evidence strength: an explicit denial of a claim, a negation answering a claim, an
accusation denied anywhere in the set, competing accounts of who used force, figures, articles whose leads
state the story against articles whose leads deny it, then any claim against another claimer's denial or
rebuttal of it in the same words, a denial that points back at nothing in its own article against a claim about
the denier in another, and last, where no lead states the story, a lead's named speaker's account of it against
the leads that deny it. A model (or a human) adjudicates what the rules mark uncertain (``confidence``).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import ArticleAnalysis, Conflict
from .accusations import accusations_denied, merge_accusations
from .blame import blame_disputes
from .context import ConflictContext, Rule
from .contradictions import contradicted_claims, denials_of_claims_elsewhere, negated_propositions
from .coverage import contested_story, told_story
from .denials import answered_denials, named_claims_denied
from .figures import figure_disputes, figure_pairs
from .rebuttals import holder_support, negations

__all__ = ["RULES", "ConflictContext", "Rule", "find_conflicts"]

RULES: tuple[Rule, ...] = (
    answered_denials,    # 'Y has denied the accusations' ↔ the accusation a few sentences before (high)
    negations,           # 'Y said it had no record of such reports' ↔ the claim it answers (low)
    holder_support,      # step: the same claimer's statements on the same point in other articles join a side
    accusations_denied,  # an allegation against Y ↔ Y's denial anywhere in the set (medium)
    blame_disputes,      # X: 'Y fired on peaceful marchers' ↔ Y: 'only after being attacked' (low)
    figure_disputes,     # claimers' figures for the same quantity that do not fit each other (medium)
    figure_pairs,        # figures for the same quantity of the same people (and the agreeing groups)
    contested_story,     # an article's lead states the story ↔ other articles lead with its denial (medium)
    named_claims_denied,  # 'Y rejected X's claim' ↔ X's claim anywhere in the set (medium)
    contradicted_claims, # a claim ↔ another claimer's denial or rebuttal of it in its words, any article (low)
    denials_of_claims_elsewhere,  # 'Y disputed that account' (nothing before it) ↔ a claim about Y elsewhere (low)
    negated_propositions,  # 'X is safe' ↔ another claimer's 'X is not safe', any article (low)
    told_story,          # no lead states the story: a lead's named speaker's account ↔ leads denying it (medium)
)

_CONFIDENCE_ORDER = {"high": 0, "medium": 1, "low": 2}


def find_conflicts(analyses: Sequence[ArticleAnalysis], *, rules: Sequence[Rule] = RULES,
                   ) -> tuple[list[Conflict], list[list[str]]]:
    """Run the rules in order; return the conflicts (strongest first, ids K1…) and the groups of statements
    whose figures agree."""
    ctx = ConflictContext.build(analyses)
    for rule in rules:
        ctx.conflicts.extend(rule(ctx))
    conflicts = merge_accusations(ctx.conflicts, ctx.by_id)
    conflicts.sort(key=lambda c: (_CONFIDENCE_ORDER[c.confidence], c.positions[0].statement_ids[0]))
    for k, c in enumerate(conflicts, 1):
        c.id = f"K{k}"
    return conflicts, ctx.numeric_groups
