"""The room is asked to rate the workshop's actors (one open question per workshop).

Revision ID: 84d843759192
Revises: b1e2c3d4a5f6
Create Date: 2026-12-08 03:12:28.378172

"""
import sqlalchemy as sa
from alembic import op

import lab.types  # noqa: F401  (custom column types)

# revision identifiers, used by Alembic.
revision = '84d843759192'
down_revision = 'b1e2c3d4a5f6'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('map_rating_questions',
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('asked_by_id', sa.Integer(), nullable=True),
    sa.Column('asked_at', lab.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['asked_by_id'], ['users.id'], name=op.f('fk_map_rating_questions_asked_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_map_rating_questions_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('workshop_id', name=op.f('pk_map_rating_questions'))
    )


def downgrade():
    op.drop_table('map_rating_questions')
