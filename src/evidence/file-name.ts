// 8 hex digits of the SHA-256 tell a plot's reports apart; the full digest is in X-Content-SHA256.
export const NAME_DIGEST_CHARS = 8;

/**
 * A download name built by the server, `<stem>-<first 8 hex digits of the
 * SHA-256>.pdf`: never the client's name, whose extension (`report.html`) or
 * path a browser or a colleague's computer would trust.
 */
export function digestFileName(stem: string, sha256: string): string {
  return `${stem}-${sha256.slice(0, NAME_DIGEST_CHARS)}.pdf`;
}

/**
 * Content-Disposition with both names (RFC 6266 §4.3): `filename` in plain
 * ASCII for clients that read only that, `filename*` in UTF-8 (RFC 8187).
 */
export function contentDisposition(type: 'attachment' | 'inline', asciiName: string, utf8Name: string): string {
  const ascii = asciiName.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeAttrValue(utf8Name)}`;
}

// encodeURIComponent leaves ' ( ) * as they are; RFC 8187's attr-char does not allow them.
function encodeAttrValue(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
