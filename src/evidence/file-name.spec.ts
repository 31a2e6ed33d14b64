import { contentDisposition, digestFileName } from './file-name';

const SHA = '3fa2c1d0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c';

describe('report download names', () => {
  it('hardening #9: a download name is the stem, the first 8 hex digits of the SHA-256 and .pdf (never the client name)', () => {
    expect(digestFileName('preliminary_investigation', SHA)).toBe('preliminary_investigation-3fa2c1d0.pdf');
    expect(digestFileName('初步调查报告', SHA)).toBe('初步调查报告-3fa2c1d0.pdf');
  });

  it('hardening #9: Content-Disposition carries an ASCII filename and the UTF-8 filename* (RFC 6266, RFC 8187)', () => {
    expect(contentDisposition('attachment', 'risk_assessment-3fa2c1d0.pdf', '风险评估报告-3fa2c1d0.pdf')).toBe(
      `attachment; filename="risk_assessment-3fa2c1d0.pdf"; filename*=UTF-8''%E9%A3%8E%E9%99%A9%E8%AF%84%E4%BC%B0%E6%8A%A5%E5%91%8A-3fa2c1d0.pdf`,
    );
  });

  it('hardening #9: nothing in a name can end the header value or add a header', () => {
    const header = contentDisposition('inline', 'a"b\r\nSet-Cookie: x=1;.pdf', "上环土备〔2026〕0007号 (副本)*'.pdf");
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe(
      `inline; filename="a_b__Set-Cookie__x_1_.pdf"; filename*=UTF-8''%E4%B8%8A%E7%8E%AF%E5%9C%9F%E5%A4%87%E3%80%942026%E3%80%950007%E5%8F%B7%20%28%E5%89%AF%E6%9C%AC%29%2A%27.pdf`,
    );
  });
});
