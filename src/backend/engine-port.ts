/**
 * The MessagePort between the backend and an engine utilityProcess, as Electron's MessagePortMain
 * has it (main creates the pair and hands one end to each). Tests give a worker_threads port the same shape.
 */
export interface EnginePort {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  /** The other end is gone (its process ended). */
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

/** What a utilityProcess's `process.parentPort` delivers: the message and the ports sent with it. */
export interface UtilityParentPort {
  on(event: 'message', listener: (event: { data: unknown; ports: EnginePort[] }) => void): unknown;
  postMessage(message: unknown): void;
}

/** Sent by main to a new engine process with its end of the port to the backend. */
export const ENGINE_CONNECT = 'debrief-engine-connect';
