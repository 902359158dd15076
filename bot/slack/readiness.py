"""Readiness (/readyz): whether this process can do its whole job now, as opposed to liveness
(/healthz: the process serves HTTP at all). A load balancer or orchestrator stops sending work
to a process that is not ready, and does not restart it for that.

Each failing check gives one short line; none ever names the Redis URL (it may carry a
password) or quotes an error message.
"""

from __future__ import annotations

from bot.services import Services

REDIS_DOWN = "redis: not answering"
MODELS_NOT_LOADED = "models: not loaded"


def readiness_problems(services: Services) -> list[str]:
    """What keeps this process from being ready; empty when it is. Redis is asked for a PING
    through the store's breaker (short timeout, at once while it is open); the models are
    checked without loading them, and only where analyses run (not in a web process of the
    queue mode, which leaves them to the workers)."""
    problems = []
    if not services.store.ping():
        problems.append(REDIS_DOWN)
    if not services.settings.work.queued and not services.pipeline.nlp_loaded:
        problems.append(MODELS_NOT_LOADED)
    return problems
