import { runRetention, type Database } from '../db/index.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Applies the retention policy at start and then daily while the app runs. A run that fails is
 * reported and tried again the next day; it never stops the app. Returns a stop function.
 */
export function scheduleRetention(db: Database, home: string, onError: (err: unknown) => void): () => void {
  let running: Promise<unknown> = Promise.resolve();
  const runOnce = () => {
    running = running.then(() => runRetention(db, { home })).catch(onError);
  };
  runOnce();
  const timer = setInterval(runOnce, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
