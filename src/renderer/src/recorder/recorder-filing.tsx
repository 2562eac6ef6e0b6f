import { useIpc } from '../ui/use-ipc.js';

/** Who is interviewed, for which requisition and stage: chosen before the call, so the session is filed and its rubric attached. */
export interface Filing {
  requisitionId: string;
  /** An existing candidate's id, or '' with `newCandidate` naming someone new. */
  candidateId: string;
  newCandidate: string;
  stage: string;
}

export const emptyFiling: Filing = { requisitionId: '', candidateId: '', newCandidate: '', stage: '' };

export function RecorderFiling({ filing, onChange }: { filing: Filing; onChange: (next: Filing) => void }) {
  const [requisitions] = useIpc(() => window.debrief.requisitionsList(), 'requisitions');
  const [candidates] = useIpc(() => window.debrief.candidatesList(filing.requisitionId ? { requisitionId: filing.requisitionId } : {}), `candidates-${filing.requisitionId}`);
  const set = (patch: Partial<Filing>) => onChange({ ...filing, ...patch });
  return (
    <>
      <label>
        <span>Requisition</span>
        <select value={filing.requisitionId} onChange={(e) => set({ requisitionId: e.target.value, candidateId: '' })}>
          <option value="">None</option>
          {requisitions.state === 'ok' &&
            requisitions.value.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
                {r.latestVersion?.signedOffAt ? '' : ' (rubric not signed)'}
              </option>
            ))}
        </select>
      </label>
      <label>
        <span>Candidate</span>
        <select value={filing.candidateId} onChange={(e) => set({ candidateId: e.target.value })}>
          <option value="">New candidate…</option>
          {candidates.state === 'ok' &&
            candidates.value.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
        </select>
      </label>
      {filing.candidateId === '' && (
        <label>
          <span>New candidate's name</span>
          <input value={filing.newCandidate} onChange={(e) => set({ newCandidate: e.target.value })} placeholder="Optional" maxLength={300} />
        </label>
      )}
      <label>
        <span>Stage</span>
        <input value={filing.stage} onChange={(e) => set({ stage: e.target.value })} placeholder="e.g. Phone screen" maxLength={200} />
      </label>
    </>
  );
}

/** Creates the new candidate if one was named; the ids and stage to file the session under, and the rubric to attach. */
export async function resolveFiling(filing: Filing) {
  const requisitions = filing.requisitionId ? await window.debrief.requisitionsList() : undefined;
  if (requisitions && !requisitions.ok) return requisitions;
  const latest = requisitions?.value.find((r) => r.id === filing.requisitionId)?.latestVersion;
  let candidate: { id: string; name: string } | null = null;
  if (filing.candidateId) {
    const list = await window.debrief.candidatesList();
    if (!list.ok) return list;
    candidate = list.value.find((c) => c.id === filing.candidateId) ?? null;
  } else if (filing.newCandidate.trim()) {
    const created = await window.debrief.candidatesCreate({ name: filing.newCandidate, requisitionId: filing.requisitionId || null, stage: filing.stage || null });
    if (!created.ok) return created;
    candidate = created.value;
  }
  return {
    ok: true as const,
    value: {
      candidateId: candidate?.id ?? null,
      candidateName: candidate?.name ?? null,
      requisitionId: filing.requisitionId || null,
      stage: filing.stage.trim() || null,
      // Only a signed version is attached: mapping and tagging use the rubric the hiring manager approved.
      rubricVersionId: latest?.signedOffAt ? latest.id : null,
    },
  };
}
