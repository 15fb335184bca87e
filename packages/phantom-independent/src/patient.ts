/**
 * Patient-level anatomy parameters: body habitus, tissue values and the z landmarks every organ model hangs on.
 * Patient frame is DICOM LPS in mm: +x patient left, +y posterior, +z superior. The heart centre is at z = 0.
 */
import { Rng } from './rng';

// Module-local Math (global lookups are slow inside vm sandboxes such as Jest).
const { max, min, round, sqrt } = Math;

export interface Patient {
  age: number;
  male: boolean;
  /** Overall scale (1 = average adult). */
  size: number;
  /** Thoracic cavity (inside the ribs) half-width and anterior / posterior half-depths at full chest width. */
  cavA: number;
  cavBAnt: number;
  /** Chest wall (muscle + ribs) thickness lateral and anterior, subcutaneous fat lateral / anterior / posterior. */
  wallLat: number;
  wallAnt: number;
  fatLat: number;
  fatAnt: number;
  fatPost: number;
  /** Posterior soft tissue behind the cavity (paraspinal muscles) in mm. */
  backMm: number;
  /** Vertebral body centre y at mid chest, body radii at T1 and T12, thoracic level height. */
  ySpine: number;
  vertRx: number;
  vertRy: number;
  levelH: number;
  zT1: number;
  zApex: number;
  zCarina: number;
  zSternTop: number;
  zSternBot: number;
  /** Diaphragm dome tops (z) and their x positions; dome curvature radius. */
  zDomeR: number;
  zDomeL: number;
  xDomeR: number;
  xDomeL: number;
  domeRadius: number;
  zLiverBottom: number;
  zKidneyR: number;
  zKidneyL: number;
  stomachAir: boolean;
  /** Tissue HU. */
  huFat: number;
  huMuscle: number;
  huBlood: number;
  huLiver: number;
  huSpleen: number;
  huLung: number;
  huCartilage: number;
  cortical: number;
  cancellous: number;
  /** Multiplier applied to calcium and bone HU for the tube voltage (1 at 120 kVp). */
  calciumFactor: number;
  sternotomy: boolean;
  pacemaker: boolean;
}

export function makePatient(rng: Rng, kvp: number): Patient {
  const male = rng.chance(0.55);
  const age = round(rng.uniform(38, 86));
  const size = rng.uniform(0.88, 1.12) * (male ? 1.04 : 0.96);
  const obese = rng.uniform(0, 1);
  const fat = 8 + 30 * obese * obese;
  const cavA = 128 * size * rng.uniform(0.93, 1.07);
  const cavBAnt = 78 * size * rng.uniform(0.9, 1.1);
  const ySpine = 48 * size * rng.uniform(0.95, 1.05);
  const levelH = 24.5 * size * rng.uniform(0.95, 1.05);
  const zT1 = 150 * size + rng.uniform(-15, 15);
  const zApex = zT1 + rng.uniform(15, 30);
  const zCarina = rng.uniform(60, 85);
  const zSternTop = zT1 - rng.uniform(20, 35);
  const zSternBot = rng.uniform(-60, -35);
  const zDomeR = rng.uniform(-45, -20);
  const zDomeL = zDomeR - rng.uniform(5, 25);
  const f = 1 + 0.0075 * (120 - kvp);
  return {
    age,
    male,
    size,
    cavA,
    cavBAnt,
    wallLat: rng.uniform(14, 22),
    wallAnt: rng.uniform(12, 18),
    fatLat: fat * rng.uniform(0.8, 1.3),
    fatAnt: fat * rng.uniform(0.6, 1.1) * (male ? 1 : 1.3),
    fatPost: fat * rng.uniform(0.5, 0.9),
    backMm: rng.uniform(28, 42) * size,
    ySpine,
    vertRx: 17 * size,
    vertRy: 13 * size,
    levelH,
    zT1,
    zApex,
    zCarina,
    zSternTop,
    zSternBot,
    zDomeR,
    zDomeL,
    xDomeR: -rng.uniform(50, 70) * size,
    xDomeL: rng.uniform(55, 75) * size,
    domeRadius: rng.uniform(110, 160) * size,
    zLiverBottom: zDomeR - rng.uniform(140, 185),
    zKidneyR: zDomeR - rng.uniform(115, 150),
    zKidneyL: zDomeR - rng.uniform(100, 135),
    stomachAir: rng.chance(0.6),
    huFat: rng.uniform(-112, -88) - 0.3 * (120 - kvp),
    huMuscle: rng.uniform(40, 60),
    huBlood: rng.uniform(35, 50),
    huLiver: rng.uniform(48, 64),
    huSpleen: rng.uniform(40, 52),
    huLung: rng.uniform(-880, -820),
    huCartilage: rng.uniform(85, 125),
    cortical: rng.uniform(700, 1200) * f,
    cancellous: rng.uniform(150, 300) * f * (age > 70 ? 0.8 : 1),
    calciumFactor: f,
    sternotomy: rng.chance(0.04),
    pacemaker: rng.chance(0.03),
  };
}

/** Thoracic cavity semi-axes at height z (shrinks towards the lung apex and the lower ribs). */
export function cavityAt(p: Patient, z: number): { a: number; bAnt: number; bPost: number } {
  const top = p.zApex;
  const full = p.zT1 - 4 * p.levelH;
  let s = 1;
  if (z > full) {
    const t = min(1, (z - full) / (top + 5 - full));
    s = sqrt(max(0, 1 - t * t * 0.93));
  }
  const low = p.zDomeR - 60;
  let lw = 1;
  if (z < low) lw = max(0.82, 1 - (low - z) * 0.0015);
  return { a: p.cavA * s * lw, bAnt: p.cavBAnt * (0.55 + 0.45 * s), bPost: spineY(p, z) + 30 };
}

/** Outer body semi-axes at z: cavity + wall + fat, with shoulders above the apex. */
export function torsoAt(
  p: Patient,
  z: number,
): { a: number; bAnt: number; bPost: number; cav: ReturnType<typeof cavityAt> } {
  const cav = cavityAt(p, z);
  let a = max(cav.a, 40) + p.wallLat + p.fatLat;
  const shoulder = z > p.zSternTop - 30 ? min(1, (z - (p.zSternTop - 30)) / 50) : 0;
  a = max(a, (p.cavA + p.wallLat + p.fatLat) * (0.85 + 0.25 * shoulder));
  const bAnt = max(cav.bAnt, 30) + p.wallAnt + p.fatAnt;
  const bPost = cav.bPost + p.backMm + p.fatPost;
  return { a, bAnt, bPost, cav };
}

/** Diaphragm height under (x, y): the higher of two paraboloid domes. */
export function diaphragmZ(p: Patient, x: number, y: number): number {
  const k = 1 / (2 * p.domeRadius);
  const yy = (y + 5) * (y + 5);
  const r = p.zDomeR - ((x - p.xDomeR) * (x - p.xDomeR) + yy) * k;
  const l = p.zDomeL - ((x - p.xDomeL) * (x - p.xDomeL) + yy) * k;
  return r > l ? r : l;
}

/** Vertebral body centre y at height z (mild thoracic kyphosis). */
export function spineY(p: Patient, z: number): number {
  const t = (z - (p.zT1 - 6 * p.levelH)) / 260;
  return p.ySpine + 8 * (1 - t * t);
}

/** Seat the diaphragm domes under the heart and hang the abdominal organs from them. */
export function placeDiaphragm(rng: Rng, p: Patient, heartBottomZ: number): void {
  p.zDomeL = heartBottomZ + rng.uniform(-2, 12);
  p.zDomeR = p.zDomeL + rng.uniform(6, 24);
  p.zLiverBottom = p.zDomeR - rng.uniform(140, 185);
  p.zKidneyR = p.zDomeR - rng.uniform(115, 150);
  p.zKidneyL = p.zDomeR - rng.uniform(100, 135);
}
