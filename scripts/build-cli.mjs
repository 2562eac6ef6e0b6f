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
  // Pure-JS packages every command loads are bundled in: Node resolves, reads and compiles each of
  // their hundreds of ES module files one by one otherwise (about half a second per start).
  // The rest (native, or loaded by one command only) stay packages resolved at run time.
  // Bundled CommonJS (commander) requires Node's own modules.
  banner: { js: "import { createRequire as __cliRequire } from 'node:module'; const require = __cliRequire(import.meta.url);" },
  plugins: [bundleOnly(['commander', 'kysely', 'zod', 'echarts', 'zrender', 'tslib'])],
  logLevel: 'warning',
});
function bundleOnly(names) {
  return {
    name: 'bundle-only',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
        return names.includes(name) ? undefined : { path: args.path, external: true };
      });
    },
  };
}

console.log(`[debrief cli] built ${path.relative(root, outdir)}`);
