"""The whole round of a team without a server, through the services: a lead packages 30
articles for three annotators with 20% overlap; two of them annotate in their own files; the
lead merges; one annotator deletes a span and relabels another; the lead merges the newer
file and holds exactly that annotator's current spans and relations; merging again changes
nothing; a second "amal" stays a layer of its own; progress shows each one's active time."""

from __future__ import annotations

import shutil
from pathlib import Path

from annotator.core.model import Status
from annotator.services.adjudication import working_session
from annotator.services.identity import Person, new_person_id, package_identity
from annotator.services.importing import import_paths
from annotator.services.merging import merge_files
from annotator.services.packaging import make_packages
from annotator.services.progress import team_progress
from annotator.services.projects import init_project, open_project

ARTICLES = [f"قال المتحدث باسم الجيش {n} إن طائرات قصفت موقعًا قرب مدينة حلب {n}."
            for n in range(30)]


def lead_project(folder: Path) -> Path:
    source = folder / "articles"
    source.mkdir()
    for number, text in enumerate(ARTICLES):
        (source / f"{number:02d}.txt").write_text(text, encoding="utf-8")
    path = folder / "lead.tawsim"
    store = init_project(path)
    try:
        import_paths(store, [source], actor="lead")
    finally:
        store.close()
    return path


def annotate(package: Path, name: str, documents: int = 3) -> None:
    """The annotator's work in their package: an actor, a place and a claim with its
    source in their first documents, each done, with some active time."""
    with open_project(package) as store:
        identity = package_identity(store)
        assert identity is not None and identity.annotator == name
        session = working_session(store, name, person=Person(identity.person, name))
        for doc in list(store.document_ids())[:documents]:
            text = store.document_text(doc)
            actor = session.add_span(doc, text.index("المتحدث"), text.index(" إن"), "ACTOR")
            session.add_span(doc, text.index("مدينة"), text.rindex(" "), "LOCATION")
            claim = session.add_span(doc, text.index("طائرات"), text.rindex("."), "CLAIM")
            session.link("SOURCE", claim.id, actor.id)
            session.set_attribute(claim.id, "stance", "reported")
            session.set_status(doc, Status.DONE)
            session.add_active_time(doc, 90.0)


def layer_state(path: Path, layer: str) -> dict[str, object]:
    """Everything a layer holds, by id, across the documents."""
    with open_project(path) as store:
        spans, relations = {}, {}
        for doc in store.document_ids():
            for span in store.spans(doc, layer):
                spans[span.id] = (doc, span.start, span.end, span.label,
                                  tuple(sorted(span.attrs.items())), span.note)
            for relation in store.relations(doc, layer):
                relations[relation.id] = (doc, relation.type, relation.head, relation.tail)
        return {"spans": spans, "relations": relations}


def test_package_merge_and_merge_again(tmp_path):
    lead = lead_project(tmp_path)
    out = tmp_path / "packages"
    with open_project(lead) as store:
        report = make_packages(store, out, ["amal", "basel", "chadi"], overlap=0.2)
    assert sum(package.documents for package in report.packages) == 30 + 6
    for name in ("amal", "basel"):
        annotate(out / f"{name}.tawsim", name)

    with open_project(lead) as store:
        merge_files(store, [out / "amal.tawsim", out / "basel.tawsim", out / "chadi.tawsim"])
        owners = {layer.name: layer.owner for layer in store.layers()}
    assert {"amal", "basel", "chadi"} <= set(owners)
    for name in ("amal", "basel"):
        assert layer_state(lead, name) == layer_state(out / f"{name}.tawsim", name)

    # Merging the same files again changes nothing.
    before = lead.read_bytes()
    with open_project(lead) as store:
        again = merge_files(store, [out / "amal.tawsim", out / "basel.tawsim"])
    assert not again.changed and lead.read_bytes() == before

    # amal deletes a span and relabels another; the lead merges the newer file.
    with open_project(out / "amal.tawsim") as store:
        identity = package_identity(store)
        session = working_session(store, "amal", person=Person(identity.person, "amal"))
        first, second = list(store.document_ids())[:2]
        gone = next(s for s in store.spans(first, "amal") if s.label == "LOCATION")
        renamed = next(s for s in store.spans(second, "amal") if s.label == "LOCATION")
        session.remove_span(gone.id)
        session.relabel(renamed.id, "ACTOR")
    with open_project(lead) as store:
        newer = merge_files(store, [out / "amal.tawsim"])
        (layer,) = [item for item in newer.files[0].layers if item.layer == "amal"]
        assert (layer.spans_removed, layer.spans_changed, layer.spans_added) == (1, 1, 0)
        assert gone.id not in {s.id for s in store.spans(first, "amal")}
        assert store.span(renamed.id).label == "ACTOR"
    assert layer_state(lead, "amal") == layer_state(out / "amal.tawsim", "amal")

    # A second person named amal, annotating a copy of the lead, stays a layer of their own.
    other = tmp_path / "other-amal.tawsim"
    shutil.copyfile(out / "basel.tawsim", other)
    with open_project(other) as store:
        session = working_session(store, "amal", person=Person(new_person_id(), "amal"))
        doc = next(store.document_ids())
        text = store.document_text(doc)
        session.add_span(doc, 0, text.index(" "), "ACTOR")
    with open_project(lead) as store:
        merge_files(store, [other])
        layers = {layer.name for layer in store.layers()}
    assert {"amal", "amal (2)"} <= layers
    assert layer_state(lead, "amal") == layer_state(out / "amal.tawsim", "amal")

    with open_project(lead) as store:
        progress = {row.layer: row for row in team_progress(store).annotators}
    assert progress["amal"].active_seconds == 270 and progress["basel"].active_seconds == 270
    assert progress["amal"].done == 3 and progress["chadi"].done == 0
    assert progress["amal"].last_merged is not None
    assert progress["amal (2)"].name == "amal" and progress["amal (2)"].assigned == 0


def test_merging_leaves_nothing_beside_the_annotators_files(tmp_path):
    lead = lead_project(tmp_path)
    out = tmp_path / "packages"
    with open_project(lead) as store:
        make_packages(store, out, ["amal"])
    annotate(out / "amal.tawsim", "amal", documents=1)
    before = sorted(path.name for path in out.iterdir())
    with open_project(lead) as store:
        merge_files(store, [out / "amal.tawsim"], dry_run=True)
        merge_files(store, [out / "amal.tawsim"])
    assert sorted(path.name for path in out.iterdir()) == before == ["amal.tawsim"]
