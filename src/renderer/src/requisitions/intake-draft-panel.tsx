import { useId, useState, type FormEvent } from 'react';
import type { IpcError, IpcResult, OutputOf } from '../../../shared/ipc/contract.js';
import { hrefFor } from '../app-shell/route.js';
import { chooseFile, fileArgs } from '../ui/choose-file.js';
import { ErrorMessage } from '../ui/error-message.js';
import { formatDate } from '../ui/format.js';
import { unexpectedError, useIpc, useIpcAction } from '../ui/use-ipc.js';
import { IntakeQuote } from './criterion-card.js';
import { KINDS, type IntakeEvidence } from './editable-rubric.js';

type Draft = OutputOf<'rubrics:draftFromSession'>;
export type DraftedCriterion = Draft['criteria'][number];

/**
 * "Draft from intake call": requirement sentences of an intake call become candidate criteria, each
 * with its quote and timestamp. Optionally improved by the language model set up in Settings; the
 * offline draft is used whenever the model is not set up, down, slow or answers junk.
 *
 * Started from its requisition: the intake calls filed under it come first (then ones filed under
 * none), an imported transcript is filed under it, and "Record intake call" opens the recorder set up for it.
 */
export function IntakeDraftPanel({
  requisitionId,
  onAdd,
  onClose,
}: {
  requisitionId: string;
  onAdd: (criteria: DraftedCriterion[], evidence: IntakeEvidence[]) => void;
  onClose: () => void;
}) {
  const [sessions, reloadSessions] = useIpc(() => intakeCalls(requisitionId), `intake-calls-${requisitionId}`);
  const [llm] = useIpc(() => window.debrief.settingsGetLlm(), 'llm-settings');
  const [sessionId, setSessionId] = useState('');
  const [useLlm, setUseLlm] = useState(false);
  const [draft, setDraft] = useState<Draft>();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const { busy, error, run } = useIpcAction();
  const [importError, setImportError] = useState<IpcError>();
  const ids = { session: useId() };

  const intakes = sessions.state === 'ok' ? sessions.value : [];
  const selected = sessionId || intakes[0]?.id || '';
  const endpoint = llm.state === 'ok' ? llm.value : null;

  async function makeDraft(event: FormEvent) {
    event.preventDefault();
    setDraft(undefined);
    const drafted = await run(() => window.debrief.rubricsDraftFromSession({ sessionId: selected, useLlm: useLlm && endpoint !== null }));
    if (drafted) {
      setDraft(drafted);
      setChosen(new Set(drafted.criteria.map((c) => c.id)));
    }
  }

  async function importIntake() {
    setImportError(undefined);
    try {
      const chosen = await chooseFile('transcript');
      if (!chosen.ok) return setImportError(chosen.error);
      if (!chosen.value) return;
      const r = await window.debrief.sessionsImportTranscript({ ...fileArgs(chosen.value), kind: 'intake' });
      if (!r.ok) return setImportError(r.error);
      setSessionId(r.value.sessionId);
      // Filed under this requisition at once, so it is listed here and with the requisition's sessions.
      const filed = await window.debrief.sessionsFile({ id: r.value.sessionId, requisitionId });
      if (!filed.ok) setImportError(filed.error);
    } catch (err) {
      return setImportError(unexpectedError(err));
    }
    reloadSessions();
  }

  function add() {
    if (!draft) return;
    const criteria = draft.criteria.filter((c) => chosen.has(c.id));
    onAdd(criteria, draft.evidence.filter((e) => chosen.has(e.criterionId)).map((e) => ({ ...e, sessionId: draft.sessionId })));
  }

  return (
    <section className="panel intake-draft" aria-labelledby="intake-draft-title">
      <div className="rq-section-head">
        <h2 id="intake-draft-title">Draft from intake call</h2>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
      {sessions.state === 'error' && <ErrorMessage error={sessions.error} />}
      <form onSubmit={makeDraft}>
        {sessions.state === 'ok' && intakes.length === 0 && <p className="muted">No intake calls yet: import the intake call's transcript or record the call below.</p>}
        {intakes.length > 0 && (
          <div className="field">
            <label htmlFor={ids.session}>Intake call</label>
            <select id={ids.session} value={selected} onChange={(e) => setSessionId(e.target.value)}>
              {intakes.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title} — {formatDate(s.date)}
                  {s.requisition ? '' : ' (not filed under a requisition)'}
                </option>
              ))}
            </select>
          </div>
        )}
        {endpoint ? (
          <label className="rq-checkbox">
            <input type="checkbox" checked={useLlm} onChange={(e) => setUseLlm(e.target.checked)} />
            Improve the draft with {endpoint.model} ({endpoint.local ? 'on this computer' : `sends the transcript to ${new URL(endpoint.baseURL).host}`})
          </label>
        ) : (
          <p className="field__hint">
            Drafting runs on this computer. To have a language model improve the draft, set one up in <a href={hrefFor({ view: 'settings' })}>Settings</a>.
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy || !selected}>
            {busy ? (useLlm && endpoint ? `Asking ${endpoint.model} (up to ${Math.round(endpoint.timeoutMs / 1000)} s)…` : 'Drafting…') : 'Draft criteria'}
          </button>
        </div>
      </form>

      <p className="field__hint">
        The call has not happened yet?{' '}
        <a className="button" href={hrefFor({ view: 'record', kind: 'intake', requisitionId })}>
          Record intake call
        </a>
      </p>
      <details className="intake-draft__import" open={sessions.state === 'ok' && intakes.length === 0}>
        <summary>Import an intake transcript</summary>
        <div className="field">
          <div className="field__row">
            <button type="button" className="button" onClick={() => void importIntake()}>
              Choose intake transcript…
            </button>
          </div>
          <p className="field__hint">WebVTT, SubRip, or Zoom/Teams/Meet JSON. It is filed as an intake call for this requisition.</p>
        </div>
        {importError && <ErrorMessage title="Could not import the transcript." error={importError} />}
      </details>

      {error && <ErrorMessage title="Could not draft criteria." error={error} />}
      {draft && (
        <div className="intake-draft__result" data-testid="intake-draft">
          <p role="status" className={draft.fallback ? 'rq-notice rq-notice--warn' : 'rq-notice'}>
            {draft.source === 'llm'
              ? `${draft.criteria.length} criteria drafted and improved by ${endpoint?.model ?? 'the language model'}.`
              : `${draft.criteria.length} criteria drafted on this computer from requirement language in the call.`}
            {draft.fallback && ` The language model was not used: ${draft.fallback.message}.`}
          </p>
          <ul className="draft-list">
            {draft.criteria.map((c) => (
              <li key={c.id} className="draft-item" data-testid="drafted-criterion">
                <label className="rq-checkbox">
                  <input
                    type="checkbox"
                    checked={chosen.has(c.id)}
                    onChange={(e) =>
                      setChosen((prev) => {
                        const next = new Set(prev);
                        if (e.target.checked) next.add(c.id);
                        else next.delete(c.id);
                        return next;
                      })
                    }
                  />
                  <span className={`kind-dot kind-dot--${c.kind}`} aria-hidden="true" />
                  <span className="draft-item__kind">{KINDS.find((k) => k.kind === c.kind)!.label}</span>
                  <strong>{c.title}</strong>
                </label>
                <ul className="draft-item__quotes">
                  {draft.evidence
                    .filter((e) => e.criterionId === c.id)
                    .map((e, i) => (
                      <li key={i}>
                        <IntakeQuote evidence={{ ...e, sessionId: draft.sessionId }} />
                      </li>
                    ))}
                </ul>
              </li>
            ))}
          </ul>
          <div className="form-actions">
            <button type="button" className="button button--primary" disabled={chosen.size === 0} onClick={add}>
              Add {chosen.size} {chosen.size === 1 ? 'criterion' : 'criteria'} to the rubric
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

type InterviewRow = OutputOf<'interviews:page'>['rows'][number];

/** Intake calls offered per group: the newest are the ones drafted from; a store of thousands is never loaded whole. */
const offeredIntakes = 50;

/** This requisition's intake calls, newest first, then those filed under no requisition (imported before it existed). */
async function intakeCalls(requisitionId: string): Promise<IpcResult<InterviewRow[]>> {
  const filed = await window.debrief.interviewsPage({ requisitionId, kind: 'intake', limit: offeredIntakes });
  if (!filed.ok) return filed;
  const unfiled = await window.debrief.interviewsPage({ requisitionId: null, kind: 'intake', limit: offeredIntakes });
  if (!unfiled.ok) return unfiled;
  return { ok: true, value: [...filed.value.rows, ...unfiled.value.rows] };
}
