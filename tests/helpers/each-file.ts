// Vitest runs this before every test file, in the process the file runs in. Test files share their
// worker's modules (isolate: false), so a hook a helper registered when first imported would serve
// only the first file.
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp.ts';

afterAll(removeTempDirs);
