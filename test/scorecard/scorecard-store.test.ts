import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { openDatabase, type Database } from '../../src/db/index.js';
import { createIpcHandlers, type IpcHandlers } from '../../src/backend/ipc-handlers.js';
import { dispatchIpc } from '../../src/backend/ipc-dispatch.js';
import { hasChromium } from '../support/chromium.js';
import { seedPanel, type SeededPanel } from '../support/seed-panel.js';
import { seedSignedRubric } from '../support/seed-rubric.js';

const schemaFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/ats/greenhouse-scorecard.schema.json');
const hasPoppler = (() => {
  try {
    execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

// Scorecards against the real store: drafts from accepted evidence, submission, amendment as a new
// immutable version, each bad input refused with nothing stored changed, and every export format.
describe('scorecards from accepted evidence', () => {
  let dir: string;
  let db: Database;
  let handlers: IpcHandlers;
  let panel: SeededPanel;
  let scorecardId: string;

  const crashes: unknown[] = [];
  const dispatch = (channel: Parameters<typeof dispatchIpc>[1], input: unknown) => dispatchIpc(handlers, channel, input, (m, e) => crashes.push([m, e]));

  const tableCounts = async () => {
    const out: Record<string, number> = {};
    for (const t of ['scorecards', 'scorecard_versions', 'scorecard_version_ratings', 'scorecard_version_evidence', 'debrief_decisions'] as const) {
      out[t] = Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    }
    return out;
  };

  /** Every criterion rated the way the draft allows: a pick where there is evidence (citing it), else no evidence. */
  async function submissionFor(sessionId: string, interviewer: string, pick: 'yes' | 'strong_no' | 'strong_yes') {
    const draft = await handlers['scorecards:draft']({ sessionId, interviewer });
    return {
      rubricVersionId: draft.rubricVersionId,
      recommendation: pick === 'strong_no' ? ('definitely_not' as const) : ('yes' as const),
      summary: 'Quantified the prospect’s pain and traded term length for price.',
      ratings: draft.ratings.map((r) => ({
        criterionId: r.criterionId,
        rating: r.rating === 'no_evidence' ? ('no_evidence' as const) : pick,
        note: r.rating === 'no_evidence' ? '' : 'See the quote.',
        momentIds: r.evidence.map((e) => e.id),
      })),
    };
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'debrief-scorecards-'));
    db = await openDatabase(databasePath(dir));
    handlers = createIpcHandlers({ db, home: dir });
    panel = await seedPanel(db, handlers);
  });

  afterAll(async () => {
    expect(crashes).toEqual([]);
    await db?.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('drafts "no evidence" where nothing was gathered, and proposes ratings only where evidence is clear', async () => {
    const [screen, onsite] = panel.sessions;
    const tag = await handlers['moments:tag']({ sessionId: screen!.id, atSec: 52, criterionId: panel.rubric.criteria.get('ae-discovery')!, author: 'Dana Kim' });
    const draft = await handlers['scorecards:draft']({ sessionId: screen!.id, interviewer: 'Dana Kim' });
    const byTitle = (title: string) => draft.ratings.find((r) => draft.criteria.find((c) => c.id === r.criterionId)!.title === title)!;
    expect(byTitle('Discovery and qualification').evidence.map((e) => e.id)).toContain(tag.id);
    expect(byTitle('Discovery and qualification').rating).toBeNull();
    expect(byTitle('Discovery and qualification').proposal).toEqual({ rating: 'yes', reason: 'You tagged this during the call (00:52) and the evidence was accepted.' });
    expect(byTitle('Misrepresents the product to close deals').proposal?.rating).toBe('strong_no');
    // A criterion with evidence but no clear signal gets no proposal: the interviewer decides.
    expect(byTitle('Closing and negotiation').proposal).toBeNull();
    const onsiteDraft = await handlers['scorecards:draft']({ sessionId: onsite!.id, interviewer: 'Lee Park' });
    const none = onsiteDraft.ratings.find((r) => r.evidence.length === 0)!;
    expect(none.rating).toBe('no_evidence');
    expect(none.proposal).toBeNull();
  });

  it('submits a scorecard with its evidence copied, and refuses a second submission', async () => {
    const [screen] = panel.sessions;
    const input = await submissionFor(screen!.id, 'Dana Kim', 'yes');
    const card = await handlers['scorecards:submit']({ sessionId: screen!.id, interviewer: 'Dana Kim', ...input });
    scorecardId = card.id;
    expect(card.versions).toHaveLength(1);
    expect(card.candidate?.name).toBe('Marcus Reed');
    const v1 = card.versions[0]!;
    expect(v1.amendmentReason).toBeNull();
    expect(v1.ratings.find((r) => r.criterion.title === 'Closing and negotiation')!.evidence[0]!.quote).toMatch(/Instead of discounting/);
    const again = await dispatch('scorecards:submit', { sessionId: screen!.id, interviewer: 'Dana Kim', ...input });
    expect(again).toEqual({ ok: false, error: { code: 'scorecard-already-submitted', message: expect.stringContaining('amend it, with a reason') } });
  });

  it('amends as a new version with a reason; the submitted version stays byte for byte', async () => {
    const before = await db.selectFrom('scorecard_versions').selectAll().where('scorecard_id', '=', scorecardId).execute();
    const ratingsBefore = await db.selectFrom('scorecard_version_ratings').selectAll().where('scorecard_version_id', '=', before[0]!.id).execute();
    const input = await submissionFor(panel.sessions[0]!.id, 'Dana Kim', 'strong_yes');
    const counts = await tableCounts();
    const noReason = await dispatch('scorecards:amend', { id: scorecardId, reason: '   ', ...input });
    expect(noReason).toEqual({ ok: false, error: { code: 'amendment-without-reason', message: expect.stringContaining('Say why you are amending') } });
    expect(await tableCounts()).toEqual(counts);

    const amended = await handlers['scorecards:amend']({ id: scorecardId, reason: 'Re-listened to the pricing answer: stronger than I wrote.', ...input });
    expect(amended.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(amended.versions[0]!.amendmentReason).toBe('Re-listened to the pricing answer: stronger than I wrote.');
    expect(await db.selectFrom('scorecard_versions').selectAll().where('id', '=', before[0]!.id).execute()).toEqual(before);
    expect(await db.selectFrom('scorecard_version_ratings').selectAll().where('scorecard_version_id', '=', before[0]!.id).execute()).toEqual(ratingsBefore);
  });

  it('refuses each bad input with a sentence for the user, and nothing stored changes', async () => {
    const [, onsite] = panel.sessions;
    const input = await submissionFor(onsite!.id, 'Lee Park', 'strong_no');
    const counts = await tableCounts();
    const expectRefused = async (call: Promise<unknown>, code: string, words: RegExp) => {
      const result = (await call) as { ok: boolean; error?: { code: string; message: string } };
      expect(result.ok).toBe(false);
      expect(result.error!.code).toBe(code);
      expect(result.error!.message).toMatch(words);
      expect(result.error!.message).not.toMatch(/ratings\.\d|criterionId|scorecards:/);
      expect(await tableCounts()).toEqual(counts);
    };
    // A rating for a criterion the version does not have.
    await expectRefused(
      dispatch('scorecards:submit', { sessionId: onsite!.id, interviewer: 'Lee Park', ...input, ratings: [...input.ratings, { criterionId: 'not-a-criterion', rating: 'yes', momentIds: [] }] }),
      'criterion-not-in-version',
      /not in Account executive v1/,
    );
    // The interview's rubric replaced while the interviewer was reviewing.
    const other = await seedSignedRubric(db, 'account-executive', { version: 2 });
    await db.updateTable('sessions').set({ rubric_version_id: other.versionId }).where('id', '=', onsite!.id).execute();
    await expectRefused(dispatch('scorecards:submit', { sessionId: onsite!.id, interviewer: 'Lee Park', ...input }), 'rubric-replaced', /was replaced .* while you were reviewing/);
    await db.updateTable('sessions').set({ rubric_version_id: panel.rubric.versionId }).where('id', '=', onsite!.id).execute();
    // Exporting a draft: the interview's id, where no scorecard was submitted yet.
    await expectRefused(dispatch('export:scorecard', { id: onsite!.id, format: 'greenhouse' }), 'scorecard-is-draft', /still a draft: submit it/);
    // PDF with no Chromium present.
    process.env.DEBRIEF_CHROMIUM = path.join(dir, 'no-chromium-here');
    try {
      await expectRefused(dispatch('export:scorecard', { id: scorecardId, format: 'pdf' }), 'chromium-missing', /PDF export needs Chromium/);
    } finally {
      delete process.env.DEBRIEF_CHROMIUM;
    }
  });

  it('exports Greenhouse Harvest-shaped JSON that validates against the Harvest scorecard schema', async () => {
    const file = await handlers['export:scorecard']({ id: scorecardId, format: 'greenhouse' });
    const json = JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8'));
    const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.overall_recommendation).toBe('yes');
    expect(json.interview_step.name).toBe('Phone screen');
    expect(json.interviewer).toEqual({ id: 'Dana Kim', first_name: 'Dana', last_name: 'Kim', name: 'Dana Kim' });
    expect(json.ratings.strong_yes).toContain('Closing and negotiation');
    expect(json.attributes.find((a: { name: string }) => a.name === 'New logos versus account expansion')).toBeDefined();
    // The schema rejects what Greenhouse would: a made-up recommendation, a missing attribute rating.
    expect(validate({ ...json, overall_recommendation: 'maybe' })).toBe(false);
    expect(validate({ ...json, attributes: [{ name: 'x', type: 'y', note: null }] })).toBe(false);
  });

  it('exports Lever feedback (score-system options) and Ashby feedback (scores 1–4)', async () => {
    const lever = JSON.parse(Buffer.from((await handlers['export:scorecard']({ id: scorecardId, format: 'lever' })).base64, 'base64').toString('utf8'));
    const rating = lever.fields.find((f: { type: string }) => f.type === 'score-system');
    expect(rating.options.map((o: { text: string }) => o.text)).toEqual(['4 - Strong Hire', '3 - Hire', '2 - No Hire', '1 - Strong No Hire']);
    expect(rating.value).toBe('3 - Hire');
    expect(lever.fieldValues.find((f: { id: string }) => f.id === 'overall').value).toBe('3 - Hire');
    const ashby = JSON.parse(Buffer.from((await handlers['export:scorecard']({ id: scorecardId, format: 'ashby' })).base64, 'base64').toString('utf8'));
    expect(ashby.submittedValues.overall_recommendation).toEqual({ score: 3 });
    const scores = Object.entries(ashby.submittedValues).filter(([k]) => /^criterion_\d+$/.test(k)).map(([, v]) => (v as { score: number | null }).score);
    expect(scores.every((s) => s === null || (s >= 1 && s <= 4))).toBe(true);
    expect(scores).toContain(4);
  });

  it('exports Markdown with criteria, ratings, quotes and the amendment history', async () => {
    const md = Buffer.from((await handlers['export:scorecard']({ id: scorecardId, format: 'md' })).base64, 'base64').toString('utf8');
    expect(md).toContain('## Closing and negotiation — Strong yes');
    expect(md).toMatch(/> \d\d:\d\d — “Instead of discounting/);
    expect(md).toContain('amended: Re-listened to the pricing answer');
  });

  it.skipIf(!hasChromium || !hasPoppler)('prints the scorecard and the debrief to PDF with Chromium; pdfinfo and pdftotext read them', async () => {
    for (const [name, file] of [
      ['scorecard.pdf', await handlers['export:scorecard']({ id: scorecardId, format: 'pdf' })],
      ['debrief.pdf', await handlers['export:debrief']({ candidateId: panel.candidateId, format: 'pdf' })],
    ] as const) {
      const pdf = path.join(dir, name);
      await writeFile(pdf, Buffer.from(file.base64, 'base64'));
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
      expect(pages).toBeGreaterThan(0);
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('Closing and negotiation');
      expect(text).toContain('Strong yes');
      expect(text).toContain('Instead of discounting');
    }
  });

  it('exports transcripts through the same exporter as the CLI', async () => {
    const vtt = Buffer.from((await handlers['export:transcript']({ sessionId: panel.sessions[0]!.id, format: 'vtt' })).base64, 'base64').toString('utf8');
    expect(vtt.startsWith('WEBVTT')).toBe(true);
    const json = JSON.parse(Buffer.from((await handlers['export:transcript']({ sessionId: panel.sessions[0]!.id, format: 'json' })).base64, 'base64').toString('utf8'));
    expect(json.segments.length).toBeGreaterThan(5);
  });
});
