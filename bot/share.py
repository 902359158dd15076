"""One share: who posted which article where and when, with newsbot's analysis of it.

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

    def to_json(self) -> str:
        data = asdict(self)
        data["analysis"] = self.analysis.to_dict()
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, raw: str) -> Share:
        data: dict[str, Any] = json.loads(raw)
        data["analysis"] = Analysis.from_dict(data["analysis"])
        return cls(**data)
