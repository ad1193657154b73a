import { fileURLToPath } from 'node:url';

/** The DevOps Part 1 project, as it is handed in. */
export const part1Dir = fileURLToPath(new URL('../../content/devops/part-1/', import.meta.url));
export const appDir = `${part1Dir}app`;
