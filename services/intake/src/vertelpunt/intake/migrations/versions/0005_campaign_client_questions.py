"""campaign client questions: the optional questions clients of a campaign see

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 21:20:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # NULL: the campaign's clients see every question meant for clients (what every campaign did before).
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.add_column(sa.Column('client_questions', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.drop_column('client_questions')
