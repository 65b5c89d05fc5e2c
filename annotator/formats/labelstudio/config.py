"""The Label Studio labelling config for a label scheme, and the control names its tasks use."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import quoteattr

LABELS = "label"  # the <Labels> control
TEXT = "text"  # the <Text> object
NOTE = "note"  # the per-region <TextArea>


def labelling_config(scheme: Any) -> str:
    """The Label Studio labelling config that shows these tasks with the project's scheme."""
    lines = ["<View>", f'  <Labels name="{LABELS}" toName="{TEXT}">']
    for label in scheme.labels:
        lines.append(f"    <Label value={quoteattr(label.name)} "
                     f"background={quoteattr(label.color)} "
                     f"hint={quoteattr(label.display('ar'))}/>")
    lines.append("  </Labels>")
    lines.append(f'  <Text name="{TEXT}" value="$text" granularity="symbol"/>')
    if scheme.relations:
        lines.append("  <Relations>")
        lines.extend(f"    <Relation value={quoteattr(r.name)}/>" for r in scheme.relations)
        lines.append("  </Relations>")
    seen: set[str] = set()
    for label in scheme.labels:
        for attribute in label.attributes:
            if attribute.name in seen:
                continue
            seen.add(attribute.name)
            lines.append(f"  <Choices name={quoteattr(attribute.name)} toName=\"{TEXT}\" "
                         'perRegion="true" choice="single">')
            lines.extend(f"    <Choice value={quoteattr(v.name)}/>" for v in attribute.values)
            lines.append("  </Choices>")
    lines.append(f'  <TextArea name="{NOTE}" toName="{TEXT}" perRegion="true" '
                 'editable="true"/>')
    lines.append("</View>")
    return "\n".join(lines) + "\n"
