// Compiles the `debrief` command to plain JavaScript in out/cli (esbuild, which tsx already brings),
// so it starts without tsx's module hooks: Node runs those on a loader thread of their own, ~40 MB
// resident that a packaged command never needs. Dynamic imports stay separate chunks, so a command
// still loads only its own modules. bin/debrief.mjs uses the build while it is newer than src/.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'out', 'cli');
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { main: path.join(root, 'src', 'cli', 'main.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external', // node_modules load at run time, as under tsx
  logLevel: 'warning',
});
console.log(`[debrief cli] built ${path.relative(root, outdir)}`);
