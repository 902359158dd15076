"""One contract for both stores: every test runs against Redis (a real server) and the
in-memory store, so the dictionary the unit tests use cannot drift from what production does.

Time: the in-memory store's clock is moved; Redis's cannot be, so its run waits the second
out (TTLs are whole seconds in Redis).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
import redis
from apscheduler.jobstores.base import BaseJobStore

from bot.storage.memory_store import MemoryStore
from bot.storage.redis_store import RedisStore
from bot.storage.store import Store, StoreUnavailable
from tests.fakes.clock import ManualClock


@dataclass
class Subject:
    store: Store
    wait: Callable[[float], None]  # let this much time pass, as the store sees it


@pytest.fixture(params=["memory", "redis"])
def subject(request: pytest.FixtureRequest) -> Iterator[Subject]:
    if request.param == "memory":
        clock = ManualClock()
        yield Subject(MemoryStore(clock), clock.advance)
        return
    client = redis.Redis.from_url(request.getfixturevalue("redis_url"))
    store = RedisStore(client, request.getfixturevalue("redis_prefix"))
    yield Subject(store, time.sleep)
    store.close()


def test_plain_values_are_read_back_in_the_order_asked(subject: Subject) -> None:
    store = subject.store
    assert store.get("a") is None
    assert store.get_many([]) == []
    store.set_many({"a": "1", "b": "Zürich 📰"})
    store.set_many({"a": "2"})
    assert store.get_many(["b", "missing", "a"]) == ["Zürich 📰", None, "2"]
    store.delete("a")
    store.delete("never-set")
    assert store.get("a") is None


def test_values_expire_after_their_ttl_and_a_new_value_without_one_is_kept(
    subject: Subject,
) -> None:
    store = subject.store
    store.set_many({"brief": "1", "renewed": "1"}, ttl_seconds=1)
    store.set_many({"renewed": "2"})  # a plain set drops the earlier TTL
    assert store.claim("claimed", 1)
    subject.wait(1.2)
    assert store.get_many(["brief", "renewed", "claimed"]) == [None, "2", None]
    assert store.claim("claimed", 60)  # free again once expired


def test_a_claim_is_won_once_until_the_key_is_deleted(subject: Subject) -> None:
    store = subject.store
    assert store.claim("job", 60, "runner-1") is True
    assert store.claim("job", 60, "runner-2") is False
    assert store.get("job") == "runner-1"
    store.delete("job")
    assert store.claim("job", 60) is True
    store.set_many({"taken": "x"})
    assert store.claim("taken", 60) is False


def test_exactly_one_of_many_threads_wins_a_claim(subject: Subject) -> None:
    wins: list[bool] = []
    start = threading.Barrier(8)

    def contend() -> None:
        start.wait()
        wins.append(subject.store.claim("contested", 60))

    threads = [threading.Thread(target=contend) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(wins) == [False] * 7 + [True]


def test_scored_members_come_oldest_first_within_inclusive_bounds(subject: Subject) -> None:
    store = subject.store
    assert store.scored_between("feed", 0, 100) == []
    for member, score in [("c", 3.0), ("a", 1.0), ("b2", 2.0), ("b1", 2.0), ("d", 4.5)]:
        store.add_scored("feed", member, score, keep_after=0)
    assert store.scored_between("feed", 0, 100) == ["a", "b1", "b2", "c", "d"]
    assert store.scored_between("feed", 2.0, 3.0) == ["b1", "b2", "c"]
    store.add_scored("feed", "a", 5.0, keep_after=0)  # the same member moves, once
    assert store.scored_between("feed", 0, 100) == ["b1", "b2", "c", "d", "a"]


def test_adding_a_scored_member_drops_those_below_keep_after(subject: Subject) -> None:
    store = subject.store
    for member, score in [("old", 1.0), ("edge", 2.0), ("new", 3.0)]:
        store.add_scored("feed", member, score, keep_after=0)
    store.add_scored("feed", "newest", 4.0, keep_after=2.0)
    assert store.scored_between("feed", 0, 100) == ["edge", "new", "newest"]  # 2.0 is kept
    store.add_scored("feed", "late", 1.0, keep_after=10.0)  # everything goes, the key too
    assert store.scored_between("feed", 0, 100) == []
    store.set_many({"feed": "plain"})  # so the key is free for another kind
    assert store.get("feed") == "plain"


def test_hash_fields_are_merged_and_read_back_whole(subject: Subject) -> None:
    store = subject.store
    assert store.hash_get_all("prefs") == {}
    store.hash_set("prefs", {"auto_replies": "off", "digest_time": "09:00"})
    store.hash_set("prefs", {"digest_time": "08:30", "digest_zone": "Europe/London"})
    assert store.hash_get_all("prefs") == {
        "auto_replies": "off",
        "digest_time": "08:30",
        "digest_zone": "Europe/London",
    }


def test_a_key_of_another_kind_is_an_error_for_sets_and_hashes_and_a_miss_for_get(
    subject: Subject,
) -> None:
    store = subject.store
    store.set_many({"plain": "1"})
    store.hash_set("hash", {"f": "v"})
    with pytest.raises(StoreUnavailable, match="WRONGTYPE"):
        store.hash_get_all("plain")
    with pytest.raises(StoreUnavailable, match="WRONGTYPE"):
        store.add_scored("hash", "m", 1.0, keep_after=0)
    with pytest.raises(StoreUnavailable, match="WRONGTYPE"):
        store.scored_between("plain", 0, 1)
    assert store.get_many(["hash", "plain"]) == [None, "1"]
    assert store.claim("hash", 60) is False  # taken, whatever its kind


def test_it_answers_and_gives_the_scheduler_a_job_store(subject: Subject) -> None:
    store = subject.store
    assert store.ping() is True
    with store.guarded():
        assert store.get("a") is None
    assert isinstance(store.scheduler_jobs(), BaseJobStore)


def test_a_taken_value_is_gone_and_only_one_of_many_threads_gets_it(subject: Subject) -> None:
    store = subject.store
    assert store.take("state") is None
    store.set_many({"state": "issued"})
    assert store.take("state") == "issued"
    assert store.get("state") is None
    store.set_many({"contested": "x"})
    got: list[str | None] = []
    start = threading.Barrier(8)

    def contend() -> None:
        start.wait()
        got.append(store.take("contested"))

    threads = [threading.Thread(target=contend) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(got, key=str) == [None] * 7 + ["x"]


def test_keys_under_a_prefix_are_deleted_whatever_their_kind_and_no_others(
    subject: Subject,
) -> None:
    store = subject.store
    many = {f"team:T1:shares:{n}": "v" for n in range(1_200)}  # more than one SCAN batch
    store.set_many(many)
    store.hash_set("team:T1:channel:C1", {"auto_replies": "off"})
    store.add_scored("team:T1:recent", "m", 1.0, keep_after=0)
    store.set_many({"team:T10:shares:1": "other team", "team:T1": "no colon", "x:team:T1:": "y"})
    store.set_many({"team:T*:a": "glob characters are literal"})
    assert store.delete_prefixed("team:T1:") == 1_202
    assert store.get_many(["team:T1:shares:0", "team:T1:shares:1199"]) == [None, None]
    assert store.hash_get_all("team:T1:channel:C1") == {}
    assert store.get_many(["team:T10:shares:1", "team:T1", "x:team:T1:"]) == [
        "other team",
        "no colon",
        "y",
    ]
    assert store.delete_prefixed("team:T*:") == 1
    assert store.delete_prefixed("team:T1:") == 0
