"""One head: the map's rating question, and the prompts of diagnosis evidence and the ideas lessons cite.

Revision ID: c2d3e4f5a6b7
Revises: 84d843759192, d7a1e5c9b3f2
Create Date: 2026-12-08 03:40:00

"""

# revision identifiers, used by Alembic.
revision = 'c2d3e4f5a6b7'
down_revision = ('84d843759192', 'd7a1e5c9b3f2')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
