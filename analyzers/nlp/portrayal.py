"""From scored mentions to how the piece portrays one entity: a label with abstention.

Each mention comes with the stance model's class probabilities and its role in the sentence
(`analyzers.nlp.roles`). Only what the sentence says *about* the entity should count: a speaker's
words are their view, a critic's criticism falls on someone else, a place where something
happened is not judged. So each role keeps a share of the mention's polar probability (the
rest becomes neutral), and the entity's label is favourable or critical only when the mean of
its role-weighted mentions leans clearly one way; otherwise it is neutral. The role weights
and cut-offs were chosen by cross-validation on PerSenT dev (the author's sentiment towards
the main entity of 578 news documents): see benchmarks/persent.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analyzers.nlp.mention import Probabilities
from analyzers.nlp.roles import Role
from analyzers.record import StanceLabel

# Share of a mention's polar probability that speaks about the entity, by role.
ROLE_WEIGHT: dict[Role, float] = {
    Role.JUDGED: 1.0,
    Role.QUOTED: 0.5,
    Role.SPEAKER: 0.6,
    Role.JUDGE: 0.0,
    Role.MODIFIER: 0.5,
    Role.SETTING: 0.0,
    Role.VICTIM: 0.0,
}
# Roles whose tone says nothing about the entity: they are not even scored.
UNSCORED_ROLES = frozenset(role for role, weight in ROLE_WEIGHT.items() if weight == 0.0)


@dataclass(frozen=True)
class Cutoffs:
    """How far the mean role-weighted P(positive) - P(negative) of an entity's mentions must
    lean before its label is favourable or critical rather than neutral. Critical asks for
    much more: a wrong "critical" costs an editor's trust the most, and news prose reads
    negative to the model (on PerSenT dev, the mentions of favourably portrayed people average
    P(negative) 0.30)."""

    critical: float = 0.4
    favourable: float = 0.075
    # In news one sentence is not a portrayal: an entity scored once stays neutral.
    min_mentions: int = 2


NEWS_CUTOFFS = Cutoffs()
# In an opinion piece the text is the author's own judgement, not reported events: a critical
# sentence about an entity there is the author's criticism, so less of it is needed, and one
# such sentence is a portrayal. (PerSenT is news; no opinion set to calibrate this on was at
# hand.)
OPINION_CUTOFFS = Cutoffs(critical=0.25, min_mentions=1)


def cutoffs_for(kind: str | None) -> Cutoffs:
    return OPINION_CUTOFFS if kind == "opinion" else NEWS_CUTOFFS


@dataclass(frozen=True)
class ScoredMention:
    probabilities: Probabilities
    role: Role

    @property
    def about_entity(self) -> Probabilities:
        """The mention's probabilities with the polar share its role does not carry moved to
        neutral."""
        weight = ROLE_WEIGHT[self.role]
        p = self.probabilities
        negative, positive = p.negative * weight, p.positive * weight
        return Probabilities(negative, 1.0 - negative - positive, positive)


@dataclass(frozen=True)
class Portrayal:
    label: StanceLabel
    score: float  # role-weighted P(positive) - P(negative), -1 .. 1
    confidence: float  # mean probability of the label over the mentions, about the entity


def portray(mentions: Sequence[ScoredMention], cutoffs: Cutoffs = NEWS_CUTOFFS) -> Portrayal:
    """The entity's label from the mean of its role-weighted mentions: polar only past the
    cut-off. The confidence is the mean probability of the label given (about the entity)."""
    views = [m.about_entity for m in mentions]
    if not views:
        return Portrayal("neutral", 0.0, 1.0)
    score = sum(v.positive - v.negative for v in views) / len(views)
    label: StanceLabel = "neutral"
    if len(views) >= cutoffs.min_mentions and score >= cutoffs.favourable:
        label = "positive"
    elif len(views) >= cutoffs.min_mentions and score <= -cutoffs.critical:
        label = "negative"
    confidence = sum(carries(m, label) for m in mentions) / len(views)
    return Portrayal(label, round(score, 3), round(confidence, 3))


def carries(mention: ScoredMention, label: StanceLabel) -> float:
    """How strongly one mention shows ``label`` for the entity: the evidence to quote."""
    return mention.about_entity.of(label)
