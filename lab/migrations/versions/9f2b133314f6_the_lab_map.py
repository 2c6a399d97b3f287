"""The lab's map: actors, capabilities, entries proposed from ideas, assessments, links and alliances;
workshops get a demo flag (the sample workshop).

Revision ID: 9f2b133314f6
Revises: 0fea70d2e1b0
Create Date: 2026-12-08 01:27:45.425146

"""
import sqlalchemy as sa
from alembic import op

import lab.types  # noqa: F401  (custom column types)

# revision identifiers, used by Alembic.
revision = '9f2b133314f6'
down_revision = '0fea70d2e1b0'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('map_actors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=180), nullable=False),
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.Column('acronym', sa.String(length=40), nullable=False),
    sa.Column('aliases', sa.JSON(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('sector', sa.String(length=16), nullable=True),
    sa.Column('org_type', sa.String(length=16), nullable=False),
    sa.Column('scope', sa.String(length=16), nullable=False),
    sa.Column('relation', sa.String(length=16), nullable=False),
    sa.Column('territorial_level', sa.String(length=16), nullable=True),
    sa.Column('website', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('tags', sa.JSON(), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('last_change', sa.JSON(), nullable=False),
    sa.Column('demo', sa.Boolean(), nullable=False),
    sa.Column('created_at', lab.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', lab.types.UTCDateTime(), nullable=False),
    sa.Column('became_current_at', lab.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['merged_into_id'], ['map_actors.id'], name=op.f('fk_map_actors_merged_into_id_map_actors'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_map_actors')),
    sa.UniqueConstraint('slug', name=op.f('uq_map_actors_slug'))
    )
    with op.batch_alter_table('map_actors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_map_actors_merged_into_id'), ['merged_into_id'], unique=False)

    op.create_table('map_alliances',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=500), nullable=False),
    sa.Column('first_step', sa.String(length=500), nullable=False),
    sa.Column('stage', sa.String(length=16), nullable=False),
    sa.Column('instrument', sa.String(length=16), nullable=False),
    sa.Column('owner', sa.String(length=160), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('workshop_id', sa.Integer(), nullable=True),
    sa.Column('demo', sa.Boolean(), nullable=False),
    sa.Column('created_at', lab.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', lab.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_map_alliances_workshop_id_workshops'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_map_alliances'))
    )
    with op.batch_alter_table('map_alliances', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_map_alliances_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('map_capabilities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('description', sa.String(length=500), nullable=False),
    sa.Column('direction', sa.String(length=8), nullable=False),
    sa.Column('availability', sa.String(length=16), nullable=False),
    sa.Column('created_at', lab.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['map_actors.id'], name=op.f('fk_map_capabilities_actor_id_map_actors'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_map_capabilities'))
    )
    with op.batch_alter_table('map_capabilities', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_map_capabilities_actor_id'), ['actor_id'], unique=False)

    op.create_table('map_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('directed', sa.Boolean(), nullable=False),
    sa.Column('strength', sa.Integer(), nullable=False),
    sa.Column('relation', sa.String(length=16), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=True),
    sa.Column('created_at', lab.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['map_actors.id'], name=op.f('fk_map_links_source_id_map_actors'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['target_id'], ['map_actors.id'], name=op.f('fk_map_links_target_id_map_actors'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_map_links_workshop_id_workshops'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_map_links'))
    )
    with op.batch_alter_table('map_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_map_links_source_id'), ['source_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_map_links_target_id'), ['target_id'], unique=False)

    op.create_table('map_alliance_actors',
    sa.Column('alliance_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['map_actors.id'], name=op.f('fk_map_alliance_actors_actor_id_map_actors'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['alliance_id'], ['map_alliances.id'], name=op.f('fk_map_alliance_actors_alliance_id_map_alliances'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('alliance_id', 'actor_id', name=op.f('pk_map_alliance_actors'))
    )
    op.create_table('map_alliance_capabilities',
    sa.Column('alliance_id', sa.Integer(), nullable=False),
    sa.Column('capability_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['alliance_id'], ['map_alliances.id'], name=op.f('fk_map_alliance_capabilities_alliance_id_map_alliances'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['capability_id'], ['map_capabilities.id'], name=op.f('fk_map_alliance_capabilities_capability_id_map_capabilities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('alliance_id', 'capability_id', name=op.f('pk_map_alliance_capabilities'))
    )
    op.create_table('map_assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('influence', sa.Float(), nullable=True),
    sa.Column('interest', sa.Float(), nullable=True),
    sa.Column('influence_spread', sa.Float(), nullable=False),
    sa.Column('interest_spread', sa.Float(), nullable=False),
    sa.Column('ratings', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('set_by_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', lab.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['map_actors.id'], name=op.f('fk_map_assessments_actor_id_map_actors'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['set_by_id'], ['users.id'], name=op.f('fk_map_assessments_set_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_map_assessments_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_map_assessments')),
    sa.UniqueConstraint('actor_id', 'workshop_id', name=op.f('uq_map_assessments_actor_id_workshop_id'))
    )
    with op.batch_alter_table('map_assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_map_assessments_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_map_assessments_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('map_ratings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('assessment_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('influence', sa.Integer(), nullable=False),
    sa.Column('interest', sa.Integer(), nullable=False),
    sa.Column('created_at', lab.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['assessment_id'], ['map_assessments.id'], name=op.f('fk_map_ratings_assessment_id_map_assessments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_map_ratings_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_map_ratings')),
    sa.UniqueConstraint('assessment_id', 'user_id', name=op.f('uq_map_ratings_assessment_id_user_id'))
    )
    with op.batch_alter_table('map_ratings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_map_ratings_user_id'), ['user_id'], unique=False)

    op.create_table('map_alliance_ideas',
    sa.Column('alliance_id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['alliance_id'], ['map_alliances.id'], name=op.f('fk_map_alliance_ideas_alliance_id_map_alliances'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_map_alliance_ideas_idea_id_ideas'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('alliance_id', 'idea_id', name=op.f('pk_map_alliance_ideas'))
    )
    op.create_table('map_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=True),
    sa.Column('prompt_id', sa.Integer(), nullable=True),
    sa.Column('via_idea_id', sa.Integer(), nullable=True),
    sa.Column('typed_name', sa.String(length=160), nullable=False),
    sa.Column('category', sa.String(length=16), nullable=False),
    sa.Column('direction', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('match', sa.String(length=8), nullable=False),
    sa.Column('match_reason', sa.String(length=16), nullable=False),
    sa.Column('match_score', sa.Float(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('capability_id', sa.Integer(), nullable=True),
    sa.Column('idea_hidden', sa.Boolean(), nullable=False),
    sa.Column('split_from_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', lab.types.UTCDateTime(), nullable=True),
    sa.Column('created_at', lab.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['map_actors.id'], name=op.f('fk_map_entries_actor_id_map_actors'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['candidate_id'], ['map_actors.id'], name=op.f('fk_map_entries_candidate_id_map_actors'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['capability_id'], ['map_capabilities.id'], name=op.f('fk_map_entries_capability_id_map_capabilities'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_map_entries_idea_id_ideas'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['prompt_id'], ['prompts.id'], name=op.f('fk_map_entries_prompt_id_prompts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['users.id'], name=op.f('fk_map_entries_reviewed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['split_from_id'], ['map_entries.id'], name=op.f('fk_map_entries_split_from_id_map_entries'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['via_idea_id'], ['ideas.id'], name=op.f('fk_map_entries_via_idea_id_ideas'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_map_entries_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_map_entries'))
    )
    with op.batch_alter_table('map_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_map_entries_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_map_entries_candidate_id'), ['candidate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_map_entries_capability_id'), ['capability_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_map_entries_idea_id'), ['idea_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_map_entries_prompt_id'), ['prompt_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_map_entries_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_map_entries_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('map_link_ideas',
    sa.Column('link_id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_map_link_ideas_idea_id_ideas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['link_id'], ['map_links.id'], name=op.f('fk_map_link_ideas_link_id_map_links'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('link_id', 'idea_id', name=op.f('pk_map_link_ideas'))
    )
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        # Existing workshops are real ones.
        batch_op.add_column(sa.Column('demo', sa.Boolean(), nullable=False, server_default=sa.false()))



def downgrade():
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.drop_column('demo')

    op.drop_table('map_link_ideas')
    with op.batch_alter_table('map_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_map_entries_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_map_entries_status'))
        batch_op.drop_index(batch_op.f('ix_map_entries_prompt_id'))
        batch_op.drop_index(batch_op.f('ix_map_entries_idea_id'))
        batch_op.drop_index(batch_op.f('ix_map_entries_capability_id'))
        batch_op.drop_index(batch_op.f('ix_map_entries_candidate_id'))
        batch_op.drop_index(batch_op.f('ix_map_entries_actor_id'))

    op.drop_table('map_entries')
    op.drop_table('map_alliance_ideas')
    with op.batch_alter_table('map_ratings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_map_ratings_user_id'))

    op.drop_table('map_ratings')
    with op.batch_alter_table('map_assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_map_assessments_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_map_assessments_actor_id'))

    op.drop_table('map_assessments')
    op.drop_table('map_alliance_capabilities')
    op.drop_table('map_alliance_actors')
    with op.batch_alter_table('map_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_map_links_target_id'))
        batch_op.drop_index(batch_op.f('ix_map_links_source_id'))

    op.drop_table('map_links')
    with op.batch_alter_table('map_capabilities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_map_capabilities_actor_id'))

    op.drop_table('map_capabilities')
    with op.batch_alter_table('map_alliances', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_map_alliances_workshop_id'))

    op.drop_table('map_alliances')
    with op.batch_alter_table('map_actors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_map_actors_merged_into_id'))

    op.drop_table('map_actors')
