import type { Connectivity } from './options';

const NEIGHBOURS_4: ReadonlyArray<readonly [number, number]> = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
];
const NEIGHBOURS_8: ReadonlyArray<readonly [number, number]> = [...NEIGHBOURS_4, [1, 1], [1, -1], [-1, 1], [-1, -1]];

/**
 * Connected components of the set pixels of one slice mask (index = x + y * cols), as lists of in-slice indices in
 * discovery order. Breadth-first fill with one preallocated queue: no recursion, so large lesions cannot overflow the
 * stack, and each pixel is visited once.
 */
export class SliceLabeller {
  private readonly visited: Uint8Array;
  private readonly queue: Int32Array;
  private readonly neighbours: ReadonlyArray<readonly [number, number]>;

  constructor(
    private readonly cols: number,
    private readonly rows: number,
    connectivity: Connectivity,
  ) {
    this.visited = new Uint8Array(cols * rows);
    this.queue = new Int32Array(cols * rows);
    this.neighbours = connectivity === 8 ? NEIGHBOURS_8 : NEIGHBOURS_4;
  }

  /** `mask` is read, not changed; `candidates` lists its set pixels, so sparse slices cost little. */
  components(mask: Uint8Array, candidates: ArrayLike<number>): Int32Array[] {
    const { cols, rows, visited, queue, neighbours } = this;
    const out: Int32Array[] = [];
    for (let c = 0; c < candidates.length; c++) {
      const seed = candidates[c];
      if (visited[seed] || !mask[seed]) continue;
      let head = 0;
      let tail = 0;
      queue[tail++] = seed;
      visited[seed] = 1;
      while (head < tail) {
        const p = queue[head++];
        const x = p % cols;
        const y = (p - x) / cols;
        for (const [dx, dy] of neighbours) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= cols || ny >= rows) continue;
          const q = nx + ny * cols;
          if (mask[q] && !visited[q]) {
            visited[q] = 1;
            queue[tail++] = q;
          }
        }
      }
      out.push(queue.slice(0, tail));
    }
    for (const comp of out) for (let i = 0; i < comp.length; i++) visited[comp[i]] = 0;
    return out;
  }
}
