/** Sliding-window tiling of the model grid: patch origins along one axis, the last one flush with the end. */
export function windowStarts(size: number, patch: number, overlap: number): number[] {
  if (size <= patch) return [0];
  const step = Math.max(1, patch - overlap);
  const starts: number[] = [];
  for (let s = 0; s + patch < size; s += step) starts.push(s);
  starts.push(size - patch);
  return starts;
}

/** Every patch origin (x, y, z) covering a grid of `size` cells. */
export function windows(
  size: [number, number, number],
  patch: [number, number, number],
  overlap: [number, number, number],
): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (const z of windowStarts(size[2], patch[2], overlap[2]))
    for (const y of windowStarts(size[1], patch[1], overlap[1]))
      for (const x of windowStarts(size[0], patch[0], overlap[0])) out.push([x, y, z]);
  return out;
}
