"""The project file's schema, as named, append-only steps (sqlite-utils Migrations).

Never edit a step that has shipped: add a new one, and update schema/database.sql to match
(a test compares them). `PRAGMA user_version` counts the steps, so an older Tawsim can tell
that a file was written by a newer one and refuse it without touching it.
"""

from __future__ import annotations

import uuid

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

APPLICATION_ID = 0x5457534D  # "TWSM"

migrations = Migrations("tawsim")

SCHEMA_VERSION = 5  # == number of steps below


@migrations(name="0001_initial")
def initial(db: Database) -> None:
    db.executescript(INITIAL)
    _set_version(db, 1)


@migrations(name="0002_search_index")
def search_index(db: Database) -> None:
    db.executescript(SEARCH_INDEX)
    _set_version(db, 2)


@migrations(name="0003_team")
def team(db: Database) -> None:
    db.executescript(TEAM)
    # Every project gets an id of its own: a merge tells an annotator's file from the lead's,
    # and two copies of one file from two files, by it.
    db.execute("INSERT OR IGNORE INTO project (key, value) VALUES ('project_id', ?)",
               (str(uuid.uuid4()),))
    _set_version(db, 3)


@migrations(name="0004_corpus_scale")
def corpus_scale(db: Database) -> None:
    db.executescript(CORPUS_SCALE)
    _set_version(db, 4)


@migrations(name="0005_journal_link")
def journal_link(db: Database) -> None:
    db.executescript(JOURNAL_LINK)
    _set_version(db, 5)


def _set_version(db: Database, version: int) -> None:
    db.execute(f"PRAGMA user_version = {int(version)}")


INITIAL = """
CREATE TABLE project (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Whose annotations: a human annotator, a model's predictions, or the adjudicated gold.
CREATE TABLE layer (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    kind TEXT NOT NULL CHECK (kind IN ('annotator', 'model', 'gold')),
    created_at TEXT NOT NULL
);

CREATE TABLE document (
    seq INTEGER PRIMARY KEY,  -- import order, internal key
    id TEXT NOT NULL UNIQUE,  -- the source's own id or a UUID; what exports carry
    title TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL CHECK (length(text) > 0),
    text_sha256 TEXT NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(meta)),
    source TEXT,
    source_sha256 TEXT,
    encoding TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX document_by_text_sha256 ON document (text_sha256);

-- The text is never edited after import.
CREATE TRIGGER document_text_is_fixed BEFORE UPDATE OF text ON document
BEGIN
    SELECT RAISE(ABORT, 'a document''s text never changes after import');
END;

-- Where one document stands in one layer's work. No row means new.
CREATE TABLE status (
    document INTEGER NOT NULL REFERENCES document (seq) ON DELETE CASCADE,
    layer INTEGER NOT NULL REFERENCES layer (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'done', 'reviewed')),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (document, layer)
) WITHOUT ROWID;
CREATE INDEX status_by_layer ON status (layer, status);

CREATE TABLE span (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    document INTEGER NOT NULL REFERENCES document (seq) ON DELETE CASCADE,
    layer INTEGER NOT NULL REFERENCES layer (id) ON DELETE CASCADE,
    "start" INTEGER NOT NULL CHECK ("start" >= 0),
    "end" INTEGER NOT NULL,
    label TEXT NOT NULL CHECK (length(label) > 0),
    text TEXT NOT NULL,
    attrs TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(attrs)),
    note TEXT NOT NULL DEFAULT '',
    annotator TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ("start" < "end"),
    CHECK (length(text) = "end" - "start"),
    UNIQUE (document, layer, "start", "end", label)
);


CREATE TABLE relation (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    document INTEGER NOT NULL REFERENCES document (seq) ON DELETE CASCADE,
    layer INTEGER NOT NULL REFERENCES layer (id) ON DELETE CASCADE,
    type TEXT NOT NULL CHECK (length(type) > 0),
    head INTEGER NOT NULL REFERENCES span (seq) ON DELETE CASCADE,
    tail INTEGER NOT NULL REFERENCES span (seq) ON DELETE CASCADE,
    attrs TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(attrs)),
    annotator TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (head <> tail),
    UNIQUE (document, layer, type, head, tail)
);
CREATE INDEX relation_by_head ON relation (head);
CREATE INDEX relation_by_tail ON relation (tail);

-- Both ends are spans of the relation's own document and layer.
CREATE TRIGGER relation_ends_in_its_layer BEFORE INSERT ON relation
WHEN (SELECT count(*) FROM span AS s
      WHERE s.seq IN (NEW.head, NEW.tail)
        AND s.document = NEW.document AND s.layer = NEW.layer) <> 2
BEGIN
    SELECT RAISE(ABORT, 'relation ends must be spans of the same document and layer');
END;

CREATE TRIGGER relation_still_ends_in_its_layer
BEFORE UPDATE OF head, tail, document, layer ON relation
WHEN (SELECT count(*) FROM span AS s
      WHERE s.seq IN (NEW.head, NEW.tail)
        AND s.document = NEW.document AND s.layer = NEW.layer) <> 2
BEGIN
    SELECT RAISE(ABORT, 'relation ends must be spans of the same document and layer');
END;

-- One row per edit: who, when, what, and the annotation before and after (JSON).
CREATE TABLE audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    document TEXT,  -- the document's id, kept as text so the trail outlives the row
    layer TEXT,
    before TEXT CHECK (before IS NULL OR json_valid(before)),
    after TEXT CHECK (after IS NULL OR json_valid(after))
);
CREATE INDEX audit_by_document ON audit (document, seq);

CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only');
END;
"""

SEARCH_INDEX = """
-- Arabic-aware search: each document's normalised text (annotator.core.normalise) in an FTS5
-- trigram index, so that a query matches inside words (سوريا in بسوريا). Derived data, rowid =
-- document.seq. Contentless: it names the documents that hold the normalised query, and the
-- hits and their offsets are found on the stored text through the normaliser's offset map.
-- It keeps positions: without them a rare word made of common trigrams names nearly every
-- document (docs/PERFORMANCE.md).
CREATE VIRTUAL TABLE search_index USING fts5 (
    text, tokenize = 'trigram', content = ''
);

-- How far the index has got (documents are indexed in seq order), and with which normaliser.
-- No row: nothing indexed yet.
CREATE TABLE search_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    normaliser TEXT NOT NULL,
    indexed_through INTEGER NOT NULL,  -- the highest document.seq in the index
    documents INTEGER NOT NULL  -- how many documents the index holds
);

-- A removed document would leave its text in the contentless index, and its seq may come
-- back: any removal marks the index for a rebuild.
CREATE TRIGGER document_removal_invalidates_search AFTER DELETE ON document
BEGIN
    UPDATE search_state SET normaliser = 'stale' WHERE id = 1;
END;
"""

TEAM = """
-- Whose layer: the stable id of the person (or the model import) it belongs to, and their
-- name when it was made. NULL for layers made before people had ids.
ALTER TABLE layer ADD COLUMN owner TEXT;
CREATE INDEX layer_by_owner ON layer (owner);

-- The people a lead has handed work to (their ids travel in the packages).
CREATE TABLE person (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) > 0),
    created_at TEXT NOT NULL
) WITHOUT ROWID;

-- Which documents a lead gave to whom: the primary annotator, or a second one for agreement.
CREATE TABLE assignment (
    document INTEGER NOT NULL REFERENCES document (seq) ON DELETE CASCADE,
    person TEXT NOT NULL REFERENCES person (id),
    role TEXT NOT NULL CHECK (role IN ('primary', 'overlap')),
    package TEXT NOT NULL,
    assigned_at TEXT NOT NULL,
    PRIMARY KEY (document, person)
) WITHOUT ROWID;
CREATE INDEX assignment_by_person ON assignment (person, role);

-- Active time on one document in one layer: the window focused, input within the cutoff.
CREATE TABLE work_time (
    document INTEGER NOT NULL REFERENCES document (seq) ON DELETE CASCADE,
    layer INTEGER NOT NULL REFERENCES layer (id) ON DELETE CASCADE,
    seconds REAL NOT NULL CHECK (seconds >= 0),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (document, layer)
) WITHOUT ROWID;

-- What a merge has taken from each annotator's file: its layer's audit rows up to a count,
-- and a digest of them, so a later merge can tell a newer state of that file from an older
-- copy or from one edited on two machines.
CREATE TABLE merge_state (
    source TEXT NOT NULL,
    source_layer TEXT NOT NULL,
    layer INTEGER NOT NULL REFERENCES layer (id) ON DELETE CASCADE,
    audit_rows INTEGER NOT NULL CHECK (audit_rows >= 0),
    audit_digest TEXT NOT NULL,
    file TEXT NOT NULL,
    merged_at TEXT NOT NULL,
    PRIMARY KEY (source, source_layer)
) WITHOUT ROWID;

-- Where a span was accepted from (another layer's span id), so curation stays on the
-- record; and a revision per span and relation, raised by every write, so an edit applies
-- only to the row its writer saw.
ALTER TABLE span ADD COLUMN origin TEXT;
ALTER TABLE span ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE relation ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
"""

CORPUS_SCALE = """
-- The search index without positions, each document as a few overlapping pieces
-- (annotator/storage/search_rows.py): a quarter of the size and four to five times the build
-- speed of the one it replaces, which held every trigram's positions (docs/PERFORMANCE.md,
-- "A million articles"). It is derived data: dropped here and rebuilt in the background
-- from the stored texts.
DROP TABLE search_index;
DELETE FROM search_state;
CREATE VIRTUAL TABLE search_index USING fts5 (
    text, tokenize = 'trigram case_sensitive 1', content = '', detail = none
);
-- Kept in the index's own config table. Building it, FTS5 flushes its in-memory terms every
-- 8 MB instead of 1 MB and merges segments 16 at a time instead of 4: half the CPU time.
INSERT INTO search_index (search_index, rank) VALUES ('hashsize', 8388608);
INSERT INTO search_index (search_index, rank) VALUES ('automerge', 16);

-- Counting documents and finding the n-th one read this narrow copy of the seqs (12 MB for a
-- million documents) instead of the table's 4 GB of text or the 80 MB text-hash index.
CREATE INDEX document_in_order ON document (seq);

-- Spans and relations per layer and label, counted without reading the tables.
CREATE INDEX span_by_layer ON span (layer, label);
CREATE INDEX relation_by_layer ON relation (layer, type);
"""

JOURNAL_LINK = """
-- Which state of the file a journal (-wal) continues: every commit replaces the token with a
-- new random one and keeps the one it replaced (annotator/storage/journal_link.py).
CREATE TABLE journal_link (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    token INTEGER NOT NULL,
    prev INTEGER NOT NULL
);
INSERT INTO journal_link (id, token, prev) VALUES (1, random(), 0);
"""
