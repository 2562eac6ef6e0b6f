import { PULSE_QUESTIONS } from '../../core/calibration/alignment-audit.js';
import { exportCalibration } from '../../core/export/calibration-sheet.js';
import { sharedWordVectors } from '../../core/mapping/word-vectors.js';
import { answerPulse, getAlignmentAudit, getRequisitionCalibration, recordLoss } from '../../db/index.js';
import type { calibrationChannels } from '../../shared/ipc/calibration-channels.js';
import type { HandlersFor, IpcHandlerDeps } from '../ipc-handlers.js';

export function createCalibrationHandlers(deps: IpcHandlerDeps): HandlersFor<typeof calibrationChannels> {
  const { db } = deps;
  // The mapper's word vectors match reasons to criteria by meaning; without them, by words alone.
  const report = (requisitionId: string) => getRequisitionCalibration(db, requisitionId, { words: sharedWordVectors() });
  const audit = async (role?: string | null) => ({ ...(await getAlignmentAudit(db, { role })), questions: PULSE_QUESTIONS });
  return {
    'calibration:get': ({ requisitionId }) => report(requisitionId),
    'calibration:export': async ({ requisitionId, format }) => {
      const file = await exportCalibration(await report(requisitionId), format);
      return { fileName: file.fileName, mediaType: file.mediaType, base64: file.content.toString('base64') };
    },
    'candidates:markLost': (input) => recordLoss(db, input),
    'alignment:get': (input) => audit(input?.role),
    'alignment:pulse': async (input) => {
      await answerPulse(db, input);
      return audit();
    },
  };
}
