"""In development only: a pointer to the Dev mailbox where the demo's emails can be read."""

from __future__ import annotations

import reflex as rx

from portal import links
from portal.services.dev_mailbox import dev_mailbox_open
from portal.ui.i18n import t


def dev_mailbox_hint() -> rx.Component:
    """Compiled in development builds only: production pages never mention the Dev mailbox."""
    if not dev_mailbox_open():
        return rx.fragment()
    return rx.callout(
        rx.text(t("Development: every email the portal writes waits in the Dev mailbox."), " ",
                rx.link(t("Open the Dev mailbox"), href=links.DEV_MAILBOX,
                        id="dev-mailbox-link")),
        icon="flask-conical", color_scheme="amber", size="1", width="100%",
    )
