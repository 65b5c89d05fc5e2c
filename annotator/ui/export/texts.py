"""What the export dialog says about each format and option, in the interface language.

The formats describe themselves in English (services.catalog, shared with the CLI); the desk
says the same in its own words so that the Arabic interface is Arabic throughout. A format or
option not named here (a new one) shows its own English text.
"""

from __future__ import annotations

from annotator.services.catalog import FormatInfo
from annotator.ui.common.i18n import tr


def format_description(info: FormatInfo) -> str:
    known = {
        "jsonl": tr("Tawsim's dataset: one JSON line per document, with its spans and links"),
        "doccano": tr("doccano sequence labelling (JSON Lines)"),
        "labelstudio": tr("Label Studio tasks (JSON) with a labelling configuration"),
        "spacy": tr("spaCy training data (JSON Lines)"),
        "docbin": tr("spaCy DocBin (.spacy); needs spaCy installed"),
        "brat": tr("brat standoff: a folder of .txt and .ann files"),
        "conll": tr("CoNLL BIO tags, one token per line"),
        "parquet": tr("Apache Parquet for DuckDB, Spark, Polars and Hugging Face datasets: "
                      "a folder of files, one row per document and layer; needs pyarrow "
                      "installed"),
    }
    return known.get(info.name, info.description)


def option_name(name: str) -> str:
    return {
        "relations": tr("Links"),
        "target": tr("Write as"),
        "families": tr("Label families"),
        "misaligned": tr("A span edge inside a token"),
        "shard": tr("Documents per file"),
        "proclitics": tr("Proclitics"),
        "nesting": tr("Nesting levels"),
        "jobs": tr("Writing processes"),
        "compression": tr("Compression"),
    }.get(name, name)


def option_help(name: str, fallback: str, format_name: str = "") -> str:
    if name == "shard" and format_name == "parquet":
        return tr("Documents per Parquet file in the folder (empty: the default size).")
    return {
        "relations": tr("Write the entities-and-relations form, with the links."),
        "target": tr("Write the results as annotations, or as predictions (for a model "
                     "layer)."),
        "families": tr("Labels that share a tag column, as NAME=LABEL,LABEL;NAME=LABEL "
                       "(empty: the background labels together, each other label alone)."),
        "misaligned": tr("Cut the token at the edge, widen the span to whole tokens, or "
                         "leave the span out; every case is listed in the report."),
        "shard": tr("Write a folder of .spacy files with this many documents each (empty: "
                    "one file)."),
        "proclitics": tr("Split و ف ب ك ل off their word as tokens of their own, or keep "
                         "them on it."),
        "nesting": tr("Tag columns per family, for spans of one family that nest or "
                      "overlap."),
        "jobs": tr("Processes writing the files at once (empty: one fewer than the "
                   "machine's cores)."),
        "compression": tr("How the columns are compressed."),
    }.get(name, fallback)


def choice_name(value: str) -> str:
    return {
        "no": tr("No"), "yes": tr("Yes"),
        "annotations": tr("Annotations"), "predictions": tr("Predictions"),
        "split": tr("Split"), "expand": tr("Widen"), "skip": tr("Leave out"),
        "keep": tr("Keep"), "none": tr("No compression"),
    }.get(value, value)
