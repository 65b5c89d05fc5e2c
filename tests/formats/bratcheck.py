"""brat's own rules for a standoff folder, as its server checks a document when it opens it.

Written from brat's documented format and the checks its server applies: IDs are a letter
prefix and a number and unique in a file; text-bound offsets lie inside the text, each
fragment has start <= end and fragments neither overlap nor touch; the text field equals the
fragment texts joined by one space; relations have two differently named arguments naming
existing IDs; attributes and notes name existing IDs. Returns the problems found.
"""

from __future__ import annotations

import re
from pathlib import Path

ID = re.compile(r"^([A-Za-z]+|#[A-Za-z]*)([0-9]+)(.*?)$")


def check_document(ann: Path) -> list[str]:
    text = ann.with_suffix(".txt").read_text("utf-8")
    problems: list[str] = []
    ids: set[str] = set()
    references: list[tuple[int, str]] = []
    for number, line in enumerate(ann.read_text("utf-8").split("\n"), start=1):
        if not line:
            continue
        where = f"{ann.name}:{number}"
        brat_id, sep, rest = line.partition("\t")
        if not sep or not ID.match(brat_id):
            problems.append(f"{where}: malformed ID {brat_id!r}")
            continue
        if brat_id in ids:
            problems.append(f"{where}: duplicate ID {brat_id}")
        ids.add(brat_id)
        if brat_id.startswith("T"):
            data, sep, covered = rest.partition("\t")
            label, _, offsets = data.partition(" ")
            fragments = []
            for part in offsets.split(";"):
                start, end = (int(x) for x in part.split(" "))
                if start > end or start < 0 or end > len(text):
                    problems.append(f"{where}: fragment {start} {end} outside the text")
                for other_start, other_end in fragments:
                    if end >= other_start and start < other_end:
                        problems.append(f"{where}: fragments overlap")
                fragments.append((start, end))
            if covered != " ".join(text[s:e] for s, e in fragments):
                problems.append(f"{where}: text field differs from the covered text")
            if not label:
                problems.append(f"{where}: no type")
        elif brat_id.startswith("R"):
            fields = rest.split("\t")[0].split(" ")
            args = [f.partition(":") for f in fields[1:]]
            if len(args) != 2 or args[0][0] == args[1][0]:
                problems.append(f"{where}: a relation needs two different arguments")
            references.extend((number, target) for _, _, target in args)
        elif brat_id.startswith("A"):
            fields = rest.split(" ")
            if len(fields) not in (2, 3):
                problems.append(f"{where}: malformed attribute")
            references.append((number, fields[1]))
        elif brat_id.startswith("#"):
            data = rest.split("\t")[0].split(" ")
            if len(data) != 2:
                problems.append(f"{where}: malformed note")
            references.append((number, data[-1]))
    problems.extend(f"{ann.name}:{number}: {target} is not defined"
                    for number, target in references if target not in ids)
    return problems


def check_folder(folder: Path) -> list[str]:
    problems: list[str] = []
    for ann in sorted(folder.glob("*.ann")):
        if not ann.with_suffix(".txt").is_file():
            problems.append(f"{ann.name}: no .txt beside it")
            continue
        problems.extend(check_document(ann))
    return problems
