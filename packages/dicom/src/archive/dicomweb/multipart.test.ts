import { BadResponseError } from '../../errors';
import { parseContentType, parseMultipart } from './multipart';

const enc = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

describe('parseContentType', () => {
  it('splits media type and parameters, unquoting values and keeping ";" inside quotes', () => {
    expect(parseContentType('Multipart/Related; type="application/dicom"; boundary="a;b"')).toEqual({
      mediaType: 'multipart/related',
      params: { type: 'application/dicom', boundary: 'a;b' },
    });
  });
});

describe('parseMultipart', () => {
  const ct = 'multipart/related; type="application/dicom"; boundary=XyZ';

  it('reads parts with headers, with and without Content-Length, after a preamble', () => {
    const body = enc(
      'preamble\r\n--XyZ\r\nContent-Type: application/dicom\r\nContent-Length: 6\r\n\r\nab\r\ncd\r\n' +
        '--XyZ  \r\nContent-Type: application/dicom\r\n\r\n--XyZ is not a boundary here\r\n--XyZ--\r\nepilogue',
    );
    const parts = parseMultipart(body, ct);
    expect(parts).toHaveLength(2);
    expect(parts[0].headers['content-type']).toBe('application/dicom');
    expect(text(parts[0].body)).toBe('ab\r\ncd');
    expect(text(parts[1].body)).toBe('--XyZ is not a boundary here');
  });

  it('keeps binary bodies intact: boundary-like bytes not preceded by CRLF do not split', () => {
    const payload = Buffer.from([0, 255, 45, 45, 88, 121, 0x5a, 13, 10, 1, 13, 10]);
    const [part] = parseMultipart(Buffer.concat([enc('--XyZ\r\n\r\n'), payload, enc('\r\n--XyZ--\r\n')]), ct);
    expect(Buffer.from(part.body).equals(payload)).toBe(true);
  });

  it('rejects bodies that are not multipart, lack the boundary, or are truncated', () => {
    expect(() => parseMultipart(enc('x'), 'application/dicom')).toThrow(BadResponseError);
    expect(() => parseMultipart(enc('x'), 'multipart/related')).toThrow(/without a boundary/);
    expect(() => parseMultipart(enc('no delimiter'), ct)).toThrow(/does not contain its boundary/);
    expect(() => parseMultipart(enc('--XyZ\r\nA: b\r\n\r\ndata without end'), ct)).toThrow(/Truncated/);
    expect(() => parseMultipart(enc('--XyZ--'), ct)).toThrow(/without parts/);
  });
});
