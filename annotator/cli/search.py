"""`tawsim search`: Arabic-aware matching over every document of a project."""

from __future__ import annotations

from pathlib import Path

import click
import orjson

from annotator.cli.common import lazy_progress
from annotator.services.projects import open_project
from annotator.services.search import DEFAULT_LIMIT, SearchOptions, index_state, search_project


def _one_line(text: str) -> str:
    return " ".join(text.split())


@click.command()
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("query")
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON array of hits: document, start, end (code points) and text.")
@click.option("--limit", default=DEFAULT_LIMIT, show_default=True, type=click.IntRange(min=1),
              help="Stop after this many hits.")
@click.option("--whole-word", is_flag=True,
              help="Match whole words only (proclitics such as ب or و may precede them).")
@click.option("--exact-letters", is_flag=True,
              help="Tell ة from ه and ى from ي (other spelling differences stay ignored).")
def search(project: Path, query: str, as_json: bool, limit: int, whole_word: bool,
           exact_letters: bool) -> None:
    """Find QUERY in every document, ignoring harakat, tatweel, hamza and alef forms, and
    finding words behind proclitics (سوريا finds بسوريا)."""
    options = SearchOptions(exact_letters=exact_letters, whole_word=whole_word)
    with open_project(project) as store:
        state = index_state(store)
        with lazy_progress(state.pending, "Indexing for search") as progress:
            page = search_project(store, query, options, limit=limit, progress=progress)
    if as_json:
        click.echo(orjson.dumps([hit.as_json() for hit in page.hits]).decode())
        return
    for hit in page.hits:
        click.echo(f"{hit.doc_id}:{hit.start}-{hit.end}: …{_one_line(hit.context_before)[-30:]} "
                   f"[{hit.text}] {_one_line(hit.context_after)[:30]}…")
    more = " (more after these; raise --limit)" if page.more else ""
    click.echo(f"{len(page.hits)} hits{more}", err=True)
