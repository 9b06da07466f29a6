"""The MUSTs of RFC 4287 (the Atom Syndication Format) as checks: what a feed validator asks.

`problems(xml)` lists every breach found, each naming the section it breaks; [] is a valid feed.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree

ATOM = "http://www.w3.org/2005/Atom"
A = f"{{{ATOM}}}"
# RFC 3339 date-time, with the upper-case T and Z that section 3.3 requires.
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# RFC 4151: tag:authorityName,date:specific, the authority a DNS name or an email address.
TAG = re.compile(
    r"^tag:(?:[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@)?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+,\d{4}(?:-\d{2}(?:-\d{2})?)?:"
)
TEXT_TYPES = {"text", "html", "xhtml"}
ONCE_AT_MOST = ("generator", "icon", "logo", "rights", "subtitle")


def problems(xml: bytes) -> list[str]:
    root = etree.fromstring(xml)
    found: list[str] = []
    if root.tag != f"{A}feed":
        return [f"4.1.1: the document element is {root.tag}, not atom:feed"]
    entries = root.findall(f"{A}entry")
    found += _container(root, "feed", ONCE_AT_MOST)
    if not root.findall(f"{A}author") and not all(e.findall(f"{A}author") for e in entries):
        found.append("4.1.1: the feed has no atom:author and some entry has none")
    if not [link for link in root.findall(f"{A}link") if link.get("rel") == "self"]:
        found.append('4.1.1: the feed has no atom:link rel="self" (a SHOULD validators flag)')
    ids = [e.findtext(f"{A}id") for e in entries]
    if len(set(ids)) != len(ids):
        found.append("4.2.6: two entries share an atom:id")
    for index, entry in enumerate(entries):
        found += [f"entry {index}: {p}" for p in _entry(entry)]
    for element in root.iter(f"{A}category"):
        if not element.get("term"):
            found.append("4.2.2: an atom:category has no term")
    for element in root.iter(f"{A}author", f"{A}contributor"):
        if len(element.findall(f"{A}name")) != 1:
            found.append("3.2.1: a person construct needs exactly one atom:name")
    for element in root.iter(f"{A}updated", f"{A}published"):
        if not DATE.match((element.text or "").strip()):
            found.append(f"3.3: {element.text!r} is not an RFC 3339 date-time")
    for element in root.iter(f"{A}id"):
        found += _id_problems((element.text or "").strip())
    for element in root.iter(f"{A}link"):
        if not element.get("href"):
            found.append("4.2.7.1: an atom:link has no href")
    for name in ("title", "subtitle", "summary", "rights"):
        for element in root.iter(f"{A}{name}"):
            if element.get("type", "text") not in TEXT_TYPES:
                found.append(f"3.1.1: atom:{name} has type {element.get('type')!r}")
    return found


def _container(element: etree._Element, what: str, once: tuple[str, ...]) -> list[str]:
    counts = Counter(child.tag for child in element)
    found = [
        f"4.1: the {what} has {counts[A + name]} atom:{name}, not exactly one"
        for name in ("id", "title", "updated")
        if counts[A + name] != 1
    ]
    found += [f"4.1: the {what} has more than one atom:{n}" for n in once if counts[A + n] > 1]
    alternates = Counter(
        (link.get("type"), link.get("hreflang"))
        for link in element.findall(f"{A}link")
        if link.get("rel", "alternate") == "alternate"
    )
    if any(n > 1 for n in alternates.values()):
        found.append(f"4.1: the {what} has two alternate links of one type and language")
    return found


def _entry(entry: etree._Element) -> list[str]:
    found = _container(entry, "entry", ("content", "published", "rights", "source", "summary"))
    content = entry.find(f"{A}content")
    alternate = [
        link for link in entry.findall(f"{A}link") if link.get("rel", "alternate") == "alternate"
    ]
    if content is None and not alternate:
        found.append("4.1.2: an entry without atom:content needs an alternate link")
    if content is not None and content.get("src") and entry.find(f"{A}summary") is None:
        found.append("4.1.2: an entry whose content has a src needs an atom:summary")
    return found


def _id_problems(value: str) -> list[str]:
    if not SCHEME.match(value):
        return [f"4.2.6: atom:id {value!r} is not an absolute IRI"]
    if value.startswith("tag:") and not TAG.match(value):
        return [f"4.2.6: atom:id {value!r} is not a tag URI (RFC 4151) with a domain authority"]
    return []
