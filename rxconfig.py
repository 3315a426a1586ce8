"""Reflex configuration, read from portal.settings (PORTAL_* variables)."""

import reflex as rx

from portal.settings import load_settings_or_exit

_settings = load_settings_or_exit()

config = rx.Config(
    app_name="portal",
    db_url=_settings.database_url,
    frontend_port=_settings.port,
    backend_port=_settings.port,
    deploy_url=_settings.base_url,
    api_url=_settings.base_url,
    cors_allowed_origins=_settings.origins,
    telemetry_enabled=False,
    show_built_with_reflex=False,
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(accent_color="indigo", gray_color="slate", radius="medium")
        )
    ],
    disable_plugins=[rx.plugins.SitemapPlugin],
)
