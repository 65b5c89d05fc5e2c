"""Counted phrases the interface uses ("1 span", "3 spans"; in Arabic each counting form),
so that every sentence with a number says it the same way."""

from __future__ import annotations

from annotator.ui.common.i18n import trn


def documents(count: int) -> str:
    return trn("{count} document", "{count} documents", count)


def new_documents(count: int) -> str:
    return trn("{count} new document", "{count} new documents", count)


def articles(count: int) -> str:
    return trn("{count} article", "{count} articles", count)


def spans(count: int) -> str:
    return trn("{count} span", "{count} spans", count)


def links(count: int) -> str:
    return trn("{count} link", "{count} links", count)


def annotations(count: int) -> str:
    return trn("{count} annotation", "{count} annotations", count)


def occurrences(count: int) -> str:
    return trn("{count} occurrence", "{count} occurrences", count)


def hits(count: int) -> str:
    return trn("{count} hit", "{count} hits", count)


def work_packages(count: int) -> str:
    return trn("{count} work package", "{count} work packages", count)
