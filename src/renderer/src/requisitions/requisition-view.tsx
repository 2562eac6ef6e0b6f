import { useCallback, useEffect, useId, useState } from 'react';
import './requisitions.css';
import type { IpcError, OutputOf } from '../../../shared/ipc/contract.js';
import { hrefFor, navigate } from '../app-shell/route.js';
import { RequisitionRetention } from '../privacy/requisition-retention.js';
import { ErrorMessage } from '../ui/error-message.js';
import { formatDate } from '../ui/format.js';
import { unexpectedError } from '../ui/use-ipc.js';
import { addDrafted, contentKey, fromVersion, toSaveInput, type EditableRubric, type RubricVersionView } from './editable-rubric.js';
import { IntakeDraftPanel } from './intake-draft-panel.js';
import { RequisitionCandidates } from './requisition-candidates.js';
import { RequisitionHeader } from './requisition-header.js';
import { serves } from '../ui/transport.js';
import { RubricComments } from './rubric-comments.js';
import { RubricEditor } from './rubric-editor.js';
import { RubricFileActions } from './rubric-file-actions.js';
import { SignOffBadge } from '../ui/sign-off-badge.js';
import { SignOffForm } from './sign-off.js';
import { signOffGaps } from './sign-off-gaps.js';
import { useRubricCheck } from './use-rubric-check.js';
import { useUnsavedWarning } from './use-unsaved-warning.js';

type Detail = OutputOf<'requisitions:get'>;

interface EditorState {
  /** The version the working copy was made from; null before the first save. */
  versionId: string | null;
  rubric: EditableRubric;
  /** The saved content, to tell unsaved changes. */
  baseline: string;
}

function editorFor(version: RubricVersionView | null): EditorState {
  const rubric = fromVersion(version);
  return { versionId: version?.id ?? null, rubric, baseline: contentKey(rubric) };
}

/** One requisition: its rubric's versions, the editor for the latest, sign-off, files and drafting from the intake call. */
export function RequisitionView({ requisitionId, version }: { requisitionId: string; version?: number }) {
  const [detail, setDetail] = useState<Detail>();
  const [loadError, setLoadError] = useState<IpcError>();
  const [editor, setEditor] = useState<EditorState>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<IpcError>();
  const [notice, setNotice] = useState<string>();
  const [drafting, setDrafting] = useState(false);
  // The version on screen: follows the URL, and is set together with the data after a save or import.
  const [shownVersion, setShownVersion] = useState(version);
  useEffect(() => setShownVersion(version), [version]);
  const versionSelectId = useId();
  const check = useRubricCheck(editor?.rubric.criteria ?? []);
  const dirty = editor !== undefined && contentKey(editor.rubric) !== editor.baseline;
  useUnsavedWarning(dirty, 'Your rubric has unsaved changes. Leave without saving them?');

  const fetchDetail = useCallback(async (): Promise<Detail | undefined> => {
    const r = await window.debrief.requisitionsGet({ id: requisitionId }).catch((err: unknown) => ({ ok: false as const, error: unexpectedError(err) }));
    if (r.ok) return r.value;
    setLoadError(r.error);
    return undefined;
  }, [requisitionId]);
  // Reloads keep the page on screen: the editor never flashes back to "Loading…".
  const load = useCallback(async () => {
    const fresh = await fetchDetail();
    if (fresh) setDetail(fresh);
  }, [fetchDetail]);
  useEffect(() => {
    void load();
  }, [load]);

  const versions = detail?.versions ?? [];
  const latest = versions[0] ?? null;
  const current = shownVersion === undefined ? latest : (versions.find((v) => v.version === shownVersion) ?? undefined);

  // A different version on screen starts a fresh working copy (after a save, the copy was set already).
  useEffect(() => {
    if (!detail || current === undefined) return;
    if (editor === undefined || editor.versionId !== (current?.id ?? null)) setEditor(editorFor(current));
  }, [detail, current?.id]);

  if (loadError && !detail) {
    return (
      <section className="view">
        <BackLink />
        <ErrorMessage title="Could not open this requisition." error={loadError} />
      </section>
    );
  }
  if (!detail || !editor) {
    if (detail && current === undefined) {
      return (
        <section className="view">
          <BackLink />
          <p role="alert">
            This requisition has no version {shownVersion}. <a href={hrefFor({ view: 'requisition', requisitionId })}>Open the latest version</a>.
          </p>
        </section>
      );
    }
    return (
      <section className="view">
        <BackLink />
        <p className="muted">Loading…</p>
      </section>
    );
  }

  const shown = current ?? null;
  const isLatest = shown === null || shown.id === latest?.id;
  // Where the transport can't save a rubric (the web view), every version is read-only: review and sign off.
  const editable = serves('rubrics:save');
  const readOnly = !isLatest || !editable;
  const nextVersion = (latest?.version ?? 0) + 1;
  const createsNewVersion = shown === null || shown.frozen;
  const empty = editor.rubric.criteria.length === 0;

  function change(rubric: EditableRubric) {
    setNotice(undefined);
    setEditor((e) => (e ? { ...e, rubric } : e));
  }

  async function save() {
    if (!editor) return;
    setSaving(true);
    setSaveError(undefined);
    setNotice(undefined);
    try {
      const r = await window.debrief.rubricsSave({ requisitionId, versionId: shown?.id ?? null, ...toSaveInput(editor.rubric) });
      if (!r.ok) return setSaveError(r.error);
      const saved = r.value.version;
      const fresh = await fetchDetail();
      // One batch: data, version on screen and working copy agree, so nothing resets the editor.
      if (fresh) setDetail(fresh);
      setShownVersion(saved.version);
      setEditor(editorFor(saved));
      setNotice(r.value.createdNewVersion ? `Saved as version ${saved.version}.` : `Saved version ${saved.version}.`);
      if (saved.version !== shown?.version) navigate({ view: 'requisition', requisitionId, version: saved.version });
    } catch (err) {
      setSaveError(unexpectedError(err));
    } finally {
      setSaving(false);
    }
  }

  function showVersion(next: RubricVersionView, fresh?: Detail) {
    if (fresh) setDetail(fresh);
    setShownVersion(next.version);
    setEditor(editorFor(next));
    navigate({ view: 'requisition', requisitionId, version: next.version });
  }

  const signBlockedBy =
    shown === null ? 'Save the rubric first.' : dirty ? 'Save or discard your changes first.' : shown.criteria.length === 0 ? 'Add at least one criterion first.' : null;

  return (
    <section className="view requisition-view" aria-labelledby="requisition-title">
      <BackLink />
      <RequisitionHeader requisition={detail.requisition} onChanged={() => void load()} />

      <div className="version-bar" data-testid="version-bar">
        {versions.length > 0 ? (
          <>
            <label htmlFor={versionSelectId}>Version</label>
            <select
              id={versionSelectId}
              value={shown?.version ?? ''}
              disabled={dirty}
              title={dirty ? 'Save or discard your changes to switch versions.' : undefined}
              onChange={(e) => {
                const next = versions.find((v) => v.version === Number(e.target.value));
                if (next) showVersion(next);
              }}
            >
              {versions.map((v) => (
                <option key={v.id} value={v.version}>
                  {`Version ${v.version}${v.signedOff ? ` — signed off by ${v.signedOff.by}` : ' — draft'}`}
                </option>
              ))}
            </select>
          </>
        ) : (
          <span className="muted">No rubric saved yet.</span>
        )}
        {shown && <SignOffBadge signedOff={shown.signedOff} />}
        {shown && (
          <span className="muted version-bar__meta">
            Created {formatDate(shown.createdAt)}
            {shown.parentVersion !== null && ` from version ${shown.parentVersion}`}
          </span>
        )}
      </div>

      {readOnly && editable && shown && (
        <p className="rq-notice" role="note">
          Version {shown.version} is an earlier version and is read-only. <a href={hrefFor({ view: 'requisition', requisitionId, version: latest!.version })}>Edit version {latest!.version}</a>.
        </p>
      )}
      {!readOnly && shown?.frozen && (
        <p className="rq-notice" role="note" data-testid="frozen-note">
          {shown.signedOff
            ? `Version ${shown.version} is signed off. Saving your changes creates version ${nextVersion}; version ${shown.version} stays as signed.`
            : `Interviews were recorded against version ${shown.version}, so saving your changes creates version ${nextVersion}.`}
        </p>
      )}

      {isLatest && shown && !shown.signedOff && (
        <SignOffForm
          key={shown.id}
          version={shown}
          defaultName={detail.requisition.hiringManager ?? ''}
          blockedBy={signBlockedBy}
          gaps={signOffGaps(editor.rubric.criteria, check)}
          onSigned={(signed) => {
            setNotice(`Version ${signed.version} signed off by ${signed.signedOff?.by ?? ''}.`);
            void load();
          }}
        />
      )}

      {!readOnly && (
        <div className="editor-toolbar">
          <button type="button" className="button" aria-expanded={drafting} onClick={() => setDrafting((v) => !v)}>
            Draft from intake call…
          </button>
        </div>
      )}
      {drafting && !readOnly && (
        <IntakeDraftPanel
          requisitionId={requisitionId}
          onClose={() => setDrafting(false)}
          onAdd={(criteria, evidence) => {
            change(addDrafted(editor.rubric, criteria, evidence));
            setDrafting(false);
            setNotice(`Added ${criteria.length} drafted ${criteria.length === 1 ? 'criterion' : 'criteria'}: review them, then save.`);
          }}
        />
      )}

      <RubricEditor rubric={editor.rubric} check={check} onChange={change} readOnly={readOnly} />

      {!readOnly && (
        <div className="save-bar" role="region" aria-label="Save">
          <button type="button" className="button button--primary" disabled={saving || empty || (!dirty && shown !== null)} onClick={save}>
            {saving ? 'Saving…' : createsNewVersion ? `Save as version ${shown === null ? 1 : nextVersion}` : 'Save changes'}
          </button>
          <button type="button" className="button" disabled={!dirty || saving} onClick={() => setEditor(editorFor(shown))}>
            Discard changes
          </button>
          {dirty && <span className="save-bar__dirty">Unsaved changes</span>}
          {empty && <span className="field__hint">Add at least one criterion: an empty version cannot be saved.</span>}
          {notice && (
            <span role="status" className="save-bar__notice">
              {notice}
            </span>
          )}
        </div>
      )}
      {saveError && <ErrorMessage title="Could not save the rubric." error={saveError} />}

      {serves('rubrics:import') && (
        <RubricFileActions
          requisitionId={requisitionId}
          version={shown}
          blockedBy={dirty ? 'Save or discard your changes before importing.' : null}
          onImported={(imported) => {
            void fetchDetail().then((fresh) => showVersion(imported, fresh));
          }}
        />
      )}

      {shown && serves('rubrics:comments') && <RubricComments key={`comments-${shown.id}`} versionId={shown.id} version={shown.version} />}
      {!serves('interviews:page') && <RequisitionCandidates requisitionId={requisitionId} />}
      {serves('privacy:getRetentionOverride') && <RequisitionRetention requisitionId={requisitionId} />}
    </section>
  );
}

function BackLink() {
  return (
    <a className="back-link" href={hrefFor({ view: 'requisitions' })}>
      ← Requisitions
    </a>
  );
}
