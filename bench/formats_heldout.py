"""What each format keeps of a real CoNLL corpus: import it, export it, import the export.

    python bench/formats_heldout.py CORPUS.conll [CORPUS.conll ...] [--workdir DIR]

For each corpus file (token-per-line IOB2, tab- or space-separated, nested layers as extra
columns), a scheme is made from the labels it uses, the file is imported as the gold layer,
then exported in every format Tawsim writes and each export imported into a fresh project.
Printed per format: whether the text came back the same, how many spans came back at the
same offsets with the same label, what the export reported, and, for spaCy JSONL, how many
lines `Example.from_dict` loads without a warning or an error (when spaCy is installed).
The corpora are read where they are; nothing of them is written outside --workdir.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import warnings
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from annotator.cli import cli  # noqa: E402
from annotator.storage import ProjectStore, scan  # noqa: E402

# (format, output name, options, the format to read the export back with)
EXPORTS = [
    ("jsonl", "out.jsonl", [], "jsonl"),
    ("conll", "out.conll", [], "conll"),
    ("conll", "nested.conll", ["nesting=3"], "conll"),
    ("conll", "tawsim-tokens.conll", ["tokens=tawsim", "nesting=3"], "conll"),
    ("doccano", "out.doccano.jsonl", [], "doccano"),
    ("labelstudio", "out.json", [], "labelstudio"),
    ("spacy", "out.spacy.jsonl", [], "spacy"),
    ("docbin", "out.spacy", [], "docbin"),
    ("brat", "brat", [], "brat"),
]


def _run(*args: object) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    if result.exit_code != 0:
        raise SystemExit(f"tawsim {' '.join(map(str, args))}: {result.output}")
    return result.stderr


def _labels(corpus: Path) -> list[str]:
    labels: set[str] = set()
    for line in corpus.read_text("utf-8-sig").splitlines():
        fields = line.split("\t") if "\t" in line else line.split()
        labels.update(tag.strip()[2:] for tag in fields[1:] if tag.strip()[:2] in ("B-", "I-"))
    return sorted(labels)


def _scheme(corpus: Path, folder: Path) -> Path:
    colours = ["#9fd8a4", "#f4b183", "#9dc3e6", "#ffd966", "#c9a0dc", "#f8cbad"]
    path = folder / "scheme.json"
    path.write_text(json.dumps({"name": "corpus", "version": 1, "labels": [
        {"name": label, "color": colours[index % len(colours)]}
        for index, label in enumerate(_labels(corpus))]}), "utf-8")
    return path


def _state(project: Path) -> dict[str, tuple[str, set[tuple[int, int, str]]]]:
    with ProjectStore.open(project) as store:
        return {record.text_sha256 or "": (record.text, {(s.start, s.end, s.label)
                                                         for s in record.spans})
                for record in scan(store)}


def _spacy_lines(path: Path) -> str:
    try:
        import spacy
        from spacy.training import Example
    except ImportError:
        return "spaCy not installed"
    nlp = spacy.blank("ar")
    good = bad = 0
    for line in path.read_text("utf-8").splitlines():
        text, annotations = json.loads(line)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                Example.from_dict(nlp.make_doc(text), annotations)
                good += 1
            except Exception:  # W030 raised as an error, E855, or anything else
                bad += 1
    return f"lines loaded by spaCy without a warning: {good}; failed: {bad}"


def check(corpus: Path, work: Path) -> None:
    scheme = _scheme(corpus, work)
    source = work / "source.tawsim"
    _run("init", source, "--scheme", scheme)
    _run("import", source, corpus, "--format", "conll", "--layer", "gold")
    original = _state(source)
    (text, spans), = original.values()
    print(f"\n{corpus.name}: {len(text)} characters, {len(spans)} spans")
    for fmt, name, options, reader in EXPORTS:
        out = work / name
        report = work / f"{name}.report.json"
        flags = [item for option in options for item in ("--option", option)]
        warned = _run("export", source, "-o", out, "--format", fmt, "--layer", "gold",
                      *flags, "--report", report)
        back = work / f"{name}.tawsim"
        _run("init", back, "--scheme", scheme)
        _run("import", back, out, "--format", reader, "--layer", "gold")
        (text2, spans2), = _state(back).values()
        issues = json.loads(report.read_text("utf-8"))["issue_count"]
        warnings_ = [line.removeprefix("tawsim: warning: ") for line in warned.splitlines()
                     if line.startswith("tawsim: warning:") and "--report" not in line]
        label = f"{fmt} {' '.join(options)}".strip()
        print(f"  {label:28} text {'same' if text2 == text else 'DIFFERS'}; "
              f"{len(spans & spans2)}/{len(spans)} spans exact; {issues} reported")
        for line in warnings_:
            print(f"      {line}")
        if fmt == "spacy":
            print(f"      {_spacy_lines(out)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpora", nargs="+", type=Path)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    for corpus in args.corpora:
        with tempfile.TemporaryDirectory(dir=args.workdir) as folder:
            check(corpus, Path(folder))


if __name__ == "__main__":
    main()
