import fc from 'fast-check';
import { anyJson, deepJson, malformedBody, nastyString, nearValid, pollutingBody, validObject, type Operation, type Schema } from './fuzz-inputs';

/** One generated request and what the oracle should know about it. */
export interface FuzzRequest {
  op: Operation;
  path: string;
  query: string;
  user: string | null;
  badToken?: string;
  raw?: string | Buffer | FormData;
  contentType?: string;
  headers?: Record<string, string>;
  field?: string;
  strict?: boolean;
  what: string;
}

export const USERS = ['eeb', 'land', 'eeb-xy', 'holder', 'holder2', 'consultant', 'consultant2', 'admin'];
const BAD_TOKENS = [
  'Bearer ',
  'Bearer x.y.z',
  'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.',
  'Basic YWRtaW46ZGVtbzEyMzQ=',
  'bearer' + ' '.repeat(3) + 'abc',
  // HS256, signed with another secret
  'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxIiwicm9sZSI6ImFkbWluIn0.Jrhp6L7hWJDu1k2QGaVsPbjWgv7Vk7ZLUpYvUp0qKCs',
];

/** One user allowed to call each endpoint that takes a JSON body; near-valid bodies sent as them must get 400. */
const HOME_USER: Record<string, string | null> = {
  'POST /auth/login': null,
  'POST /admin/jurisdictions': 'admin',
  'PATCH /admin/jurisdictions/{code}': 'admin',
  'POST /admin/organisations': 'admin',
  'PATCH /admin/organisations/{id}': 'admin',
  'POST /admin/users': 'admin',
  'PATCH /admin/users/{id}': 'admin',
  'POST /admin/users/{id}/reset-password': 'admin',
  'POST /plots': 'eeb',
  'POST /plots/{id}/events': 'eeb',
  'POST /transports/{id}/events': 'holder',
  'PUT /admin/calendar/{year}': 'admin',
  'POST /reports/annual': 'eeb',
  'POST /plots/{id}/migrate': 'admin',
  'PUT /map/jurisdictions/{code}/boundary': 'admin',
  'POST /key-units': 'eeb',
  'POST /key-units/{id}/events': 'eeb',
  'POST /indicators/developments/{plotId}': 'eeb',
  'POST /land-supply/check': 'land',
  'POST /monitoring/points': 'eeb',
  'POST /monitoring/warnings/{id}/events': 'eeb',
  'POST /proposals/{id}/confirm': 'eeb',
  'POST /proposals/{id}/dismiss': 'eeb',
  'PUT /credit/firms/{id}/credit-code': 'admin',
  'POST /public-reports/{id}/events': 'eeb',
  'POST /supervision/duties/{id}/urge': 'eeb',
};

/** Valid payloads of each event (src/engine/dto/plot-events.dto.ts, src/transports/dto/transport-events.dto.ts). */
function eventBodies(ids: Known): Record<string, Record<string, Record<string, unknown>>> {
  const report = { reportId: ids.reportId };
  return {
    plot: {
      ISSUE_INVESTIGATION_NOTICE: { dueDate: '2026-12-31' },
      ASSIGN_CONSULTANT: { orgId: ids.consultantOrg, work: 'investigation' },
      START_INVESTIGATION: {},
      SUBMIT_REPORT: report,
      APPROVE: { opinion: '同意' },
      RETURN: { reason: '请补充' },
      SET_PRIORITY: { rank: 1, negativeList: ['住宅'] },
      FILE_CONTROL_PLAN: report,
      FILE_REMEDIATION_PLAN: report,
      SUBMIT_MONITORING_REPORT: report,
      ACKNOWLEDGE_FILING: {},
      START_WORKS: {
        noticeBoard: { project: '工程', contractorOrganisationId: ids.consultantOrg, measures: '固化', contact: '0371', startDate: '2026-12-10', endDate: '2027-06-30' },
      },
      COMPLETE_WORKS: {},
      REQUEST_EFFECT_EVALUATION: {},
      APPLY_REMOVAL: {},
      FORWARD: {},
      FORM_PANEL: { experts: [{ name: '专家', organisationId: ids.consultantOrg }] },
      RECORD_EXPERT_OPINION: { expertIndex: 0, opinion: '同意' },
      CONCLUDE_PANEL: { conclusion: 'pass', summary: '通过' },
      SUBMIT_REVISION: report,
      ACCEPT_REVISION: {},
      RECORD_DECISION: { documentNumber: '豫环审〔2026〕1号', decisionDate: '2026-11-30', outcome: 'approved', scanReportId: ids.reportId },
      RECORD_DISCLOSURE: { work: 'investigation', publishedOn: '2026-11-30', place: '网站' },
      SET_SITE_VALUE: { cas: '16984-48-8', name: '氟化物', medium: 'soil', value: 2000, unit: 'mg/kg', source: '风险评估报告' },
      END_PUBLICITY: {},
    },
    transport: {
      SUBMIT: {
        plannedStart: '2026-12-20', method: '密闭车辆', route: '经 G310', carrier: '某运输公司', vehicles: ['豫A12345'], quantityT: 12.5,
        destinationFacility: '某处置中心', destinationJurisdiction: '410106', finalDisposal: '水泥窑协同处置', hazardousWaste: false,
      },
      ACKNOWLEDGE: {},
      OBJECT: { reason: '路线不符' },
      DISPATCH: { manifestNo: 'M-1', quantityT: 10 },
      RECORD_RECEIPT: { quantityT: 10, receiptReportId: ids.reportId },
      RESOLVE: { explanation: '核查无误' },
      COMPLETE: {},
      CANCEL: { reason: '取消' },
    },
    // src/key-units/dto/key-unit-events.dto.ts
    keyUnit: {
      FILE_DUTY_REPORT: { duty: 'selfMonitoring', year: 2026, reportId: ids.reportId },
      RECORD_BUREAU_MONITORING: { year: 2026, reportId: ids.reportId },
      FILE_DEMOLITION_PLAN: { plannedStart: '2027-03-01', reportId: ids.reportId },
      START_DEMOLITION: {},
      COMPLETE_DEMOLITION: { completedOn: '2026-11-30' },
      RECORD_UNFILED_DEMOLITION: { observedOn: '2026-11-30', note: '现场发现' },
      CLOSE: { reason: 'closure', on: '2026-11-30' },
      REMOVE: { reason: '移出', on: '2026-11-30' },
    },
    // src/monitoring/dto/warning-events.dto.ts
    warning: {
      VERIFY_START: { note: '核实' },
      CONFIRM: { note: '属实' },
      DISMISS: { reason: '误报' },
      RECORD_MEASURES: { note: '加密监测' },
      PROPOSE_INVESTIGATION: { note: '建议调查' },
      PROPOSE_HIDDEN_DANGER_INSPECTION: { note: '建议排查' },
      CLOSE: { reason: '已处置' },
    },
    // src/public-reports/dto/public-report-events.dto.ts
    publicReport: {
      ASSIGN: { officer: '王审查' },
      RECORD_SITE_CHECK: { checkedOn: '2026-11-30', findings: '属实' },
      RECORD_HANDLING: { measures: '责令整改' },
      REPLY: { reply: '已处理' },
      RECORD_REWARD: { granted: false, reason: '匿名举报' },
      LINK: { plotId: ids.plotId },
      PROPOSE_SUSPECTED_PLOT: { reason: '疑似' },
      CLOSE: {},
    },
  };
}

/** The operations whose body is one event of a statechart, and the statechart's entry in eventBodies. */
const EVENT_OPERATIONS: Record<string, string> = {
  'POST /plots/{id}/events': 'plot',
  'POST /transports/{id}/events': 'transport',
  'POST /key-units/{id}/events': 'keyUnit',
  'POST /monitoring/warnings/{id}/events': 'warning',
  'POST /public-reports/{id}/events': 'publicReport',
};

/** A schema for a valid example: every field required, typed as its value. */
function schemaOf(example: Record<string, unknown>): Schema {
  const typeOf = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
  return {
    type: 'object',
    required: Object.keys(example),
    properties: {
      ...Object.fromEntries(Object.entries(example).map(([k, v]) => [k, k === 'type' ? { type: 'string', enum: [v] } : { type: typeOf(v) }])),
      expectedVersion: { type: 'integer' },
    },
  };
}

export interface Known {
  plotId: string;
  reportId: string;
  documentId: string;
  transportId: string;
  digest: string;
  consultantOrg: string;
  holderOrg: string;
  victimUser: string;
  victimOrg: string;
  keyUnitId: string;
  monitoringPointId: string;
  warningId: string;
  publicReportId: string;
  proposalId: string;
  deadlineId: string;
}

/** Real path values for a parameter (the fixtures the demo data made). */
function knownFor(op: Operation, param: string, k: Known): string[] {
  const t = op.template;
  if (param === 'plotId' || (param === 'id' && t.startsWith('/plots/'))) return [k.plotId];
  if (param === 'reportId') return [k.reportId];
  if (t.startsWith('/documents/')) return [k.documentId];
  if (t.startsWith('/transports/')) return [k.transportId];
  if (t.startsWith('/admin/users/')) return [k.victimUser];
  if (t.startsWith('/admin/organisations/')) return [k.victimOrg];
  if (t.startsWith('/admin/jurisdictions/')) return ['419901'];
  if (t.startsWith('/map/jurisdictions/')) return ['410106'];
  if (t.startsWith('/key-units/')) return [k.keyUnitId];
  if (t.startsWith('/monitoring/points/')) return [k.monitoringPointId];
  if (t.startsWith('/monitoring/warnings/')) return [k.warningId];
  if (t.startsWith('/public-reports/')) return [k.publicReportId];
  if (t.startsWith('/proposals/')) return [k.proposalId];
  if (t.startsWith('/supervision/duties/')) return [k.deadlineId];
  if (t.startsWith('/credit/firms/')) return [k.consultantOrg];
  if (param === 'year') return ['2027'];
  if (param === 'name') return ['plot-lifecycle', 'soil-transport'];
  if (param === 'sha256') return [k.digest];
  return [];
}

function encodeSegment(v: string): string {
  // fetch's URL parser resolves a '.' or '..' segment (and its %2E spelling) away before sending: send the text '%2E' instead.
  if (v === '.' || v === '..') return v.replace(/\./g, '%252E');
  try {
    return encodeURIComponent(v);
  } catch {
    return '%ED%A0%80'; // a lone surrogate, as invalid UTF-8
  }
}

function pathArb(op: Operation, k: Known, real: boolean): fc.Arbitrary<string> {
  return fc
    .tuple(
      ...op.pathParams.map((p) => {
        const known = knownFor(op, p, k);
        if (real && known.length) return fc.constantFrom(...known.map(encodeSegment));
        return fc.oneof(
          { weight: 3, arbitrary: known.length ? fc.constantFrom(...known) : fc.uuid() },
          { weight: 2, arbitrary: fc.uuid() },
          { weight: 3, arbitrary: nastyString.filter((s) => s.length < 5000) },
        ).map((v) => (v === '' ? '%20' : encodeSegment(v)))
          .chain((v) => fc.oneof({ weight: 9, arbitrary: fc.constant(v) }, { weight: 1, arbitrary: fc.constantFrom('%zz', '%', '%2F', '%00', 'a%2Fb', '%C0%AF') }));
      }),
    )
    .map((vals) => op.pathParams.reduce((path, p, i) => path.replace(`{${p}}`, vals[i] as string), op.template));
}

function queryArb(op: Operation): fc.Arbitrary<string> {
  const value = fc.oneof(
    nastyString.filter((s) => s.length < 3000),
    fc.integer({ min: -5, max: 200 }).map(String),
    fc.constantFrom('410106', '2026', 'investigation', '住宅', '1', '2', 'consultant'),
  );
  const pair = fc.tuple(fc.oneof({ weight: 4, arbitrary: op.queryParams.length ? fc.constantFrom(...op.queryParams) : fc.constant('q') }, { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'x', 'page[]', '__proto__[polluted]') }), value);
  return fc.array(pair, { maxLength: 4 }).map((pairs) => {
    const q = new URLSearchParams();
    for (const [key, v] of pairs) q.append(key, v);
    const s = q.toString();
    return s ? `?${s}` : '';
  }).chain((q) => fc.oneof({ weight: 9, arbitrary: fc.constant(q) }, { weight: 1, arbitrary: fc.constantFrom('?%zz=1', '?a=%', '?page=1&page=2', '?pageSize=1e999') }));
}

function userArb(): fc.Arbitrary<{ user: string | null; badToken?: string }> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...USERS).map((user) => ({ user })) },
    { weight: 1, arbitrary: fc.constant({ user: null }) },
    { weight: 1, arbitrary: fc.constantFrom(...BAD_TOKENS).map((badToken) => ({ user: null, badToken })) },
  );
}

/** The valid JSON body of an operation and its field schema (events: one of each event type). */
function bodyModels(op: Operation, k: Known): Array<{ valid: Record<string, unknown>; schema: Schema }> {
  if (EVENT_OPERATIONS[op.key]) {
    const events = eventBodies(k)[EVENT_OPERATIONS[op.key]];
    return Object.entries(events).map(([type, payload]) => {
      const valid = { type, ...payload };
      return { valid, schema: schemaOf(valid) };
    });
  }
  const schema = op.body!.schema;
  const knownValues = {
    holderOrganisationId: k.holderOrg, organisationId: k.victimOrg, jurisdiction: '410106', jurisdictionCode: '410106',
    code: '419902', password: 'demo1234-x', year: 2026,
  };
  return [{ valid: validObject(schema, knownValues), schema }];
}

export function requestArb(op: Operation, k: Known): fc.Arbitrary<FuzzRequest> {
  const options: Array<{ weight: number; arbitrary: fc.Arbitrary<FuzzRequest> }> = [];
  const json = op.body?.contentType === 'application/json';
  const models = json ? bodyModels(op, k) : [];
  const base = fc.record({ path: pathArb(op, k, false), query: queryArb(op), who: userArb() });
  const make = (what: string, raw?: string | Buffer, extra: Partial<FuzzRequest> = {}) =>
    base.map(({ path, query, who }) => ({ op, path, query, user: who.user, badToken: who.badToken, raw, contentType: raw === undefined ? undefined : 'application/json', what, ...extra }));
  if (json) {
    const model = fc.constantFrom(...models);
    const home = HOME_USER[op.key];
    if (home === undefined) throw new Error(`${op.key} takes a JSON body but has no home user in the fuzz table: add one`);
    // Near-valid as the home user with real ids: must be 400 naming the field.
    options.push({
      weight: 4,
      // (Within the 1 MB body limit, or the answer is rightly 413.)
      arbitrary: fc.tuple(model.chain((m) => nearValid(m.valid, m.schema)).filter((nv) => Buffer.byteLength(JSON.stringify(nv.body)) < 1_000_000), pathArb(op, k, true)).map(([nv, path]) => ({
        op, path, query: '', user: home, raw: JSON.stringify(nv.body), contentType: 'application/json', field: nv.field, strict: true,
        what: `near-valid (${nv.mutation}: ${nv.field})`,
      })),
    });
    // Near-valid as anyone, anywhere.
    options.push({ weight: 2, arbitrary: model.chain((m) => nearValid(m.valid, m.schema)).chain((nv) => make(`near-valid (${nv.mutation}: ${nv.field}), any user`, JSON.stringify(nv.body), { field: nv.field })) });
    // The schema's fields with random values.
    options.push({
      weight: 2,
      arbitrary: model.chain((m) => fc.record(Object.fromEntries(Object.keys(m.schema.properties ?? {}).map((key) => [key, anyJson])), { requiredKeys: [] }))
        .chain((body) => make('schema fields, random values', JSON.stringify(body))),
    });
    options.push({ weight: 1, arbitrary: model.chain((m) => pollutingBody(m.valid)).chain((raw) => make('prototype-polluting keys', raw)) });
  }
  options.push({ weight: 1, arbitrary: make('no body') });
  // fetch sends no body with GET; a GET is fuzzed through its path, query and token.
  if (op.method === 'GET') return fc.oneof(...options);
  options.push({ weight: 2, arbitrary: anyJson.chain((v) => make('random JSON', JSON.stringify(v) ?? 'null')) });
  options.push({
    weight: 1,
    arbitrary: fc.tuple(fc.integer({ min: 1_000, max: 20_000 }), fc.constantFrom<'[' | '{'>('[', '{'), fc.constantFrom(undefined, 'type', 'code', 'noticeBoard', 'username'))
      .chain(([depth, open, field]) => make(`deep JSON (${depth} levels)`, deepJson(depth, open, field))),
  });
  options.push({ weight: 1, arbitrary: malformedBody.chain((m) => make(`malformed body (${m.contentType})`, m.raw, { contentType: m.contentType, headers: m.headers })) });
  return fc.oneof(...options);
}
