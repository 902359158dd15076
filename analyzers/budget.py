"""A wall-clock budget for one analysis, checked between the steps of the pipeline.

Every step is bounded by the size of its input (see `analyzers.ingest.safe_text`, the element cap in
`analyzers.ingest.extract` and the mention budget in `analyzers.nlp.stance`), so no input makes one
analysis run for minutes. The budget is the promise on top of that: when the machine is
overloaded, or some input still finds a slow path, the analysis stops at the next step boundary
and the person is told, instead of waiting for an answer that may never come.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from analyzers.errors import AnalysisTimeout


class TimeBudget:
    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self._clock = clock
        self._end = clock() + seconds

    def check(self) -> None:
        """AnalysisTimeout once the budget is spent."""
        if self._clock() >= self._end:
            raise AnalysisTimeout(
                f"The article took longer than {self.seconds:g} seconds to analyse, so newsbot "
                "stopped. It may be unusually long, or not ordinary prose."
            )
