"""Random sequences of scheme changes on random annotations never leave an orphan: after each
change every stored annotation satisfies the scheme, a refused change changes nothing, and the
counts say exactly what happened."""

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import SchemeError
from annotator.core.records import DocumentRecord, RelationRecord, SpanRecord, prepare_record
from annotator.core.scheme_edits import (
    AddAttribute,
    AddLabel,
    AddRelation,
    AddValue,
    MergeLabel,
    MergeRelation,
    MergeValue,
    RemoveAttribute,
    RemoveLabel,
    RemoveRelation,
    RemoveValue,
    RenameAttribute,
    RenameLabel,
    RenameRelation,
    RenameValue,
    SetRelationEnds,
)
from annotator.core.scheme_migration import SchemeChangeRefused
from annotator.services.scheme import change_scheme, preview_scheme_change, project_violations
from annotator.storage import BulkImport, ProjectStore
from tests.scheme_texts import CONFLICTING

WORDS = [(m.start(), m.end()) for m in re.finditer(r"\S+", CONFLICTING)]
NAMES = ["LOCATION", "ACTOR", "WEAPON", "CLAIM", "SOURCE", "EVENT", "PLACE", "stance",
         "asserted", "denied", "reported", "kind"]
VALUES = ["asserted", "reported", "denied", "uncertain", "other"]


@st.composite
def layers(draw):
    """One document's annotations in one layer, as the default scheme allows them."""
    spans, seen = [], set()
    for index in range(draw(st.integers(1, 14))):
        # Few words, so that spans with the same offsets and different labels are common
        # (merging their labels makes duplicates).
        first = draw(st.integers(0, 9))
        last = first + draw(st.integers(0, 2))
        label = draw(st.sampled_from(["LOCATION", "ACTOR", "WEAPON", "CLAIM"]))
        start, end = WORDS[first][0], WORDS[last][1]
        if (start, end, label) in seen:
            continue
        seen.add((start, end, label))
        attrs = {}
        if label == "CLAIM" and draw(st.booleans()):
            attrs["stance"] = draw(st.sampled_from(VALUES[:4]))
        spans.append(SpanRecord(start, end, label, CONFLICTING[start:end], id=f"s{index}",
                                attrs=attrs))
    claims = [s.id for s in spans if s.label == "CLAIM"]
    actors = [s.id for s in spans if s.label == "ACTOR"]
    relations, pairs = [], set()
    if claims and actors:
        for index in range(draw(st.integers(0, 4))):
            pair = (draw(st.sampled_from(claims)), draw(st.sampled_from(actors)))
            if pair not in pairs:
                pairs.add(pair)
                relations.append(RelationRecord("SOURCE", *pair, id=f"r{index}"))
    return spans, relations


def _pick(data, items):
    return data.draw(st.sampled_from(list(items))) if items else "NONE"


def _owners(scheme):
    return [o.name for o in (*scheme.labels, *scheme.relations)]


def _attribute(data, scheme):
    # Mostly CLAIM's stance, the attribute annotations use.
    owner = scheme.owner(data.draw(st.sampled_from(["CLAIM"] * 3 + _owners(scheme)))
                         if scheme.has_label("CLAIM") else _pick(data, _owners(scheme)))
    attribute = _pick(data, [a.name for a in owner.attributes])
    return owner.name, attribute, _pick(data, _values(scheme, owner.name, attribute))


def _values(scheme, owner, attribute):
    definition = scheme.owner(owner).attribute(attribute) if owner != "NONE" else None
    return definition.value_names if definition else []


def draw_op(data, scheme):
    label = _pick(data, scheme.label_names)
    relation = _pick(data, scheme.relation_names)
    name = data.draw(st.sampled_from(NAMES))
    owner, attribute, value = _attribute(data, scheme)
    ends = st.lists(st.sampled_from(scheme.label_names), min_size=1, max_size=3, unique=True)
    choices = [
        lambda: RenameLabel(label, name),
        lambda: MergeLabel(label, _pick(data, scheme.label_names)),
        lambda: RemoveLabel(label),
        lambda: AddLabel(name, "#123456"),
        lambda: RenameRelation(relation, name),
        lambda: MergeRelation(relation, _pick(data, scheme.relation_names)),
        lambda: RemoveRelation(relation),
        lambda: AddRelation(name, data.draw(ends), data.draw(ends)),
        lambda: SetRelationEnds(relation, data.draw(ends), data.draw(ends)),
        lambda: AddAttribute(_pick(data, _owners(scheme)), name, VALUES[:3]),
        lambda: RenameAttribute(owner, attribute, name),
        lambda: RemoveAttribute(owner, attribute),
        lambda: AddValue(owner, attribute, data.draw(st.sampled_from(VALUES))),
        lambda: RenameValue(owner, attribute, value, data.draw(st.sampled_from(VALUES))),
        lambda: MergeValue(owner, attribute, value, _pick(data, _values(scheme, owner,
                                                                          attribute))),
        lambda: RemoveValue(owner, attribute, value),
    ]
    return data.draw(st.sampled_from(choices))()


def stored(project):
    spans = {row[0]: row[1:] for row in project.conn.execute(
        'SELECT id, label, attrs, "start", "end", text, note FROM span')}
    relations = {row[0]: row[1:] for row in project.conn.execute(
        "SELECT r.id, r.type, r.attrs, h.id, t.id FROM relation AS r "
        "JOIN span AS h ON h.seq = r.head JOIN span AS t ON t.seq = r.tail")}
    return spans, relations, project.meta("scheme")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(amal=layers(), gold=layers(), data=st.data())
def test_random_scheme_changes_never_leave_orphans(amal, gold, data):
    with tempfile.TemporaryDirectory() as folder:
        project = ProjectStore.create(Path(folder) / "p.tawsim")
        try:
            with BulkImport(project, actor="t", source="test") as bulk:
                for layer, (spans, relations) in (("amal", amal), ("gold", gold)):
                    for item in (*spans, *relations):
                        item.id = f"{layer}-{item.id}"
                    for relation in relations:
                        relation.head, relation.tail = (f"{layer}-{relation.head}",
                                                        f"{layer}-{relation.tail}")
                    record = DocumentRecord(text=CONFLICTING, id="d", layer=layer,
                                            spans=spans, relations=relations)
                    bulk.add(prepare_record(record, project.scheme))
            for _ in range(data.draw(st.integers(1, 6))):
                _check_one_change(project, data)
        finally:
            project.close()


def _check_one_change(project, data):
    op = draw_op(data, project.scheme)
    delete = data.draw(st.booleans())
    spans, relations, scheme_json = stored(project)
    try:
        preview = preview_scheme_change(project, op)
    except SchemeError:
        preview = None
    assert stored(project) == (spans, relations, scheme_json)
    try:
        report = change_scheme(project, op, actor="t", delete=delete)
    except SchemeError as error:
        assert stored(project) == (spans, relations, scheme_json)
        # Refused for a loss exactly when the preview showed one.
        assert (preview is not None and preview.counts.loss > 0) == \
            isinstance(error, SchemeChangeRefused)
        return
    assert preview is not None and preview.counts == report.counts
    assert project_violations(project) == []
    new_spans, new_relations, _ = stored(project)
    counts = report.counts
    assert len(spans) - len(new_spans) == counts.spans_deleted
    assert len(relations) - len(new_relations) == counts.relations_deleted
    assert counts.loss == 0 or delete
    assert set(new_spans) <= set(spans) and set(new_relations) <= set(relations)
    # Offsets, texts and notes never change; labels change exactly as counted.
    assert all(new_spans[i][2:] == spans[i][2:] for i in new_spans)
    assert sum(new_spans[i][0] != spans[i][0] for i in new_spans) == counts.spans_relabelled
    assert sum(new_relations[i][0] != relations[i][0] for i in new_relations) == \
        counts.relations_retyped
    # A link keeps its two spans.
    assert all(new_relations[i][2:] == relations[i][2:] for i in new_relations)
