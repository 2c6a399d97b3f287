// The room as this person may see it: loaded from a snapshot, then moved forward by updates.
// `apply` returns what changed so views touch only that (a board of 300 notes is never redrawn whole).

export class RoomState {
  constructor() {
    this.ready = false;
    this.me = null;
    this.workshop = null;
    this.agenda = [];
    this.activities = [];
    this.prompts = new Map();
    this.live = { agenda_item_id: null, prompt_id: null, auto_close: true };
    this.timers = {};
    this.hands = { queue: [], speaking: null };
    this.myHandId = null;
    this.presence = { count: 0 };
    this.ideas = new Map();
    this.clusters = new Map();
    this.vote = null;
    this.voteRounds = []; // every closed round, oldest first, with its results
    this.voters = null; // {round_id, voters}: how many people voted so far in the open round
  }

  load(snapshot) {
    this.me = snapshot.me;
    this.workshop = snapshot.workshop;
    this.agenda = snapshot.agenda;
    this.activities = snapshot.activities;
    this.prompts = new Map();
    for (const activity of snapshot.activities) {
      for (const prompt of activity.prompts) this.prompts.set(prompt.id, prompt);
    }
    this.live = snapshot.live;
    this.timers = snapshot.timers;
    this.hands = snapshot.hands;
    this.myHandId = snapshot.hands.mine ?? null; // updates carry no person ids: our hand is known by its id
    this.presence = snapshot.presence;
    this.ideas = new Map(snapshot.ideas.map((idea) => [idea.id, idea]));
    this.clusters = new Map(snapshot.clusters.map((cluster) => [cluster.id, cluster]));
    this.vote = snapshot.vote;
    this.voteRounds = snapshot.vote_rounds || [];
    this.ready = true;
  }

  get isModerator() {
    return this.me?.role === "moderator";
  }

  /** Prompts in agenda order. */
  orderedPrompts() {
    return this.activities.flatMap((activity) => activity.prompts.map((p) => this.prompts.get(p.id) || p));
  }

  /** The prompt on screen now (shown or open), or null. */
  currentPrompt() {
    return this.prompts.get(this.live.prompt_id) || null;
  }

  /** The prompt taking ideas now, or null. */
  openPrompt() {
    const current = this.currentPrompt();
    if (current?.is_open) return current;
    return [...this.prompts.values()].find((prompt) => prompt.is_open) || null;
  }

  promptNumber(promptId) {
    return this.orderedPrompts().findIndex((prompt) => prompt.id === promptId) + 1;
  }

  /** An idea from an ack (the author's full copy): kept over redacted broadcasts. */
  putOwnIdea(idea) {
    if (idea) this.ideas.set(idea.id, idea);
  }

  setMyVotes(myVotes, remaining) {
    if (this.vote) this.vote = { ...this.vote, my_votes: myVotes, remaining };
  }

  apply(update) {
    const handler = APPLY[update.type];
    return handler ? handler(this, update.data) : {};
  }

  // -- ideas -----------------------------------------------------------------------------------

  putIdea(view) {
    if (view.removed) return this.dropIdeas([view.id]);
    const current = this.ideas.get(view.id);
    if (current && this.isMine(current)) {
      if (view.redacted) return {}; // keep the author's own full copy
      // Participants' updates name the author but carry no id: keep knowing the idea is ours.
      if (!("author_id" in view)) view = { ...view, author_id: current.author_id };
    }
    this.ideas.set(view.id, view);
    return { ideas: [view.id] };
  }

  /** Ideas come with their author's id only to moderators and to the author (acks, snapshot). */
  isMine(idea) {
    return !idea.redacted && idea.author_id != null && idea.author_id === this.me?.user_id;
  }

  dropIdeas(ids) {
    const removed = ids.filter((id) => this.ideas.delete(id));
    const changed = [];
    for (const idea of this.ideas.values()) {
      if (idea.merged?.some((id) => ids.includes(id))) {
        const merged = idea.merged.filter((id) => !ids.includes(id));
        this.ideas.set(idea.id, { ...idea, merged, merged_count: merged.length });
        changed.push(idea.id);
      }
    }
    return { removed, ideas: changed };
  }
}

const APPLY = {
  workshop(state, data) {
    state.workshop = data;
    return { workshop: true };
  },
  live(state, data) {
    state.live = data;
    return { live: true };
  },
  prompt(state, data) {
    state.prompts.set(data.id, data);
    return { prompts: [data.id] };
  },
  timer(state, data) {
    state.timers = { ...state.timers, [data.kind]: data };
    return { timer: data.kind };
  },
  idea(state, data) {
    return state.putIdea(data);
  },
  "idea.removed"(state, data) {
    return state.dropIdeas([data.id]);
  },
  "ideas.merged"(state, data) {
    const dropped = state.dropIdeas(data.merged_ids);
    const put = state.putIdea(data.target);
    return { removed: dropped.removed, ideas: [...(dropped.ideas || []), ...(put.ideas || [])] };
  },
  cluster(state, data) {
    state.clusters.set(data.id, data);
    return { clusters: [data.id] };
  },
  "cluster.removed"(state, data) {
    state.clusters.delete(data.id);
    const ungrouped = [];
    for (const idea of state.ideas.values()) {
      if (idea.cluster_id === data.id) {
        state.ideas.set(idea.id, { ...idea, cluster_id: null });
        ungrouped.push(idea.id);
      }
    }
    return { removedClusters: [data.id], ideas: ungrouped };
  },
  "prompt.revealed"(state, data) {
    state.prompts.set(data.prompt.id, data.prompt);
    const ids = [];
    for (const idea of data.ideas) ids.push(...(state.putIdea(idea).ideas || []));
    return { prompts: [data.prompt.id], ideas: ids };
  },
  hands(state, data) {
    state.hands = data;
    return { hands: true };
  },
  vote(state, data) {
    const previous = state.vote;
    const mine = previous && previous.id === data.id
      ? { my_votes: previous.my_votes || {}, remaining: previous.remaining }
      : { my_votes: {}, remaining: data.budget };
    state.vote = { ...data, ...mine };
    if (data.status === "closed") {
      state.voteRounds = [...state.voteRounds.filter((round) => round.id !== data.id), data]
        .sort((a, b) => a.id - b.id);
    }
    return { vote: true };
  },
};
