"""Tell a page that script builds in the browser (an app shell) from one that carries its text.

A single-page app answers a plain fetch with an almost empty body: a root element for the app
to mount on and the script bundles that will fill it. Such a page fetched without a browser
reads as nothing; `render: browser` reads it.
"""

from __future__ import annotations

from lxml import etree, html

# The ids that frameworks mount their app on (React, Vue, Next.js, Nuxt, Gatsby, Angular's
# custom root is an element of its own, matched by being the body's only empty child).
ROOT_IDS = frozenset({"root", "app", "__next", "__nuxt", "___gatsby", "svelte", "main"})
# A shell's own text is a "Loading…" or a <noscript> plea; a page with more reads without a browser.
MAX_TEXT_CHARS = 200
_NOT_TEXT = ("script", "style", "noscript", "template")


def app_shell(page: str) -> str | None:
    """What makes the page an app shell (its root and bundles), or None when it carries text."""
    try:
        tree = html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return None
    bundles = sum(1 for s in tree.iter("script") if s.get("src") or s.get("type") == "module")
    body = next(tree.iter("body"), None)
    if bundles == 0 or body is None:
        return None
    etree.strip_elements(body, *_NOT_TEXT, with_tail=False)
    text = " ".join(_text(body).split())
    if len(text) > MAX_TEXT_CHARS:
        return None
    root = _mount_point(body)
    if root is None:
        return None
    return (
        f"an app shell: <{root}> and {bundles} script bundle{'s' if bundles > 1 else ''}, "
        f"{len(text)} characters of text"
    )


def _text(element: etree._Element) -> str:
    return etree.tostring(element, method="text", encoding="unicode", with_tail=False)


def _mount_point(body: etree._Element) -> str | None:
    """The element an app mounts on, as `tag id="…"`, if the body has one."""
    for element in body.iter():
        if element.get("id") in ROOT_IDS and not _text(element).strip():
            return f'{element.tag} id="{element.get("id")}"'
    children = [child for child in body if isinstance(child.tag, str)]
    empty = [child for child in children if not len(child) and not _text(child).strip()]
    if len(children) == 1 and empty:
        return str(empty[0].tag)
    return None
