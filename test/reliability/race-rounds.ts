import { Api, dueDate, plotBody, type Reply } from './http-client';
import type { Observed } from './invariants';

/** A small seeded generator, so that a failing run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RaceOptions {
  rounds: number;
  /** Plots raced on at the same time. */
  lanes: number;
  /** Rounds on one plot before the lane moves to a fresh one; the last is a state race. */
  roundsPerPlot: number;
  minConcurrent: number;
  maxConcurrent: number;
  seed: number;
}

/**
 * Round sizes: the first rounds take every size from min to max once; the
 * rest are skewed towards small rounds (n = min + ⌊(max − min + 1)·r²⌋, mean
 * about a third of the way up), which keeps every size in play at a
 * fraction of the requests of a uniform draw.
 */
export function roundSize(round: number, r: number, opts: Pick<RaceOptions, 'minConcurrent' | 'maxConcurrent'>): number {
  const span = opts.maxConcurrent - opts.minConcurrent + 1;
  if (round < span) return opts.maxConcurrent - round;
  return opts.minConcurrent + Math.floor(span * r * r);
}

export interface RaceOutcome {
  /** Every 200 and 201 the clients saw (registrations, setup events and round winners). */
  observed: Observed[];
  plots: string[];
  rounds: number;
  requests: number;
  noticeWins: number;
  /** Rounds that broke a rule, described; [] when every round had one winner and well-formed 409s. */
  failures: string[];
}

export interface Orgs {
  consultant: string;
  consultant2: string;
  holder: string;
}

/**
 * Rounds of n concurrent conflicting events (n in [min, max]) spread over
 * `lanes` plots raced in parallel. Four kinds of round:
 *  - notice race: n × ISSUE_INVESTIGATION_NOTICE (eeb) with the same expectedVersion (each win files a D2);
 *  - assignment race: n × ASSIGN_CONSULTANT (holder) with the same expectedVersion (no filing);
 *  - mixed race: half of each — two actors, two events, one version;
 *  - state race (the last round on each plot): n × START_INVESTIGATION without expectedVersion.
 * Each round must have exactly one 200 per organisation that sent (a mixed round: two); every loser a 409
 * carrying the state, the allowed events and (version races) a version a winner wrote.
 */
export async function raceRounds(api: Api, orgs: Orgs, opts: RaceOptions): Promise<RaceOutcome> {
  const random = seededRandom(opts.seed);
  const outcome: RaceOutcome = { observed: [], plots: [], rounds: 0, requests: 0, noticeWins: 0, failures: [] };
  const tokens = { eeb: await api.token('eeb'), holder: await api.token('holder') };
  let nextRound = 0;
  const lanes = Array.from({ length: opts.lanes }, async (_, laneNo) => {
    const lane = new Lane(api, orgs, tokens, laneNo, outcome);
    for (let round = nextRound++; round < opts.rounds; round = nextRound++) {
      if (lane.roundsOnPlot >= opts.roundsPerPlot) await lane.registerPlot();
      lane.roundsOnPlot++;
      outcome.rounds++;
      const n = roundSize(round, random(), opts);
      if (lane.roundsOnPlot === opts.roundsPerPlot) await lane.stateRace(round, n);
      else await lane.versionRace(round, n, (['mixed', 'notice', 'assignment'] as const)[round % 3]);
    }
  });
  await Promise.all(lanes);
  return outcome;
}

const describeReplies = (replies: Reply[]) => replies.map((r) => `${r.status} ${r.error ?? r.body?.code ?? ''}`).join(', ');

/** One plot at a time, raced on round after round. */
class Lane {
  roundsOnPlot = Infinity;
  private plotId = '';
  private version = 0;
  private assigned: string | undefined;
  private notices = 0;

  constructor(
    private readonly api: Api,
    private readonly orgs: Orgs,
    private readonly tokens: { eeb: string; holder: string },
    private readonly laneNo: number,
    private readonly outcome: RaceOutcome,
  ) {}

  async registerPlot() {
    const reg = await this.api.call('POST', '/plots', plotBody(this.orgs.holder, `RACE${this.laneNo}`), { token: this.tokens.eeb });
    if (reg.status !== 201) throw new Error(`register: ${reg.status} ${reg.error ?? JSON.stringify(reg.body)}`);
    this.plotId = reg.body.id;
    this.version = reg.body.version;
    this.assigned = undefined;
    this.roundsOnPlot = 0;
    this.outcome.plots.push(this.plotId);
    this.outcome.observed.push({ plotId: this.plotId, version: this.version, type: 'REGISTER' });
  }

  /** n events with the same expectedVersion: one wins, the others see the version it wrote. */
  async versionRace(round: number, n: number, kind: 'mixed' | 'notice' | 'assignment') {
    const other = this.assigned === this.orgs.consultant ? this.orgs.consultant2 : this.orgs.consultant;
    const expectedVersion = this.version;
    const sent = Array.from({ length: n }, (_, i) =>
      kind === 'assignment' || (kind === 'mixed' && i % 2 === 1)
        ? { token: this.tokens.holder, body: { type: 'ASSIGN_CONSULTANT', orgId: other, work: 'investigation', expectedVersion } }
        : { token: this.tokens.eeb, body: { type: 'ISSUE_INVESTIGATION_NOTICE', dueDate: dueDate(this.laneNo, this.notices++), expectedVersion } },
    );
    const replies = await Promise.all(sent.map((s) => this.post(s.token, s.body)));
    const winners = replies.flatMap((r, i) => (r.status === 200 ? [{ r, body: sent[i].body }] : []));
    // One winner per organisation: a view older only by another organisation's step in the same state is judged on
    // the plot as it is now (会同, issue 22 point 6), so in a mixed round the holder's assignment and the bureau's
    // notice both stand; a second request of the same organisation on the same view is a conflict.
    const organisations = new Set(sent.map((s) => s.token)).size;
    const versions = winners.map((w) => w.r.body.version).sort((a, b) => a - b);
    const sequential = versions.every((v, i) => v === expectedVersion + 1 + i);
    const onePerOrganisation = new Set(winners.map((w) => w.body.type)).size === winners.length;
    const wellFormed = replies.every(
      (r) =>
        r.status === 200 ||
        (r.status === 409 && r.body?.code === 'VERSION_CONFLICT' && r.body.state === 'suspected' &&
          r.body.version > expectedVersion && r.body.version <= expectedVersion + organisations && Array.isArray(r.body.allowedEvents)),
    );
    if (winners.length !== organisations || !sequential || !onePerOrganisation || !wellFormed) {
      this.fail(`round ${round} (${kind} race, n=${n}, plot ${this.plotId} v${expectedVersion}): ${describeReplies(replies)}`);
    }
    for (const w of winners) {
      this.outcome.observed.push({ plotId: this.plotId, version: w.r.body.version, type: w.body.type });
      if (w.body.type === 'ASSIGN_CONSULTANT') this.assigned = String(w.body.orgId);
      else this.outcome.noticeWins++;
    }
    this.version = winners.length === organisations ? expectedVersion + organisations : await this.currentVersion();
  }

  /** n × START_INVESTIGATION without expectedVersion: one moves the plot on, the others find it moved. */
  async stateRace(round: number, n: number) {
    if (!this.assigned) {
      const setup = await this.post(this.tokens.holder, { type: 'ASSIGN_CONSULTANT', orgId: this.orgs.consultant, work: 'investigation' });
      if (setup.status !== 200) throw new Error(`assign: ${setup.status} ${JSON.stringify(setup.body)}`);
      this.outcome.observed.push({ plotId: this.plotId, version: setup.body.version, type: 'ASSIGN_CONSULTANT' });
    }
    const drafting = 'investigation.preliminary.drafting';
    const replies = await Promise.all(Array.from({ length: n }, () => this.post(this.tokens.holder, { type: 'START_INVESTIGATION' })));
    const winners = replies.filter((r) => r.status === 200);
    const wellFormed = replies.every(
      (r) =>
        (r.status === 200 && r.body.state === drafting) ||
        (r.status === 409 && r.body?.code === 'EVENT_NOT_ALLOWED' && r.body.state === drafting && Array.isArray(r.body.allowedEvents)),
    );
    if (winners.length !== 1 || !wellFormed) this.fail(`round ${round} (state race, n=${n}, plot ${this.plotId}): ${describeReplies(replies)}`);
    for (const w of winners) this.outcome.observed.push({ plotId: this.plotId, version: w.body.version, type: 'START_INVESTIGATION' });
  }

  private post(token: string, body: Record<string, unknown>) {
    this.outcome.requests++;
    return this.api.call('POST', `/plots/${this.plotId}/events`, body, { token });
  }

  private async currentVersion(): Promise<number> {
    return (await this.api.call('GET', `/plots/${this.plotId}`, undefined, { token: this.tokens.eeb })).body.version;
  }

  private fail(what: string) {
    if (this.outcome.failures.length < 50) this.outcome.failures.push(what);
  }
}

/** Audit rows of these events carry this many outbox (filing) rows (src/plots/plot-filings.ts). */
export const RACE_FILINGS_PER_EVENT = { REGISTER: 1, ISSUE_INVESTIGATION_NOTICE: 1, ASSIGN_CONSULTANT: 0, START_INVESTIGATION: 0 };
