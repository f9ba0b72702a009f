"""Change notices between netui processes on one PostgreSQL database: NOTIFY and LISTEN.

Every write transaction sends one notice on CHANNEL naming what it changed
(its topics) and which engine sent it. PostgreSQL delivers a notice only
when its transaction commits, and drops it with a rollback, so a notice
always means committed data. A `Watcher` listens on a connection of its
own, in a daemon thread, and passes on the notices of every other engine
(its own engine's commands are announced in-process already). It also
watches the server: when the connection breaks it says so, tries again
every RETRY_SECONDS, and when it is back it says so and asks for
everything to be read again, since notices sent meanwhile were lost.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from peewee import Database

from netui.data.engine import OnChange, OnReachable, run_sql

if TYPE_CHECKING:
    from psycopg import Connection

CHANNEL = "netui"
RETRY_SECONDS = 1.0
# How long a wait for notices lasts before the thread looks whether it should stop.
_WAIT_SECONDS = 0.25
# A server that stops answering without closing the connection (a network gone)
# is noticed by TCP keepalives: after about idle + interval x count seconds.
_KEEPALIVE = {
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 2,
}


def send(db: Database, origin: str, topics: Iterable[str]) -> None:
    """Queue this transaction's notice: delivered to every listener when it commits."""
    payload = json.dumps({"from": origin, "topics": sorted(topics)})
    run_sql(db, "SELECT pg_notify(%s, %s)", [CHANNEL, payload])


def read_notice(payload: str, origin: str) -> frozenset[str] | None:
    """The topics of another engine's notice; empty for this engine's own (or one
    that names none); None when the payload is not a notice netui can read (a
    newer netui's, or another program's), which is taken as "anything changed"."""
    try:
        notice = json.loads(payload)
        sender, topics = notice["from"], notice["topics"]
    except (ValueError, TypeError, KeyError):
        return None
    if sender == origin:
        return frozenset()
    if not isinstance(topics, list):
        return None
    return frozenset(str(topic) for topic in topics)


class Watcher:
    """Listens for other netuis' notices on its own connection, in a daemon thread."""

    def __init__(
        self,
        connect: Callable[..., Connection[Any]],
        origin: str,
        on_change: OnChange,
        on_reachable: OnReachable,
        *,
        retry_seconds: float = RETRY_SECONDS,
    ) -> None:
        """
        Args:
            connect: psycopg's `connect` with the database's address bound
                (keyword arguments add connection options).
            origin: The engine's name in its notices; its own are skipped.
            on_change: Called with the topics of each other netui's commit, or None.
            on_reachable: Called with False when the server is lost, True when it is back.
            retry_seconds: The wait between attempts to reconnect.
        """
        self._connect = connect
        self._origin = origin
        self._on_change = on_change
        self._on_reachable = on_reachable
        self._retry = retry_seconds
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._reachable: bool | None = None
        self._thread = threading.Thread(target=self._run, name="netui-listen", daemon=True)

    def start(self) -> None:
        """Start listening; returns once the first attempt to connect has ended, so
        a commit made after it is heard (or the server's absence already said)."""
        self._thread.start()
        self._ready.wait(timeout=30)

    def stop(self) -> None:
        """Stop listening and close the connection (within a fraction of a second)."""
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                connection = self._connect(autocommit=True, **_KEEPALIVE)
            except Exception:  # any failure to connect: the server is not there (yet)
                self._became(reachable=False)
                self._ready.set()
                self._stop.wait(self._retry)
                continue
            try:
                self._listen(connection)
            except Exception:  # the connection broke: say so, then try again
                self._became(reachable=False)
                self._stop.wait(self._retry)
            finally:
                with contextlib.suppress(Exception):  # already broken; nothing to close
                    connection.close()

    def _listen(self, connection: Connection[Any]) -> None:
        connection.execute(f"LISTEN {CHANNEL}")
        came_back = self._reachable is False
        self._became(reachable=True)
        self._ready.set()
        if came_back:
            self._on_change(None)  # what was sent while it was away is lost
        while not self._stop.is_set():
            for notice in connection.notifies(timeout=_WAIT_SECONDS):
                topics = read_notice(notice.payload, self._origin)
                if topics is None or topics:
                    self._on_change(topics)

    def _became(self, *, reachable: bool) -> None:
        if self._reachable is not reachable:
            first = self._reachable is None
            self._reachable = reachable
            if not (first and reachable):  # reachable at the start is no news
                self._on_reachable(reachable)
