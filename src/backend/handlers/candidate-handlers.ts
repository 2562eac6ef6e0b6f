import fs from 'node:fs/promises';
import path from 'node:path';
import {
  createCandidate,
  deleteCandidate,
  deleteSession,
  fileSession,
  countInterviews,
  listCandidates,
  listInterviewPage,
  listInterviewRows,
  sessionContents,
  updateCandidate,
} from '../../db/index.js';
import type { candidateChannels } from '../../shared/ipc/candidate-channels.js';
import type { HandlersFor, IpcHandlerDeps } from '../ipc-handlers.js';

/** True when `file` lies inside `folder`: only files Debrief owns are deleted with a session. */
const isInside = (folder: string, file: string) => {
  const relative = path.relative(path.resolve(folder), path.resolve(file));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
};

export function createCandidateHandlers(deps: IpcHandlerDeps & { transcribingSessionIds?: () => ReadonlySet<string> }): HandlersFor<typeof candidateChannels> {
  const { db, home } = deps;
  return {
    'candidates:list': (input) => listCandidates(db, input ?? {}),
    'candidates:create': (input) => createCandidate(db, input),
    'candidates:update': ({ id, ...patch }) => updateCandidate(db, id, patch),
    'candidates:delete': async ({ id }) => {
      await deleteCandidate(db, id);
      return { id };
    },
    'interviews:list': async (input) => {
      const transcribing = deps.transcribingSessionIds?.() ?? new Set<string>();
      const rows = (await listInterviewRows(db, { requisitionId: input?.requisitionId })).map((row) =>
        transcribing.has(row.id) && row.status !== 'recording' ? { ...row, status: 'transcribing' as const } : row,
      );
      return input?.status ? rows.filter((row) => row.status === input.status) : rows;
    },
    'interviews:page': (input) => listInterviewPage(db, { ...input, transcribing: deps.transcribingSessionIds?.() }),
    'interviews:counts': (input) => countInterviews(db, { ...input, transcribing: deps.transcribingSessionIds?.() }),
    'sessions:file': async ({ id, ...filing }) => {
      await fileSession(db, id, filing);
      return { id };
    },
    'sessions:contents': async ({ id }) => {
      const { audioPaths, ...rest } = await sessionContents(db, id);
      return { ...rest, audioFiles: audioPaths.filter((p) => isInside(home, p)).map((p) => path.basename(p)) };
    },
    'sessions:delete': async ({ id }) => {
      const { audioPaths } = await sessionContents(db, id);
      await deleteSession(db, id);
      // After the rows: a file left behind by a failed unlink is litter, a row pointing at a deleted file is a broken session.
      const owned = audioPaths.filter((p) => isInside(home, p));
      await Promise.all(owned.map((p) => fs.rm(p, { force: true })));
      return { id, deletedFiles: owned.map((p) => path.basename(p)) };
    },
  };
}
