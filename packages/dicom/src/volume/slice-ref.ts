import type { DicomInstance, FrameGeometry, Vec3 } from '../parse/dicom-instance';
import { MissingTagError } from '../errors';
import { TAG, formatTag } from '../parse/tags';

/** One 2D slice of a series: a frame of an instance (classic CT has one frame per file), with its geometry. */
export interface SliceRef<S> {
  /** Where to get the pixels: the instance itself, or e.g. a file path for lazy loading. */
  source: S;
  instance: DicomInstance;
  frameIndex: number;
  frame?: FrameGeometry;
  position: Vec3;
  orientation: [number, number, number, number, number, number];
  pixelSpacing: [number, number];
  sliceThickness?: number;
}

function missing(tag: string, keyword: string, where: string): MissingTagError {
  return new MissingTagError(formatTag(tag), keyword, `on ${where}: cannot place the slice in a volume`);
}

/** Expands instances into slices, taking per-frame geometry from Enhanced CT functional groups when present. */
export function sliceRefs<S>(items: { source: S; instance: DicomInstance }[]): SliceRef<S>[] {
  const out: SliceRef<S>[] = [];
  for (const { source, instance } of items) {
    for (let f = 0; f < instance.numberOfFrames; f++) {
      const frame = instance.frames?.[f];
      const where = `instance ${instance.instanceNumber ?? instance.sopInstanceUid ?? '?'} frame ${f}`;
      const position = frame?.imagePositionPatient ?? instance.imagePositionPatient;
      const orientation = frame?.imageOrientationPatient ?? instance.imageOrientationPatient;
      const pixelSpacing = frame?.pixelSpacing ?? instance.pixelSpacing;
      if (!position) throw missing(TAG.ImagePositionPatient, 'ImagePositionPatient', where);
      if (!orientation) throw missing(TAG.ImageOrientationPatient, 'ImageOrientationPatient', where);
      if (!pixelSpacing) throw missing(TAG.PixelSpacing, 'PixelSpacing', where);
      if (instance.numberOfFrames > 1 && !frame?.imagePositionPatient) {
        throw missing(TAG.PerFrameFunctionalGroupsSequence, 'PlanePositionSequence per frame', where);
      }
      out.push({
        source,
        instance,
        frameIndex: f,
        frame,
        position,
        orientation,
        pixelSpacing,
        sliceThickness: frame?.sliceThickness ?? instance.sliceThickness,
      });
    }
  }
  return out;
}
