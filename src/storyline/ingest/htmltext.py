"""Plain text from HTML with lxml, for feed entries and as the last HTML fallback.

Script, style and other non-text elements are dropped with their content (article HTML is
untrusted; none of it may leak into the text). Block elements become paragraphs separated by
a blank line ("\\n\\n"), `<br>` becomes a line break, and whitespace inside a line collapses
to single spaces, as a browser would render it.
"""

from __future__ import annotations

import copy

from lxml import etree, html  # type: ignore[import-untyped, unused-ignore]

NON_TEXT_TAGS = (
    "script", "style", "noscript", "template", "head", "iframe", "object", "embed",
    "svg", "math", "canvas", "button", "select", "option", "textarea", "input", "form",
)  # fmt: skip
BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "header", "footer", "main", "aside", "nav",
        "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
        "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
        "figure", "figcaption", "hr", "address", "details", "summary", "center", "body", "html",
    }
)  # fmt: skip
_PARSER = html.HTMLParser(
    encoding="utf-8", remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False
)


def parse_document(text: str) -> html.HtmlElement | None:
    """A parsed HTML document, or None when lxml finds nothing to parse."""
    try:
        root = html.document_fromstring(text.encode("utf-8"), parser=_PARSER)
    except (etree.LxmlError, ValueError):
        return None
    return root if isinstance(root, html.HtmlElement) else None


def fragment_to_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed entry's content or summary)."""
    if "<" not in fragment and "&" not in fragment:
        return "\n\n".join(p.strip() for p in fragment.split("\n\n") if p.strip())
    root = parse_document(f"<html><body><div>{fragment}</div></body></html>")
    return element_text(root.body) if root is not None else ""


def element_text(element: html.HtmlElement) -> str:
    """The visible text of an element, paragraphs separated by blank lines."""
    element = _without_non_text(element)
    paragraphs: list[str] = []
    current: list[str | None] = []  # None is a <br>
    for event, node in etree.iterwalk(element, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in BLOCK_TAGS:
            _flush(current, paragraphs)
        if event == "start":
            if tag == "br":
                current.append(None)
            current.append(node.text or "")
        elif node is not element:
            current.append(node.tail or "")
    _flush(current, paragraphs)
    return "\n\n".join(paragraphs)


def _without_non_text(element: html.HtmlElement) -> html.HtmlElement:
    if element.tag in NON_TEXT_TAGS:
        return html.Element("div")
    clone: html.HtmlElement = copy.deepcopy(element)
    for node in list(clone.iter(*NON_TEXT_TAGS)):
        node.drop_tree()  # keeps the tail text
    return clone


def _flush(current: list[str | None], paragraphs: list[str]) -> None:
    lines: list[list[str]] = [[]]
    for part in current:
        if part is None:
            lines.append([])
        else:
            lines[-1].append(part)
    collapsed = (" ".join("".join(parts).split()) for parts in lines)
    paragraph = "\n".join(line for line in collapsed if line)
    if paragraph:
        paragraphs.append(paragraph)
    current.clear()
