"""What part a mention plays in its sentence, read from the dependency parse.

A sentence's tone is not the author's judgement of everyone in it. "The unions criticised the
plan" is critical of the plan, not of the unions; in "Ms Ruiz said the deal was a disaster"
the disaster is Ms Ruiz's view; "the Canadian-born activist faces a charge" says nothing about
Canada; "protests in Paris turned violent" says nothing about France. The stance component
weighs each mention's scored tone by its role, so that only the mentions where the entity is
the one judged decide how the piece portrays it.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from spacy.tokens import Span, Token

from analyzers.nlp.agency import NOUN_MODIFIER_DEPS, SETTING_PREPOSITIONS, through_conjunctions

# Verbs whose subject states a view, passes a judgement or acts against someone: the view is
# the subject's, and the judgement or the act falls on its object. Compared by lemma.
SPEECH_VERBS = frozenset(
    """say tell add state announce claim insist argue deny note explain write warn declare
    told reply respond acknowledge admit concede confirm stress suggest believe think predict
    tweet post testify report describe call label urge demand vow pledge promise ask""".split()
)
JUDGING_VERBS = frozenset(
    """criticise criticize accuse condemn blame denounce slam attack blast lambast assail
    oppose reject protest sue question challenge fault rebuke decry berate scold mock
    ridicule dismiss threaten praise laud hail commend applaud thank congratulate welcome
    defend support back endorse celebrate honour honor credit sanction impose punish ban
    boycott arrest jail detain fine expel""".split()
)
# Nouns of judgement whose "from"/"by" object is the one judging: "criticism from the unions".
JUDGING_NOUNS = frozenset(
    """criticism condemnation outrage anger protest protests opposition backlash attack
    attacks accusation accusations complaint complaints rebuke praise support applause
    fire pressure calls call warning warnings objection objections""".split()
)
# Verbs of harm or force: their object or passive subject suffers the act, which says nothing
# against them ("Trump's attempt to coerce Ukraine", "the journalist was kidnapped"). Criticism
# verbs are not here: being criticised is being judged.
HARM_VERBS = frozenset(
    """kill murder injure wound hurt harm bomb shell invade occupy raid coerce
    pressure threaten blackmail kidnap abduct detain imprison torture rob assault shoot stab
    rape harass bully persecute displace evict starve flood destroy damage hack defraud
    scam exploit abuse""".split()
)
AGENT_PREPOSITIONS = frozenset({"from", "by"})
# What "by X" or "from X" can follow for X to be the one judging: "labelled rivals by X",
# "criticism from X".
JUDGED_BY = JUDGING_VERBS | SPEECH_VERBS | JUDGING_NOUNS
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
MODIFIER_DEPS = NOUN_MODIFIER_DEPS | {"npadvmod"}  # and "Canadian-born"
ACTIVE_SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})  # a passive subject is acted on
QUOTE_MARKS = '"“”'


class Role(Enum):
    """How a mention stands to its sentence's tone (see the module docstring)."""

    JUDGED = "judged"  # the subject or object the sentence is about
    SPEAKER = "speaker"  # says, writes or is quoted: the tone is their view
    JUDGE = "judge"  # criticises or praises someone else: the judgement falls on them
    QUOTED = "quoted"  # named inside someone else's quotation
    MODIFIER = "modifier"  # "the Canadian-born activist", "a Moscow court"
    SETTING = "setting"  # the place where something happens: "in Paris"
    VICTIM = "victim"  # suffers an act of harm: "coerce Ukraine", "was kidnapped"


def mention_role(target: Span, entity_type: str) -> Role:
    """The role of ``target`` (an entity mention) in its sentence; a later conjunct takes the
    role of the first ("the US and its allies imposed sanctions")."""
    root = through_conjunctions(target.root)
    checks: tuple[tuple[Role, Callable[[], bool]], ...] = (
        (Role.SETTING, lambda: entity_type in PLACE_TYPES and _is_setting(root)),
        (Role.MODIFIER, lambda: _is_modifier(root, target)),
        (Role.JUDGE, lambda: _is_judge(root)),
        (Role.VICTIM, lambda: _is_victim(root)),
        (Role.SPEAKER, lambda: _is_speaker(root)),
        (Role.QUOTED, lambda: _inside_quotes(target)),
    )
    return next((role for role, holds in checks if holds()), Role.JUDGED)


def _is_setting(root: Token) -> bool:
    """'in Moscow', 'from Paris', 'a Moscow court', 'Canadian-born' name where, not who."""
    if root.dep_ == "pobj" and root.head.lower_ in SETTING_PREPOSITIONS:
        return True
    return root.dep_ in MODIFIER_DEPS


def _is_modifier(root: Token, target: Span) -> bool:
    """The mention qualifies another noun ('Canadian-born activist', 'Apple's critics'): the
    sentence is about that noun. A possessive counts only when its noun is a judging noun."""
    head = root.head
    if head.i in range(target.start, target.end) or head.pos_ not in {"NOUN", "PROPN"}:
        return False
    if root.dep_ in MODIFIER_DEPS:
        return True
    return root.dep_ == "poss" and head.lemma_.lower() in JUDGING_NOUNS


def _is_judge(root: Token) -> bool:
    """'X criticised Y', 'criticism from X', 'Y was attacked by X'."""
    if root.dep_ in ACTIVE_SUBJECT_DEPS and _lemma(root.head) in JUDGING_VERBS:
        return True
    if root.dep_ == "pobj" and root.head.lower_ in AGENT_PREPOSITIONS:
        return _lemma(root.head.head) in JUDGED_BY
    return root.dep_ == "agent" or (
        root.dep_ == "pobj"
        and root.head.dep_ == "agent"
        and _lemma(root.head.head) in JUDGING_VERBS
    )


def _is_victim(root: Token) -> bool:
    """'invaded Ukraine', 'Ukraine was invaded', 'the journalist Ana Ruiz was kidnapped'."""
    if root.dep_ == "appos":
        root = root.head
    return root.dep_ in {"dobj", "nsubjpass"} and _lemma(root.head) in HARM_VERBS


def _is_speaker(root: Token) -> bool:
    """'X said', 'said X', 'according to X', 'X, a spokesman, told reporters'."""
    if root.dep_ in ACTIVE_SUBJECT_DEPS and _lemma(root.head) in SPEECH_VERBS:
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_ == "according":
        return True
    if root.dep_ == "appos":
        return _is_speaker(root.head)
    return False


def _inside_quotes(target: Span) -> bool:
    """An odd number of quotation marks before the mention in its sentence."""
    sentence = target.sent
    before = target.doc[sentence.start : target.start].text
    return sum(before.count(mark) for mark in QUOTE_MARKS) % 2 == 1


def _lemma(token: Token) -> str:
    return token.lemma_.lower()
