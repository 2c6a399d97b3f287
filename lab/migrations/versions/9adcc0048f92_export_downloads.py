"""The record of downloads of the lab's own exports (the map, a diagnosis).

Revision ID: 9adcc0048f92
Revises: 663be57aef05
Create Date: 2026-12-08 02:14:46.147016

"""
import sqlalchemy as sa
from alembic import op

import lab.types  # noqa: F401  (custom column types)

# revision identifiers, used by Alembic.
revision = '9adcc0048f92'
down_revision = '663be57aef05'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'export_downloads',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('scope', sa.String(length=16), nullable=False),
        sa.Column('subject_id', sa.Integer(), nullable=True),
        sa.Column('file', sa.String(length=40), nullable=False),
        sa.Column('format', sa.String(length=8), nullable=False),
        sa.Column('at', lab.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_export_downloads_user_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_export_downloads')),
    )
    with op.batch_alter_table('export_downloads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_export_downloads_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_export_downloads_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('export_downloads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_export_downloads_user_id'))
        batch_op.drop_index(batch_op.f('ix_export_downloads_at'))
    op.drop_table('export_downloads')
