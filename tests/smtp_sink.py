"""A local SMTP server (aiosmtpd) that records what it is given: refuses `bounce*` recipients
for good and `busy*` ones for now."""

from __future__ import annotations

from aiosmtpd.controller import Controller

from tests.oidc_provider import free_port


class Sink:
    def __init__(self, code: str = "250 OK"):
        self.messages, self.code = [], code

    async def handle_DATA(self, server, session, envelope):  # noqa: N802, ANN001, ANN201
        self.messages.append(envelope)
        return self.code

    async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802, ANN001, ANN201
        if address.startswith("bounce"):
            return "550 no such user"
        if address.startswith("busy"):
            return "451 try later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    def start(self) -> tuple[Controller, int]:
        port = free_port()
        controller = Controller(self, hostname="127.0.0.1", port=port)
        controller.start()
        return controller, port
