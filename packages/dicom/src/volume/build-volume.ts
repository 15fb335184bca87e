import { loadFrame } from '../decode/native-frame-words';
import type { DicomInstance } from '../parse/dicom-instance';
import { type BuiltVolume, assembleVolume } from './assemble-volume';
import type { BuildVolumeOptions } from './build-volume-options';
import { dropDuplicateInstances } from './drop-duplicate-instances';
import { sliceRefs } from './slice-ref';

/**
 * Builds a HU volume from the parsed instances of one series (classic single-frame CT, or Enhanced CT multi-frame).
 * Slices are sorted along the slice normal; see docs/dicom.md for the rules on duplicates, gaps, tilt and padding.
 */
export function buildVolume(instances: DicomInstance[], options: BuildVolumeOptions = {}): BuiltVolume {
  const unique = dropDuplicateInstances(
    instances.map((instance) => ({ source: instance, instance })),
    (instance) => instance,
  );
  const built = assembleVolume(sliceRefs(unique.kept), (slice) => loadFrame(slice.source, slice.frameIndex), options);
  return { ...built, warnings: [...unique.warnings, ...built.warnings] };
}
