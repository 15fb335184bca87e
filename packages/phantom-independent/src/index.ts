/**
 * @cacscreen/phantom-independent — a second, independently designed synthetic chest-CT phantom used only to
 * evaluate the calcium labeller (held out of training). See README.md.
 */
import type { Volume } from '@cacscreen/dicom';
import { buildBody } from './body';
import { buildCalcium } from './calcium';
import { buildHeart } from './heart';
import { buildLungTrees } from './lungs';
import { buildMetal } from './metal';
import { makePatient, placeDiaphragm } from './patient';
import { Scene, renderScene } from './render';
import { Rng } from './rng';
import { ScanPlan, Settings, chooseProtocol, planScan } from './scanner';
import { makeTexture } from './texture';
import { buildVessels } from './vessels';

export interface IndependentStudy {
  volume: Volume;
  labels: Uint8Array;
  deposits: { label: number; centreMm: [number, number, number]; kind: string }[];
  settings: Settings;
}

export interface BuiltCase {
  scene: Scene;
  plan: ScanPlan;
  vessels: ReturnType<typeof buildVessels>;
}

/** Build the anatomy, scan plan and calcium for a seed without rendering (cheap; used by tests). */
export function buildCase(seed: number): BuiltCase {
  const rng = new Rng(seed);
  const { protocol, kvp } = chooseProtocol(rng.fork(1));
  const p = makePatient(rng.fork(2), kvp);
  const heart = buildHeart(rng.fork(5), p);
  placeDiaphragm(rng.fork(10), p, heart.c[2] - heart.ext[2]);
  const body = buildBody(rng.fork(4), p, makeTexture(rng.fork(3)));
  const vessels = buildVessels(rng.fork(6), p, heart);
  const lungs = buildLungTrees(rng.fork(7), p, vessels.hila);
  const plan = planScan(rng.fork(8), seed, protocol, kvp, p, heart);
  const deposits = buildCalcium(rng.fork(9), p, heart, vessels, body, {
    sigmaMm: plan.sigmaMm,
    px: plan.grid.px,
    sspSigma: plan.sspSigma,
    motion: plan.settings.motion,
    motionSeverity: plan.motionSeverity,
  });
  const metal = buildMetal(p, heart);
  const tubes = [
    vessels.great,
    vessels.gut,
    vessels.airway,
    lungs.vessels,
    lungs.bronchi,
    vessels.lumen,
    body.cartilage,
    body.ribs,
    body.clavicles,
    metal.group,
  ];
  return { scene: { body, heart, tubes, deposits }, plan, vessels };
}

function toStudy(c: BuiltCase, hu: Int16Array, labels: Uint8Array): IndependentStudy {
  const { grid, zs, spacingZ, settings } = c.plan;
  const volume: Volume = {
    hu,
    dims: [grid.nx, grid.ny, zs.length],
    spacingMm: [grid.px, grid.px, spacingZ],
    sliceThicknessMm: settings.sliceThicknessMm,
    originMm: [grid.x0, grid.y0, zs[0]],
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    sliceDirection: [0, 0, 1],
    kvp: settings.kvp,
  };
  const deposits = c.scene.deposits.map((d) => ({
    label: d.label,
    centreMm: [d.centreMm[0], d.centreMm[1], d.centreMm[2]] as [number, number, number],
    kind: d.kind,
  }));
  return { volume, labels, deposits, settings: { ...settings } };
}

/** Render a full study for a seed (deterministic). */
export function generateIndependentStudy(seed: number): IndependentStudy {
  const c = buildCase(seed);
  const r = renderScene(c.scene, c.plan, new Rng(seed).fork(11));
  return toStudy(c, r.hu, r.labels);
}

/** Like generateIndependentStudy, also returning the bone/metal mask and the built case (for tests). */
export function generateWithTruth(seed: number): IndependentStudy & { boneMask: Uint8Array; built: BuiltCase } {
  const c = buildCase(seed);
  const r = renderScene(c.scene, c.plan, new Rng(seed).fork(11), true);
  return { ...toStudy(c, r.hu, r.labels), boneMask: r.boneMask as Uint8Array, built: c };
}

/** The held-out seed list used by evaluation (disjoint from small training seeds). */
export function independentSeeds(n: number): number[] {
  return Array.from({ length: n }, (_, i) => 1_700_000_003 + i * 7_919);
}

export type { Settings, Protocol } from './scanner';
