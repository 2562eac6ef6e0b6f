// `npm run check:electron`: @doyensec/electronegativity over src/ (its CLI clashes with our commander,
// so its runner is called directly). Fails on any high or medium finding, and on a review-required one
// not justified: inline by an `eng-disable CHECK_ID` comment with the reason beside it where it is
// raised, or, for a global check (no line to put it on), here.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const { issues, errors } = await run({
  input: path.join(root, 'src'),
  isRelative: true,
  customScan: [],
  excludeFromScan: [],
  parserPlugins: [],
  electronVersionOverride: require('electron/package.json').version,
});
const justifiedGlobalChecks = {
  // The scanner looks for a CSP it can read statically; ours is built by contentSecurityPolicy() and set on every
  // response (harden-session.ts, app-protocol.ts) and as a meta tag by electron.vite.config.ts: default-src 'self',
  // scripts and styles from 'self' only (no inline, no eval), object-src/frame-src 'none', base-uri/form-action 'none'.
  CSP_GLOBAL_CHECK: 'CSP set per response and as a meta tag; see content-security-policy.ts',
};
const rows = issues.map((i) => ({ id: i.id, severity: i.severity.name, confidence: i.confidence.name, review: i.manualReview, at: `${i.file}:${i.location.line}` }));
for (const r of rows) console.log(`${r.severity.padEnd(13)} ${r.confidence.padEnd(10)} ${r.review ? 'review ' : '       '} ${r.id}  ${r.at}`);
const blocking = rows.filter((r) => r.severity === 'HIGH' || r.severity === 'MEDIUM' || (r.review && !(r.id in justifiedGlobalChecks && r.severity !== 'HIGH')));
for (const r of rows.filter((x) => !blocking.includes(x))) console.log(`  justified: ${r.id}: ${justifiedGlobalChecks[r.id]}`);
console.log(`electronegativity: ${rows.length} finding(s), ${blocking.length} blocking, ${errors.length} file(s) it could not parse`);
for (const e of errors) console.log(`  could not parse ${e.file}: ${e.message ?? e.error ?? ''}`);
process.exit(blocking.length > 0 ? 1 : 0);
