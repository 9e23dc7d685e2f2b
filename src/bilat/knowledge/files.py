"""What every knowledge reader shares: reading a file as UTF-8, and a problem at ``file:line``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bilat.errors import KnowledgeError


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a knowledge file; a ``warning`` is suspicious but still loads."""

    path: str
    line: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        if self.severity == "error":
            return f"{self.path}:{self.line}: {self.message}"
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


def raise_problems(problems: list[Problem]) -> None:
    """Raise one :class:`KnowledgeError` listing every problem, at the first one's line.

    Args:
        problems: what was found wrong; nothing is raised when empty.
    """
    if problems:
        raise KnowledgeError("\n".join(str(p) for p in problems), line=problems[0].line)


def read_text(path: Path) -> str:
    """Return a knowledge file's text; raise :class:`KnowledgeError` saying how to fix a failure.

    Args:
        path: the file.
    """
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeError(
            f"cannot read knowledge file {path}: {exc.strerror}; check the path in bilat.toml"
        ) from exc
    except UnicodeDecodeError as exc:
        raise KnowledgeError(
            f"not UTF-8 (byte {exc.start}); save the file as UTF-8", file=str(path)
        ) from exc
