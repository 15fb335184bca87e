import type { DataSet } from 'dicom-parser';
import type { FrameGeometry, Vec3 } from './dicom-instance';
import { firstItem, readNumber, readStrings, readVec } from './element-values';
import { TAG } from './tags';

/** Reads the functional-group macros that carry geometry and rescale from one (shared or per-frame) group item. */
function readGroup(group: DataSet | undefined): FrameGeometry {
  const out: FrameGeometry = {};
  const position = firstItem(group, TAG.PlanePositionSequence);
  const orientation = firstItem(group, TAG.PlaneOrientationSequence);
  const measures = firstItem(group, TAG.PixelMeasuresSequence);
  const transform = firstItem(group, TAG.PixelValueTransformationSequence);
  const frameType = firstItem(group, TAG.CTImageFrameTypeSequence);
  const ipp = position && readVec(position, TAG.ImagePositionPatient, 3);
  if (ipp) out.imagePositionPatient = ipp as Vec3;
  const iop = orientation && readVec(orientation, TAG.ImageOrientationPatient, 6);
  if (iop) out.imageOrientationPatient = iop as FrameGeometry['imageOrientationPatient'];
  const spacing = measures && readVec(measures, TAG.PixelSpacing, 2);
  if (spacing) out.pixelSpacing = spacing as [number, number];
  const thickness = measures && readNumber(measures, TAG.SliceThickness);
  if (thickness !== undefined) out.sliceThickness = thickness;
  const slope = transform && readNumber(transform, TAG.RescaleSlope);
  if (slope !== undefined) out.rescaleSlope = slope;
  const intercept = transform && readNumber(transform, TAG.RescaleIntercept);
  if (intercept !== undefined) out.rescaleIntercept = intercept;
  const type = frameType && readStrings(frameType, TAG.FrameType);
  if (type && type.length > 0) out.frameType = type;
  return out;
}

/**
 * Enhanced multi-frame images (PS3.3 C.7.6.16) keep geometry in functional groups: shared ones apply to all frames,
 * per-frame ones override them. Returns undefined for classic single-frame images.
 */
export function readFrameGeometry(ds: DataSet, numberOfFrames: number): FrameGeometry[] | undefined {
  const perFrame = ds.elements[TAG.PerFrameFunctionalGroupsSequence]?.items;
  const shared = firstItem(ds, TAG.SharedFunctionalGroupsSequence);
  if (!perFrame && !shared) return undefined;
  const sharedGeometry = readGroup(shared);
  const frames: FrameGeometry[] = [];
  for (let i = 0; i < numberOfFrames; i++) {
    frames.push({ ...sharedGeometry, ...readGroup(perFrame?.[i]?.dataSet) });
  }
  return frames;
}
