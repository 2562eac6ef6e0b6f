/// <reference types="vite/client" />
import type { DebriefApi } from '../../shared/ipc/contract';

declare global {
  interface Window {
    /** Exposed by the preload script (src/preload/index.ts). */
    readonly debrief: DebriefApi;
  }
}
