"""`tawsim search`, and imports of legacy encodings, as a user meets them."""

import codecs

import orjson
import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.storage import ProjectStore
from tests.search_texts import REPORT, SECOND


def run(*args, ok=True):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    if ok:
        assert result.exit_code == 0, result.output + result.stderr
    return result


@pytest.fixture
def proj(tmp_path):
    path = tmp_path / "p.tawsim"
    run("init", path)
    return path


def stored_texts(path):
    with ProjectStore.open(path) as store:
        return {doc: store.document_text(doc) for doc in store.document_ids()}


def test_search_prints_hits_as_json_with_original_offsets(proj, tmp_path):
    (tmp_path / "report.txt").write_text(REPORT, "utf-8")
    (tmp_path / "second.txt").write_text(SECOND, "utf-8")
    run("import", proj, tmp_path / "report.txt", tmp_path / "second.txt")
    texts = stored_texts(proj)
    hits = orjson.loads(run("search", proj, "الاعلام", "--json").stdout)
    assert [h["text"] for h in hits] == ["الإعلام", "الاعلام", "الإعلام", "الاعلام"]
    for hit in hits:
        assert set(hit) == {"document", "start", "end", "text"}
        assert texts[hit["document"]][hit["start"]:hit["end"]] == hit["text"]
    syria = orjson.loads(run("search", proj, "سوريا", "--json").stdout)
    first = syria[0]
    text = texts[first["document"]]
    assert first["start"] == text.index("بسوريا") + 1 and first["text"] == "سوريا"
    assert len(orjson.loads(run("search", proj, "سوريا", "--json", "--limit", "1").stdout)) == 1
    whole = orjson.loads(run("search", proj, "صواريخ", "--json", "--whole-word").stdout)
    assert len(whole) == 2


def test_search_in_text_form_and_without_hits(proj, tmp_path):
    (tmp_path / "report.txt").write_text(REPORT, "utf-8")
    run("import", proj, tmp_path / "report.txt")
    result = run("search", proj, "قوات")
    assert "[قوّات]" in result.stdout and "1 hits" in result.stderr
    assert orjson.loads(run("search", proj, "طرابلس", "--json").stdout) == []
    assert "0 hits" in run("search", proj, "مدرسه", "--exact-letters").stderr


def test_search_refuses_an_empty_query_in_one_line(proj):
    result = run("search", proj, "\u0651", ok=False)
    assert result.exit_code == 1
    assert result.stderr.startswith("tawsim: error: nothing to search for")
    assert result.stderr.count("\n") == 1


ONE_LINE = "قال المتحدث إن القوّات وصلت."


@pytest.mark.parametrize(("name", "data", "encoding", "expected"), [
    ("legacy.txt", REPORT.encode("cp1256"), None, REPORT),
    ("forced.txt", REPORT.encode("cp1256"), "windows-1256", REPORT),
    ("bom16.txt", REPORT.encode("utf-16"), None, REPORT),
    ("le16.txt", REPORT.encode("utf-16-le"), None, REPORT),
    ("be16.txt", REPORT.encode("utf-16-be"), None, REPORT),
    # One line, no BOM, big-endian: read little-endian it would still decode (to CJK).
    ("one-line-be16.txt", ONE_LINE.encode("utf-16-be"), None, ONE_LINE),
    ("bom8.txt", codecs.BOM_UTF8 + REPORT.encode("utf-8"), None, REPORT),
])
def test_legacy_encodings_import_with_the_right_text(proj, tmp_path, name, data, encoding,
                                                     expected):
    path = tmp_path / name
    path.write_bytes(data)
    run("import", proj, path, *(["--encoding", encoding] if encoding else []))
    (text,) = stored_texts(proj).values()
    assert text == expected
    hits = orjson.loads(run("search", proj, "قوات", "--json").stdout)
    assert [h["text"] for h in hits] == ["قوّات"]
    assert text[hits[0]["start"]:hits[0]["end"]] == "قوّات"


@pytest.mark.parametrize(("name", "data", "encoding", "message"), [
    ("french.txt", "Déjà vu à Montréal, où l'été est chaud.".encode("latin-1"), None,
     "not UTF-8, UTF-16 or Windows-1256"),
    ("binary.bin.txt", bytes(range(256)) * 4, None, "binary"),
    ("utf8.txt", REPORT.encode("utf-8"), "cp1256", "would garble it"),
    ("bad8.txt", REPORT.encode("cp1256"), "utf-8", "not valid utf-8"),
])
def test_a_file_in_no_supported_encoding_is_refused_naming_it(proj, tmp_path, name, data,
                                                              encoding, message):
    path = tmp_path / name
    path.write_bytes(data)
    result = run("import", proj, path, *(["--encoding", encoding] if encoding else []),
                 ok=False)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"tawsim: error: {path}: ")
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert stored_texts(proj) == {}
