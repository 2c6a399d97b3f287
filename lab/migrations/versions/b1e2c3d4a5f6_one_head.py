"""One head: export downloads, and temporary passwords that must be changed.

Revision ID: b1e2c3d4a5f6
Revises: 9adcc0048f92, c67f349cec49
Create Date: 2026-12-08 02:40:00

"""

# revision identifiers, used by Alembic.
revision = 'b1e2c3d4a5f6'
down_revision = ('9adcc0048f92', 'c67f349cec49')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
