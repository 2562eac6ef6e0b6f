import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type RendererViteConfig } from 'electron-vite';
import type { InlineConfig, Plugin } from 'vite';
import { contentSecurityPolicy } from './src/main/content-security-policy.js';

const root = path.dirname(fileURLToPath(import.meta.url));

/** Writes the CSP into index.html: file:// pages get no response headers to carry it. */
function cspMetaTag(): Plugin {
  let serving = false;
  return {
    name: 'debrief:csp-meta-tag',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    transformIndexHtml() {
      const csp = contentSecurityPolicy(serving ? { devServerOrigin: 'http://localhost:*' } : {});
      return [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: csp }, injectTo: 'head-prepend' }];
    },
  };
}

/**
 * The renderer's build, on its own so tests can build the same bundle with Vite's
 * build() (test/support/build-renderer.ts) without the rest of electron-vite.
 */
export const rendererConfig: RendererViteConfig = {
  root: path.join(root, 'src/renderer'),
  // Relative asset URLs: the window loads index.html from file://.
  base: './',
  publicDir: path.join(root, 'src/renderer/public'),
  plugins: [react(), cspMetaTag()],
  build: {
    outDir: path.join(root, 'out/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: { input: path.join(root, 'src/renderer/index.html') },
  },
};

/** Where `npm run build:web` puts the team server's web view, for `debrief server run --web out/web`. */
export const teamWebOutDir = path.join(root, 'out/web');

/**
 * The team server's web view (src/renderer/web.html: the renderer over HTTP), built by
 * `npm run build:web` (web.vite.config.ts) and by the tests (test/support/build-renderer.ts).
 * React only: the app's CSP meta tag is for Electron; the team server sends its own CSP header.
 */
export function teamWebConfig(outDir: string = teamWebOutDir): InlineConfig {
  return {
    root: rendererConfig.root,
    base: '/',
    publicDir: rendererConfig.publicDir,
    plugins: [react()],
    build: { outDir, emptyOutDir: true, target: 'es2022', rolldownOptions: { input: path.join(root, 'src/renderer/web.html') } },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: path.join(root, 'out/main'),
      // The backend (a utilityProcess) and the engine (its child) are entries of their own beside main.
      lib: {
        entry: {
          index: path.join(root, 'src/main/index.ts'),
          backend: path.join(root, 'src/backend/backend-main.ts'),
          engine: path.join(root, 'src/backend/engine-main.ts'),
        },
      },
      // package.json dependencies (better-sqlite3's native addon, kysely, zod…) stay in
      // node_modules and load at runtime; only our own code is bundled.
      externalizeDeps: true,
    },
  },
  preload: {
    build: {
      outDir: path.join(root, 'out/preload'),
      lib: { entry: path.join(root, 'src/preload/index.ts') },
      // A sandboxed preload can't require() packages or load ESM: one self-contained CommonJS file.
      externalizeDeps: false,
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: rendererConfig,
});
