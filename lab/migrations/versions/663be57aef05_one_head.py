"""One head: the console's columns, and the map and diagnosis tables.

Revision ID: 663be57aef05
Revises: 4eb05d0c4322, 5c0a61e2d7b4
Create Date: 2026-12-08 01:53:11.273529

"""

# revision identifiers, used by Alembic.
revision = '663be57aef05'
down_revision = ('4eb05d0c4322', '5c0a61e2d7b4')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
