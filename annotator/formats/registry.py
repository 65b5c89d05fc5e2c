"""The one place formats are registered; the CLI, the app and `--format auto` look here."""

from __future__ import annotations

from pathlib import Path

from annotator.core.errors import TawsimError
from annotator.formats import (
    articles,
    brat,
    conll,
    docbin,
    doccano,
    labelstudio,
    native,
    parquet,
    spacy_jsonl,
)
from annotator.formats.base import Format, OptionSpec

_FORMATS: dict[str, Format] = {}

FAMILIES = OptionSpec(
    "families", "Labels that share a tag column or doc.ents, as NAME=LABEL,LABEL;NAME=LABEL "
    "(default: the background labels together, each other label alone).")
MISALIGNED = OptionSpec(
    "misaligned", "A span edge inside a token: cut the token there, widen the span to whole "
    "tokens, or leave the span out (each case is reported).", ("split", "expand", "skip"),
    "split")


def register(fmt: Format) -> Format:
    if fmt.name in _FORMATS:
        raise ValueError(f"format {fmt.name!r} is registered twice")
    _FORMATS[fmt.name] = fmt
    return fmt


def get(name: str) -> Format:
    try:
        return _FORMATS[name]
    except KeyError:
        raise TawsimError(f"unknown format {name!r} (known: {', '.join(_FORMATS)})") from None


def names() -> list[str]:
    return list(_FORMATS)


def readers() -> list[Format]:
    return [f for f in _FORMATS.values() if f.reader is not None]


def writers() -> list[Format]:
    return [f for f in _FORMATS.values() if f.writer is not None]


def reader_for(path: Path, name: str = "auto") -> Format:
    """The format to read `path` with: the one named, or the one its name or content implies."""
    if name != "auto":
        fmt = get(name)
        if fmt.reader is None:
            raise TawsimError(f"Tawsim cannot import the {name} format", path=str(path))
        return fmt
    if path.is_dir():
        for fmt in readers():
            if fmt.sniff is not None and fmt.sniff(path):
                return fmt
        return get("text")
    suffix = path.suffix.lower()
    candidates = [fmt for fmt in readers() if suffix in fmt.extensions]
    # Formats that recognise their content decide first: a doccano .jsonl is not an article
    # list. A sniffer raises when the content could be its format or another.
    recognised = [fmt for fmt in candidates if fmt.sniff is not None and fmt.sniff(path)]
    if len(recognised) == 1:
        return recognised[0]
    if recognised:
        raise TawsimError(_undecided(recognised, "the content fits"), path=str(path))
    fallback = [fmt for fmt in candidates if fmt.sniff is None]
    if fallback:
        return fallback[0]
    if candidates:
        raise TawsimError(_undecided(candidates, "the name suggests, but the content is not"),
                          path=str(path))
    raise TawsimError(
        f"cannot tell the format from the name; pass --format "
        f"({', '.join(f.name for f in readers())})",
        path=str(path),
    )


def _undecided(formats: list[Format], why: str) -> str:
    names = ", ".join(f.name for f in formats)
    return (f"cannot tell the format for certain ({why}: {names}); pass --format "
            + " or --format ".join(f.name for f in formats))


register(Format(
    name="text", description="plain text, one article per file (a file or a folder of .txt)",
    extensions=(".txt",), reader=articles.read_text,
))
register(Format(
    name="json", description="a JSON array of article objects (text, title, id, ...)",
    extensions=(".json",), reader=articles.read_json,
))
register(Format(
    name="jsonl",
    description="JSON Lines: Tawsim dataset records, or one article object per line",
    extensions=(".jsonl", ".ndjson"), reader=articles.read_jsonl, writer=native.write,
    carries_layers=True, streams=True,
))
register(Format(
    name="doccano",
    description="doccano sequence labelling JSONL ([start, end, label] lists; with "
                "--relations its entities and relations form)",
    extensions=(".jsonl", ".json"), reader=doccano.read, writer=doccano.write,
    sniff=doccano.sniff,
    streams=True,
    options=(OptionSpec("relations", "Write the entities-and-relations form (--relations).",
                        ("no", "yes"), "no"),),
))
register(Format(
    name="labelstudio",
    description="Label Studio tasks JSON (labels, per-region choices and notes, relations) "
                "with its labelling config; its JSON_MIN, CSV and TSV exports are read too",
    extensions=(".json", ".csv", ".tsv"), reader=labelstudio.read, writer=labelstudio.write,
    sniff=labelstudio.sniff,
    options=(OptionSpec("target", "Write the results as annotations, or as predictions (for "
                        "a model layer).", ("annotations", "predictions"), "annotations"),),
))
register(Format(
    name="spacy",
    description='spaCy training JSONL: [text, {"entities": [...], "spans": {"sc": [...]}}]',
    extensions=(".jsonl",), reader=spacy_jsonl.read, writer=spacy_jsonl.write,
    sniff=spacy_jsonl.sniff, options=(MISALIGNED, FAMILIES), streams=True,
))
register(Format(
    name="docbin",
    description="spaCy DocBin (.spacy) with doc.ents and doc.spans; needs spaCy "
                "(pip install 'tawsim[spacy]')",
    extensions=(".spacy",), reader=docbin.read, writer=docbin.write, sniff=docbin.sniff,
    folder_for=docbin.writes_folder,
    options=(MISALIGNED, FAMILIES,
             OptionSpec("shard", "Documents per .spacy file, written as a folder in constant "
                        "memory (default for a path not ending in .spacy: 1000).")),
))
register(Format(
    name="brat",
    description="brat standoff: a folder of .txt and .ann files with annotation.conf",
    extensions=(".ann",), reader=brat.read, writer=brat.write, writes_folder=True,
    sniff=brat.sniff,
))
register(Format(
    name="conll",
    description="CoNLL token-per-line BIO (IOB2), one tag column per label family, Tawsim's "
                "tokens with an explicit proclitic policy",
    extensions=(".conll", ".bio", ".iob", ".iob2"), reader=conll.read, writer=conll.write,
    sniff=conll.sniff, streams=True,
    options=(OptionSpec("proclitics", "Split و ف ب ك ل off their word as tokens of their own, "
                        "or keep them on it.", ("split", "keep"), "split"),
             OptionSpec("tokens", "For documents whose text was rebuilt from a CoNLL "
                        "import: write their imported tokens back (an exact round trip), or "
                        "Tawsim's tokens (each imported token written otherwise is reported).",
                        conll.TOKEN_CHOICES, "imported"),
             MISALIGNED, FAMILIES,
             OptionSpec("nesting", "Tag columns per family, for spans of one family that "
                        f"nest or overlap (at most {conll.MAX_NESTING}; deeper spans are "
                        "reported).", (), "1")),
))
register(Format(
    name="parquet",
    description="Apache Parquet for DuckDB, Spark, Polars and Hugging Face datasets: one row "
                "per document and layer, spans and relations nested; a folder of shards "
                "written in parallel (or one .parquet file); needs pyarrow (pip install "
                "'tawsim[parquet]')",
    extensions=parquet.EXTENSIONS, reader=parquet.read, writer=parquet.write,
    sniff=parquet.sniff, writes_folder=True, folder_for=parquet.writes_folder,
    carries_layers=True,
    options=(OptionSpec("shard", f"Documents per part file (default {parquet.DEFAULT_SHARD:,})."),
             OptionSpec("jobs", "Processes writing the part files at once (default: one "
                        "fewer than the cores this machine gives Tawsim, at least 1, which "
                        "writes them in the exporting process)."),
             OptionSpec("compression", "How the columns are compressed.", parquet.COMPRESSIONS,
                        parquet.DEFAULT_COMPRESSION)),
))
