import { withoutPaths } from './inference-activities';

describe('failure messages without file paths', () => {
  it('keeps the file name only (archive folder names often hold patient IDs)', () => {
    expect(withoutPaths('Truncated at byte 10 in /archive/PAT123/1.2.3/slice-0001.dcm: stop')).toBe(
      'Truncated at byte 10 in …/slice-0001.dcm: stop',
    );
    expect(withoutPaths('no path here')).toBe('no path here');
  });
});
