"""Which tool's records a JSON object is, by the keys that carry its spans.

A JSON array can hold plain articles, Label Studio tasks (`data` and `annotations`), Label
Studio's JSON_MIN records (the task's fields at the top, each labelling control's regions as
a list of `{"start", "end", "text", "labels"}`, and `annotation_id`, `lead_time`...), or
doccano records (`label` as `[start, end, label]` lists, or `entities` with `start_offset`).
Read as articles, the last three would lose every span without a word: `shape_of` tells
them apart, so that `--format auto` chooses for certain or refuses with the candidates, and
the article readers refuse an object that carries spans.
"""

from __future__ import annotations

from typing import Any, Literal

from annotator.core.errors import TawsimError

Shape = Literal["labelstudio", "doccano", "article", "either"]

# Keys only a Label Studio task has next to its `data`.
TASK_KEYS = ("annotations", "predictions", "completions")
# What Label Studio's JSON_MIN (and CSV, TSV) export adds to the task's own fields.
MINIMAL_KEYS = ("annotator", "annotation_id", "created_at", "updated_at", "lead_time",
                "agreement", "history", "was_cancelled")
TEXT_FIELDS = ("text", "content", "body", "article")


def is_region(value: Any) -> bool:
    """A JSON_MIN region: an object with whole-number start and end (labels, choices or a
    note over a stretch of the text)."""
    return (isinstance(value, dict) and type(value.get("start")) is int
            and type(value.get("end")) is int)


def region_lists(item: dict) -> list[str]:
    """The keys of `item` whose value is a non-empty list of JSON_MIN regions."""
    return [key for key, value in item.items()
            if isinstance(value, list) and value and all(is_region(v) for v in value)]


def is_minimal_record(item: Any) -> bool:
    """A Label Studio JSON_MIN record: regions under a control's name, or the annotation's
    bookkeeping (`annotation_id` and `lead_time`, present even when nothing was labelled)."""
    if not isinstance(item, dict) or isinstance(item.get("data"), dict):
        return False
    if any(isinstance(item.get(key), list) and any("labels" in v for v in item[key])
           for key in region_lists(item)):
        return True
    return "annotation_id" in item and "lead_time" in item


def _is_triple(value: Any) -> bool:
    return (isinstance(value, list) and len(value) == 3 and type(value[0]) is int
            and type(value[1]) is int and isinstance(value[2], str))


def is_doccano_record(item: Any) -> bool:
    """doccano's span keys: `label` as [start, end, label] lists, or `entities` objects with
    start_offset and end_offset."""
    if not isinstance(item, dict):
        return False
    label, entities = item.get("label"), item.get("entities")
    if isinstance(label, list) and label and all(_is_triple(v) for v in label):
        return True
    return (isinstance(entities, list) and bool(entities)
            and all(isinstance(v, dict) and "start_offset" in v and "end_offset" in v
                    for v in entities))


def is_task(item: Any) -> bool:
    return isinstance(item, dict) and isinstance(item.get("data"), dict)


def shape_of(item: Any) -> Shape:
    """What one object of a JSON array is. A task keeps its text in `data`; an article keeps
    it at the top and may carry a `data` object of its own (a feed's metadata): an object
    with a text both at the top and in `data`, and no annotations, is "either"."""
    if is_doccano_record(item):
        return "doccano"
    if is_minimal_record(item):
        return "labelstudio"
    if not is_task(item):
        return "article"
    if any(key in item for key in TASK_KEYS):
        return "labelstudio"
    if not any(isinstance(item.get(key), str) for key in TEXT_FIELDS):
        return "labelstudio"
    return "either" if isinstance(item["data"].get("text"), str) else "article"


def collection_shape(items: list[Any], path: str) -> str:
    """One shape for the leading objects of a file ("labelstudio", "doccano" or "article"),
    or a one-line refusal naming the formats that could read it, when they disagree or the
    objects cannot tell."""
    shapes = [shape_of(item) for item in items]
    if "either" in shapes:
        raise TawsimError("cannot tell Label Studio tasks from a JSON array of articles "
                          "(objects with a text both in 'data' and outside it); pass "
                          "--format labelstudio or --format json", path=path)
    found = set(shapes) - {"article"}
    if not found:
        return "article"
    articles = [item for item, shape in zip(items, shapes, strict=True) if shape == "article"]
    if len(found) == 1:
        (shape,) = found
        # Beside them, only a doccano record with no span yet ("label": []) looks like an
        # article; a real article means the file mixes kinds.
        if not articles or (shape == "doccano" and all(map(_unlabelled_doccano, articles))):
            return shape
    kinds = sorted({*found, *(["article"] if articles else [])})
    raise TawsimError("cannot tell which format the file is: its objects look like "
                      + " and ".join(_KIND[kind][0] for kind in kinds) + "; pass --format "
                      + " or --format ".join(_KIND[kind][1] for kind in kinds), path=path)


_KIND = {"labelstudio": ("Label Studio records", "labelstudio"),
         "doccano": ("doccano records", "doccano"), "article": ("articles", "json")}


def _unlabelled_doccano(item: Any) -> bool:
    return isinstance(item, dict) and isinstance(item.get("text"), str) and (
        item.get("label") == [] or item.get("entities") == [])


def span_keys_of(item: Any) -> str | None:
    """The format whose span keys an object carries (so it is not a plain article), or None."""
    shape = shape_of(item)
    return shape if shape in ("labelstudio", "doccano") else None
