"""One share: who posted which article where and when, with newsbot's analysis of it.

Every share is kept, repeats of a link included (``repeat_of`` names the share whose thread
holds the analysis), so the digest and `/newsbot entity` can say how often and by how many
people an article was shared.

Plain data, the unit the share history stores and the digest and renderers read, kept apart
from the history so that pure code (the digest, Block Kit) imports no storage.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

from analyzers.record import Analysis


@dataclass(frozen=True)
class Share:
    channel: str
    message_ts: str
    shared_at: float
    analysis: Analysis
    url: str | None = None
    user: str | None = None
    permalink: str | None = None
    repeat_of: str | None = None  # message_ts of the first share, for a repeat of its link

    def to_json(self) -> str:
        data = asdict(self)
        data["analysis"] = self.analysis.to_dict()
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, raw: str) -> Share:
        data: dict[str, Any] = json.loads(raw)
        data["analysis"] = Analysis.from_dict(data["analysis"])
        return cls(**data)
