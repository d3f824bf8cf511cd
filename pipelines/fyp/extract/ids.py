"""Row identifiers of the extracted tables: ``<notice_id>-<letter><char_start>-<k>``."""

from __future__ import annotations

# Tables whose rows come from one notice: their id column and the letter their ids carry.
EXTRACTED_TABLES = {"targets": ("target_id", "t"), "deadlines": ("deadline_id", "d"), "responsibilities": ("responsibility_id", "r")}
TARGET_ID_LETTER = EXTRACTED_TABLES["targets"][1]


def span_ids(rows: list[dict], notice_id: str, letter: str, restated: list[bool] | None = None) -> list[str]:
    """The id of each row of ``rows`` (same order): the k-th row starting at a source offset, counted in
    (char_start, char_end) order, gets k. Ids derive from where a row stands in the (immutable) source
    text, so they stay stable when the extractor later finds more rows elsewhere in the same notice.

    A restatement (``restated``, by default: the row has a ``restatement_of``) is counted after the
    other rows starting at its offset, so that marking one never renumbers a statement of record."""
    if restated is None:
        restated = [row.get("restatement_of") is not None for row in rows]
    ids = [""] * len(rows)
    seen: dict[int, int] = {}
    for i in sorted(range(len(rows)), key=lambda i: (rows[i]["char_start"], restated[i], rows[i]["char_end"])):
        start = rows[i]["char_start"]
        k = seen.get(start, 0)
        seen[start] = k + 1
        ids[i] = f"{notice_id}-{letter}{start}-{k}"
    return ids
