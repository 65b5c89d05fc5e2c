"""No module of annotator imports one that imports it back, and only the shell knows the
main window.

A circle forces imports under TYPE_CHECKING or inside functions, and makes the order in which
modules load matter; the desk's features get a narrow DeskContext instead of the window, and
the store and its repositories build on `ProjectFile`. Imports made only for type checking
count too: they are a circle all the same.
"""

import grimp
import pytest

WINDOW = "annotator.ui.shell.window"


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("annotator", cache_dir=None)


def circles(graph: grimp.ImportGraph, package: str) -> list[str]:
    """Each import of a module in `package` whose target leads (by any chain) back to it."""
    found = []
    for module in sorted(m for m in graph.modules if m.startswith(package + ".")):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            chain = graph.find_shortest_chain(importer=imported, imported=module)
            if chain is not None:
                found.append(" -> ".join((module, *chain)))
    return found


def test_no_module_imports_itself_back(graph):
    assert "annotator.storage.project" in graph.modules and WINDOW in graph.modules
    found = circles(graph, "annotator")
    assert not found, "import circles:\n" + "\n".join(found)


def test_a_circle_through_another_package_is_found():
    graph = grimp.build_graph("annotator", cache_dir=None)
    graph.add_import(importer="annotator.core.model", imported="annotator.storage.rows")
    assert "annotator.storage.rows -> annotator.core.model -> annotator.storage.rows" in \
        circles(graph, "annotator")


def test_a_circle_around_the_window_is_found():
    graph = grimp.build_graph("annotator", cache_dir=None)
    graph.add_import(importer="annotator.ui.claims.desk", imported=WINDOW)
    assert any(found.startswith("annotator.ui.claims.desk -> ") for found in
               circles(graph, "annotator.ui"))


def test_only_the_shell_imports_the_main_window(graph):
    importers = graph.find_downstream_modules(WINDOW)  # what imports it, at any depth
    outside = sorted(m for m in importers if not m.startswith("annotator.ui.shell."))
    assert outside == []
