"""A damaged project file, as every command meets it: one line saying to restore a copy,
exit status 1, and the file's bytes as they were (nothing writes into a damaged file)."""

from __future__ import annotations

import sqlite3
import struct

import orjson
import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.storage import ProjectStore
from tests.services.team_data import add_articles

PAGE = 16384


def _span_page(path) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        return conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'span'").fetchone()[0]
    finally:
        conn.close()


def scribble_over_spans(path) -> None:
    """Garble the cells of the span table's page, as a bad sector or a torn write would."""
    data = bytearray(path.read_bytes())
    page = (_span_page(path) - 1) * PAGE
    cells = struct.unpack(">H", data[page + 5: page + 7])[0]  # where the cells begin
    data[page + cells: page + cells + 500] = bytes(range(250)) * 2
    path.write_bytes(bytes(data))


def cut_short(path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def wipe_header(path) -> None:
    data = bytearray(path.read_bytes())
    data[:100] = bytes(100)
    path.write_bytes(bytes(data))


@pytest.fixture
def damaged(request, tmp_path):
    path = tmp_path / "p.tawsim"
    with ProjectStore.create(path) as store:
        add_articles(store, 40)
        for layer in ("gold", "model"):
            store.ensure_layer(layer)
        from annotator.services.session import AnnotationSession

        session = AnnotationSession(store, "gold")
        for number in range(40):
            session.add_span(f"a{number:03d}", 0, 3, "WEAPON")
            session.add_span(f"a{number:03d}", 4, 10, "WEAPON")
    request.param(path)
    return path


COMMANDS = {
    "stats": lambda p, t: ["stats", p],
    "import": lambda p, t: ["import", p, t / "new.jsonl"],
    "export": lambda p, t: ["export", p, "-o", t / "out.jsonl"],
    "search": lambda p, t: ["search", p, "الزهراء"],
    "audit": lambda p, t: ["audit", p, "--gold", "gold", "--pred", "model"],
    "scheme show": lambda p, t: ["scheme", "show", p],
    "scheme rename": lambda p, t: ["scheme", "rename", p, "WEAPON", "ARMS"],
    "progress": lambda p, t: ["progress", p],
    "package": lambda p, t: ["package", p, "-o", t / "packages", "--annotators", "amal,omar"],
    "validate": lambda p, t: ["validate", t / "new.jsonl", "--project", p],
}


@pytest.mark.parametrize("damaged", [scribble_over_spans, cut_short, wipe_header],
                         indirect=True, ids=["scribbled", "cut short", "header wiped"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_refuses_a_damaged_project_in_one_line(damaged, command, tmp_path):
    (tmp_path / "new.jsonl").write_bytes(orjson.dumps({"text": "نص جديد", "id": "n1"}) + b"\n")
    before = damaged.read_bytes()
    args = [str(arg) for arg in COMMANDS[command](damaged, tmp_path)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"tawsim: error: {damaged}: the project file is damaged")
    assert "restore it from a copy" in lines[0]
    assert damaged.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.jsonl", "p.tawsim"]


def _index_out_of_step(path) -> None:
    """A document id changed in its table but not in the id index: every page well formed."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'document'"
                        ).fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    page = slice((root - 1) * PAGE, root * PAGE)
    data[page] = data[page].replace(b"a001", b"a009", 1)
    path.write_bytes(bytes(data))


def test_stats_runs_the_full_check(tmp_path):
    """Damage that leaves every page well formed (a document id changed in its table but
    not in the id index) passes the quick check at opening; `stats` runs the full one."""
    path = tmp_path / "p.tawsim"
    with ProjectStore.create(path) as store:
        add_articles(store, 3)
    _index_out_of_step(path)
    ProjectStore.open(path).close()  # the quick check at opening finds nothing
    result = CliRunner().invoke(cli, ["stats", str(path)])
    assert result.exit_code == 1
    # In plain words: SQLite's own account ("row 3 missing from index …") is left out.
    assert result.stderr == (f"tawsim: error: {path}: the project file is damaged (an index "
                             "no longer matches its table); nothing was changed: restore it "
                             "from a copy\n")


def test_an_import_writes_nothing_into_a_file_whose_indexes_disagree(tmp_path):
    """The quick check at opening passes such a file; an import checks every index first."""
    path = tmp_path / "p.tawsim"
    with ProjectStore.create(path) as store:
        add_articles(store, 3)
    _index_out_of_step(path)
    new = tmp_path / "new.jsonl"
    new.write_bytes(orjson.dumps({"text": "نص جديد", "id": "n1"}) + b"\n")
    before = path.read_bytes()
    result = CliRunner().invoke(cli, ["import", str(path), str(new)])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"tawsim: error: {path}: the project file is damaged (")
    assert len(result.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before


def test_damaged_schema_text_is_one_line_not_a_traceback(tmp_path):
    """Bytes of a table's definition turned into invalid UTF-8: SQLite's own message quotes
    them, and Python cannot decode it."""
    path = tmp_path / "p.tawsim"
    with ProjectStore.create(path) as store:
        add_articles(store, 2)
    data = bytearray(path.read_bytes())
    found = data.find(b"CREATE TABLE status")
    assert 0 < found < PAGE
    data[found + 20: found + 22] = b"\xbe\xef"
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    for args in (["stats", str(path)], ["export", str(path), "-o", str(tmp_path / "o.jsonl")]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), \
            repr(result.exception)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "damaged" in lines[0], result.stderr
    assert path.read_bytes() == before


def test_an_older_copy_beside_a_newer_journal_pointing_at_missing_rows_is_refused(tmp_path):
    """The journal of a later state, replayed into a copy made before the layer its spans
    belong to existed, leaves every index agreeing with its table: the references it
    breaks are found, and the pair is refused as it is."""
    import shutil

    from annotator.services.session import AnnotationSession

    path = tmp_path / "p.tawsim"
    with ProjectStore.create(path) as store:
        add_articles(store, 2)
    older = tmp_path / "older.tawsim"
    shutil.copy(path, older)
    store = ProjectStore.open(path)
    session = AnnotationSession(store, "amal")
    for start in range(0, 20, 2):
        session.add_span("a000", start, start + 1, "LOCATION")
    store.checkpoint()  # the project file holds the layer and these spans
    for start in range(21, 41, 2):
        session.add_span("a000", start, start + 1, "LOCATION")
    journal = path.with_name(path.name + "-wal")
    kept = tmp_path / "journal"
    shutil.copy(journal, kept)  # as a crash would leave it
    store.close()
    shutil.copy(older, path)
    shutil.copy(kept, journal)
    before = (path.read_bytes(), journal.read_bytes())
    result = CliRunner().invoke(cli, ["stats", str(path)])
    if result.exit_code == 0:  # SQLite judged the journal not to fit: the copy as it was
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        assert conn.execute("SELECT count(*) FROM span").fetchone()[0] == 0
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.close()
        return
    assert result.exit_code == 1, result.output
    line = result.stderr.strip()
    assert "\n" not in line and "do not belong together" in line, line
    assert (path.read_bytes(), journal.read_bytes()) == before
