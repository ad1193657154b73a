import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Where vitest's order without durations, largest file first, left a core idle, and the place each
 * of these files takes instead.
 */
const placed = [
  // Reads nothing the shared export writes: it runs third, while the files that read it wait.
  { file: 'diagrams.test.ts', at: 2 },
  // Small but long, mostly waiting for the build lock: started last, it ran alone at the end.
  { file: 'build-errors.test.ts', at: 5 },
];

/**
 * Vitest's order when it lacks the duration of some file, as on a fresh clone and in CI (about
 * 2.5 s less there), with `placed` applied. Once it has them all, its own order stands: files that
 * failed last time first, then the longest. `--sequence.shuffle` still shuffles, by its seed.
 */
export default class TestFileSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { shuffle, seed } = this.ctx.config.sequence;
    if (shuffle) return shuffled(files, seed);
    const sorted = await super.sort(files);
    if (files.every((file) => this.ctx.cache.getTestSpecificationResult(file))) return sorted;
    const moved = placed.flatMap(({ file, at }) => {
      const index = sorted.findIndex((spec) => spec.moduleId.endsWith(`/${file}`));
      return index < 0 ? [] : [{ spec: sorted.splice(index, 1)[0]!, at }];
    });
    for (const { spec, at } of moved.sort((a, b) => a.at - b.at)) sorted.splice(at, 0, spec);
    return sorted;
  }
}

/** The files in an order that depends on `seed` alone (Fisher–Yates with a small seeded PRNG). */
function shuffled(files: TestSpecification[], seed: number): TestSpecification[] {
  const order = [...files].sort((a, b) => (a.moduleId < b.moduleId ? -1 : 1));
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
