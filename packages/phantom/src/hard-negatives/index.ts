/**
 * Hard negatives for calcium labellers (setting `hardNegatives`): things next to the coronary arteries that are bright
 * but are not coronary calcium.
 *
 * - Calcified mediastinal lymph nodes (subcarinal, aorto-pulmonary next to the left main, pre-vascular beside the
 *   aortic root): a soft-tissue node in a fat pad with 1–3 calcium foci of 200–900 HU, 2–6 mm (label 5).
 * - Aortic-root wall calcium beside the LM / RCA ostia, bulky aortic-valve calcification and ascending-aorta plaques
 *   (label 5).
 * - Bone touching the pericardium: the sternum pushed posteriorly onto the heart, or a rib segment whose cortex abuts
 *   the epicardial fat over the LAD or RCA (bone: label 0).
 * - Metal: sternal wires round the sternum or a pacemaker lead through the SVC into the right heart (clean value far
 *   above the HU scale, so ≥ 2000 HU after blur; label 0), with alternating bright and dark streaks radiating from it
 *   in each slice it crosses.
 *
 * Everything here draws from its own random stream, so it never shifts the rest of the phantom.
 */
import type { CoronaryArtery } from '@cacscreen/scoring';
import type { Anatomy } from '../anatomy';
import type { CalciumBlob } from '../calcium';
import type { Rng } from '../random';
import { type Grid, voxelCount } from '../render';
import { type Vec3 } from '../vec';
import { ribContact, sternumContact } from './bone-contact';
import { aorticRootCalcium, lymphNodes } from './lymph-nodes-and-root';
import { type MetalObject, addStreaks, pacemakerLead, sternalWires, stampMetal } from './metal';

export type HardNegativeKind =
  'lymph-node' | 'aortic-root' | 'sternum-contact' | 'rib-contact' | 'sternal-wires' | 'pacemaker-lead';

export interface HardNegativeFeature {
  kind: HardNegativeKind;
  /** Node centre, contact point of bone on the pericardium, wire or lead centre (body coordinates). */
  centre: Vec3;
  /** The artery whose course the bone touches (contacts only). */
  artery?: CoronaryArtery;
}

export interface HardNegatives {
  features: HardNegativeFeature[];
  /** Label-5 deposits for placeCalcium (lymph-node foci, aortic root, valve and wall calcium). */
  blobs: CalciumBlob[];
  /** Bone and metal voxels (clean ≥ 200 HU before streaks): never part of a deposit's label. */
  excluded: Uint8Array;
}

/**
 * Draws the hard negatives into `clean` (bone, metal, lymph-node tissue, streaks) and returns the deposits to place.
 * Each study gets one to four kinds (usually one to three): lymph nodes 50 %, bone contact 45 %, metal 30 %, aortic
 * root / valve 45 %, at least one of them.
 */
export function addHardNegatives(a: Anatomy, g: Grid, clean: Float32Array, rng: Rng): HardNegatives {
  const want = { nodes: rng.chance(0.5), bone: rng.chance(0.45), metal: rng.chance(0.3), root: rng.chance(0.45) };
  if (!want.nodes && !want.bone && !want.metal && !want.root) {
    want[(['nodes', 'bone', 'metal', 'root'] as const)[rng.int(0, 3)]] = true;
  }
  const boneRng = rng.fork(1);
  const nodeRng = rng.fork(2);
  const metalRng = rng.fork(3);
  const rootRng = rng.fork(4);
  const features: HardNegativeFeature[] = [];
  const blobs: CalciumBlob[] = [];

  let sternumShift: (zb: number) => number = () => 0;
  if (want.bone) {
    const mode = boneRng.weighted([0.4, 0.4, 0.2]); // sternum, rib, both
    let done = false;
    if (mode !== 1) {
      const sternum = sternumContact(a, g, clean, boneRng);
      if (sternum) {
        features.push(sternum.feature);
        sternumShift = sternum.shiftAt;
        done = true;
      }
    }
    if (mode !== 0 || !done) {
      const rib = ribContact(a, g, clean, boneRng);
      if (rib) features.push(rib);
    }
  }
  if (want.nodes) features.push(...lymphNodes(a, g, clean, nodeRng, blobs));
  if (want.root) features.push(aorticRootCalcium(a, rootRng, blobs));

  const metal: MetalObject[] = [];
  if (want.metal) {
    const wires = metalRng.chance(0.55) ? sternalWires(a, g, metalRng, sternumShift) : [];
    if (wires.length > 0) metal.push(...wires);
    else {
      const lead = pacemakerLead(a, g, metalRng);
      if (lead) metal.push(lead);
    }
    for (const m of metal) stampMetal(m, g, clean);
    if (metal.length > 0) features.push({ kind: metal[0].kind, centre: metal[Math.floor(metal.length / 2)].centre });
  }
  // The drawn kinds can all fail to fit (no room for a node, bone or lead); aortic-root calcium always fits.
  if (features.length === 0) features.push(aorticRootCalcium(a, rootRng, blobs));

  const n = voxelCount(g);
  const excluded = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (clean[i] >= 200) excluded[i] = 1;
  for (const m of metal) addStreaks(m, g, clean, metalRng);
  return { features, blobs, excluded };
}
