"""live console: agenda clock, projector mode, anonymous prompts, prompts already run

Revision ID: 5c0a61e2d7b4
Revises: 0fea70d2e1b0
Create Date: 2026-12-08 01:45:00.000000

"""
import sqlalchemy as sa
from alembic import op

import lab.types  # noqa: F401  (custom column types)

# revision identifiers, used by Alembic.
revision = '5c0a61e2d7b4'
down_revision = '0fea70d2e1b0'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('live_states', schema=None) as batch_op:
        batch_op.add_column(sa.Column('agenda_since', lab.types.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('agenda_spent', sa.JSON(), nullable=False, server_default='{}'))
        batch_op.add_column(sa.Column('projector_mode', sa.String(length=16), nullable=False,
                                      server_default='question'))
    with op.batch_alter_table('prompts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('anonymous', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('opened_at', lab.types.UTCDateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('prompts', schema=None) as batch_op:
        batch_op.drop_column('opened_at')
        batch_op.drop_column('anonymous')
    with op.batch_alter_table('live_states', schema=None) as batch_op:
        batch_op.drop_column('projector_mode')
        batch_op.drop_column('agenda_spent')
        batch_op.drop_column('agenda_since')
