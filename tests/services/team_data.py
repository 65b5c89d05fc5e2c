"""Articles for the team tests: a lead project's documents, numbered a000, a001, ..."""

from annotator.core.records import DocumentRecord, prepare_record
from annotator.storage import BulkImport


def article(number: int) -> str:
    return (f"قصف مدفعي على بلدة الزهراء في ريف حلب، الخبر رقم {number}.\n"
            "قال المتحدث إن الطريق مفتوح.")


def add_articles(project, count: int) -> None:
    with BulkImport(project, actor="t", source="test") as bulk:
        for number in range(count):
            record = DocumentRecord(text=article(number), id=f"a{number:03d}",
                                    meta={"title": f"الخبر {number}", "url": f"u{number}"})
            bulk.add(prepare_record(record, project.scheme))
