"""`/newsbot digest at 08:30 Asia/Hong_Kong | on | off | daily | weekdays | now | status`.
Answered privately to the person who asked; "now" posts the digest in the channel. Anyone may
ask for the status; changing the schedule or posting the digest is for the channel's members
and workspace admins, and a change is announced in the channel with who made it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from slack_sdk import WebClient

from bot.digest.runner import DigestRunner
from bot.digest_schedule import DigestSchedule, ScheduleError, apply_request
from bot.services import Services
from bot.slack.permissions import may_change_channel
from bot.storage.store import StoreUnavailable
from handlers import messages
from handlers.replies import Asker, announce, tell

ScheduleChanged = Callable[[str, str | None], None]  # (channel, team: None in one workspace)


def handle_digest(
    services: Services,
    argument: str,
    client: WebClient,
    asker: Asker,
    schedule_changed: ScheduleChanged | None,
) -> None:
    words = argument.split()
    action = words[0].lower() if words else "status"
    current = services.prefs.digest_schedule(asker.channel)
    if action == "status":
        tell(client, asker, status(current))
    elif not may_change_channel(client, asker.user, asker.channel):
        refusal = (
            messages.DIGEST_NOW_NOT_ALLOWED if action == "now" else messages.SETTINGS_NOT_ALLOWED
        )
        tell(client, asker, refusal.format(channel=asker.channel))
    elif action == "now":
        outcome = DigestRunner(services, client).post_now(asker.channel)
        if outcome != "posted":
            tell(client, asker, messages.DIGEST_NOT_POSTED[outcome])
    else:
        change(services, words, current, client, asker, schedule_changed=schedule_changed)


def change(
    services: Services,
    words: list[str],
    current: DigestSchedule,
    client: WebClient,
    asker: Asker,
    *,
    schedule_changed: ScheduleChanged | None,
) -> None:
    try:
        wanted = apply_request(current, words)
        services.prefs.set_digest_schedule(asker.channel, wanted)
    except ScheduleError as exc:
        tell(client, asker, str(exc))
        return
    except StoreUnavailable:
        tell(client, asker, messages.NOT_SAVED)
        return
    if schedule_changed is not None:
        schedule_changed(asker.channel, services.team_id)
    if wanted != current:
        announce(client, asker.channel, changed_notice(asker.user, wanted))
    tell(client, asker, status(wanted))


def changed_notice(user: str, schedule: DigestSchedule) -> str:
    if not schedule.enabled:
        return messages.DIGEST_TURNED_OFF.format(user=user)
    return messages.DIGEST_CHANGED.format(
        user=user, days=schedule.days, time=schedule.time, zone=schedule.zone
    )


def status(schedule: DigestSchedule) -> str:
    if not schedule.enabled:
        return messages.DIGEST_OFF
    upcoming = schedule.next_run_after(datetime.now(UTC))
    return messages.DIGEST_STATUS.format(
        schedule=schedule.describe(), next=upcoming.strftime("%a %d %b %H:%M %Z")
    )
