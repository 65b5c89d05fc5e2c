"""`--format auto` tells Label Studio tasks from a JSON array of articles by their shape."""

import json

import pytest

from annotator.core.errors import TawsimError
from annotator.formats import registry
from annotator.services.importing import import_paths
from annotator.storage import scan
from tests.texts import SHORT


def _write(path, value):
    path.write_text(json.dumps(value, ensure_ascii=False), "utf-8")
    return path


def test_articles_with_a_data_object_are_articles_not_tasks(project, tmp_path):
    path = _write(tmp_path / "arts.json", [
        {"id": "a1", "title": "عنوان", "text": SHORT, "data": {"source": "AFP"}},
        {"id": "a2", "title": "عنوان ٢", "text": SHORT + " أمس", "data": {"source": "Reuters"}},
    ])
    assert registry.reader_for(path).name == "json"
    import_paths(project, [path], actor="t")
    records = list(scan(project))
    assert [r.text for r in records] == [SHORT, SHORT + " أمس"]
    assert records[0].meta == {"title": "عنوان", "data": {"source": "AFP"}}


@pytest.mark.parametrize("tasks", [
    [{"data": {"text": SHORT}}],  # tasks to import, not annotated yet
    [{"id": 1, "data": {"text": SHORT}, "annotations": []}],
    [{"data": {"article": SHORT}, "predictions": [{"result": []}]}],
    {"data": {"text": SHORT}},  # one task
])
def test_label_studio_tasks_are_recognised(tmp_path, tasks):
    path = _write(tmp_path / "t.json", tasks)
    assert registry.reader_for(path).name == "labelstudio"


def test_a_task_larger_than_the_sniffed_head_is_still_recognised(tmp_path):
    long_text = SHORT * 3000  # the first task alone is far beyond 64 KB
    path = _write(tmp_path / "t.json", [{"data": {"text": long_text}, "annotations": []}])
    assert registry.reader_for(path).name == "labelstudio"


def test_an_object_that_could_be_either_is_refused_with_the_way_out(project, tmp_path):
    path = _write(tmp_path / "x.json", [{"text": SHORT, "data": {"text": "نص آخر"}}])
    with pytest.raises(TawsimError) as caught:
        import_paths(project, [path], actor="t")
    message = str(caught.value)
    assert str(path) in message and "--format labelstudio" in message
    assert "--format json" in message and "\n" not in message
    assert project.count_documents() == 0


def test_a_file_mixing_tasks_and_articles_is_refused(tmp_path):
    path = _write(tmp_path / "x.json", [{"data": {"text": SHORT}},
                                        {"text": SHORT, "data": {"source": "AFP"}}])
    with pytest.raises(TawsimError, match="--format"):
        registry.reader_for(path)


def test_read_as_label_studio_an_article_is_refused_not_misread(project, tmp_path):
    path = _write(tmp_path / "arts.json",
                  [{"id": "a1", "text": SHORT, "data": {"source": "AFP"}}])
    with pytest.raises(TawsimError, match=r"\(task 1\).*article.*--format json"):
        import_paths(project, [path], actor="t", format="labelstudio")
