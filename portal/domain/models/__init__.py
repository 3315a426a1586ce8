"""Every table, imported here so that SQLModel.metadata (and Alembic) sees them all."""

from portal.domain.models.base import TableBase, UTCDateTime
from portal.domain.models.user import User, UserPublic, UserRole

__all__ = ["TableBase", "UTCDateTime", "User", "UserPublic", "UserRole"]
