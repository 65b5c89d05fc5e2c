"""The journal link: every commit Tawsim makes carries a token, so that a journal (-wal) is
replayed only into a state of the file it continues, never into an older copy."""

from __future__ import annotations

import contextlib
import itertools
import shutil
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.errors import ProjectError
from annotator.core.model import Status
from annotator.core.records import DocumentRecord, prepare_record
from annotator.core.scheme_edits import RenameLabel
from annotator.services.projects import open_project
from annotator.services.scheme import change_scheme
from annotator.services.session import AnnotationSession
from annotator.storage import BulkImport, ProjectStore
from annotator.storage.database import PAGE_SIZE
from annotator.storage.journal import checkpoint
from annotator.storage.journal_link import LINK_TABLE, journal_links, link_in_page
from annotator.storage.migrations import JOURNAL_LINK

INT64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)


def _link_page(conn):
    return conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                        (LINK_TABLE,)).fetchone()[0]


@settings(max_examples=40)
@given(values=st.lists(st.tuples(INT64, INT64), min_size=1, max_size=6, unique=True),
       page_size=st.sampled_from([512, 4096, 16384, 65536]))
def test_the_link_is_read_from_pages_as_sqlite_wrote_it(tmp_path_factory, values, page_size):
    path = tmp_path_factory.mktemp("link") / "p.db"
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(f"PRAGMA page_size = {page_size}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.executescript(JOURNAL_LINK)
        page = _link_page(conn)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        for token, prev in values:  # each its own commit (random tokens never repeat)
            conn.execute(f"UPDATE {LINK_TABLE} SET token = ?, prev = ? WHERE id = 1",
                         (token, prev))
        assert journal_links(path, page) == values  # from the journal's frames, in order
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        with path.open("rb") as handle:  # and from the file, once copied into it
            handle.seek((page - 1) * page_size)
            assert link_in_page(handle.read(page_size)) == values[-1]
    finally:
        conn.close()


def test_a_page_that_is_not_the_link_gives_none(project):
    assert link_in_page(bytes(16384)) is None
    assert link_in_page(b"\x0d\x00\x00\x00\x01") is None  # cut short
    assert checkpoint(project.conn).complete
    with project.path.open("rb") as handle:  # every other page of a new project
        pages = [page for page in iter(lambda: handle.read(PAGE_SIZE), b"")]
    link = _link_page(project.conn)
    assert link_in_page(pages[link - 1]) is not None
    assert [number for number, page in enumerate(pages, 1)
            if number != link and link_in_page(page) is not None] == []


def _documents(store, count=300):
    with BulkImport(store, actor="t", source="t") as bulk:
        for i in range(count):
            bulk.add(prepare_record(DocumentRecord(
                text=f"قال المتحدث {i} إن الطريق مفتوح " * 20, id=f"d{i}"), store.scheme))


def _token_alone(path):
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    with contextlib.closing(conn):
        return conn.execute("SELECT token FROM journal_link").fetchone()[0]


def test_every_commit_carries_one_link_continuing_the_last(tmp_path):
    """Edits, undo, a status, an import and a scheme change each commit once, each with
    one token whose `prev` is the token before it: a transaction marked twice would break
    the chain and refuse a sound journal."""
    path = tmp_path / "p.tawsim"
    store = ProjectStore.create(path)
    try:
        assert checkpoint(store.conn).complete
        began = _token_alone(path)
        _documents(store, 3)
        session = AnnotationSession(store, "amal")
        span = session.add_span("d0", 0, 3, "ACTOR")
        session.relabel(span.id, "LOCATION")
        session.undo("d0")
        session.add_spans("d1", [(0, 3, "ACTOR"), (4, 11, "LOCATION")])
        session.set_status("d1", Status.DONE)
        change_scheme(store, RenameLabel("WEAPON", "ARMS"), actor="lead")
        links = journal_links(path, _link_page(store.conn))
    finally:
        store.close()
    assert len(links) >= 6
    assert links[0][1] == began  # the first link continues the file as the journal began
    assert all(later[1] == earlier[0] for earlier, later in itertools.pairwise(links))
    assert len({token for token, _ in links}) == len(links)


SPAN_STATE = ("SELECT 'span', id, note FROM span UNION ALL "
              "SELECT 'audit', seq, action FROM audit ORDER BY 1, 2")


def _spans(path):
    with open_project(path) as store:
        return store.conn.execute(SPAN_STATE).fetchall()


def _alone_spans(path):
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    with contextlib.closing(conn):
        try:
            return conn.execute(SPAN_STATE).fetchall()
        except sqlite3.OperationalError:  # "no such table": even the tables are in the journal
            return []


# Notes change rows in place and touch no index: mixes of notes are what the integrity
# checks cannot see.
STEPS = st.lists(st.sampled_from(["add", "add", "note", "note", "remove", "passive",
                                  "truncate", "copy"]), min_size=4, max_size=30)


@settings(max_examples=15)
@given(steps=STEPS, last_edit=st.booleans())
def test_any_older_copy_beside_a_journal_left_by_a_crash_never_opens_mixed(
        tmp_path_factory, steps, last_edit):
    """Edits, checkpoints of both kinds and copies of the file alone in any order, then a
    crash: each copy put back beside the crash's journal is refused, or opens exactly as the
    project stood at the crash (the journal continues it), or as the copy was (nothing to
    replay). The file the crash left opens as it stood, whatever the last checkpoint did."""
    folder = tmp_path_factory.mktemp("restore")
    path = folder / "p.tawsim"
    store = ProjectStore.create(path)
    copies = []
    try:
        _documents(store)
        session = AnnotationSession(store, "amal")
        added = []
        for number, step in enumerate(steps):
            if step == "add":
                added.append(session.add_span(f"d{number}", 0, 3, "ACTOR").id)
            elif step == "remove" and added:
                session.remove_span(added.pop(0))
            elif step == "note" and added:
                # long notes spread the spans over many pages: an edit rewrites a few of them
                session.set_note(added[number % len(added)], f"ملاحظة {number} " * 300)
            elif step in ("passive", "truncate"):
                checkpoint(store.conn, step.upper())
            elif step == "copy":
                copies.append(folder / f"copy{len(copies)}")
                shutil.copyfile(path, copies[-1])
        if last_edit:  # else the crash may come right after a checkpoint
            session.add_span("d299", 0, 3, "ACTOR")
        crashed = folder / "crashed"
        shutil.copyfile(path, crashed)
        journal = path.with_name(path.name + "-wal").read_bytes()
        at_crash = store.conn.execute(SPAN_STATE).fetchall()
    finally:
        store.close()
    for candidate in [crashed, *copies]:
        place = folder / f"try-{candidate.name}"
        place.mkdir()
        restored = place / "p.tawsim"
        shutil.copyfile(candidate, restored)
        as_copied = _alone_spans(restored)
        (place / "p.tawsim-wal").write_bytes(journal)
        try:
            opened = _spans(restored)
        except ProjectError as refused:
            assert candidate is not crashed, refused
            # A copy taken before anything reached the file alone is not even a project
            # by its own bytes.
            assert ("do not belong together" in str(refused)
                    or ("not a Tawsim project" in str(refused) and not as_copied)), refused
            continue
        assert opened in (at_crash, as_copied)
        if candidate is crashed:
            assert opened == at_crash


def _put_back(copy, journal, place):
    """`copy` put back as the project in `place`, with `journal` (bytes) beside it."""
    place.mkdir()
    shutil.copyfile(copy, place / "p.tawsim")
    (place / "p.tawsim-wal").write_bytes(journal)
    return place / "p.tawsim"


def test_the_file_as_the_journal_began_is_taken(tmp_path):
    """A copy taken right after an emptying checkpoint is exactly what the journal that
    follows continues: replaying it there is sound and gives the newest state."""
    path = tmp_path / "p.tawsim"
    store = ProjectStore.create(path)
    try:
        _documents(store)
        session = AnnotationSession(store, "amal")
        session.add_span("d0", 0, 3, "ACTOR")
        assert checkpoint(store.conn).complete
        shutil.copyfile(path, tmp_path / "copy")
        for i in range(1, 20):
            session.add_span(f"d{i}", 0, 3, "ACTOR")
        journal = path.with_name(path.name + "-wal").read_bytes()
    finally:
        store.close()
    restored = _put_back(tmp_path / "copy", journal, tmp_path / "restored")
    assert sum(row[0] == "span" for row in _spans(restored)) == 20


def test_a_copy_older_than_the_journal_is_refused_even_when_nothing_contradicts(tmp_path):
    """One span added after the copy, then an emptying checkpoint, then edits that touch
    only pages the copy also has: the integrity checks find nothing wrong with the mix, the
    link does."""
    path = tmp_path / "p.tawsim"
    store = ProjectStore.create(path)
    try:
        _documents(store, 3)
        session = AnnotationSession(store, "amal")
        session.add_span("d0", 0, 3, "ACTOR")
        assert checkpoint(store.conn).complete
        shutil.copyfile(path, tmp_path / "copy")
        session.set_note(session.add_span("d1", 0, 3, "ACTOR").id, "أول")
        assert checkpoint(store.conn).complete
        session.add_span("d2", 0, 3, "ACTOR")
        journal = path.with_name(path.name + "-wal").read_bytes()
    finally:
        store.close()
    restored = _put_back(tmp_path / "copy", journal, tmp_path / "restored")
    with pytest.raises(ProjectError, match="do not belong together"):
        _spans(restored)


def _crash_pair(tmp_path, store, path):
    """The project file and its journal as a crash would leave them, put in a new folder."""
    place = tmp_path / "crashed"
    place.mkdir()
    shutil.copyfile(path, place / "p.tawsim")
    shutil.copyfile(path.with_name(path.name + "-wal"), place / "p.tawsim-wal")
    return place / "p.tawsim"


def test_a_crash_right_after_a_checkpoint_that_kept_the_journal_is_taken(tmp_path):
    """PASSIVE copied the whole journal into the file and kept it: the file now holds the
    last link's token, not the one the journal began from."""
    path = tmp_path / "p.tawsim"
    store = ProjectStore.create(path)
    try:
        _documents(store, 3)
        session = AnnotationSession(store, "amal")
        assert checkpoint(store.conn).complete
        for i in range(3):
            session.add_span(f"d{i}", 0, 3, "ACTOR")
        assert checkpoint(store.conn, "PASSIVE").complete
        crashed = _crash_pair(tmp_path, store, path)
        page = _link_page(store.conn)
    finally:
        store.close()
    links = journal_links(crashed, page)
    assert _token_alone(crashed) == links[-1][0] != links[0][1]
    assert sum(row[0] == "span" for row in _spans(crashed)) == 3


def test_a_journal_frame_cut_short_by_a_power_cut_is_not_read(tmp_path):
    """The first commit after the journal started afresh wrote its frame headers but not the
    link page's body, which still holds the previous generation's link: SQLite ignores the
    frame (its checksum is wrong), and so does the check."""
    path = tmp_path / "p.tawsim"
    store = ProjectStore.create(path)
    try:
        _documents(store, 3)
        session = AnnotationSession(store, "amal")
        page = _link_page(store.conn)
        assert checkpoint(store.conn).complete
        session.add_span("d0", 0, 3, "ACTOR")
        session.add_span("d1", 0, 3, "ACTOR")
        assert checkpoint(store.conn, "PASSIVE").complete
        old = path.with_name(path.name + "-wal").read_bytes()
        session.add_span("d2", 0, 3, "ACTOR")  # the journal starts afresh over the old one
        crashed = _crash_pair(tmp_path, store, path)
    finally:
        store.close()
    journal = crashed.with_name("p.tawsim-wal")
    torn = bytearray(journal.read_bytes())
    frame = 24 + PAGE_SIZE
    for at in range(32, len(torn) - frame + 1, frame):
        if int.from_bytes(torn[at:at + 4], "big") == page:
            assert link_in_page(old[at + 24:at + frame]) is not None  # an old link is there
            torn[at + 24:at + frame] = old[at + 24:at + frame]
    journal.write_bytes(bytes(torn))
    assert journal_links(crashed, page) == []
    assert sum(row[0] == "span" for row in _spans(crashed)) == 2  # the file as it was
