import { hashPassword } from '../auth/password';
import { DirectoryRepository } from '../organisations/directory.repository';
import { DEMO_JURISDICTIONS, DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS } from './demo-directory';

export interface SeedResult {
  seeded: boolean;
  organisations: Record<string, string>;
  users: Record<string, string>;
}

/** Seeds the demo directory; does nothing when the demo admin already exists. */
export async function seedDemoDirectory(directory: DirectoryRepository): Promise<SeedResult> {
  const existing = await directory.usernameTaken('admin');
  const hashes = existing ? [] : await Promise.all(DEMO_USERS.map(() => hashPassword(DEMO_PASSWORD)));
  return directory.transaction(async (em) => {
    for (const j of DEMO_JURISDICTIONS) await directory.ensureJurisdiction(em, j);
    for (const o of DEMO_ORGANISATIONS) {
      await directory.ensureOrganisation(em, { name: o.name, kind: o.kind, jurisdictionCode: o.jurisdictionCode, shortName: o.shortName ?? null });
    }
    const ids = await directory.organisationIdsByName(em);
    const organisations: Record<string, string> = {};
    for (const o of DEMO_ORGANISATIONS) organisations[o.key] = ids.get(o.name)!;
    if (!existing) {
      let index = 0;
      for (const u of DEMO_USERS) {
        const user = { username: u.username, displayName: u.displayName, role: u.role, organisationId: organisations[u.org] };
        await directory.ensureUser(em, { ...user, passwordHash: hashes[index++] });
      }
    }
    return { seeded: !existing, organisations, users: await directory.userIdsByUsername(em) };
  });
}
