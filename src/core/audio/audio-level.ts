/** Root-mean-square level of `samples` (full scale = 1). Empty input is silence: 0. */
export function rms(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i]!;
    sum += v * v;
  }
  return Math.sqrt(sum / samples.length);
}

/** Level in dBFS; -Infinity for digital silence. */
export const toDbfs = (level: number): number => (level > 0 ? 20 * Math.log10(level) : -Infinity);

/** True when the RMS level is below `thresholdDb` dBFS (default -50, well under quiet speech at ~-35). */
export function isSilent(samples: Float32Array, thresholdDb = -50): boolean {
  return toDbfs(rms(samples)) < thresholdDb;
}
