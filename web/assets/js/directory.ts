// The organisations and districts forms pick from (GET /directory/...), cached per session.
import { optional } from './api.js';

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

/** GET /directory: every list the forms pick from, in one read for the session (one round trip, one connection). */
interface Directory {
  organisations: DirectoryOrganisation[];
  jurisdictions: DirectoryJurisdiction[];
}

function directory(): Promise<Directory> {
  return cached('directory', async () => {
    const found = (await optional('/directory')).data as Directory | null;
    return { organisations: found?.organisations ?? [], jurisdictions: found?.jurisdictions ?? [] };
  });
}

/** [{id, name, kind}] of holders or consultants. */
export async function organisations(kind: string): Promise<DirectoryOrganisation[]> {
  return (await directory()).organisations.filter((o) => o.kind === kind);
}

/**
 * The organisations a review panel's experts may come from: those of kind expert (某环境科学研究院), each with its
 * expert users (`experts: [{userId, displayName}]`), then the third parties.
 */
export async function expertOrganisations(): Promise<DirectoryOrganisation[]> {
  const all = (await directory()).organisations;
  return [...all.filter((o) => o.kind === 'expert'), ...all.filter((o) => o.kind === 'consultant')];
}

/** [{code, name}], or [] if the server has no directory. */
export async function jurisdictions(): Promise<DirectoryJurisdiction[]> {
  return (await directory()).jurisdictions;
}

/** The plot-lifecycle definition: states with labels, events with labels and policy, the machine. */
export function workflow(name: string): Promise<unknown> {
  return cached(`wf:${name}`, async () => (await optional(`/workflows/${name}`)).data as unknown);
}

export function forget() {
  cache.clear();
}
