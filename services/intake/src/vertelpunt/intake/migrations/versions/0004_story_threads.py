"""story threads: follow-up stories told with one story key

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 21:15:00.000000
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.add_column(sa.Column('thread_id', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('thread_number', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_stories_thread_id'), ['thread_id'], unique=False)
    # Stories told with a key before this revision each start their own thread (or share one per key).
    connection = op.get_bind()
    stories = sa.table('stories', sa.column('id', sa.String), sa.column('thread_key_hash', sa.String),
                       sa.column('created_at', sa.DateTime), sa.column('thread_id', sa.String),
                       sa.column('thread_number', sa.Integer))
    rows = connection.execute(sa.select(stories.c.id, stories.c.thread_key_hash)
                              .where(stories.c.thread_key_hash.is_not(None))
                              .order_by(stories.c.created_at, stories.c.id)).all()
    threads: dict[str, tuple[str, int]] = {}
    for story_id, key_hash in rows:
        thread_id, number = threads.get(key_hash, (str(uuid.uuid4()), 0))
        threads[key_hash] = (thread_id, number + 1)
        connection.execute(stories.update().where(stories.c.id == story_id)
                           .values(thread_id=thread_id, thread_number=number + 1))


def downgrade() -> None:
    with op.batch_alter_table('stories', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stories_thread_id'))
        batch_op.drop_column('thread_number')
        batch_op.drop_column('thread_id')
