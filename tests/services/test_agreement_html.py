"""The agreement report page: self-contained, escaped, with its figures and plots, and
small for a thousand documents."""

import re
from html.parser import HTMLParser

from annotator.services.agreement import project_agreement
from annotator.services.agreement_html import render, write_agreement_html
from annotator.services.session import AnnotationSession
from tests.services.review_data import bulk_lead_project, lead_project


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.links, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.links += [value for name, value in attrs if name in ("href", "src", "xlink:href")]

    def handle_data(self, data):
        self.text.append(data)


def parse(page):
    parser = _Collect()
    parser.feed(page)
    return parser


def test_a_thousand_documents_stay_under_two_megabytes(tmp_path):
    with bulk_lead_project(tmp_path / "big.tawsim", ("amal", "basel", "chadi"),
                           documents=1000) as project:
        report = project_agreement(project, resamples=200)
    path = tmp_path / "report.html"
    write_agreement_html(report, path, title="حملة الربيع")
    size = path.stat().st_size
    assert size < 2_000_000
    page = path.read_text(encoding="utf-8")
    found = parse(page)
    assert found.tags.count("svg") == 3  # the heat maps, the label bars, the spread
    assert "script" not in found.tags and "img" not in found.tags
    # nothing fetched: links within the page, images inline
    assert all(link.startswith(("#", "data:image/")) for link in found.links)
    assert "amal / basel" in page and "basel / chadi" in page
    assert "الخبر" in page  # the hardest documents' titles
    text = " ".join(found.text)
    pair = report.pair("amal", "chadi")
    assert f"{pair.relaxed.total.f1:.3f}" in text and f"{pair.alpha_u.overall:.3f}" in text


def test_text_from_the_project_is_escaped(tmp_path):
    with lead_project(tmp_path / "l.tawsim", ("amal", "<b>basel&co</b>"), documents=3) as project:
        project.conn.execute("UPDATE document SET title = ? WHERE id = 'a000'",
                             ('<script>alert("x")</script> خبر',))
        AnnotationSession(project, "amal")
        page = render(project_agreement(project, resamples=10), title="<i>lead</i>")
    assert "<script>" not in page and "<b>basel" not in page and "<i>lead" not in page
    assert "&lt;b&gt;basel&amp;co&lt;/b&gt;" in page
    assert "&lt;script&gt;" in page
    assert re.search(r"<svg[^>]*>", page)
