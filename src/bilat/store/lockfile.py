"""The lock file a serving process writes beside its DuckDB file, naming where to reach it.

    lock = ServerLock.new("bilat.duckdb", host="127.0.0.1", port=8000)
    lock.write()
    found = ServerLock.read("bilat.duckdb")   # another process finds the server
    lock.remove()

The file (``<db>.live.json``) holds the server's address, its pid and a random token that local
processes send with the work they hand over. It is created with mode 0600, so only the user
who runs the server (who could write the database file anyway) can read the token.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from bilat.errors import StoreError

SUFFIX = ".live.json"

_WILDCARDS = frozenset({"0.0.0.0", "::", ""})


def lock_path(db: str | Path) -> Path:
    """Return where the lock file of the DuckDB file ``db`` lives.

    Args:
        db: The database file.

    Returns:
        ``<db>.live.json``, resolved to an absolute path.
    """
    path = Path(db).expanduser().resolve()
    return path.with_name(path.name + SUFFIX)


def pid_alive(pid: int) -> bool:
    """Tell whether a process with this id exists on this machine.

    Args:
        pid: The process id.

    Returns:
        True when the process exists (even if owned by another user).
    """
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True)
class ServerLock:
    """A running ``bilat serve`` that owns a DuckDB file: where it listens, its pid, its token."""

    db: str
    host: str
    port: int
    pid: int
    token: str
    started: str

    @classmethod
    def new(cls, db: str | Path, *, host: str, port: int) -> ServerLock:
        """Return the lock of this process serving ``db``, with a fresh random token.

        Args:
            db: The database file.
            host: The address the server listens on.
            port: The TCP port.

        Returns:
            The lock (not yet written).
        """
        return cls(
            db=str(Path(db).expanduser().resolve()),
            host=host,
            port=port,
            pid=os.getpid(),
            token=secrets.token_urlsafe(32),
            started=datetime.now(UTC).isoformat(timespec="seconds"),
        )

    @property
    def path(self) -> Path:
        """Return the lock file's path."""
        return lock_path(self.db)

    @property
    def address(self) -> str:
        """Return the address a local client connects to (loopback for a wildcard host)."""
        if self.host in _WILDCARDS:
            return "127.0.0.1"
        return self.host

    def write(self) -> None:
        """Write the lock file (mode 0600), replacing a stale one.

        Raises:
            StoreError: The file cannot be written (read-only directory).
        """
        path = self.path
        partial = path.with_name(f"{path.name}.{self.pid}.tmp")
        try:
            # Created 0600 from the start: the token is never readable by others, not even briefly.
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                json.dump(asdict(self), handle)
            os.replace(partial, path)
        except OSError as error:
            with contextlib.suppress(OSError):
                partial.unlink()
            raise StoreError(
                f"cannot write the server's lock file {str(path)!r}: {error}; make the "
                "database's directory writable",
                url=self.db,
            ) from error

    def remove(self) -> None:
        """Delete the lock file if it is still this process's own."""
        current = ServerLock.read(self.db)
        if current is not None and current.pid == self.pid and current.token == self.token:
            with contextlib.suppress(OSError):
                self.path.unlink()

    @staticmethod
    def read(db: str | Path) -> ServerLock | None:
        """Return the lock of the server that owns ``db``, or None if there is none to find.

        A lock whose process is gone (a server killed without cleaning up) counts as none.

        Args:
            db: The database file.

        Returns:
            The lock, or None.
        """
        path = lock_path(db)
        try:
            fields = json.loads(path.read_text(encoding="utf-8"))
            lock = ServerLock(
                db=str(fields["db"]),
                host=str(fields["host"]),
                port=int(fields["port"]),
                pid=int(fields["pid"]),
                token=str(fields["token"]),
                started=str(fields["started"]),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return lock if pid_alive(lock.pid) else None
