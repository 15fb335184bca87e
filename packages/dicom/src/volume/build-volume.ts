import { decodeFrame } from '../decode/decode-frame';
import type { DicomInstance } from '../parse/dicom-instance';
import { type BuiltVolume, assembleVolume } from './assemble-volume';
import type { BuildVolumeOptions } from './build-volume-options';
import { sliceRefs } from './slice-ref';

/**
 * Builds a HU volume from the parsed instances of one series (classic single-frame CT, or Enhanced CT multi-frame).
 * Slices are sorted along the slice normal; see docs/dicom.md for the rules on duplicates, gaps, tilt and padding.
 */
export function buildVolume(instances: DicomInstance[], options: BuildVolumeOptions = {}): BuiltVolume {
  const refs = sliceRefs(instances.map((instance) => ({ source: instance, instance })));
  return assembleVolume(refs, (slice) => decodeFrame(slice.source, slice.frameIndex), options);
}
