import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import { rendererConfig, teamWebConfig } from '../../electron.vite.config.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Builds the renderer exactly as electron-vite does for the app, into `outDir`. */
export async function buildRenderer(outDir: string): Promise<void> {
  await build({
    ...rendererConfig,
    configFile: false,
    logLevel: 'warn',
    build: { ...rendererConfig.build, outDir, emptyOutDir: true },
  });
}

/** The browser side of the test bridge as one classic script, for page.addInitScript(). */
export async function buildBridgeInitScript(): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      write: false,
      minify: false,
      target: 'es2022',
      lib: { entry: path.join(here, 'browser/debrief-api-init.ts'), formats: ['iife'], name: 'debriefBridge' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('The bridge script build produced no code');
  return chunk.code;
}

/** Builds the team server's web view (src/renderer/web.html) into `outDir`, as `npm run build:web` does. */
export async function buildTeamWeb(outDir: string): Promise<void> {
  await build({ ...teamWebConfig(outDir), configFile: false, logLevel: 'warn' });
}
