import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** A file that is short to read but long to run: it mostly waits for the build lock. */
const waitsForBuilds = 'build-errors.test.ts';

/**
 * Vitest's order, but on a fresh clone. With no durations cached, vitest starts the largest files
 * first, so `build-errors.test.ts`, small, started last and ran alone at the end for 4–5 s with a
 * core idle. Here it starts fifth, beside the files that read the shared export. Once vitest has
 * durations (longest first), they decide alone.
 */
export default class FreshCloneSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const timed = files.every((file) => this.ctx.cache.getTestSpecificationResult(file));
    const at = sorted.findIndex((file) => file.moduleId.endsWith(`/${waitsForBuilds}`));
    if (timed || at < 0) return sorted;
    const [file] = sorted.splice(at, 1);
    sorted.splice(4, 0, file!);
    return sorted;
  }
}
