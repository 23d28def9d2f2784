"""exchange imports: where imported stories, campaigns and threads came from

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'exchange_imports',
        sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
        sa.Column('tenant', sa.String(length=6), nullable=False),
        sa.Column('source', sa.String(length=200), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('source_id', sa.String(length=128), nullable=False),
        sa.Column('target_id', sa.String(length=36), nullable=False),
        sa.Column('imported_by', sa.String(length=128), nullable=False),
        sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('tenant', 'source', 'kind', 'source_id'),
    )
    with op.batch_alter_table('exchange_imports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exchange_imports_target_id'), ['target_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('exchange_imports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exchange_imports_target_id'))
    op.drop_table('exchange_imports')
