import { FilingService } from '../src/documents/filing.service';
import { describeEachDatabase } from './helpers/databases';
import { FakeClock } from './helpers/fake-clock';
import { startTestApp, type TestApp } from './helpers/test-app';
import { openTransport, plotInRemediationWorks } from './factories/transports';

const PARTS = ['history', 'reports', 'screening', 'documents', 'transports'] as const;
const PATHS: Record<(typeof PARTS)[number], (id: string) => string> = {
  history: (id) => `/plots/${id}/history`,
  reports: (id) => `/plots/${id}/reports`,
  screening: (id) => `/plots/${id}/screening`,
  documents: (id) => `/plots/${id}/documents`,
  transports: (id) => `/plots/${id}/transports`,
};

/**
 * Issue 22 (the plot page's cold load): GET /plots/:id/page answers what the page's six reads answered, in one round
 * trip, and each part keeps the checks of its own endpoint.
 */
describeEachDatabase('the plot page in one read: GET /plots/:id/page', (target) => {
  let t: TestApp;
  let plotId: string;
  const clock = new FakeClock('2026-07-01');

  beforeAll(async () => {
    t = await startTestApp(target, {}, { clock });
    ({ plotId } = await plotInRemediationWorks(t));
    await openTransport(t, plotId);
    // The filing documents of the journey are drawn up after their steps commit: all of them, before the page and each
    // endpoint are read one after the other (a document finished between two reads is not a difference of the page).
    await t.app.get(FilingService).drain();
  });
  afterAll(() => t?.close());

  it.each(['eeb', 'land', 'holder', 'consultant', 'eeb-city', 'eeb-prov'])(
    'issue 22 (one read for the plot page): as %s every part equals its own endpoint’s answer, and a part that endpoint refuses is null and named',
    async (user) => {
      const auth = await t.as(user);
      const page = await t.http.get(`/plots/${plotId}/page`).set(auth).expect(200);
      const plot = await t.http.get(`/plots/${plotId}`).set(auth).expect(200);
      expect(page.body.plot).toEqual(plot.body);
      const unavailable: string[] = [];
      for (const part of PARTS) {
        const own = await t.http.get(PATHS[part](plotId)).set(auth);
        if (own.status === 200) expect(page.body[part]).toEqual(own.body);
        else {
          expect([403, 404]).toContain(own.status);
          expect(page.body[part]).toBeNull();
          unavailable.push(part);
        }
      }
      expect(page.body.unavailable).toEqual(unavailable);
    },
  );

  it('issue 22 (one read for the plot page): the demo journey’s parts are there, not empty — history, reports, documents and the open transport', async () => {
    const page = await t.http.get(`/plots/${plotId}/page`).set(await t.as('eeb')).expect(200);
    expect(page.body.unavailable).toEqual([]);
    expect(page.body.history.items.length).toBeGreaterThan(5);
    const items = (part: unknown) => (Array.isArray(part) ? part : (part as { items: unknown[] }).items);
    expect(items(page.body.reports).length).toBeGreaterThan(0);
    expect(items(page.body.documents).length).toBeGreaterThan(0);
    expect(items(page.body.transports)).toHaveLength(1);
  });

  it('security (jurisdiction and organisation, as GET /plots/:id): a bureau of another district and another holder are refused the whole page as GET /plots/:id refuses them; no part leaks', async () => {
    for (const user of ['eeb-xy', 'holder2', 'consultant2']) {
      const auth = await t.as(user);
      const own = await t.http.get(`/plots/${plotId}`).set(auth);
      expect(own.status).not.toBe(200);
      const page = await t.http.get(`/plots/${plotId}/page`).set(auth);
      expect(page.status).toBe(own.status);
      expect(page.body.history).toBeUndefined();
      expect(page.body.plot).toBeUndefined();
    }
    const anonymous = await t.http.get(`/plots/${plotId}/page`);
    expect(anonymous.status).toBe(401);
    const unknown = await t.http.get(`/plots/00000000-0000-4000-8000-000000000000/page`).set(await t.as('eeb'));
    expect(unknown.status).toBe(404);
    // A malformed id is answered as GET /plots/:id answers it.
    const malformed = await t.http.get(`/plots/not-a-uuid`).set(await t.as('eeb'));
    expect((await t.http.get(`/plots/not-a-uuid/page`).set(await t.as('eeb'))).status).toBe(malformed.status);
  });
});
