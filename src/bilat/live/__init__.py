"""A live store: ``bilat serve`` owns a DuckDB file, and other local processes write through it.

DuckDB admits one writing process per file. So a server started on a DuckDB file keeps it
open writable, writes a lock file naming its port and a local token
(:mod:`~bilat.live.lockfile`), and runs the store calls other processes hand it
(:mod:`~bilat.live.service`). :func:`bilat.store.open_store` finds such a server and returns a
:class:`~bilat.live.client.RemoteStore`, so ``bilat ingest``, ``watch``, ``verify``, ``feeds``
and every read command work unchanged while the dashboard is up. ``bilat serve --watch`` polls
feeds inside the server (:mod:`~bilat.live.watcher`). PostgreSQL needs none of this: there,
processes write side by side.
"""

from __future__ import annotations

from bilat.live.client import RemoteStore, connect
from bilat.live.lockfile import ServerLock, lock_path

__all__ = ["RemoteStore", "ServerLock", "connect", "lock_path"]
