"""The exceptions bilat raises, each carrying the context a user needs to fix the problem.

    BilatError                    base class: ``code`` and ``message``
     ├── InputError               an input cannot be read, parsed or used (origin)
     ├── KnowledgeError           a knowledge file is invalid (file, line)
     ├── StoreError               the database cannot be opened, read or written (url)
     ├── ExtractionError          a pipeline stage failed on a document (doc_id, stage)
     └── ConfigError              a setting or settings file is invalid (setting)

Every message says what failed and how to fix it; ``str(error)`` prefixes the code:

    >>> str(StoreError("cannot open 'x.duckdb': file is locked; close the other process"))
    "[E300] cannot open 'x.duckdb': file is locked; close the other process"
"""

from __future__ import annotations

from typing import ClassVar


class BilatError(Exception):
    """Base of every error bilat raises on purpose; catch it to handle them all."""

    default_code: ClassVar[str] = "E000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(BilatError):
    """An input (file, record, query argument) cannot be read, parsed or used."""

    default_code: ClassVar[str] = "E100"

    def __init__(self, message: str, *, origin: str | None = None, code: str | None = None) -> None:
        super().__init__(message, code=code)
        self.origin = origin


class KnowledgeError(BilatError):
    """A knowledge data file is invalid; ``file`` and ``line`` point at the problem."""

    default_code: ClassVar[str] = "E200"

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message, code=code)
        self.file = file
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = f"{self.file}:{self.line}: " if self.line is not None else f"{self.file}: "
        return f"[{self.code}] {where}{self.message}"


class StoreError(BilatError):
    """The event database cannot be opened, read or written."""

    default_code: ClassVar[str] = "E300"

    def __init__(self, message: str, *, url: str | None = None, code: str | None = None) -> None:
        super().__init__(message, code=code)
        self.url = url


class ExtractionError(BilatError):
    """A pipeline stage failed on one document."""

    default_code: ClassVar[str] = "E400"

    def __init__(
        self,
        message: str,
        *,
        doc_id: str | None = None,
        stage: str | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message, code=code)
        self.doc_id = doc_id
        self.stage = stage


class ConfigError(BilatError):
    """A setting, environment variable or settings file is invalid."""

    default_code: ClassVar[str] = "E500"

    def __init__(
        self, message: str, *, setting: str | None = None, code: str | None = None
    ) -> None:
        super().__init__(message, code=code)
        self.setting = setting
