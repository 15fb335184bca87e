import { parseDicom } from '@cacscreen/dicom';
import { controlStudyFiles } from './write-hostile-corpus';
import { elementValue, removeElement, setElement } from './edit-part10';

// The editor is checked with the package's reader (written apart): what it writes must read back as intended.
describe('edit-part10 (hostile-corpus editor)', () => {
  let file: Buffer;
  beforeAll(async () => {
    file = (await controlStudyFiles())[0].bytes;
  }, 60_000);

  it('replaces a value with one of another length and keeps every other element', () => {
    const edited = setElement(file, 0x00100020, 'LO', 'A-MUCH-LONGER-PATIENT-ID');
    const before = parseDicom(file);
    const after = parseDicom(edited);
    expect(after.patientId).toBe('A-MUCH-LONGER-PATIENT-ID');
    expect(after.rows).toBe(before.rows);
    expect(after.sopInstanceUid).toBe(before.sopInstanceUid);
    expect(after.pixelData?.length).toBe(before.pixelData?.length);
  });

  it('inserts a missing element in tag order and removes one', () => {
    const withFrames = setElement(file, 0x00280008, 'IS', '1');
    expect(elementValue(withFrames, 0x00280008)?.toString('latin1').trim()).toBe('1');
    expect(parseDicom(withFrames).numberOfFrames).toBe(1);
    const withoutRows = removeElement(file, 0x00280010);
    expect(parseDicom(withoutRows, { headersOnly: true }).rows).toBeUndefined();
  });

  it('keeps the file meta group length true when the transfer syntax changes length', () => {
    const edited = setElement(file, 0x00020010, 'UI', '1.2.840.10008.1.2.1.99.123');
    const groupLength = elementValue(edited, 0x00020000)?.readUInt32LE(0);
    const metaEnd = edited.indexOf(Buffer.from([0x08, 0x00]), 132 + 12 + (groupLength ?? 0) - 1);
    expect(groupLength).toBeGreaterThan(0);
    // The first data-set element (group 0008) starts right where the group length says the meta ends.
    expect(metaEnd).toBe(132 + 12 + (groupLength ?? 0));
  });
});
