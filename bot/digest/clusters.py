"""Grouping things that are joined pairwise, transitively: the same entity named in several
articles, the same story told by several pieces. A disjoint-set forest with path halving."""

from __future__ import annotations


class Clusters:
    """``size`` items, each alone until ``join`` puts two in one cluster."""

    def __init__(self, size: int) -> None:
        self._parent = list(range(size))

    def join(self, one: int, other: int) -> None:
        self._parent[self._root(other)] = self._root(one)

    def groups(self) -> list[list[int]]:
        """The clusters, each in item order, in order of their first item."""
        found: dict[int, list[int]] = {}
        for item in range(len(self._parent)):
            found.setdefault(self._root(item), []).append(item)
        return list(found.values())

    def _root(self, item: int) -> int:
        parent = self._parent
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item
