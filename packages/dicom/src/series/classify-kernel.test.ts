import { classifyKernel } from './classify-kernel';

describe('classifyKernel', () => {
  it.each(['B30f', 'B40f', 'B35s', 'Br40d', 'Qr36d', 'STANDARD', 'SOFT', 'FC13', 'FC12', 'FC03', 'B', 'I30f\\3'])(
    '%s is soft',
    (k) => {
      expect(classifyKernel(k)).toBe('soft');
    },
  );
  it.each(['B70f', 'B60f', 'Br64d', 'B80s', 'LUNG', 'BONE', 'BONEPLUS', 'FC51', 'FC86', 'DETAIL', 'EDGE'])(
    '%s is sharp',
    (k) => {
      expect(classifyKernel(k)).toBe('sharp');
    },
  );
  it.each([undefined, null, '', 'XYZ'])('%s is unknown', (k) => {
    expect(classifyKernel(k)).toBe('unknown');
  });
});
