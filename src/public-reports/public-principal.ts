import type { Principal } from '../auth/principal';
import { PUBLIC_SENDER } from '../../workflows/public-report/v1/policy';

/**
 * The sender of a public report in its first audit row (RECEIVE): a member of the public, no user and no organisation
 * (actor_user_id and organisation_id are null), its role the public sender no account can hold. Used only by the
 * public form's service for the start; the engine's checks are unchanged.
 */
export const PUBLIC_PRINCIPAL: Principal = Object.freeze({
  userId: null as unknown as string,
  username: 'public',
  displayName: '公众',
  role: PUBLIC_SENDER,
  organisationId: null as unknown as string,
  organisationName: '公众（12369 举报）',
  organisationKind: PUBLIC_SENDER,
  jurisdictionCode: null,
  level: null,
});
