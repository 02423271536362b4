"""Personal-data duties (PIPL) and the publication of rules (Labour Contract Law art. 4):
the privacy notice and each employee's acknowledgement, the publication record of commission
plans and monitoring rules, everything held about one person, and the retention purge of
departed staff's personal fields.
"""

from desktop.services.privacy.notices import (
    PublicationRow,
    acknowledge,
    list_publications,
    privacy_notice_template,
    publish,
)
from desktop.services.privacy.person import PERSONAL_FIELDS, PurgeResult, person_export, purge

__all__ = [
    "PERSONAL_FIELDS",
    "PublicationRow",
    "PurgeResult",
    "acknowledge",
    "list_publications",
    "person_export",
    "privacy_notice_template",
    "publish",
    "purge",
]
