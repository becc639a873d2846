"""A small XML element tree with line numbers, parsed with defusedxml only.

GENIUS files are XML from anyone; parsing goes through :mod:`defusedxml.sax`, which refuses
entity declarations (the "billion laughs" expansion attack) and external entities and DTD
fetches. Every element keeps the line it starts on so problems can be located.
"""

from __future__ import annotations

import xml.sax
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesImpl, Locator

import defusedxml
import defusedxml.sax

from accord.errors import Problem, ScenarioError

__all__ = ["MAX_XML_BYTES", "Element", "parse_xml"]

MAX_XML_BYTES = 10 * 1024 * 1024
"""XML files larger than this (10 MiB) are refused before parsing."""


@dataclass(slots=True)
class Element:
    """An XML element: tag, attributes, the line it starts on, children in order."""

    tag: str
    attrs: dict[str, str]
    line: int
    children: list[Element] = field(default_factory=list)

    def find_all(self, tag: str) -> list[Element]:
        """Direct children with this tag."""
        return [c for c in self.children if c.tag == tag]

    def find(self, tag: str) -> Element | None:
        """First direct child with this tag."""
        return next((c for c in self.children if c.tag == tag), None)


class _Builder(ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.locator: Locator | None = None
        self.stack: list[Element] = []
        self.root: Element | None = None

    def setDocumentLocator(self, locator: Locator) -> None:  # noqa: N802 (SAX API)
        self.locator = locator

    def startElement(self, name: str, attrs: AttributesImpl) -> None:  # noqa: N802
        line = self.locator.getLineNumber() if self.locator is not None else 0
        el = Element(name, {k: attrs.getValue(k) for k in attrs.getNames()}, line or 0)
        if self.stack:
            self.stack[-1].children.append(el)
        else:
            self.root = el
        self.stack.append(el)

    def endElement(self, name: str) -> None:  # noqa: N802
        self.stack.pop()


def parse_xml(path: Path) -> Element:
    """Parse ``path`` safely into an :class:`Element` tree.

    Raises
    ------
    ScenarioError
        For a missing, oversized or malformed file, and for any entity declaration or
        external reference (refused, never expanded).
    """
    src = str(path)
    if path.is_dir():
        raise ScenarioError([Problem("is a folder, not an XML file", src)])
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ScenarioError([Problem(f"cannot read the file: {exc.strerror}", src)]) from None
    if size > MAX_XML_BYTES:
        raise ScenarioError(
            [Problem(f"the file is {size:,} bytes, over the limit of {MAX_XML_BYTES:,}", src)]
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ScenarioError([Problem(f"cannot read the file: {exc.strerror}", src)]) from None
    builder = _Builder()
    try:
        defusedxml.sax.parseString(
            data, builder, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except defusedxml.EntitiesForbidden as exc:
        line = builder.locator.getLineNumber() if builder.locator is not None else None
        raise ScenarioError(
            [
                Problem(
                    f"refused: the file declares the XML entity {exc.name!r}; entity "
                    "declarations are not allowed (they enable entity-expansion attacks)",
                    src,
                    line=line,
                )
            ]
        ) from None
    except defusedxml.DefusedXmlException as exc:
        raise ScenarioError(
            [Problem(f"refused: {exc}; external references are not allowed", src)]
        ) from None
    except xml.sax.SAXParseException as exc:
        raise ScenarioError(
            [Problem(f"malformed XML: {exc.getMessage()}", src, line=exc.getLineNumber())]
        ) from None
    if builder.root is None:
        raise ScenarioError([Problem("the file has no XML element", src)])
    return builder.root
