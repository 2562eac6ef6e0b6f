import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseWebVttFile, VttSignatureError, type VttCue, type VttFile, type VttRegion } from '../../src/core/transcript/webvtt-file.js';
import { WEBVTT_CASES } from './webvtt-cases.js';

/** A cue as a browser's VTTCue shows it: every setting with the spec's default. */
function asVttCue(cue: VttCue, region: (r: VttRegion) => object) {
  const s = cue.settings;
  return {
    id: cue.id,
    text: cue.text,
    startTime: cue.start,
    endTime: cue.end,
    align: s.align ?? 'center',
    line: s.line ?? 'auto',
    snapToLines: s.snapToLines ?? true,
    lineAlign: s.lineAlign ?? 'start',
    position: s.position ?? 'auto',
    positionAlign: s.positionAlign ?? 'auto',
    size: s.size ?? 100,
    vertical: s.vertical ?? '',
    region: s.region ? region(s.region) : null,
  };
}

function vttCues(file: VttFile) {
  const shown = new Map<VttRegion, object>();
  const region = (r: VttRegion) => {
    if (!shown.has(r)) {
      const [regionAnchorX, regionAnchorY] = r.regionAnchor;
      const [viewportAnchorX, viewportAnchorY] = r.viewportAnchor;
      shown.set(r, { id: r.id, width: r.width, lines: r.lines, regionAnchorX, regionAnchorY, viewportAnchorX, viewportAnchorY, scroll: r.scroll });
    }
    return shown.get(r)!;
  };
  return file.cues.map((c) => asVttCue(c, region));
}

describe('WebVTT file parsing, case by case (our own fixtures, one or more per category of the web-platform-tests suite)', () => {
  it.each(WEBVTT_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    if (c.refused) {
      expect(() => parseWebVttFile(c.vtt)).toThrow(VttSignatureError);
      return;
    }
    const cues = vttCues(parseWebVttFile(c.vtt));
    expect(cues.map((cue) => ({ id: cue.id, text: cue.text, start: cue.startTime, end: cue.endTime }))).toEqual(
      c.cues.map((e) => ({ id: e.id ?? '', text: e.text, start: e.start, end: e.end })),
    );
    c.cues.forEach((e, i) => {
      if (e.settings) expect(cues[i], `cue ${i}`).toMatchObject(e.settings);
    });
    if (c.stylesheets !== undefined) expect(parseWebVttFile(c.vtt).stylesheets).toHaveLength(c.stylesheets);
  });
});

/**
 * The upstream suite itself, when a copy is at hand (never committed: see the README). Each
 * `support/NAME.test` holds its assertions, `===`, and the file with Python-style escapes.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const suiteDir = process.env.DEBRIEF_WPT_WEBVTT ?? path.resolve(repoRoot, '../shared/wpt-webvtt');
const suiteFiles = fs.existsSync(suiteDir) ? fs.readdirSync(suiteDir).filter((f) => f.endsWith('.test')).sort() : [];

describe.runIf(suiteFiles.length > 0)(`web-platform-tests webvtt/parsing/file-parsing (${suiteDir})`, () => {
  it.each(suiteFiles)('%s', (file) => {
    const source = fs.readFileSync(path.join(suiteDir, file), 'utf8');
    const body = source.slice(source.indexOf('\n\n') + 2);
    const split = body.indexOf('===\n');
    const assertions = body.slice(0, split);
    const vtt = pythonUnescape(body.slice(split + 4));
    let parsed: VttFile;
    try {
      parsed = parseWebVttFile(vtt);
    } catch (err) {
      if (err instanceof VttSignatureError) throw new Error('the parser refused the file; the suite expects it to load', { cause: err });
      throw err;
    }
    const document = { styleSheets: parsed.stylesheets.map((source) => ({ source, cssRules: [] })) };
    const run = new Function('cues', 'document', 'CSSRule', 'assert_equals', 'assert_not_equals', 'assert_true', 'assert_false', assertions);
    run(vttCues(parsed), document, { STYLE_RULE: 1 }, assertEquals, assertNotEquals, (v: unknown, m?: string) => assertEquals(v, true, m), (v: unknown, m?: string) => assertEquals(v, false, m));
  });
});

/** testharness.js's same-value comparison: +0 and -0 differ, NaN equals NaN. */
const sameValue = (a: unknown, b: unknown): boolean => Object.is(a, b);
function assertEquals(actual: unknown, expected: unknown, message?: string): void {
  if (!sameValue(actual, expected)) throw new Error(`${message ?? 'assert_equals'}: expected ${String(expected)}, got ${String(actual)}`);
}
function assertNotEquals(actual: unknown, expected: unknown, message?: string): void {
  if (sameValue(actual, expected)) throw new Error(`${message ?? 'assert_not_equals'}: got ${String(actual)}`);
}

/** Python's "unicode_escape" codec, which the suite's build script applies to each file. */
function pythonUnescape(text: string): string {
  const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', a: '\x07', b: '\b', '\\': '\\', "'": "'", '"': '"', '\n': '' };
  return text.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[\s\S])/g, (whole, e: string) => {
    if (e[0] === 'x' || e[0] === 'u' || e[0] === 'U') return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return simple[e] ?? whole;
  });
}
