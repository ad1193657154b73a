import { readFile } from 'node:fs/promises';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * What a test file waits for before its tests run, as the helpers it calls say: the build lock
 * (which the suite's one export holds until its site is built, and each build after it in turn),
 * that site, or the whole export (its PDFs printed after the site is built).
 */
async function waitsFor(spec: TestSpecification) {
  const source = await readFile(spec.moduleId, 'utf8');
  return {
    lock: source.includes("/helpers/build-lock.ts'"),
    site: source.includes('sharedSite('),
    export: source.includes('sharedExport('),
  };
}

/**
 * Vitest's order (files that failed last time first, then the longest, or the largest where it has
 * no durations, as on a fresh clone and in CI), rearranged so no core waits while there is work:
 * - first the files that wait for nothing, which run while the suite's one export does, instead of
 *   a file that waits for it holding a core idle;
 * - then the others, a file that takes the build lock next to one that only reads: the lock's
 *   holders run one after another, and are the run's longest chain, so a core that frees takes
 *   the next of them while the other core reads. Those that need only the site or the lock come
 *   before those that need the whole export, which is done after the site is built.
 *
 * `--sequence.shuffle` still shuffles, by its seed.
 */
export default class TestFileSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { shuffle, seed } = this.ctx.config.sequence;
    if (shuffle) return shuffled(files, seed);
    const sorted = await super.sort(files);
    const waits = await Promise.all(sorted.map(waitsFor));
    const of = (kind: (wait: Awaited<ReturnType<typeof waitsFor>>) => boolean) =>
      sorted.filter((_, i) => kind(waits[i]!));
    const holders = [...of((w) => w.lock && !w.export), ...of((w) => w.lock && w.export)];
    const readers = [
      ...of((w) => !w.lock && !w.export && w.site),
      ...of((w) => !w.lock && w.export),
    ];
    const gated: TestSpecification[] = [];
    while (holders.length || readers.length) {
      for (const next of [holders.shift(), readers.shift()]) if (next) gated.push(next);
    }
    return [...of((w) => !w.lock && !w.site && !w.export), ...gated];
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
