"""A live store: ``bilat serve`` owns a DuckDB file, and other local processes write through it.

DuckDB admits one writing process per file. So a server started on a DuckDB file keeps it
open writable, writes a lock file naming its port and a local token
(:mod:`~bilat.store.lockfile`), and runs the store calls other processes hand it
(:mod:`~bilat.live.service`, one writer through :mod:`~bilat.live.gate`).
:func:`bilat.store.open_store` finds such a server and returns a
:class:`~bilat.store.remote.RemoteStore` (a store backend, so the store never imports this
package), so ``bilat ingest``, ``watch``, ``verify``, ``feeds``
and every read command work unchanged while the dashboard is up. ``bilat serve --watch`` polls
feeds inside the server (:mod:`~bilat.live.watcher`). PostgreSQL needs none of this: there,
processes write side by side.
"""

from __future__ import annotations

from bilat.store import wire
from bilat.store.lockfile import ServerLock, lock_path
from bilat.store.remote import RemoteStore, connect

__all__ = ["RemoteStore", "ServerLock", "connect", "lock_path", "wire"]
