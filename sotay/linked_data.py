"""schema.org `Legislation` data for a document's page, as JSON-LD that search engines and harvesters read.

Only what the base holds and a source has confirmed goes in: a field the editors marked unverified and a
relation marked unverified are left out (JSON-LD cannot say "chưa đối chiếu"), and a status the sources do
not settle ('chua-ro', 'da-co-van-ban-moi') has no legal-force value. Plain Python, no MkDocs.
"""

from __future__ import annotations

from typing import Any

from .model import Document
from .resolve import display_name
from .site import SiteModel
from .srcs import document_src
from .text import script_json
from .urls import page_url
from .vocabulary import vocabulary

SCHEMA = "https://schema.org"
# The statuses of the base that say something about legal force. A replaced document no longer governs;
# 'da-co-van-ban-moi' means no source yet says whether the newer one replaced it, so it is left unsaid.
LEGAL_FORCE = {"con-hieu-luc": f"{SCHEMA}/InForce", "het-hieu-luc": f"{SCHEMA}/NotInForce",
               "bi-thay-the": f"{SCHEMA}/NotInForce"}
# Each relation kind of the base as the schema.org property that says the same thing from the newer document.
# 'amends' uses legislationChanges (which covers amendment): legislationAmends is not in a released schema.org.
RELATION_PROPERTIES = {
    "replaces": "legislationRepeals",
    "amends": "legislationChanges",
    "implements": "legislationEnsuresImplementationOf",
    "guides": "legislationEnsuresImplementationOf",
    "continues": "isBasedOn",
    "cites": "citation",
}


def legislation(doc: Document, site: SiteModel) -> dict[str, Any]:
    """The document as a schema.org Legislation object (plain data, ready for JSON)."""
    unverified = set(doc.unverified)
    data: dict[str, Any] = {"@context": SCHEMA, "@type": "Legislation", "identifier": doc.id,
                            "name": display_name(doc), "inLanguage": "vi"}
    url = _url(doc, site)
    if url:
        data["@id"] = data["url"] = url
    if doc.number and "number" not in unverified:
        data["legislationIdentifier"] = doc.number
    if "type" not in unverified:
        data["legislationType"] = vocabulary().document_types.get(doc.type, doc.type)
    if doc.issued and "issued" not in unverified:
        data["legislationDate"] = doc.issued.iso()  # '2022' or '2021-12' when the source gives no more
    if "issuer" not in unverified:
        data["legislationPassedBy"] = {"@type": "Organization", "name": doc.issuer}
    if doc.status in LEGAL_FORCE and "status" not in unverified:
        data["legislationLegalForce"] = LEGAL_FORCE[doc.status]
    if "relations" not in unverified:
        for prop, target in _relations(doc, site):
            data.setdefault(prop, []).append(target)
    return data


def _relations(doc: Document, site: SiteModel) -> list[tuple[str, dict[str, Any]]]:
    by_id = site.resolver.by_id  # every document of the base, made once (kb.by_id() builds it anew)
    found: list[tuple[str, dict[str, Any]]] = []
    for rel in doc.relations:
        other = by_id.get(rel.target)
        if rel.unverified or other is None or rel.type not in RELATION_PROPERTIES:
            continue
        target: dict[str, Any] = {"@type": "Legislation", "identifier": other.id, "name": display_name(other)}
        if other.number:
            target["legislationIdentifier"] = other.number
        if (url := _url(other, site)) is not None:
            target["@id"] = target["url"] = url
        found.append((RELATION_PROPERTIES[rel.type], target))
    return found


def _url(doc: Document, site: SiteModel) -> str | None:
    """The absolute address of a document's page: only with a site_url, and only if this edition has the page."""
    project = site.project
    if not project.site_url or doc.id not in site.by_id:
        return None
    return project.public_url(page_url(document_src(doc), project.use_directory_urls))


def legislation_script(doc: Document, site: SiteModel) -> str:
    """The JSON-LD element for the page: data, not code (no page script counts it), safe for any title."""
    return f'<script type="application/ld+json">{script_json(legislation(doc, site))}</script>'
