import { hashPassword } from '../auth/password';
import { DirectoryRepository } from '../organisations/directory.repository';
import { DEMO_JURISDICTIONS, DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS } from './demo-directory';

export interface SeedResult {
  /** Whether the directory was new (its admin added now): the demo plots are seeded only then. */
  seeded: boolean;
  /** Organisation ids by the demo directory's keys (eeb, eebCity, eebProv, landProv, institute …). */
  organisations: Record<string, string>;
  /** User ids by username. */
  users: Record<string, string>;
}

/**
 * Seeds the demo directory, idempotently: what exists is kept (a renamed organisation is renamed),
 * what is missing is added — a directory seeded by an older version gains the bureaus of the city
 * and the province and the experts.
 */
export async function seedDemoDirectory(
  directory: DirectoryRepository,
  opts: { hash?: (password: string) => Promise<string> } = {},
): Promise<SeedResult> {
  const hash = opts.hash ?? hashPassword;
  const taken = await directory.usernamesTaken(DEMO_USERS.map((u) => u.username));
  const missing = DEMO_USERS.filter((u) => !taken.has(u.username));
  const formerNames = DEMO_ORGANISATIONS.flatMap((o) => (o.formerName ? [o.formerName] : []));
  const complete =
    !missing.length &&
    (await directory.holdsDirectory(
      DEMO_JURISDICTIONS.map((j) => j.code),
      DEMO_ORGANISATIONS.map((o) => o.name),
      formerNames,
    ));
  const hashes = await Promise.all(missing.map(() => hash(DEMO_PASSWORD)));
  return directory.transaction(async (em) => {
    if (complete) return { seeded: false, organisations: demoOrganisationIds(await directory.organisationIdsByName(em)), users: await directory.userIdsByUsername(em) };
    for (const j of DEMO_JURISDICTIONS) await directory.ensureJurisdiction(em, j);
    for (const o of DEMO_ORGANISATIONS) {
      if (o.formerName) await directory.renameOrganisation(em, o.formerName, o.name);
      await directory.ensureOrganisation(em, { name: o.name, kind: o.kind, jurisdictionCode: o.jurisdictionCode, shortName: o.shortName ?? null });
    }
    const organisations = demoOrganisationIds(await directory.organisationIdsByName(em));
    let index = 0;
    for (const u of missing) {
      const user = { username: u.username, displayName: u.displayName, role: u.role, organisationId: organisations[u.org] };
      await directory.ensureUser(em, { ...user, passwordHash: hashes[index++] });
    }
    return { seeded: !taken.has('admin'), organisations, users: await directory.userIdsByUsername(em) };
  });
}

function demoOrganisationIds(ids: Map<string, string>): Record<string, string> {
  const organisations: Record<string, string> = {};
  for (const o of DEMO_ORGANISATIONS) organisations[o.key] = ids.get(o.name)!;
  return organisations;
}
