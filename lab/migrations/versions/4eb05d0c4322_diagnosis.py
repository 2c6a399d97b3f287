"""The lab's diagnosis: versions, capability assessments and evidence, improvement plan, lessons, FT-1311 records

Revision ID: 4eb05d0c4322
Revises: 9f2b133314f6
Create Date: 2026-12-08 01:33:39.512051

"""
import sqlalchemy as sa
from alembic import op

import lab.types  # noqa: F401  (custom column types)

# revision identifiers, used by Alembic.
revision = '4eb05d0c4322'
down_revision = '9f2b133314f6'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('diagnoses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('method_note', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('validated_by_id', sa.Integer(), nullable=True),
    sa.Column('published_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', lab.types.UTCDateTime(), nullable=False),
    sa.Column('validated_at', lab.types.UTCDateTime(), nullable=True),
    sa.Column('published_at', lab.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['parent_id'], ['diagnoses.id'], name=op.f('fk_diagnoses_parent_id_diagnoses'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_diagnoses'))
    )
    op.create_table('capability_assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('diagnosis_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('origin', sa.String(length=16), nullable=False),
    sa.Column('suggested_level', sa.Integer(), nullable=False),
    sa.Column('suggestion_inputs', sa.JSON(), nullable=False),
    sa.Column('confidence', sa.String(length=8), nullable=False),
    sa.Column('validated_level', sa.Integer(), nullable=True),
    sa.Column('validated_by_id', sa.Integer(), nullable=True),
    sa.Column('validated_at', lab.types.UTCDateTime(), nullable=True),
    sa.Column('target_level', sa.Integer(), nullable=False),
    sa.Column('narrative', sa.Text(), nullable=False),
    sa.Column('mipg_dimension', sa.String(length=24), nullable=False),
    sa.Column('mipg_policy', sa.String(length=24), nullable=False),
    sa.ForeignKeyConstraint(['diagnosis_id'], ['diagnoses.id'], name=op.f('fk_capability_assessments_diagnosis_id_diagnoses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_capability_assessments')),
    sa.UniqueConstraint('diagnosis_id', 'category', 'origin', name=op.f('uq_capability_assessments_diagnosis_id_category_origin'))
    )
    op.create_table('diagnosis_workshops',
    sa.Column('diagnosis_id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['diagnosis_id'], ['diagnoses.id'], name=op.f('fk_diagnosis_workshops_diagnosis_id_diagnoses'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_diagnosis_workshops_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('diagnosis_id', 'workshop_id', name=op.f('pk_diagnosis_workshops'))
    )
    op.create_table('good_practices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('diagnosis_id', sa.Integer(), nullable=False),
    sa.Column('filled_on', sa.Date(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.String(length=200), nullable=False),
    sa.Column('unit_head', sa.String(length=160), nullable=False),
    sa.Column('process', sa.String(length=200), nullable=False),
    sa.Column('team', sa.String(length=200), nullable=False),
    sa.Column('responsible_name', sa.String(length=160), nullable=False),
    sa.Column('responsible_link', sa.String(length=80), nullable=False),
    sa.Column('contact_phone', sa.String(length=40), nullable=False),
    sa.Column('contact_email', sa.String(length=254), nullable=False),
    sa.Column('started_on', sa.Date(), nullable=True),
    sa.Column('adapted_from', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('baseline', sa.Text(), nullable=False),
    sa.Column('target_population', sa.Text(), nullable=False),
    sa.Column('scope', sa.Text(), nullable=False),
    sa.Column('contribution', sa.Text(), nullable=False),
    sa.Column('results', sa.Text(), nullable=False),
    sa.Column('benefits', sa.Text(), nullable=False),
    sa.Column('dissemination', sa.Text(), nullable=False),
    sa.Column('other_aspects', sa.Text(), nullable=False),
    sa.Column('challenges', sa.Text(), nullable=False),
    sa.Column('stability', sa.Text(), nullable=False),
    sa.Column('conclusions', sa.Text(), nullable=False),
    sa.Column('annexes', sa.Text(), nullable=False),
    sa.Column('criteria', sa.JSON(), nullable=False),
    sa.Column('created_at', lab.types.UTCDateTime(), nullable=False),
    sa.Column('mipg_dimension', sa.String(length=24), nullable=False),
    sa.Column('mipg_policy', sa.String(length=24), nullable=False),
    sa.ForeignKeyConstraint(['diagnosis_id'], ['diagnoses.id'], name=op.f('fk_good_practices_diagnosis_id_diagnoses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_good_practices'))
    )
    with op.batch_alter_table('good_practices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_good_practices_diagnosis_id'), ['diagnosis_id'], unique=False)

    op.create_table('lessons',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('diagnosis_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('what_happened', sa.Text(), nullable=False),
    sa.Column('what_worked', sa.Text(), nullable=False),
    sa.Column('what_did_not', sa.Text(), nullable=False),
    sa.Column('recommendation', sa.Text(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('created_at', lab.types.UTCDateTime(), nullable=False),
    sa.Column('mipg_dimension', sa.String(length=24), nullable=False),
    sa.Column('mipg_policy', sa.String(length=24), nullable=False),
    sa.ForeignKeyConstraint(['diagnosis_id'], ['diagnoses.id'], name=op.f('fk_lessons_diagnosis_id_diagnoses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lessons'))
    )
    with op.batch_alter_table('lessons', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lessons_diagnosis_id'), ['diagnosis_id'], unique=False)

    op.create_table('improvement_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('diagnosis_id', sa.Integer(), nullable=False),
    sa.Column('phase', sa.String(length=16), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('responsible_unit', sa.String(length=160), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('indicator', sa.String(length=300), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('gap_category', sa.String(length=16), nullable=False),
    sa.Column('gap_origin', sa.String(length=16), nullable=False),
    sa.Column('alliance_id', sa.Integer(), nullable=True),
    sa.Column('created_at', lab.types.UTCDateTime(), nullable=False),
    sa.Column('mipg_dimension', sa.String(length=24), nullable=False),
    sa.Column('mipg_policy', sa.String(length=24), nullable=False),
    sa.ForeignKeyConstraint(['alliance_id'], ['map_alliances.id'], name=op.f('fk_improvement_actions_alliance_id_map_alliances'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['diagnosis_id'], ['diagnoses.id'], name=op.f('fk_improvement_actions_diagnosis_id_diagnoses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_improvement_actions'))
    )
    with op.batch_alter_table('improvement_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_improvement_actions_diagnosis_id'), ['diagnosis_id'], unique=False)

    op.create_table('lesson_workshops',
    sa.Column('lesson_id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['lesson_id'], ['lessons.id'], name=op.f('fk_lesson_workshops_lesson_id_lessons'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_lesson_workshops_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('lesson_id', 'workshop_id', name=op.f('pk_lesson_workshops'))
    )
    op.create_table('assessment_evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=True),
    sa.Column('workshop_id', sa.Integer(), nullable=True),
    sa.Column('direction', sa.String(length=8), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('actor_key', sa.String(length=160), nullable=False),
    sa.Column('actor_name', sa.String(length=160), nullable=False),
    sa.Column('sector', sa.String(length=16), nullable=False),
    sa.Column('votes', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['capability_assessments.id'], name=op.f('fk_assessment_evidence_assessment_id_capability_assessments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_assessment_evidence_idea_id_ideas'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_assessment_evidence_workshop_id_workshops'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_evidence'))
    )
    with op.batch_alter_table('assessment_evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_evidence_assessment_id'), ['assessment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessment_evidence_idea_id'), ['idea_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessment_evidence_workshop_id'), ['workshop_id'], unique=False)



def downgrade():
    with op.batch_alter_table('assessment_evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_evidence_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_assessment_evidence_idea_id'))
        batch_op.drop_index(batch_op.f('ix_assessment_evidence_assessment_id'))

    op.drop_table('assessment_evidence')
    op.drop_table('lesson_workshops')
    with op.batch_alter_table('improvement_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_improvement_actions_diagnosis_id'))

    op.drop_table('improvement_actions')
    with op.batch_alter_table('lessons', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lessons_diagnosis_id'))

    op.drop_table('lessons')
    with op.batch_alter_table('good_practices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_good_practices_diagnosis_id'))

    op.drop_table('good_practices')
    op.drop_table('diagnosis_workshops')
    op.drop_table('capability_assessments')
    op.drop_table('diagnoses')
