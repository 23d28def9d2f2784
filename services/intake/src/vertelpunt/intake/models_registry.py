"""Imports every model so Base.metadata knows all tables (Alembic and tests use it)."""

from vertelpunt.intake.audit.models import RawAccess
from vertelpunt.intake.campaigns.models import Campaign
from vertelpunt.intake.exchange.models import ImportedRecord
from vertelpunt.intake.frameworks.repository import FrameworkExtension
from vertelpunt.intake.outbox.models import OutboxMessage
from vertelpunt.intake.stories.models import Story

__all__ = ["Campaign", "FrameworkExtension", "ImportedRecord", "OutboxMessage", "RawAccess", "Story"]
