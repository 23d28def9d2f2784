"""published campaign label: the anonymised name that travels with shared stories

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from vertelpunt.anonymisation import anonymise

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.add_column(sa.Column('published_name', sa.Text(), nullable=True))
    # Campaigns made before this revision get their label anonymised now (with the default patterns).
    connection = op.get_bind()
    campaigns = sa.table('campaigns', sa.column('id', sa.String), sa.column('name', sa.String),
                         sa.column('published_name', sa.Text))
    for campaign_id, name in connection.execute(sa.select(campaigns.c.id, campaigns.c.name)).all():
        connection.execute(campaigns.update().where(campaigns.c.id == campaign_id)
                           .values(published_name=anonymise(name).text))
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.alter_column('published_name', existing_type=sa.Text(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('campaigns', schema=None) as batch_op:
        batch_op.drop_column('published_name')
