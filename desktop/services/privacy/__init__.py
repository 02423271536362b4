"""Personal-data duties (PIPL) and the publication of rules (Labour Contract Law art. 4):
the privacy notice and each employee's acknowledgement, the publication record of commission
plans and monitoring rules, everything held about one person, and the retention purge of
departed staff's personal fields.
"""

from desktop.services.privacy.notices import (
    AcknowledgementRow,
    PublicationRow,
    acknowledge,
    acknowledgements_of,
    list_publications,
    privacy_notice_template,
    publish,
)
from desktop.services.privacy.person import (
    PERSONAL_FIELDS,
    PurgeResult,
    export_bytes,
    person_export,
    purge,
)

__all__ = [
    "PERSONAL_FIELDS",
    "AcknowledgementRow",
    "PublicationRow",
    "PurgeResult",
    "acknowledge",
    "acknowledgements_of",
    "export_bytes",
    "list_publications",
    "person_export",
    "privacy_notice_template",
    "publish",
    "purge",
]
