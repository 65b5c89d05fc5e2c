"""The analyser's readings remembered across processes, and a project's words learnt ahead."""

from annotator.core.farahidi_lexicon import farahidi_readings
from annotator.services.lexicon import learn_project_words, project_words, remember_readings
from tests.services.conftest import add_documents


def test_a_projects_words_are_learnt_into_the_cache_folder(project, tmp_path, monkeypatch):
    add_documents(project, [("a", "وقال مسؤول إن قذائف سقطت بسوريا قرب وادي النخيل.")])
    assert project_words(project) == ["وقال", "بسوريا", "وادي"]
    monkeypatch.setenv("TAWSIM_CACHE_DIR", str(tmp_path))
    try:
        learn_project_words(project)
        lines = (tmp_path / "word-readings.txt").read_text(encoding="utf-8").splitlines()
        assert {line.split("\t")[0] for line in lines[1:]} >= {"وقال", "بسوريا", "وادي"}
        monkeypatch.setenv("TAWSIM_CACHE_DIR", "")
        assert remember_readings() is None and farahidi_readings.path is None
    finally:
        monkeypatch.undo()
        remember_readings()


def test_the_rests_of_words_the_corpus_never_saw_are_learnt_too(project, tmp_path, monkeypatch):
    # A made-up name after و (no reading, never seen): the decision may ask about its rest, so
    # the desk must find the rest in the file rather than load the analyser for it.
    add_documents(project, [("a", "زار فلورنسا وقرطخنس وقال إنها جميلة.")])
    monkeypatch.setenv("TAWSIM_CACHE_DIR", str(tmp_path))
    try:
        learn_project_words(project)
        lines = (tmp_path / "word-readings.txt").read_text(encoding="utf-8").splitlines()
        assert {"وقرطخنس", "قرطخنس"} <= {line.split("\t")[0] for line in lines[1:]}
    finally:
        monkeypatch.undo()
        remember_readings()
