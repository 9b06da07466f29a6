"""Pages that are not news: a site's cookie policy, privacy notice, careers page, a soft 404.

A page is judged by what it says it is, never by what its text is about: its URL path, its
`<title>` and H1, and the page type trafilatura reads from `og:type` or JSON-LD. Each signal is
strict on its own, so that a news story about privacy stays news:

- a URL path segment must BE the page's name (`/legal/cookies`, `/privacy.html`), and only as
  the last segment (the page itself), or for sections that hold nothing but such pages (`tag`,
  `category`, `author`, `careers`) as one of the last two; `/news/2026/acme-privacy-fine` and
  `/legal/litigation/acme-fined` are articles;
- an H1 must be the page's name as a whole ("Privacy Policy", "Page not found"), and a title
  too, once the site's name is split off ("Cookie Policy | Acme"); "Regulator fines Acme over
  privacy breach" names a story, not a page;
- a site's root, with no query, is its home page (`/?p=123` may be a post).

The limit: a page with none of these signals (a privacy notice at `/p/123` titled "Acme") passes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import parse_qs, unquote, urlsplit


class PageKind(StrEnum):
    COOKIES = "cookie policy"
    PRIVACY = "privacy notice"
    TERMS = "terms"
    LEGAL = "legal notice"
    CAREERS = "careers page"
    CONTACT = "contact page"
    LOGIN = "login page"
    DOWNLOAD = "download page"
    SEARCH = "search results"
    INDEX = "tag or category index"
    SITEMAP = "sitemap"
    NOT_FOUND = "page not found"
    ABOUT = "about page"
    HOME = "home page"


@dataclass(frozen=True, slots=True)
class PageSignals:
    """What a page says it is: its URL, `<title>`, H1s and page type (og:type or JSON-LD)."""

    url: str
    title: str = ""
    headings: Sequence[str] = ()
    page_type: str | None = None


@dataclass(frozen=True, slots=True)
class NotAnArticle:
    """A page that is not news: what it is, and the signal that said so."""

    kind: PageKind
    signal: str

    def __str__(self) -> str:
        return f"{self.kind} ({self.signal})"


@dataclass(frozen=True, slots=True)
class _Rule:
    kind: PageKind
    page_words: frozenset[str]  # the URL's last segment names the page
    section_words: frozenset[str]  # everything in this section is such a page
    names: re.Pattern[str]  # the page's whole name, as its title or H1 gives it


def _rule(kind: PageKind, pages: str, sections: str, *names: str) -> _Rule:
    pattern = re.compile("|".join(f"(?:{name})" for name in names))
    return _Rule(kind, frozenset(pages.split()), frozenset(sections.split()), pattern)


# URL words are ASCII-folded and lower-case; names are lower-case, accents kept, and match whole.
_RULES = (
    _rule(
        PageKind.COOKIES,
        "cookie cookies cookie-policy cookies-policy cookie-notice cookie-statement consent "
        "cookie-consent cookie-richtlinie politique-cookies politica-de-cookies",
        "",
        r"cookies?|cookies? (?:policy|notice|statement|declaration|information)",
        r"(?:our )?use of cookies|how we use cookies|cookie-richtlinie|cookie richtlinie",
        r"politique (?:de|relative aux|d'utilisation des) cookies|política de cookies",
        r"before you continue(?: to [\w .'-]{1,40})?",
    ),
    _rule(
        PageKind.PRIVACY,
        "privacy privacy-policy privacy-notice privacy-statement privacy-center privacy-centre "
        "data-protection data-privacy datenschutz datenschutzerklarung datenschutzerklaerung "
        "confidentialite politique-de-confidentialite privacidad politica-de-privacidad "
        "aviso-de-privacidad privacybeleid privacyverklaring",
        "",
        r"(?:your )?privacy|privacy (?:policy|notice|statement|center|centre)",
        r"data (?:protection|privacy)(?: (?:policy|notice|statement))?",
        r"datenschutz(?:erklärung|hinweise|richtlinie)?|politique de confidentialité",
        r"confidentialité|protection des données|política de privacidad|aviso de privacidad",
        r"informativa (?:sulla )?privacy|privacyverklaring|privacybeleid",
    ),
    _rule(
        PageKind.TERMS,
        "terms tos terms-of-use terms-of-service terms-and-conditions terms-conditions "
        "legal-terms website-terms nutzungsbedingungen agb cgu cgv conditions-generales "
        "terminos terminos-y-condiciones condiciones-de-uso",
        "",
        r"(?:website |general |legal )?terms(?: (?:of (?:use|service|sale)|(?:and|&) conditions))?",
        r"conditions of (?:use|sale)|nutzungsbedingungen|agb|allgemeine geschäftsbedingungen",
        r"conditions générales(?: d'utilisation| de vente)?|cgu|cgv",
        r"términos (?:y condiciones|de uso)|condiciones (?:de uso|generales)",
    ),
    _rule(
        PageKind.LEGAL,
        "legal legal-notice legal-notices legal-information imprint impressum mentions-legales "
        "aviso-legal disclaimer note-legali",
        "",
        r"legal(?: (?:notices?|information|info|disclaimer))?|imprint|impressum|disclaimer",
        r"mentions légales|aviso legal|note legali",
    ),
    _rule(
        PageKind.CAREERS,
        "careers career jobs karriere stellenangebote empleo empleos trabaja-con-nosotros "
        "carrieres emplois recrutement vacatures vacancies join-us work-with-us",
        "careers karriere stellenangebote carrieres",
        r"careers?|jobs|job openings|open (?:positions|roles)|current (?:openings|vacancies)",
        r"vacancies|work (?:with|at|for) us|join (?:us|our team)|careers at(?: [\w&.'-]+){1,4}",
        r"karriere(?: bei(?: [\w&.'-]+){1,4})?|stellenangebote|offres d'emploi|carrières?",
        r"empleo|trabaja con nosotros|vacatures|lavora con noi",
    ),
    _rule(
        PageKind.CONTACT,
        "contact contact-us contacts kontakt contacto contactez-nous nous-contacter contattaci",
        "",
        r"contact(?: us| sales| support| our team)?|get in touch|kontakt(?:ieren sie uns)?",
        r"contactez[ -]nous|nous contacter|contacto|contáctenos|contattaci",
    ),
    _rule(
        PageKind.LOGIN,
        "login log-in signin sign-in signup sign-up register logon my-account wp-login anmelden "
        "connexion iniciar-sesion",
        "",
        r"log ?in|sign ?in|log on|sign ?up|register|create (?:an |your )?account|my account",
        r"(?:account|customer|partner) log ?in|(?:log|sign) in to (?:your )?account",
        r"anmelden|einloggen|connexion|se connecter|iniciar sesión|accedi",
    ),
    _rule(
        PageKind.DOWNLOAD,
        "download downloads get-the-app app-download download-center download-centre "
        "telechargement telechargements descargas",
        "",
        r"downloads?|download cent(?:er|re)|download (?:the|our) app|get the app",
        r"téléchargements?|descargas?",
    ),
    _rule(
        PageKind.SEARCH,
        "search suche recherche buscar busqueda",
        "",
        r"search(?: results?(?: for .+)?)?|you searched for .+|nothing found",
        r"suchergebnisse(?: für .+)?|résultats de (?:la )?recherche.*|resultados de (?:la )?búsqueda.*",
    ),
    _rule(
        PageKind.INDEX,
        "tag tags category categories author",
        "tag tags category categories author",
        r"(?:tag|tags|category|categories|author|schlagwort|kategorie|catégorie|categoría)(?: archives?)?: .+",
        r"(?:posts|articles|stories|news|entries) (?:tagged|filed under|in category):? .+",
        r"archives? for (?:the )?(?:tag|category) .+",
    ),
    _rule(
        PageKind.SITEMAP,
        "sitemap site-map html-sitemap",
        "",
        r"sitemap|site map|html sitemap|site index",
    ),
    _rule(
        PageKind.NOT_FOUND,
        "404 not-found page-not-found 404-error error-404",
        "",
        r"(?:error )?404(?: error)?(?: page)?(?: (?:page |file )?not found)?|(?:page |file )?not found",
        r"(?:(?:oops|sorry|whoops) )?(?:the |this |that )?page (?:you (?:are|were|re) looking for |you requested )?"
        r"(?:was not|wasn't|is not|isn't|could not be|couldn't be|cannot be|can ?not be|can't be) found",
        r"(?:(?:oops|sorry|whoops) )?(?:we )?(?:can't|cannot|couldn't|could not) find (?:the|that|this) page.*",
        r"(?:(?:oops|sorry|whoops) )?(?:this|that|the) page (?:does not|doesn't) exist",
        r"seite nicht gefunden|page (?:non )?introuvable|página no encontrada|pagina non trovata",
        r"pagina niet gevonden",
    ),
    _rule(
        PageKind.ABOUT,
        "about about-us who-we-are ueber-uns uber-uns a-propos qui-sommes-nous quienes-somos",
        "",
        r"about us|who we are|über uns|à propos(?: de nous)?|qui sommes[ -]nous|quiénes somos",
    ),
)
# schema.org types trafilatura reports as the page type that are never an article.
_PAGE_TYPES = {
    "contactpage": PageKind.CONTACT,
    "searchresultspage": PageKind.SEARCH,
    "collectionpage": PageKind.INDEX,
    "jobposting": PageKind.CAREERS,
}
# What a title puts between the page's name and the site's ("Cookie Policy | Acme").
_TITLE_SEPARATOR = re.compile(r"\s+(?:[|·•»~/]|-{1,2}|–|—|::)\s+")
# A title's other parts are the site's name only if this short: "Acme Widgets Europe Ltd".
_SITE_NAME_WORDS = 4
_EXTENSION = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cfm)$")
_INDEX_FILES = {"index", "default", "home"}
_NOT_IN_NAME = re.compile(r"[^\w\s':&]")


def recognise_non_article(page: PageSignals) -> NotAnArticle | None:
    """What the page is, if it says it is no article; None for an article (or anything else)."""
    return (
        _by_url(page.url)
        or _by_page_type(page.page_type)
        or _by_names(page.headings, "H1", split=False)
        or _by_names([page.title], "title", split=True)
    )


def _by_url(url: str) -> NotAnArticle | None:
    parts = urlsplit(url)
    segments = _segments(parts.path)
    if not segments and not parts.query:
        return NotAnArticle(PageKind.HOME, f"URL {url}")
    if not segments and "s" in parse_qs(parts.query):
        return NotAnArticle(PageKind.SEARCH, f"URL {url}")  # WordPress: /?s=words
    in_section, last = set(segments[-2:]), set(segments[-1:])
    # A section first: /tag/privacy is a tag's index, not a privacy notice.
    found = next((r for r in _RULES if in_section & r.section_words), None) or next(
        (r for r in _RULES if last & r.page_words), None
    )
    return NotAnArticle(found.kind, f"URL path {unquote(parts.path)}") if found else None


def _segments(path: str) -> list[str]:
    """The path's segments, ASCII lower case, without file extensions, index files or paging."""
    segments = [_ascii(_EXTENSION.sub("", unquote(s).lower())) for s in path.split("/") if s]
    if segments and segments[-1] in _INDEX_FILES:
        segments.pop()
    if len(segments) >= 2 and segments[-2] == "page" and segments[-1].isdigit():
        del segments[-2:]
    return [s.replace("_", "-") for s in segments]


def _by_page_type(page_type: str | None) -> NotAnArticle | None:
    kind = _PAGE_TYPES.get((page_type or "").lower())
    return NotAnArticle(kind, f"page type {page_type}") if kind else None


def _by_names(texts: Sequence[str], where: str, split: bool) -> NotAnArticle | None:
    for text in texts:
        for name in _page_names(text) if split else [text]:
            normal = _normal(name)
            for rule in _RULES:
                if rule.names.fullmatch(normal):
                    return NotAnArticle(rule.kind, f"{where} “{' '.join(text.split())}”")
    return None


def _page_names(title: str) -> Iterator[str]:
    """The parts of a title that may be the page's name: all of it, or a part beside which the
    other parts are short enough to be the site's name."""
    parts = [p for p in _TITLE_SEPARATOR.split(title) if p.strip()]
    yield title
    for n, part in enumerate(parts if len(parts) > 1 else []):
        others = parts[:n] + parts[n + 1 :]
        if all(len(other.split()) <= _SITE_NAME_WORDS for other in others):
            yield part


def _normal(name: str) -> str:
    """Lower case, typographic apostrophes plain, punctuation gone but for `'`, `:` and `&`."""
    name = name.lower().replace("\u2019", "'")
    return " ".join(_NOT_IN_NAME.sub(" ", name).split()).rstrip(":")


def _ascii(segment: str) -> str:
    decomposed = unicodedata.normalize("NFKD", segment)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
