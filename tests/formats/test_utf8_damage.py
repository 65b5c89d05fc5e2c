"""Damaged UTF-8 is refused where it is damaged, never imported as Windows-1256 mojibake.

Composed files: one flipped byte, a file cut inside its last character, a Windows-1256 file
(still read as Windows-1256), and `--encoding` overriding the refusal. Every reader that
decodes text (plain text, CoNLL, brat, JSON) goes through the same rule.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from annotator.cli import cli
from annotator.core.errors import DecodeError
from annotator.core.text import decode_source
from annotator.core.utf8_damage import utf8_damage
from annotator.formats.files import UTF8_BOM
from tests.texts import ARTICLE_LF, SHORT

# Windows-1256 can encode these (no emoji): a news paragraph as an old Windows editor saved it.
CP1256_TEXT = ("أعلنت الشرطة في الموصل ضبط شاحنة تحمل صواريخ، وقال المتحدث إن التحقيق "
               "مستمر.\nونفت الوزارة وقوع إصابات في بلدة الزهراء.\n")


def _flip(data: bytes, at: int) -> bytes:
    damaged = bytearray(data)
    damaged[at] ^= 0x40
    return bytes(damaged)


def _second_line_letter(text: str) -> int:
    """The byte offset of the first Arabic letter's second byte on the text's second line."""
    data = text.encode("utf-8")
    line_start = data.index(b"\n") + 1
    return line_start + 1


def test_one_flipped_byte_is_refused_with_its_byte_line_and_column():
    data = CP1256_TEXT.encode("utf-8")
    at = _second_line_letter(CP1256_TEXT)
    with pytest.raises(DecodeError) as caught:
        decode_source(_flip(data, at), source="news.txt")
    error = caught.value
    assert error.line == 2
    assert f"byte {at - 1}" in error.message and "column 1" in error.message
    assert "--encoding" in error.message and "\n" not in str(error)


def test_a_file_cut_inside_its_last_character_says_it_was_truncated():
    data = SHORT.encode("utf-8")[:-2] + "ع".encode()[:1]
    with pytest.raises(DecodeError, match="cut off inside its last character"):
        decode_source(data, source="cut.txt")


def test_a_real_windows_1256_file_is_still_read_as_windows_1256():
    decoded = decode_source(CP1256_TEXT.encode("cp1256"), source="old.txt")
    assert decoded.encoding == "cp1256" and decoded.text == CP1256_TEXT


def test_the_damage_rule_on_its_own():
    good = CP1256_TEXT.encode("utf-8")
    assert utf8_damage(good) is None  # valid UTF-8 is not damaged
    assert utf8_damage(CP1256_TEXT.encode("cp1256")) is None  # not nearly UTF-8 either
    damage = utf8_damage(_flip(good, 1))
    assert damage is not None and damage.bad_sequences == 1 and not damage.at_end
    assert damage.good_characters >= damage.bad_sequences


@given(st.data())
def test_a_flipped_byte_in_arabic_text_is_never_imported_as_another_text(data):
    text = ARTICLE_LF
    raw = text.encode("utf-8")
    at = data.draw(st.integers(0, len(raw) - 1))
    bit = data.draw(st.sampled_from([0x01, 0x02, 0x08, 0x20, 0x40, 0x80]))
    damaged = bytearray(raw)
    damaged[at] ^= bit
    try:
        decoded = decode_source(bytes(damaged), source="x.txt")
    except DecodeError:
        return
    # Only a flip that leaves valid UTF-8 (an ASCII byte changed, say) may be read, and then
    # it is read as UTF-8, never as Windows-1256.
    assert decoded.encoding == "utf-8"
    assert decoded.text == bytes(damaged).decode("utf-8").replace("\r\n", "\n").replace(
        "\r", "\n")


# -- through `tawsim import`, every reader that decodes text ------------------------------


def _import(tmp_path, path, *extra):
    project = tmp_path / "p.tawsim"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(project)]).exit_code == 0
    return runner.invoke(cli, ["import", str(project), str(path), *extra])


@pytest.mark.parametrize(("name", "body"), [
    ("article.txt", "{text}"),
    ("tokens.conll", "قال\tO\nالمتحدث\tB-ACTOR\n{text}\tO\n"),
])
def test_a_damaged_file_is_refused_in_one_line_naming_the_line(tmp_path, name, body):
    text = body.format(text=CP1256_TEXT.split("\n")[0].split()[0])
    data = text.encode("utf-8")
    damaged = data + b"\n" + _flip("موصل".encode(), 1)  # line 2 (or 4) holds the damage
    path = tmp_path / name
    path.write_bytes(damaged)
    result = _import(tmp_path, path, "--layer", "gold")
    assert result.exit_code == 1, result.output
    message = result.stderr.strip()
    assert "\n" not in message and "Traceback" not in result.output
    line = data.count(b"\n") + 2
    assert message.startswith(f"tawsim: error: {path}:{line}: the file is UTF-8 with 1 damaged")


def test_a_damaged_json_file_names_the_line_of_the_bad_byte(tmp_path):
    path = tmp_path / "articles.json"
    body = ('[\n{"id": "a", "text": "' + SHORT + '"},\n{"id": "b", "text": "' + SHORT
            + '"}\n]\n').encode()
    at = body.index("الموصل".encode(), body.index(b'"b"'))
    path.write_bytes(_flip(body, at + 1))
    result = _import(tmp_path, path)
    assert result.exit_code == 1
    assert result.stderr.strip().startswith(f"tawsim: error: {path}:3: the file is not UTF-8")


def test_encoding_overrides_the_refusal(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(_flip(CP1256_TEXT.encode("utf-8"), 1))
    refused = _import(tmp_path, path)
    assert refused.exit_code == 1
    (tmp_path / "p.tawsim").unlink()
    forced = _import(tmp_path, path, "--encoding", "cp1256")
    assert forced.exit_code == 0, forced.output


def test_a_damaged_json_lines_line_names_the_byte_of_the_file_and_its_column(tmp_path):
    first = '{"id": "a", "text": "' + SHORT + '"}\n'
    second = '  {"id": "b", "text": "' + SHORT + '"}\n'  # indented: the column counts it
    data = UTF8_BOM + (first + second).encode()
    at = data.index(SHORT.encode(), len(UTF8_BOM) + len(first.encode())) + 1
    path = tmp_path / "articles.jsonl"
    path.write_bytes(_flip(data, at))
    result = _import(tmp_path, path)
    assert result.exit_code == 1
    message = result.stderr.strip()
    column = len(second[:second.index(SHORT)]) + 1
    assert message == (f"tawsim: error: {path}:2: the line is damaged UTF-8 (a bad byte "
                       f"sequence at byte {at - 1} of the file, column {column}); repair it, "
                       "or name the file's real encoding with --encoding")


def test_a_json_file_in_another_encoding_names_the_byte_and_column(tmp_path):
    path = tmp_path / "old.json"
    path.write_bytes('[\n {"text": "الموصل"}\n]\n'.encode("cp1256"))
    result = _import(tmp_path, path)
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"tawsim: error: {path}:2: the file is not UTF-8 JSON (bad byte at byte 13, column 12); "
        "name its encoding with --encoding")
