import { randomUUID } from 'node:crypto';
import { UserFacingError } from '../../core/errors.js';
import { draftRubricFromIntake } from '../../core/rubric/draft-from-intake.js';
import { criterionSchema, rubricVersionSchema, type RubricVersion } from '../../core/rubric/rubric.js';
import { formatRubric, parseRubricText } from '../../core/rubric/rubric-file.js';
import { checkRubricShape } from '../../core/rubric/rubric-shape.js';
import { createRubric, editRubricVersion, signOff } from '../../core/rubric/rubric-versioning.js';
import { checkVagueLanguage } from '../../core/rubric/vague-language.js';
import {
  createRequisition,
  getRequisition,
  getRubricVersion,
  getSession,
  insertRubricVersion,
  listRequisitions,
  listRubricVersions,
  listSignedVersions,
  replaceDraftVersion,
  signOffVersion,
  type RubricVersionRecord,
} from '../../db/index.js';
import type { OutputOf } from '../../shared/ipc/contract.js';
import type { rubricChannels } from '../../shared/ipc/rubric-channels.js';
import type { HandlersFor, IpcHandlerDeps } from '../ipc-handlers.js';

type VersionView = OutputOf<'rubrics:signOff'>;

export function toVersionView(record: RubricVersionRecord): VersionView {
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
    criteria: r.criteria.map((c) => ({
      id: c.id,
      kind: c.kind,
      title: c.title,
      description: c.description,
      goodLooksLike: c.goodLooksLike,
      badLooksLike: c.badLooksLike,
      signals: c.signals,
      questionIds: c.questionIds,
      warnings: checkVagueLanguage(c).map((w) => ({ phrase: w.phrase, message: w.message, prompt: w.prompt })),
    })),
    interviewPlan: r.interviewPlan,
    shape: checkRubricShape(r.criteria),
  };
}

export function createRubricHandlers(deps: IpcHandlerDeps): HandlersFor<typeof rubricChannels> {
  const { db } = deps;

  /** Links questions → criteria from the plan, the one place the editor sets them. */
  function withQuestionLinks(criteria: RubricVersion['criteria'], plan: RubricVersion['interviewPlan']): RubricVersion['criteria'] {
    return criteria.map((c) => ({
      ...c,
      questionIds: plan.stages.flatMap((s) => s.questions.filter((q) => q.criterionIds.includes(c.id)).map((q) => q.id)),
    }));
  }

  return {
    'requisitions:list': () => listRequisitions(db),
    'requisitions:create': async (input) => ({ id: await createRequisition(db, input) }),
    'requisitions:get': async ({ id }) => ({
      requisition: await getRequisition(db, id),
      versions: (await listRubricVersions(db, id)).map(toVersionView),
    }),

    'rubrics:save': async ({ requisitionId, versionId, criteria: input, interviewPlan }) => {
      const requisition = await getRequisition(db, requisitionId);
      const now = new Date();
      const criteria = input.map((c, i) => {
        const parsed = criterionSchema.safeParse({ ...c, id: c.id ?? randomUUID() });
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          throw new UserFacingError(`Criterion ${i + 1} (${c.title || 'untitled'}): ${issue.path.join('.')}: ${issue.message}`, 'invalid-rubric');
        }
        return parsed.data;
      });
      const planOrEmpty = interviewPlan ?? { stages: [] };
      if (versionId === null) {
        const latest = requisition.latestVersion;
        if (latest) throw new UserFacingError('This requisition already has a rubric: edit its latest version.', 'rubric-exists');
        const rubric = parseOrExplain(() =>
          createRubric({ requisitionTitle: requisition.title, criteria: withQuestionLinks(criteria, planOrEmpty), interviewPlan: planOrEmpty, now }),
        );
        const id = await insertRubricVersion(db, requisitionId, rubric);
        return { version: toVersionView(await getRubricVersion(db, id)), createdNewVersion: true };
      }
      const current = await getRubricVersion(db, versionId);
      if (current.requisitionId !== requisitionId) throw new UserFacingError('That rubric version belongs to another requisition.', 'rubric-conflict');
      const plan = interviewPlan ?? current.rubric.interviewPlan;
      const edited = parseOrExplain(() => editRubricVersion(current.rubric, { criteria: withQuestionLinks(criteria, plan), interviewPlan: plan }, now));
      if (edited.createdNewVersion) {
        const id = await insertRubricVersion(db, requisitionId, edited.version);
        return { version: toVersionView(await getRubricVersion(db, id)), createdNewVersion: true };
      }
      await replaceDraftVersion(db, versionId, edited.version);
      return { version: toVersionView(await getRubricVersion(db, versionId)), createdNewVersion: false };
    },

    'rubrics:signOff': async ({ versionId, by }) => {
      const current = await getRubricVersion(db, versionId);
      const signed = signOff(current.rubric, by, new Date());
      await signOffVersion(db, versionId, signed.signedOff!.by, signed.signedOff!.at);
      return toVersionView(await getRubricVersion(db, versionId));
    },

    'rubrics:export': async ({ versionId, format }) => {
      const { rubric } = await getRubricVersion(db, versionId);
      const slug = rubric.requisitionTitle.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'rubric';
      return { fileName: `${slug}-v${rubric.version}.${format === 'json' ? 'json' : 'yaml'}`, text: formatRubric(rubric, format) };
    },

    'rubrics:import': async ({ requisitionId, format, text }) => {
      // Every problem names its field and line (RubricFileError); nothing is stored unless all is valid.
      const parsed = parseRubricText(text, format, `the ${format.toUpperCase()} file`);
      const requisition = await getRequisition(db, requisitionId);
      const latest = requisition.latestVersion ? await getRubricVersion(db, requisition.latestVersion.id) : null;
      // An imported file becomes the requisition's next version, unsigned: sign-off happens here, by a person.
      const version = parseOrExplain(() =>
        rubricVersionSchema.parse({
          ...parsed,
          rubricId: latest?.rubric.rubricId ?? parsed.rubricId,
          version: (latest?.rubric.version ?? 0) + 1,
          parentVersion: latest?.rubric.version ?? null,
          signedOff: null,
          createdAt: new Date().toISOString(),
        }),
      );
      const id = await insertRubricVersion(db, requisitionId, version);
      return toVersionView(await getRubricVersion(db, id));
    },

    'rubrics:draftFromSession': async ({ sessionId }) => {
      const session = await getSession(db, sessionId);
      if (!session) throw new UserFacingError(`The session ${sessionId} does not exist.`, 'session-not-found');
      if (session.segments.length === 0) throw new UserFacingError(`"${session.title}" has no transcript to draft from.`, 'session-without-transcript');
      const draft = draftRubricFromIntake(
        {
          durationSec: session.durationSec ?? Math.max(0, ...session.segments.map((s) => s.end)),
          language: null,
          segments: session.segments.map((s) => ({ start: s.start, end: s.end, speaker: s.speaker, text: s.text, words: s.words })),
        },
        { now: new Date() },
      );
      return {
        criteria: draft.rubric.criteria.map((c) => ({
          id: c.id,
          kind: c.kind,
          title: c.title,
          description: c.description,
          goodLooksLike: c.goodLooksLike,
          badLooksLike: c.badLooksLike,
          signals: c.signals,
        })),
        evidence: draft.evidence.map((e) => ({ criterionId: e.criterionId, quote: e.quote, speaker: e.speaker, start: e.start, end: e.end, cue: e.cue })),
      };
    },

    'rubrics:listSigned': () => listSignedVersions(db),
  };
}

/** Core validation errors (zod) become a sentence naming the field. */
function parseOrExplain<T>(build: () => T): T {
  try {
    return build();
  } catch (err) {
    if (err instanceof UserFacingError) throw err;
    const issues = (err as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
    if (issues?.[0]) throw new UserFacingError(`The rubric is not valid: ${issues[0].path.map(String).join('.')}: ${issues[0].message}`, 'invalid-rubric');
    throw err;
  }
}
