import fs from 'node:fs';
import { afterAll } from 'vitest';
import { tempDir } from '../../support/speech.js';

const made: string[] = [];
// tempDir's own clean-up runs on process exit, which a vitest worker may never reach.
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A temp folder removed after this test file's tests (unmount anything inside it first). */
export function scratchDir(prefix: string): string {
  const dir = tempDir(prefix);
  made.push(dir);
  return dir;
}
