import { readFileSync } from 'node:fs';
import type { Bureau } from '../../workflows';
import { referencePath } from '../reference/reference-files';

export interface DocumentKindConfig {
  /** 文号代字, e.g. 土备 */
  word: string;
  /** Which bureau issues it: the plot's 生态环境 or 自然资源 authority. */
  issuer: Bureau;
  /** Published by nature (notices, notice boards, removal decisions): served to the public. */
  published: boolean;
  legalBasis: string[];
}

/**
 * Per document kind (and `kind:variant`), the number word, the issuing bureau,
 * whether it is public and its legal basis — configuration, never code, so a
 * renumbered law is an edit of reference/documents.json.
 */
export class DocumentConfig {
  constructor(private readonly kinds: Record<string, DocumentKindConfig>) {}

  static load(path = referencePath('documents.json')): DocumentConfig {
    const raw = JSON.parse(readFileSync(path, 'utf8')) as { kinds?: Record<string, DocumentKindConfig> };
    const kinds = raw.kinds ?? {};
    for (const [key, k] of Object.entries(kinds)) {
      const ok =
        typeof k.word === 'string' && k.word.length > 0 &&
        (k.issuer === 'eeb' || k.issuer === 'land') &&
        typeof k.published === 'boolean' &&
        Array.isArray(k.legalBasis) && k.legalBasis.every((l) => typeof l === 'string');
      if (!ok) throw new Error(`${path}: kinds.${key} needs word, issuer (eeb|land), published and legalBasis[]`);
    }
    return new DocumentConfig(kinds);
  }

  for(kind: string, variant?: string): DocumentKindConfig {
    const found = (variant && this.kinds[`${kind}:${variant}`]) || this.kinds[kind];
    if (!found) throw new Error(`no configuration for document kind ${kind}`);
    return found;
  }
}
