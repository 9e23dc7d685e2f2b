"""A throwaway PostgreSQL server for tests: initdb and pg_ctl from Debian's package, in a temp dir.

    with PostgresServer() as server:
        url = server.create_database("t1")   # postgresql://bilat@127.0.0.1:PORT/t1

The server listens on 127.0.0.1 at a free port, trusts local connections, and runs with fsync
off (tests need speed, not durability). PostgreSQL refuses to run as root, so under root the
commands run as the ``postgres`` user the Debian package creates; the cluster lives in its own
directory (pytest's tmp_path is private to root), removed on stop. That directory is in
/dev/shm when the machine has it: every CREATE DATABASE copies a template of about 8 MB, and on
a shared disk those writes, and removing them at the end, took minutes of a test run.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Self

import psycopg

from conftest import free_port

MEMORY_DIR = Path("/dev/shm")
"""Where the cluster goes when it exists: a RAM file system, so no database touches the disk."""

START_TRIES = 3
"""Ports to try: another process (a parallel test worker) may take a free port before we bind."""


class PostgresUnavailable(RuntimeError):
    """The PostgreSQL server binaries are missing or the server would not start."""


def find_binary(name: str) -> str | None:
    """Return the path of a PostgreSQL server program (initdb, pg_ctl), or None."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


class PostgresServer:
    """Start a private PostgreSQL server under ``root``; stop it and leave nothing running."""

    user = "bilat"

    def __init__(self) -> None:
        initdb, pg_ctl = find_binary("initdb"), find_binary("pg_ctl")
        if initdb is None or pg_ctl is None:
            raise PostgresUnavailable(
                "initdb/pg_ctl not found; install Debian's postgresql package "
                "(scripts/install-system-deps does)"
            )
        self._initdb, self._pg_ctl = initdb, pg_ctl
        in_memory = MEMORY_DIR.is_dir() and os.access(MEMORY_DIR, os.W_OK | os.X_OK)
        self.root = Path(
            tempfile.mkdtemp(prefix="bilat-pg-", dir=MEMORY_DIR if in_memory else None)
        )
        self.data = self.root / "data"
        self.port = free_port()
        self._prefix: list[str] = []
        self._owner: tuple[int, int] | None = None
        if os.geteuid() == 0:
            try:
                entry = pwd.getpwnam("postgres")
            except KeyError as error:
                raise PostgresUnavailable(
                    "running as root and there is no 'postgres' user to run the server as"
                ) from error
            self._prefix = ["runuser", "-u", "postgres", "--"]
            self._owner = (entry.pw_uid, entry.pw_gid)
        self._started = False

    def _run(self, *args: str) -> None:
        result = subprocess.run(
            [*self._prefix, *args], capture_output=True, text=True, timeout=120, check=False
        )
        if result.returncode != 0:
            raise PostgresUnavailable(
                f"{Path(args[0]).name} failed ({result.returncode}): "
                f"{(result.stderr or result.stdout).strip()[-800:]}"
            )

    def start(self) -> None:
        """Create the cluster and start the server; raise PostgresUnavailable if it cannot."""
        if self._owner is not None:
            os.chown(self.root, *self._owner)
        self._run(
            self._initdb, "-D", str(self.data), "-U", self.user, "-A", "trust",
            "--no-sync", "-E", "UTF8", "--locale=C",
        )  # fmt: skip
        log = self.root / "log"
        for attempt in range(START_TRIES):
            log.unlink(missing_ok=True)
            options = (
                f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                "-c max_connections=300"
            )
            try:
                self._run(
                    self._pg_ctl, "-D", str(self.data), "-o", options,
                    "-l", str(log), "-w", "-t", "60", "start",
                )  # fmt: skip
            except PostgresUnavailable:
                taken = log.is_file() and "could not bind" in log.read_text(errors="replace")
                if not taken or attempt == START_TRIES - 1:
                    raise
                self.port = free_port()
            else:
                self._started = True
                return

    def stop(self) -> None:
        """Stop the server (fast shutdown); stopping a stopped server is harmless."""
        try:
            if self._started:
                self._started = False
                self._run(self._pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        """Return the connection URL of one database on this server."""
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """Create an empty database and return its URL."""
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop a database, ending any connection a test left open to it."""
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def __enter__(self) -> Self:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
