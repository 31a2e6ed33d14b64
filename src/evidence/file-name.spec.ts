import { FILE_NAME_MAX_BYTES, FILE_NAME_MAX_CHARS, sanitizeFileName } from './file-name';
import { sanitizeFileName as reexported } from './pdf-check';

describe('sanitizeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\win.ini', 'win.ini'],
    ['%2e%2e/', 'report.pdf'],
    ['%2e%2e%2fetc%2fpasswd', 'passwd'],
    ['C:\\Users\\张三\\Desktop\\初步调查报告.pdf', '初步调查报告.pdf'],
    ['/var/uploads/../报告.pdf', '报告.pdf'],
    ['..', 'report.pdf'],
    ['', 'report.pdf'],
    ['   ', 'report.pdf'],
    ['.hidden.pdf', 'hidden.pdf'],
    ['report..pdf', 'report.pdf'],
  ])('keeps only a safe base name of %j', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it('removes NUL, newlines and other control characters', () => {
    expect(sanitizeFileName('evil.exe\u0000.pdf')).toBe('evil.exe.pdf');
    expect(sanitizeFileName('报告\r\nSet-Cookie: x.pdf')).toBe('报告 Set-Cookie x.pdf');
  });

  it('removes characters illegal on Windows and right-to-left overrides that disguise an extension', () => {
    expect(sanitizeFileName('a<b>c:d"e|f?g*h.pdf')).toBe('abcdefgh.pdf');
    expect(sanitizeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
  });

  it('collapses whitespace and trims trailing dots and spaces', () => {
    expect(sanitizeFileName('  效果  评估\t报告 .pdf . ')).toBe('效果 评估 报告 .pdf');
  });

  it('does not produce a Windows device name', () => {
    expect(sanitizeFileName('CON.pdf')).toBe('_CON.pdf');
    expect(sanitizeFileName('lpt1')).toBe('_lpt1');
  });

  it('shortens a 500-character CJK name to 120 characters and 240 bytes, keeping the extension', () => {
    const name = `${'污'.repeat(500)}.pdf`;
    const safe = sanitizeFileName(name);
    expect(safe.endsWith('.pdf')).toBe(true);
    expect([...safe].length).toBeLessThanOrEqual(FILE_NAME_MAX_CHARS);
    expect(Buffer.byteLength(safe)).toBeLessThanOrEqual(FILE_NAME_MAX_BYTES);
    expect(safe).toBe(`${'污'.repeat(78)}.pdf`);
  });

  it('shortens a long Latin name to exactly 120 characters', () => {
    const safe = sanitizeFileName(`${'a'.repeat(300)}.pdf`);
    expect(safe).toHaveLength(120);
    expect(safe.endsWith('.pdf')).toBe(true);
  });

  it('does not split a character outside the BMP when shortening', () => {
    const safe = sanitizeFileName(`${'𠀀'.repeat(200)}.pdf`);
    expect(safe).toBe(`${'𠀀'.repeat(59)}.pdf`);
  });

  it('leaves a name with a lone percent sign as it is', () => {
    expect(sanitizeFileName('完成率100%.pdf')).toBe('完成率100%.pdf');
  });

  it('is re-exported beside checkPdf', () => {
    expect(reexported).toBe(sanitizeFileName);
  });
});
