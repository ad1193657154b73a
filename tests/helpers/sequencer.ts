import { readFile } from 'node:fs/promises';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * What a test file waits for before its tests run, as the helpers it imports say: the build lock
 * (which the suite's one export holds until its site is built, and each build after it in turn),
 * the shared export, or nothing.
 */
async function waitsFor(spec: TestSpecification): Promise<'lock' | 'export' | 'nothing'> {
  const source = await readFile(spec.moduleId, 'utf8');
  if (source.includes("/helpers/build-lock.ts'")) return 'lock';
  if (source.includes("/helpers/shared-export.ts'")) return 'export';
  return 'nothing';
}

/**
 * Vitest's order (files that failed last time first, then the longest, or the largest where it has
 * no durations, as on a fresh clone and in CI), rearranged so no core waits while there is work:
 * - first the files that wait for nothing, which run while the suite's one export does, instead of
 *   a file that waits for it holding a core idle;
 * - then the others, a file that takes the build lock next to one that only reads the export: the
 *   lock's holders run one after another, and the longest chain of the run, so a core that frees
 *   takes the next of them while the other core reads the export.
 *
 * `--sequence.shuffle` still shuffles, by its seed.
 */
export default class TestFileSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { shuffle, seed } = this.ctx.config.sequence;
    if (shuffle) return shuffled(files, seed);
    const sorted = await super.sort(files);
    const waits = await Promise.all(sorted.map(waitsFor));
    const of = (kind: string) => sorted.filter((_, i) => waits[i] === kind);
    const [holders, readers] = [of('lock'), of('export')];
    const gated: TestSpecification[] = [];
    while (holders.length || readers.length) {
      for (const next of [holders.shift(), readers.shift()]) if (next) gated.push(next);
    }
    return [...of('nothing'), ...gated];
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
