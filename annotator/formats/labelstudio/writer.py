"""Writing Label Studio tasks JSON, with the labelling config beside it (`NAME.config.xml`).

Each record is a task whose results are its annotations or, for a model layer, its
predictions (`target`). Relation attributes have no place in Label Studio and are reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import orjson

from annotator.core.records import DocumentRecord
from annotator.formats.base import WriteOptions, WriteReport
from annotator.formats.common import Tally, option
from annotator.formats.files import atomic_output
from annotator.formats.labelstudio.config import LABELS, NOTE, TEXT, labelling_config

NAME = "Label Studio"


def _results_of(record: DocumentRecord, tally: Tally) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    for span in record.spans:
        where = {"start": span.start, "end": span.end, "text": span.text}
        results.append({"id": span.id, "from_name": LABELS, "to_name": TEXT, "type": "labels",
                        "value": {**where, "labels": [span.label]}})
        for name, value in span.attrs.items():
            if value is None:
                continue
            results.append({"id": span.id, "from_name": name, "to_name": TEXT,
                            "type": "choices", "value": {**where, "choices": [value]}})
        if span.note:
            results.append({"id": span.id, "from_name": NOTE, "to_name": TEXT,
                            "type": "textarea", "value": {**where, "text": [span.note]}})
    for relation in record.relations:
        results.append({"from_id": relation.head, "to_id": relation.tail, "type": "relation",
                        "direction": "right", "labels": [relation.type]})
        for name in relation.attrs:
            tally.add(f"{{n}} {name} value{{s}} on {relation.type} relations not written: "
                      f"{NAME} relations carry only a label")
    return results


def write(records: Iterable[DocumentRecord], out: Path, options: WriteOptions) -> WriteReport:
    target = option(options.extra, "target", "annotations", ("annotations", "predictions"))
    report = WriteReport(files=[str(out)])
    tally = Tally()
    with atomic_output(out) as handle:
        handle.write(b"[")
        for number, record in enumerate(records, start=1):
            results = _results_of(record, tally)
            task: dict[str, Any] = {"id": number,
                                    "data": {"text": record.text, "doc_id": record.id}}
            if target == "predictions":
                task["predictions"] = [{"model_version": record.layer or "tawsim",
                                        "result": results}]
            else:
                task["annotations"] = [{"result": results, "was_cancelled": False,
                                        "ground_truth": record.layer == "gold"}]
            handle.write((b",\n" if number > 1 else b"\n") + orjson.dumps(task))
            report.documents += 1
            report.spans += len(record.spans)
            report.relations += len(record.relations)
        handle.write(b"\n]\n")
    if options.scheme is not None:
        config = out.with_name(f"{out.stem}.config.xml")
        with atomic_output(config) as handle:
            handle.write(labelling_config(options.scheme).encode("utf-8"))
        report.files.append(str(config))
    tally.report_to(report)
    return report

