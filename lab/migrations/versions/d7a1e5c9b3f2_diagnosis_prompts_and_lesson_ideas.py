"""Diagnosis evidence keeps the question its idea answered; lessons cite ideas.

Revision ID: d7a1e5c9b3f2
Revises: b1e2c3d4a5f6
Create Date: 2026-12-08 03:20:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'd7a1e5c9b3f2'
down_revision = 'b1e2c3d4a5f6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('assessment_evidence') as batch_op:
        batch_op.add_column(sa.Column('prompt', sa.String(length=500), nullable=False, server_default=''))
    op.create_table(
        'lesson_ideas',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('lesson_id', sa.Integer(), nullable=False),
        sa.Column('idea_id', sa.Integer(), nullable=True),
        sa.Column('workshop_id', sa.Integer(), nullable=True),
        sa.Column('text', sa.String(length=500), nullable=False),
        sa.Column('prompt', sa.String(length=500), nullable=False),
        sa.Column('workshop_title', sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_lesson_ideas_idea_id_ideas'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['lesson_id'], ['lessons.id'], name=op.f('fk_lesson_ideas_lesson_id_lessons'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_lesson_ideas_workshop_id_workshops'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_lesson_ideas')),
    )
    with op.batch_alter_table('lesson_ideas') as batch_op:
        for column in ('lesson_id', 'idea_id', 'workshop_id'):
            batch_op.create_index(batch_op.f(f'ix_lesson_ideas_{column}'), [column], unique=False)


def downgrade():
    op.drop_table('lesson_ideas')
    with op.batch_alter_table('assessment_evidence') as batch_op:
        batch_op.drop_column('prompt')
