"""Tawsim runs on Python 3.11 to 3.14: no SQL statement binds a sequence to numbered (?1) or
named (:name) placeholders. Python 3.12 warns about that (DeprecationWarning, which the test
settings make an error) and 3.14 refuses it, while 3.11 says nothing; so besides running a
day's work with that warning as an error, every statement is checked for the binding style
itself, at run time and in the source."""

from __future__ import annotations

import ast
import io
import re
import sqlite3
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.services import exporting
from annotator.services.projects import open_project
from annotator.services.session import AnnotationSession
from tests.texts import ARTICLE_LF

ROOT = Path(__file__).resolve().parents[2] / "annotator"

# A placeholder that has a name: ?NNN, :name, @name or $name (after quoted text is removed).
_NAMED = re.compile(r"\?\d+|[:@$][A-Za-z_]\w*")
_QUOTED = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"")


def named_placeholders(sql: str) -> list[str]:
    return _NAMED.findall(_QUOTED.sub("", sql))


def _check(sql: str, params: object) -> None:
    if params is None or isinstance(params, dict):
        return
    found = named_placeholders(sql)
    assert not found, f"{found} bound to a sequence in: {sql}"


class CheckingCursor(sqlite3.Cursor):
    def execute(self, sql, parameters=(), /):
        _check(sql, parameters)
        return super().execute(sql, parameters)

    def executemany(self, sql, seq_of_parameters, /):
        rows = list(seq_of_parameters)
        for parameters in rows[:1]:
            _check(sql, parameters)
        return super().executemany(sql, rows)


class CheckingConnection(sqlite3.Connection):
    def cursor(self, factory=CheckingCursor):
        return super().cursor(factory)

    def execute(self, sql, parameters=(), /):
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql, seq_of_parameters, /):
        return self.cursor().executemany(sql, seq_of_parameters)


def test_the_checks_know_a_named_placeholder():
    assert named_placeholders("SELECT ?1, :name, @x, $y") == ["?1", ":name", "@x", "$y"]
    assert named_placeholders("SELECT ?, '?1 :not' FROM t WHERE json_extract(a, '$.b')") == []
    with pytest.raises(AssertionError):
        _check("SELECT ?1", ("a",))
    _check("SELECT :a", {"a": 1})


def test_a_days_work_binds_no_sequence_to_named_placeholders(tmp_path, monkeypatch):
    connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect",
                        lambda *args, **kwargs: connect(*args, factory=CheckingConnection,
                                                        **kwargs))

    def run(*args):
        result = CliRunner().invoke(cli, [str(a) for a in args])
        assert result.exit_code == 0, result.output + result.stderr
        return result

    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        path = tmp_path / "work.tawsim"
        run("init", path)
        article = tmp_path / "article.txt"
        article.write_text(ARTICLE_LF, encoding="utf-8")
        run("import", path, article)
        with open_project(path) as project:
            assert isinstance(project.conn, CheckingConnection)
            session = AnnotationSession(project, "amal")
            (doc_id,) = project.document_ids()
            session.annotations(doc_id)
            start = ARTICLE_LF.index("الطريق مفتوح أمام المدنيين")
            claim = session.add_span(doc_id, start, start + 26, "CLAIM")
            start = ARTICLE_LF.index("المتحدث باسم الدفاع المدني")
            actor = session.add_span(doc_id, start, start + 26, "ACTOR")
            session.link("SOURCE", claim.id, actor.id)
            session.set_note(actor.id, "a note")
            session.relabel(actor.id, "LOCATION")
            session.undo(doc_id)
            session.redo(doc_id)
            session.undo(doc_id)
            session.remove_span(actor.id)
            session.undo(doc_id)
            session.changes_elsewhere(doc_id)
            exporting.export_to_stream(project, io.BytesIO(), format="jsonl", layer="amal")
        run("scheme", "rename", path, "ACTOR", "SPEAKER")
        run("search", path, "الزهراء", "--json")
        run("export", path, "-o", tmp_path / "out.jsonl", "--layer", "amal")
        run("stats", path, "--json")


def _string_text(node: ast.expr) -> str | None:
    """The literal text of a SQL argument (f-strings and + joins included), or None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values
                       if isinstance(v, ast.Constant) and isinstance(v.value, str))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _string_text(node.left), _string_text(node.right)
        if left is not None or right is not None:
            return (left or "") + (right or "")
    return None


def _dict_names(function: ast.AST) -> set[str]:
    """Names a function knows as dicts: parameters annotated dict or Mapping, and names it
    assigns a dict display or a dict() call to."""
    names: set[str] = set()
    if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
        for arg in (*function.args.args, *function.args.kwonlyargs):
            annotation = ast.unparse(arg.annotation) if arg.annotation else ""
            if annotation.startswith(("dict", "Mapping")):
                names.add(arg.arg)
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and (
                isinstance(node.value, ast.Dict) or (
                    isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name)
                    and node.value.func.id == "dict")):
            names |= {target.id for target in node.targets if isinstance(target, ast.Name)}
    return names


def test_no_statement_in_the_source_binds_a_sequence_to_named_placeholders():
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"), str(path))
        for function in [tree, *(node for node in ast.walk(tree)
                                 if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef))]:
            known = _dict_names(function)
            for node in ast.walk(function):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and node.func.attr in ("execute", "executemany")
                        and len(node.args) >= 2):
                    continue
                sql, given = _string_text(node.args[0]), node.args[1]
                if sql is None or isinstance(given, ast.Dict) or (
                        isinstance(given, ast.Name) and given.id in known):
                    continue
                if named_placeholders(sql):
                    found.append(f"{path.relative_to(ROOT.parent)}:{node.lineno}")
    assert not found, "named placeholders bound to a sequence: " + ", ".join(sorted(set(found)))


def test_the_source_check_finds_a_sequence_bound_to_names():
    tree = ast.parse("def f(rows: list):\n    conn.execute('SELECT :a', rows)\n")
    (function,) = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]
    assert _dict_names(function) == set()
    tree = ast.parse("def f(params: dict[str, int]):\n    conn.execute('SELECT :a', params)\n")
    (function,) = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]
    assert _dict_names(function) == {"params"}
