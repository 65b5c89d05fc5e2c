"""The SQL a merge compares and copies one layer with (merging_sync runs it).

Each of the file's spans (and relations) in the batch's documents is copied into a temporary
table with its state against the lead's row of the same id: 0 the same, 1 added (the lead
has no such row), 2 changed, 3 changed in place or label (in its unique key), 4 foreign: the
lead's row with that id lies in another layer or document, so the file's row takes its
derived id and its state is settled afterwards (`SETTLE_*`, rare, so the common case costs
one lookup per row). `GONE_*` list the lead's rows the file no longer has. CROSS JOIN keeps
the batch's documents first, so the file's rows are found through its index, not by a scan
of every row (SQLite's planner knows nothing of a temporary table's size).

When the batch is the whole file, the file's rows are read in one pass over its table
instead (`whole`): cheaper than an index lookup per document when every document is wanted.

Parameters: :fl the file's layer id, :ll the lead's.
"""

from __future__ import annotations

# What an incoming row `q` is to the lead's row `x` with its id (ADDED when there is none).
_SPAN_STATE = """CASE WHEN x.seq IS NULL THEN 1
    WHEN (x."start", x."end", x.label) IS NOT ({q}."start", {q}."end", {q}.label) THEN 3
    WHEN (x.text, x.attrs, x.note, x.annotator, x.created_at, x.updated_at, x.origin)
         IS NOT ({q}.text, {q}.attrs, {q}.note, {q}.annotator, {q}.created_at, {q}.updated_at,
                 {q}.origin) THEN 2
    ELSE 0 END"""
_SPAN_CONTENT = """x.seq IS NOT NULL AND (x."start", x."end", x.label, x.attrs)
    IS NOT ({q}."start", {q}."end", {q}.label, {q}.attrs)"""
_RELATION_STATE = """CASE WHEN x.seq IS NULL THEN 1
    WHEN (x.type, xh.id, xt.id) IS NOT ({q}.type, {q}.head_id, {q}.tail_id) THEN 3
    WHEN (x.attrs, x.annotator, x.created_at, x.updated_at)
         IS NOT ({q}.attrs, {q}.annotator, {q}.created_at, {q}.updated_at) THEN 2
    ELSE 0 END"""
# The lead's row with the file's id lies in another layer or document.
_FOREIGN = "x.seq IS NOT NULL AND (x.layer <> :ll OR x.document IS NOT q.lseq)"

_COPY_SPANS = f"""
INSERT INTO temp.merge_span
SELECT q.seq, CASE WHEN {_FOREIGN} THEN tawsim_derived_id(q.id, :ll) ELSE q.id END,
       q.lseq, q."start", q."end", q.label, q.text, q.attrs, q.note, q.annotator,
       q.created_at, q.updated_at, q.origin,
       CASE WHEN {_FOREIGN} THEN NULL ELSE x.seq END,
       CASE WHEN {_FOREIGN} THEN 4 ELSE {_SPAN_STATE.format(q="q")} END,
       CASE WHEN {_FOREIGN} THEN 0 ELSE {_SPAN_CONTENT.format(q="q")} END
FROM (SELECT s.seq, s.id, b.lseq, s."start", s."end", coalesce(m.target, s.label) AS label,
             s.text, s.attrs, s.note, s.annotator, s.created_at, s.updated_at, s.origin
      FROM {{spans_of_batch}}
      LEFT JOIN temp.merge_label AS m ON m.source = s.label
      WHERE m.source IS NULL OR m.target IS NOT NULL) AS q
LEFT JOIN main.span AS x ON x.id = q.id
"""
SETTLE_SPANS = f"""
UPDATE temp.merge_span SET
    lead_seq = (SELECT x.seq FROM main.span AS x WHERE x.id = merge_span.id AND x.layer = :ll),
    state = coalesce((SELECT {_SPAN_STATE.format(q="merge_span")} FROM main.span AS x
                      WHERE x.id = merge_span.id AND x.layer = :ll), 1),
    content = coalesce((SELECT {_SPAN_CONTENT.format(q="merge_span")} FROM main.span AS x
                        WHERE x.id = merge_span.id AND x.layer = :ll), 0)
WHERE state = 4
"""

_COPY_RELATIONS = f"""
INSERT INTO temp.merge_relation
SELECT q.seq, CASE WHEN {_FOREIGN} THEN tawsim_derived_id(q.id, :ll) ELSE q.id END,
       q.lseq, q.type, q.head_id, q.tail_id, q.attrs, q.annotator, q.created_at,
       q.updated_at, CASE WHEN {_FOREIGN} THEN NULL ELSE x.seq END,
       CASE WHEN {_FOREIGN} THEN 4 ELSE {_RELATION_STATE.format(q="q")} END
FROM (SELECT r.seq, r.id, b.lseq, r.type, h.id AS head_id, t.id AS tail_id, r.attrs,
             r.annotator, r.created_at, r.updated_at
      FROM {{relations_of_batch}}
      JOIN temp.merge_span AS h ON h.fseq = r.head
      JOIN temp.merge_span AS t ON t.fseq = r.tail) AS q
LEFT JOIN main.relation AS x ON x.id = q.id
LEFT JOIN main.span AS xh ON xh.seq = x.head
LEFT JOIN main.span AS xt ON xt.seq = x.tail
"""
SETTLE_RELATIONS = f"""
UPDATE temp.merge_relation SET
    lead_seq = (SELECT x.seq FROM main.relation AS x
                WHERE x.id = merge_relation.id AND x.layer = :ll),
    state = coalesce((SELECT {_RELATION_STATE.format(q="merge_relation")}
                      FROM main.relation AS x JOIN main.span AS xh ON xh.seq = x.head
                      JOIN main.span AS xt ON xt.seq = x.tail
                      WHERE x.id = merge_relation.id AND x.layer = :ll), 1)
WHERE state = 4
"""

GONE_SPANS = """
INSERT INTO temp.merge_gone_span
SELECT s.seq, s.id, s.document FROM temp.merge_batch AS b
JOIN main.span AS s ON s.document = b.lseq AND s.layer = :ll
WHERE NOT EXISTS (SELECT 1 FROM temp.merge_span AS m WHERE m.id = s.id)
"""

GONE_RELATIONS = """
INSERT INTO temp.merge_gone_relation
SELECT r.seq, r.document FROM temp.merge_batch AS b
JOIN main.relation AS r ON r.document = b.lseq AND r.layer = :ll
WHERE NOT EXISTS (SELECT 1 FROM temp.merge_relation AS m WHERE m.id = r.id)
"""

# Documents whose status or active time in the file differs from the lead's.
STATUS_DIFFERS = """
SELECT b.lseq FROM temp.merge_batch AS b
LEFT JOIN merge_src.status AS f ON f.document = b.fseq AND f.layer = :fl
LEFT JOIN main.status AS l ON l.document = b.lseq AND l.layer = :ll
WHERE coalesce(f.status, 'new') <> coalesce(l.status, 'new')
"""
TIME_DIFFERS = """
SELECT b.lseq FROM temp.merge_batch AS b
LEFT JOIN merge_src.work_time AS f ON f.document = b.fseq AND f.layer = :fl
LEFT JOIN main.work_time AS l ON l.document = b.lseq AND l.layer = :ll
WHERE coalesce(f.seconds, 0) <> coalesce(l.seconds, 0)
"""


def rows_of_batch(table: str, alias: str, *, whole: bool) -> str:
    """The FROM clause joining the batch's documents to the file's rows of `table`, in the
    order that reads them fastest: through the file's index per document, or (`whole`) in
    one pass over the table. CROSS JOIN fixes the order; SQLite's planner knows nothing of
    the temporary table's size."""
    if whole:
        return (f"merge_src.{table} AS {alias} CROSS JOIN temp.merge_batch AS b "
                f"ON b.fseq = {alias}.document AND {alias}.layer = :fl")
    return (f"temp.merge_batch AS b CROSS JOIN merge_src.{table} AS {alias} "
            f"ON {alias}.document = b.fseq AND {alias}.layer = :fl")


def copy_spans(*, whole: bool) -> str:
    return _COPY_SPANS.replace("{spans_of_batch}", rows_of_batch("span", "s", whole=whole))


def copy_relations(*, whole: bool) -> str:
    return _COPY_RELATIONS.replace("{relations_of_batch}",
                                   rows_of_batch("relation", "r", whole=whole))
