// `npm run build:web`: the team server's web view into out/web (serve it with `debrief server run --web out/web`).
import { defineConfig } from 'vite';
import { teamWebConfig } from './electron.vite.config.js';

export default defineConfig(teamWebConfig());
