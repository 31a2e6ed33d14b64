// The organisations and districts forms pick from (GET /directory/...), cached per session.
import { get, optional } from './api.js';

const cache = new Map();

function cached(key, load) {
  if (!cache.has(key)) cache.set(key, load().catch((e) => { cache.delete(key); throw e; }));
  return cache.get(key);
}

/** [{id, name, kind}] of holders or consultants. */
export function organisations(kind) {
  return cached(`orgs:${kind}`, () => get(`/directory/organisations?kind=${encodeURIComponent(kind)}`));
}

/**
 * The organisations a review panel's experts may come from: those of kind expert (某环境科学研究院) when the directory
 * lists them, then the third parties; each may carry its expert users (`experts: [{userId, displayName}]`).
 */
export function expertOrganisations() {
  return cached('orgs:experts', async () => {
    const experts = await get('/directory/organisations?kind=expert').catch(() => []);
    const others = await organisations('consultant').catch(() => []);
    const seen = new Set();
    return [...experts, ...others].filter((o) => !seen.has(o.id) && seen.add(o.id));
  });
}

/** [{code, name}], or [] if the server has no directory. */
export function jurisdictions() {
  return cached('jurisdictions', async () => (await optional('/directory/jurisdictions')).data ?? []);
}

/** The plot-lifecycle definition: states with labels, events with labels and policy, the machine. */
export function workflow(name) {
  return cached(`wf:${name}`, async () => (await optional(`/workflows/${name}`)).data);
}

export function forget() {
  cache.clear();
}
