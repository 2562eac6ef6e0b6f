import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { UserFacingError } from '../../core/errors.js';
import { improveDraftWithLlm } from '../../core/llm/improve-draft.js';
import { isLoopbackUrl, sameKeyOrigin } from '../../core/llm/llm-config.js';
import { plainSealer, type SecretSealer } from '../../core/secrets/secret-sealer.js';
import { draftRubricFromIntake } from '../../core/rubric/draft-from-intake.js';
import { criterionSchema, criterionText, rubricVersionSchema, type CriterionInput, type InterviewPlan } from '../../core/rubric/rubric.js';
import { formatRubric, parseRubricText, readRubricFile } from '../../core/rubric/rubric-file.js';
import { checkRubricShape } from '../../core/rubric/rubric-shape.js';
import { checkVagueLanguage } from '../../core/rubric/vague-language.js';
import type { Transcript } from '../../core/transcript/transcript.js';
import {
  createRequisition,
  getLlmConfig,
  getLlmSettings,
  getRequisition,
  getRubricVersion,
  getSession,
  insertRubricVersion,
  isVersionInUse,
  listRequisitions,
  listRubricVersions,
  listSignedVersions,
  saveRubricEdit,
  setLlmConfig,
  signOffVersion,
  updateRequisition,
  type Database,
  type LlmSettings,
  type RubricVersionRecord,
} from '../../db/index.js';
import type { OutputOf, ParsedInputOf } from '../../shared/ipc/contract.js';
import type { rubricChannels } from '../../shared/ipc/rubric-channels.js';
import type { HandlersFor, IpcHandlerDeps } from '../ipc-handlers.js';
import { userPhrase } from '../../core/zod-issues.js';
import { getSyncSetting } from '../../db/sync/sync-settings.js';

type VersionView = OutputOf<'rubrics:getVersion'>;

/** A stored version as the editor shows it: every criterion with its vague-language warnings, plus 3/2/1 guidance. */
export async function toVersionView(db: Database, record: RubricVersionRecord): Promise<VersionView> {
  const r = record.rubric;
  return {
    id: record.id,
    requisitionId: record.requisitionId,
    rubricId: r.rubricId,
    version: r.version,
    parentVersion: r.parentVersion,
    title: r.requisitionTitle,
    createdAt: r.createdAt,
    signedOff: r.signedOff,
    frozen: r.signedOff !== null || (await isVersionInUse(db, record.id)),
    criteria: r.criteria.map((c) => ({
      ...criterionText(c),
      questionIds: c.questionIds,
      warnings: warningsFor({ ...c }),
    })),
    interviewPlan: r.interviewPlan,
    shape: checkRubricShape(r.criteria),
    evidence: record.sources,
  };
}

function warningsFor(c: { id?: string; title: string; description: string; goodLooksLike: string; badLooksLike: string }) {
  return checkVagueLanguage({ id: c.id ?? '', ...c }).map((w) => ({ field: w.field, phrase: w.phrase, message: w.message, prompt: w.prompt }));
}

export function createRubricHandlers(deps: IpcHandlerDeps): HandlersFor<typeof rubricChannels> {
  const { db } = deps;
  const secrets = deps.secrets ?? plainSealer;
  const view = async (versionId: string) => toVersionView(db, await getRubricVersion(db, versionId));

  return {
    'requisitions:list': () => listRequisitions(db),
    'requisitions:create': async (input) => ({ id: await createRequisition(db, input) }),
    'requisitions:update': async ({ id, ...patch }) => {
      await updateRequisition(db, id, patch);
      return getRequisition(db, id);
    },
    'requisitions:get': async ({ id }) => {
      const requisition = await getRequisition(db, id);
      const versions = await listRubricVersions(db, id);
      return { requisition, versions: await Promise.all(versions.map((v) => toVersionView(db, v))) };
    },

    'rubrics:getVersion': ({ versionId }) => view(versionId),

    'rubrics:save': async ({ requisitionId, versionId, criteria, interviewPlan, evidence }) => {
      // Without a plan in the input, the edited version's plan is kept (and without evidence, its quotes).
      const plan = interviewPlan ?? (versionId ? (await getRubricVersion(db, versionId)).rubric.interviewPlan : { stages: [] });
      const edit = { criteria: checkedCriteria(criteria), interviewPlan: checkedPlan(plan), ...(evidence ? { sources: evidence } : {}) };
      const saved = await saveRubricEdit(db, requisitionId, versionId, edit);
      return { version: await toVersionView(db, saved.record), createdNewVersion: saved.createdNewVersion };
    },

    'rubrics:check': async ({ criteria }) => ({
      warnings: criteria.map((c) => warningsFor(c)),
      shape: checkRubricShape(criteria),
    }),

    'rubrics:signOff': async ({ versionId, by }) => {
      // Joined to a team server: signed as this laptop's team identity, which the server checks, not a typed name.
      const setting = await getSyncSetting(db);
      await signOffVersion(db, versionId, setting.mode === 'server' ? setting.userName : by, new Date().toISOString());
      return view(versionId);
    },

    'rubrics:export': async ({ versionId, format }) => {
      const { rubric } = await getRubricVersion(db, versionId);
      const slug = rubric.requisitionTitle.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'rubric';
      return { fileName: `${slug}-v${rubric.version}.${format}`, text: formatRubric(rubric, format) };
    },

    'rubrics:import': async (input) => {
      // Every problem names the file, its line and the field (RubricFileError); nothing is stored unless all is valid.
      const parsed = input.path !== undefined ? readRubricFile(absolute(input.path)) : parseRubricText(input.text!, input.format!, input.fileName ?? `the ${input.format!.toUpperCase()} text`);
      const requisition = await getRequisition(db, input.requisitionId);
      const latest = requisition.latestVersion ? await getRubricVersion(db, requisition.latestVersion.id) : null;
      // The file's content becomes the next version of this requisition's rubric, unsigned: a person signs off here.
      const version = rubricVersionSchema.parse({
        ...parsed,
        rubricId: latest?.rubric.rubricId ?? randomUUID(),
        requisitionTitle: requisition.title,
        version: (latest?.rubric.version ?? 0) + 1,
        parentVersion: latest?.rubric.version ?? null,
        signedOff: null,
        createdAt: new Date().toISOString(),
      });
      return view(await insertRubricVersion(db, input.requisitionId, version));
    },

    'rubrics:draftFromSession': (input) => draftFromSession(db, secrets, input),

    'rubrics:listSigned': () => listSignedVersions(db),

    'settings:getLlm': async () => llmView(await getLlmSettings(db, secrets)),

    'settings:setLlm': async ({ config }) => {
      if (config === null) return llmView(await setLlmConfig(db, null, secrets));
      const stored = await getLlmConfig(db, secrets);
      // The renderer never sees the key, so "no key given" means "keep the stored one" — for the same origin only.
      const sameOrigin = stored !== null && sameKeyOrigin(stored.baseURL, config.baseURL);
      const apiKey = config.apiKey === undefined ? (sameOrigin ? stored?.apiKey : undefined) : (config.apiKey ?? undefined);
      const cleared = config.apiKey === undefined && !sameOrigin && stored?.apiKey !== undefined;
      const view = llmView(
        await setLlmConfig(db, {
          baseURL: config.baseURL,
          model: config.model,
          ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
          ...(apiKey ? { apiKey } : {}),
        }, secrets),
      );
      return view && cleared ? { ...view, apiKeyCleared: true } : view;
    },
  };
}

async function draftFromSession(db: Database, secrets: SecretSealer, { sessionId, useLlm }: ParsedInputOf<'rubrics:draftFromSession'>): Promise<OutputOf<'rubrics:draftFromSession'>> {
  const session = await getSession(db, sessionId);
  if (!session) throw new UserFacingError(`The session ${sessionId} does not exist (it may have been deleted).`, 'session-not-found');
  if (session.segments.length === 0) throw new UserFacingError(`"${session.title}" has no transcript to draft from.`, 'session-without-transcript');
  const transcript: Transcript = {
    durationSec: session.durationSec ?? Math.max(0, ...session.segments.map((s) => s.end)),
    language: null,
    segments: session.segments.map((s) => ({ start: s.start, end: s.end, speaker: s.speaker, text: s.text, words: s.words })),
  };
  const now = new Date();
  let draft = draftRubricFromIntake(transcript, { now });
  let source: 'offline' | 'llm' = 'offline';
  let fallback: { code: string; message: string } | null = null;
  if (useLlm) {
    // Only ever the endpoint the user stored; without one, improveDraftWithLlm sends nothing.
    const improved = await improveDraftWithLlm(draft, transcript, await getLlmConfig(db, secrets), { now });
    ({ draft, source, fallback } = improved);
  }
  const segmentAt = (start: number) => {
    const containing = session.segments.filter((s) => s.start <= start + 0.01 && start < s.end + 0.01);
    return (containing.at(-1) ?? session.segments.find((s) => s.start >= start))?.id ?? null;
  };
  return {
    sessionId,
    requisitionTitle: draft.rubric.requisitionTitle,
    criteria: draft.rubric.criteria.map((c) => criterionText(c)),
    evidence: draft.evidence.map((e) => ({ criterionId: e.criterionId, quote: e.quote, speaker: e.speaker, start: e.start, end: e.end, segmentId: segmentAt(e.start), cue: e.cue })),
    source,
    fallback,
  };
}

function llmView(settings: LlmSettings | null): OutputOf<'settings:getLlm'> {
  if (!settings) return null;
  const { config, apiKeyStorage } = settings;
  return { baseURL: config.baseURL, model: config.model, timeoutMs: config.timeoutMs, apiKeySet: apiKeyStorage !== 'none', apiKeyStorage, local: isLoopbackUrl(config.baseURL) };
}

function absolute(file: string): string {
  if (!path.isAbsolute(file)) throw new UserFacingError(`"${file}" is not a full path: give the rubric file's absolute path.`, 'path-not-absolute');
  return file;
}

/** Editor criteria through the core schema, each problem named by criterion position and title. */
function checkedCriteria(input: ParsedInputOf<'rubrics:save'>['criteria']): CriterionInput[] {
  // An empty version would be one more version to sign and nothing to score against.
  if (input.length === 0) throw new UserFacingError('Add at least one criterion before saving: an empty version cannot be saved.', 'empty-rubric');
  return input.map((c, i) => {
    const parsed = criterionSchema.safeParse({ ...c, id: c.id ?? randomUUID() });
    if (parsed.success) return parsed.data;
    const label = c.title.trim() ? `"${c.title.trim()}"` : `${i + 1} (${c.kind})`;
    throw new UserFacingError(`Criterion ${label}: ${userPhrase(parsed.error)}.`, 'invalid-rubric');
  });
}

/** Stages need a name and questions need text; links must point at criteria of this rubric (checked on save). */
function checkedPlan(plan: InterviewPlan): InterviewPlan {
  plan.stages.forEach((stage, s) => {
    if (!stage.name.trim()) throw new UserFacingError(`Interview plan stage ${s + 1} needs a name.`, 'invalid-rubric');
    stage.questions.forEach((q, i) => {
      if (!q.text.trim()) throw new UserFacingError(`Question ${i + 1} of stage "${stage.name.trim()}" is empty: write it or remove it.`, 'invalid-rubric');
    });
  });
  return plan;
}
