"""The document list's model over a few thousand documents: every row, read in any order
(jumps to the end and the middle, page boundaries, neighbours), is the row a plain reading
of the project puts there, in import order, for every filter; a jump reads only the page it
lands on; documents another program adds, removes or marks show after a reload."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import Status
from annotator.services.session import AnnotationSession
from annotator.storage import ProjectStore
from annotator.ui.common.session import DeskSession
from annotator.ui.documents.model import PAGE_SIZE, DocumentListModel
from tests.services.conftest import add_documents

LAYER = "amal"
WORD = "سوريا"
DOCUMENTS = 2 * PAGE_SIZE * 6 + 37  # 2,437: many page boundaries, a short last page
FILTERS = [(None, ""), (Status.DONE, ""), (Status.NEW, ""), (Status.IN_PROGRESS, ""),
           (Status.REVIEWED, ""), (None, WORD), (Status.DONE, WORD), (Status.NEW, WORD)]


def status_for(n: int) -> Status | None:
    """A pattern with runs and gaps, so status pages start and end anywhere."""
    if n % 7 == 0 or 300 <= n < 520:
        return Status.DONE
    if n % 5 == 1:
        return Status.IN_PROGRESS
    if n % 9 == 4 or 1800 <= n < 2000:
        return Status.REVIEWED
    return None


def set_statuses(store: ProjectStore, statuses: dict[int, Status]) -> None:
    layer = store.ensure_layer(LAYER)
    store.conn.executemany(
        "INSERT INTO status (document, layer, status, updated_at) VALUES (?, ?, ?, 'now') "
        "ON CONFLICT (document, layer) DO UPDATE SET status = excluded.status",
        [(seq, layer, status.value) for seq, status in statuses.items()])
    store.conn.commit()


@pytest.fixture
def big(tmp_path):
    path = tmp_path / "many.tawsim"
    store = ProjectStore.create(path)
    add_documents(store, [(f"d{n:04d}", f"خبر رقم {n}" + (f" عن {WORD}" if n % 3 else ""))
                          for n in range(DOCUMENTS)])
    seqs = [r[0] for r in store.conn.execute("SELECT seq FROM document ORDER BY seq")]
    set_statuses(store, {seq: s for n, seq in enumerate(seqs)
                         if (s := status_for(n)) is not None})
    yield store
    store.close()


@pytest.fixture
def model(qtbot, big):
    model = DocumentListModel()
    model.set_session(DeskSession(AnnotationSession(big, LAYER)))
    return model


def expected(store: ProjectStore, status: Status | None, text: str) -> list[str]:
    """The list as a plain reading of the whole project gives it."""
    layer = store.layer_id(LAYER)
    statuses = dict(store.conn.execute(
        "SELECT document, status FROM status WHERE layer = ?", (layer,)))
    return [doc for seq, doc, title, body in store.conn.execute(
                "SELECT seq, id, title, text FROM document ORDER BY seq")
            if (status is None or statuses.get(seq, "new") == status.value)
            and (not text or text in title or text in body)]


def listed(model: DocumentListModel, status: Status | None, text: str) -> DocumentListModel:
    model.set_filter(status, text)
    model.finish_scan()
    return model


def boundary_rows(count: int) -> list[int]:
    """The end first, then the middle, then both sides of page boundaries, then the start."""
    rows = [count - 1, count // 2, count // 2 + 1, count // 2 - 1]
    for page in range(1, count // PAGE_SIZE + 1):
        rows += [page * PAGE_SIZE, page * PAGE_SIZE - 1, page * PAGE_SIZE + 1]
    rows += [0, 1]
    return [row for row in rows if 0 <= row < count]


@pytest.mark.parametrize(("status", "text"), FILTERS)
def test_rows_at_page_boundaries_read_in_any_order(model, big, status, text):
    want = expected(big, status, text)
    listed(model, status, text)
    assert model.rowCount() == len(want)
    assert len(want) > PAGE_SIZE  # every filter spans several pages
    for row in boundary_rows(len(want)):
        model._pages.clear()  # each read is a jump, not a neighbour of a page read
        assert model.doc_id(row) == want[row], row
    for row in boundary_rows(len(want)):  # now with neighbouring pages in memory
        assert model.doc_id(row) == want[row], row


@pytest.mark.parametrize(("status", "text"), FILTERS)
def test_the_whole_list_is_in_import_order(model, big, status, text):
    want = expected(big, status, text)
    listed(model, status, text)
    backwards = [model.doc_id(row) for row in reversed(range(model.rowCount()))]
    assert backwards[::-1] == want == sorted(want)
    titles = [model.data(model.index(row, model.TITLE)) for row in range(model.rowCount())]
    assert titles == [big.document(doc).title or doc for doc in want]


def test_a_jump_reads_only_the_page_it_lands_on(model, big):
    count = model.rowCount()
    assert count == DOCUMENTS and list(model._pages) == []
    assert model.doc_id(count - 1) == f"d{DOCUMENTS - 1:04d}"
    assert list(model._pages) == [(count - 1) // PAGE_SIZE]
    assert model.doc_id(1234) == "d1234"
    assert list(model._pages) == [(count - 1) // PAGE_SIZE, 1234 // PAGE_SIZE]
    listed(model, Status.DONE, "")
    last = model.rowCount() - 1
    assert model.doc_id(last) == expected(big, Status.DONE, "")[-1]
    assert list(model._pages) == [last // PAGE_SIZE]


def test_positions_and_neighbours_of_documents_far_down_the_list(model, big):
    for status, text in FILTERS:
        want = expected(big, status, text)
        listed(model, status, text)
        model._pages.clear()
        for row in (len(want) - 1, len(want) // 2, PAGE_SIZE, PAGE_SIZE - 1):
            assert model.position_of(want[row]) == row
        excluded = next((f"d{n:04d}" for n in range(DOCUMENTS) if f"d{n:04d}" not in want),
                        None)
        assert excluded is None or model.position_of(excluded) is None


def test_columns_come_from_one_list(model):
    assert model.columnCount() == len(model.COLUMNS) == 3
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["Title", "Status", "Spans"]
    assert [model.COLUMNS[c] for c in (model.TITLE, model.STATUS, model.SPANS)] == [
        "title", "status", "spans"]
    assert model.data(model.index(0, model.SPANS)) == 0
    assert model.data(model.index(0, model.STATUS)) == "Done"  # d0000: 0 % 7 == 0


def test_documents_another_program_adds_show_after_a_reload(model, big, tmp_path):
    before = expected(big, None, "")
    assert model.doc_id(len(before) - 1) == before[-1]
    folder = tmp_path / "more"
    folder.mkdir()
    for n in range(3):
        (folder / f"late-{n}.txt").write_text(f"خبر متأخر {n} عن {WORD}", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "annotator.cli", "import", str(big.path),
                    str(folder)], check=True, capture_output=True)
    # Until the desk reloads, the list it shows stays the one it counted, row for row.
    assert model.rowCount() == len(before)
    model._pages.clear()
    assert [model.doc_id(r) for r in (0, len(before) // 2, len(before) - 1)] == [
        before[0], before[len(before) // 2], before[-1]]
    model.reload()  # what the desk does when it learns of documents written elsewhere
    after = expected(big, None, "")
    assert len(after) == len(before) + 3 and after[:len(before)] == before
    assert [model.doc_id(r) for r in range(len(before) - 1, len(after))] == after[-4:]
    for status, text in ((Status.NEW, ""), (None, WORD), (Status.NEW, WORD)):
        want = expected(big, status, text)
        listed(model, status, text)
        assert model.rowCount() == len(want)
        assert [model.doc_id(r) for r in boundary_rows(len(want))] == [
            want[r] for r in boundary_rows(len(want))]


def test_documents_removed_and_marked_elsewhere_keep_the_list_exact(model, big):
    other = ProjectStore.open(big.path)
    try:
        seqs = [r[0] for r in other.conn.execute("SELECT seq FROM document ORDER BY seq")]
        other.conn.executemany("DELETE FROM document WHERE seq = ?",
                               [(seqs[n],) for n in (0, 199, 200, 1000, len(seqs) - 1)])
        other.conn.commit()
        set_statuses(other, {seqs[n]: Status.DONE for n in range(600, 900)})
    finally:
        other.close()
    for status, text in FILTERS:  # seqs now have gaps: the slower, exact path
        want = expected(big, status, text)
        listed(model, status, text)
        assert model.rowCount() == len(want)
        for row in boundary_rows(len(want)):
            model._pages.clear()
            assert model.doc_id(row) == want[row], (status, text, row)
        assert [model.doc_id(r) for r in range(model.rowCount())] == want
