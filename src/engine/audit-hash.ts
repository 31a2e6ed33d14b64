import { Inject, Injectable } from '@nestjs/common';
import { KEYS, type Keys } from '../config/keys';
import { canonicalJson, hmacSha256Hex, sha256Hex } from './canonical-json';
import type { AuditEntry } from './audit.repository';

/** Rows written before the audit key: plain SHA-256, which anyone with database access can recompute. */
export const LEGACY_SCHEME = 'sha256';
/** HMAC-SHA256 with AUDIT_KEY, key version 1. */
export const KEYED_SCHEME = 'hmac-sha256:v1';
export type HashScheme = typeof LEGACY_SCHEME | typeof KEYED_SCHEME;

type HashedRow = AuditEntry & { seq: number; at: string };

/** The hashed content of a row: everything but its id, its own hash and its predecessor's hash. */
function hashedContent(row: HashedRow) {
  const { entityType, entityId, plotId, seq, eventType, payload, actorUserId, actorName, role } = row;
  const { organisationId, organisationName, fromState, toState, machineName, machineVersion, at } = row;
  return {
    entityType, entityId, plotId, seq, eventType, payload, actorUserId, actorName, role,
    organisationId, organisationName, fromState, toState, machineName, machineVersion, at,
  };
}

function linkText(prevHash: string | null, row: HashedRow): string {
  return `${prevHash ?? ''}\n${canonicalJson(hashedContent(row))}`;
}

/** The old link: SHA-256 of the predecessor's hash and the row's canonical JSON. */
export function legacyChainHash(prevHash: string | null, row: HashedRow): string {
  return sha256Hex(linkText(prevHash, row));
}

/**
 * The links of the audit chain and the other keyed digests of the audit
 * trail (seal, daily digests), all with AUDIT_KEY. Without the key nobody can
 * compute a link, so a row rewritten and re-hashed shows.
 */
@Injectable()
export class AuditHasher {
  constructor(@Inject(KEYS) private readonly keys: Keys) {}

  chainHash(scheme: HashScheme, prevHash: string | null, row: HashedRow): string {
    return scheme === KEYED_SCHEME ? hmacSha256Hex(this.keys.auditKey, linkText(prevHash, row)) : legacyChainHash(prevHash, row);
  }

  /** A keyed digest of text that is not a chain link; `purpose` keeps one kind from standing in for another. */
  mac(purpose: string, text: string): string {
    return hmacSha256Hex(this.keys.auditKey, `${purpose}\n${text}`);
  }
}
