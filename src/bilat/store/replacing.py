"""Removing and replacing a stored document, each in one transaction (``bilat recode``).

A document is removed with its events, mentions, quotes and facts; its verdicts stay, and
re-adding it re-attaches them. Replacing deletes the old rows and writes the new extraction in
the same transaction, so a failure leaves the document as it was.
"""

from __future__ import annotations

from bilat.records import Extraction
from bilat.store import summary
from bilat.store.backend import Connection, write_hint
from bilat.store.base import AddResult
from bilat.store.documents import Documents


class Replacing(Documents):
    """Remove and replace documents (see :class:`~bilat.store.Store`)."""

    def remove_document(self, doc_id: str) -> bool:
        """Delete a document with its events, mentions, quotes and facts; keep its verdicts.

        Re-adding the document (or a re-coded extraction of it) re-attaches the verdicts.

        Args:
            doc_id: The stored document id.

        Returns:
            True if a document was removed, False if there was none.

        Raises:
            StoreError: The store is read-only or the delete failed (nothing is removed).
        """
        self._writable("remove documents")
        with self._transaction(
            lambda error: (
                f"cannot remove document {doc_id!r} from {self.url!r}: {error}; nothing was removed"
            )
        ) as con:
            return self._delete(con, doc_id)

    def replace_document(self, extraction: Extraction) -> AddResult:
        """Replace a stored document and everything found in it by a new extraction of it.

        The old rows go and the new ones are written in one transaction: if anything fails,
        the document keeps its old events, and its verdicts stay attached to them.

        Args:
            extraction: The new extraction; its document's id names the document replaced.

        Returns:
            The counts of what was written (``added`` is 0 when the text is stored under
            another id, which is then left as it is).

        Raises:
            StoreError: The store is read-only or closed, or the write failed (nothing changed).
        """
        self._writable("replace documents")
        doc_id = extraction.document.id
        with self._transaction(
            lambda error: (
                f"cannot replace document {doc_id!r} in {self.url!r}: {error}; "
                f"it keeps its old events and verdicts{write_hint(error)}"
            )
        ) as con:
            self._claim(con)
            self._delete(con, doc_id)
            return self._write(con, [extraction], ())

    def _claim(self, con: Connection) -> None:
        """Hold the writer lock against other processes until the transaction ends.

        DuckDB admits one writing process per file, so there is nothing more to hold.
        """

    @staticmethod
    def _delete(con: Connection, doc_id: str) -> bool:
        gone = con.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchall()
        with summary.maintained(con, doc_ids=[doc_id]):
            for table in ("facts", "quotes", "mentions", "events", "documents"):
                key = "id" if table == "documents" else "doc_id"
                con.execute(f"DELETE FROM {table} WHERE {key} = ?", [doc_id]).fetchall()
        return bool(gone)
