// The organisations and districts forms pick from (GET /directory/...), cached per session.
import { get, optional } from './api.js';

/** An organisation as GET /directory/organisations lists it. */
export interface DirectoryOrganisation {
  id: string;
  name: string;
  kind: string;
  experts?: { userId: string; displayName: string }[];
}

/** A jurisdiction as GET /directory/jurisdictions lists it. */
export interface DirectoryJurisdiction {
  code: string;
  name: string;
  level?: string;
}

const cache = new Map<string, Promise<unknown>>();

function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  if (!cache.has(key)) cache.set(key, load().catch((e: unknown) => { cache.delete(key); throw e; }));
  return cache.get(key) as Promise<T>;
}

/** [{id, name, kind}] of holders or consultants. */
export function organisations(kind: string): Promise<DirectoryOrganisation[]> {
  return cached(`orgs:${kind}`, () => get(`/directory/organisations?kind=${encodeURIComponent(kind)}`) as Promise<DirectoryOrganisation[]>);
}

/**
 * The organisations a review panel's experts may come from: those of kind expert (某环境科学研究院) when the directory
 * lists them, then the third parties; each may carry its expert users (`experts: [{userId, displayName}]`).
 */
export function expertOrganisations(): Promise<DirectoryOrganisation[]> {
  return cached('orgs:experts', async () => {
    // Both at once: on a slow link each request is a round trip the plot page waits for.
    const [experts, others] = await Promise.all([
      (get('/directory/organisations?kind=expert') as Promise<DirectoryOrganisation[]>).catch((): DirectoryOrganisation[] => []),
      organisations('consultant').catch((): DirectoryOrganisation[] => []),
    ]);
    const seen = new Set<string>();
    return [...experts, ...others].filter((o) => !seen.has(o.id) && seen.add(o.id));
  });
}

/** [{code, name}], or [] if the server has no directory. */
export function jurisdictions(): Promise<DirectoryJurisdiction[]> {
  return cached('jurisdictions', async () => ((await optional('/directory/jurisdictions')).data as DirectoryJurisdiction[] | null) ?? []);
}

/** The plot-lifecycle definition: states with labels, events with labels and policy, the machine. */
export function workflow(name: string): Promise<unknown> {
  return cached(`wf:${name}`, async () => (await optional(`/workflows/${name}`)).data as unknown);
}

export function forget() {
  cache.clear();
}
