"""When two reported entities are the same one: the single rule behind an article's merged
names, a digest's people and organisations, and `/newsbot entity NAME`.

Two entities are the same when one's name is the other's name or one of its aliases: the key of
one (``entity_key``) is among the keys of the other (``entity_keys``). Names are compared by
``names.name_key`` (the words they share once titles, company forms, case and a country's
other spellings are set aside), the same key the entity component clusters an article's
mentions by. Across articles, an entity's aliases count too: "Xi" named
alone in one article is the "Xi Jinping" of another whose aliases include "Xi". Two entities
that merely share an alias are not the same: "Smith" may be an alias of two people.
"""

from __future__ import annotations

from analyzers.nlp.names import name_key
from analyzers.record import Entity


def entity_key(entity: Entity) -> str:
    """The key of the entity's own (canonical) name."""
    return _key(entity.name, entity.type)


def entity_keys(entity: Entity) -> frozenset[str]:
    """Every key the entity answers to: its name's and its aliases'."""
    keys = {_key(name, entity.type) for name in (entity.name, *entity.aliases)}
    return frozenset(keys - {""})


def answers_to(entity: Entity, query: str) -> bool:
    """Whether a name someone typed ("president xi", "Xi") names the entity."""
    wanted = _key(query, entity.type)
    return bool(wanted) and wanted in entity_keys(entity)


def _key(name: str, entity_type: str) -> str:
    return " ".join(name_key(name, entity_type))
