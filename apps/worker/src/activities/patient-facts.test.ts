import { parseDicomAge, parseDicomDate, readHeader, readInstitutionName } from './patient-facts';

/** A minimal DICOM file (explicit VR little endian) holding the given LO/UI elements after its file meta. */
function dicomFile(elements: Array<[number, number, string, string]>): Uint8Array {
  const element = (group: number, el: number, vr: string, value: string) => {
    const padded = value.length % 2 ? value + (vr === 'UI' ? '\0' : ' ') : value;
    const out = Buffer.alloc(8 + padded.length);
    out.writeUInt16LE(group, 0);
    out.writeUInt16LE(el, 2);
    out.write(vr, 4, 'latin1');
    out.writeUInt16LE(padded.length, 6);
    out.write(padded, 8, 'latin1');
    return out;
  };
  const meta = element(0x0002, 0x0010, 'UI', '1.2.840.10008.1.2.1');
  const groupLength = Buffer.alloc(12);
  groupLength.writeUInt16LE(0x0002, 0);
  groupLength.writeUInt16LE(0x0000, 2);
  groupLength.write('UL', 4, 'latin1');
  groupLength.writeUInt16LE(4, 6);
  groupLength.writeUInt32LE(meta.length, 8);
  const body = elements.map(([group, el, vr, value]) => element(group, el, vr, value));
  return Buffer.concat([Buffer.alloc(128), Buffer.from('DICM', 'latin1'), groupLength, meta, ...body]);
}

describe('InstitutionName (0008,0080): the site of a screened study (#15 bug 5)', () => {
  it('reads it, cleaned for display', () => {
    expect(readInstitutionName(readHeader(dicomFile([[0x0008, 0x0080, 'LO', '  North   Clinic\r\n']])))).toBe(
      'North Clinic',
    );
  });

  it('is null when absent, blank or the bytes are not DICOM', () => {
    expect(readInstitutionName(readHeader(dicomFile([[0x0008, 0x0060, 'CS', 'CT']])))).toBeNull();
    expect(readInstitutionName(readHeader(dicomFile([[0x0008, 0x0080, 'LO', '    ']])))).toBeNull();
    expect(readInstitutionName(readHeader(Buffer.from('not dicom at all')))).toBeNull();
  });
});

describe('DICOM date and age parsing', () => {
  it('reads DA values as UTC dates and refuses malformed ones', () => {
    expect(parseDicomDate('20240229')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
    expect(parseDicomDate(' 19600105 ')?.toISOString()).toBe('1960-01-05T00:00:00.000Z');
    expect(parseDicomDate('2024-02-29')).toBeNull();
    expect(parseDicomDate('')).toBeNull();
    expect(parseDicomDate(undefined)).toBeNull();
  });

  it('reads AS values in years; ages given in days, weeks or months are under one year', () => {
    expect(parseDicomAge('063Y')).toBe(63);
    expect(parseDicomAge('011M')).toBe(0);
    expect(parseDicomAge('63')).toBeNull();
    expect(parseDicomAge(null)).toBeNull();
  });
});
