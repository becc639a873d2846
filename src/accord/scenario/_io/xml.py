"""A small XML element tree with line numbers, parsed with defusedxml only.

GENIUS and KTAB files are XML from anyone; parsing goes through :mod:`defusedxml.sax`, which
refuses entity declarations (the "billion laughs" expansion attack) and external entities and
DTD fetches. The bytes are decoded under the reading policy
(:func:`accord.scenario._io.policy.decode_xml`: size limit, declared encoding, located errors)
and elements nested deeper than ``MAX_DEPTH`` are refused. Every element keeps the line it
starts on, and its text, so problems can be located.
"""

from __future__ import annotations

import io
import xml.sax
import xml.sax.xmlreader
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesImpl, Locator

import defusedxml
import defusedxml.sax

from accord.errors import Problem, ScenarioError
from accord.scenario._io.policy import MAX_BYTES, MAX_DEPTH, decode_xml, depth_problem, read_bytes

__all__ = ["MAX_XML_BYTES", "Element", "parse_xml", "parse_xml_text"]

MAX_XML_BYTES = MAX_BYTES
"""XML files larger than this (10 MiB) are refused before parsing."""


@dataclass(slots=True)
class Element:
    """An XML element: tag, attributes, the line it starts on, children in order."""

    tag: str
    attrs: dict[str, str]
    line: int
    children: list[Element] = field(default_factory=list)
    text: str = ""

    def find_all(self, tag: str) -> list[Element]:
        """Direct children with this tag."""
        return [c for c in self.children if c.tag == tag]

    def find(self, tag: str) -> Element | None:
        """First direct child with this tag."""
        return next((c for c in self.children if c.tag == tag), None)


class _TooDeepError(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


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
        if len(self.stack) >= MAX_DEPTH:
            raise _TooDeepError(line or 0)
        el = Element(name, {k: attrs.getValue(k) for k in attrs.getNames()}, line or 0)
        if self.stack:
            self.stack[-1].children.append(el)
        else:
            self.root = el
        self.stack.append(el)

    def endElement(self, name: str) -> None:  # noqa: N802
        self.stack.pop()

    def characters(self, content: str) -> None:
        if self.stack:
            self.stack[-1].text += content


def parse_xml(path: Path) -> Element:
    """Parse the file ``path`` safely into an :class:`Element` tree.

    Raises
    ------
    ScenarioError
        For a missing, oversized, undecodable or malformed file, for nesting deeper than
        ``MAX_DEPTH``, and for any entity declaration or external reference (refused, never
        expanded).
    """
    return parse_xml_text(decode_xml(read_bytes(path), str(path)), str(path))


def parse_xml_text(text: str, source: str = "<string>") -> Element:
    """Parse XML text (already decoded) safely into an :class:`Element` tree."""
    builder = _Builder()
    try:
        parser = defusedxml.sax.make_parser()
        parser.forbid_dtd = False
        parser.forbid_entities = True
        parser.forbid_external = True
        parser.setContentHandler(builder)
        # A character stream: expat reads text and ignores the declared encoding.
        inp = xml.sax.xmlreader.InputSource(source)
        inp.setCharacterStream(io.StringIO(text))
        parser.parse(inp)
    except _TooDeepError as exc:
        raise ScenarioError([depth_problem(source, exc.line, "XML elements")]) from None
    except defusedxml.EntitiesForbidden as exc:
        line = builder.locator.getLineNumber() if builder.locator is not None else None
        raise ScenarioError(
            [
                Problem(
                    f"refused: the file declares the XML entity {exc.name!r}; entity "
                    "declarations are not allowed (they enable entity-expansion attacks)",
                    source,
                    line=line,
                )
            ]
        ) from None
    except defusedxml.DefusedXmlException as exc:
        raise ScenarioError(
            [Problem(f"refused: {exc}; external references are not allowed", source)]
        ) from None
    except xml.sax.SAXParseException as exc:
        raise ScenarioError(
            [Problem(f"malformed XML: {exc.getMessage()}", source, line=exc.getLineNumber())]
        ) from None
    except (LookupError, ValueError) as exc:  # e.g. an encoding expat cannot handle
        raise ScenarioError([Problem(f"malformed XML: {exc}", source, line=1)]) from None
    if builder.root is None:
        raise ScenarioError([Problem("the file has no XML element", source)])
    return builder.root
