import { useEffect, useId, useState } from 'react';
import type { OutputOf } from '../../../shared/ipc/contract.js';
import { chooseFile } from '../ui/choose-file.js';
import { ErrorMessage } from '../ui/error-message.js';
import { formatBytes, formatDuration } from '../ui/format.js';
import { useIpc, useIpcAction } from '../ui/use-ipc.js';

export type ModelsView = OutputOf<'models:list'>;
type Download = ModelsView['downloads'][number];

/** How often the page asks for download progress while one runs. */
const PROGRESS_POLL_MS = 400;

/**
 * Settings → Transcription: the Whisper models Debrief can use, downloaded in the background with
 * progress, paused, resumed or cancelled; removed; one chosen as the default. The same model folder
 * and manager as `debrief models`.
 */
export function ModelSettings() {
  const [loaded] = useIpc(() => window.debrief.modelsList(), 'models');
  const [view, setView] = useState<ModelsView>();
  const { busy, error, run } = useIpcAction();
  const titleId = useId();
  const [englishOnly, setEnglishOnly] = useState(true);

  useEffect(() => {
    if (loaded.state === 'ok') setView(loaded.value);
  }, [loaded.state]);
  const downloading = view?.downloads.some((d) => d.state === 'downloading') ?? false;
  useEffect(() => {
    if (!downloading) return;
    const timer = setInterval(() => {
      void window.debrief.modelsList().then((r) => r.ok && setView(r.value));
    }, PROGRESS_POLL_MS);
    return () => clearInterval(timer);
  }, [downloading]);

  async function act(call: () => ReturnType<typeof window.debrief.modelsList>) {
    const next = await run(call);
    if (next) setView(next);
  }

  async function importModel() {
    const chosen = await run(() => chooseFile('model'));
    if (chosen) await act(() => window.debrief.modelsImport({ fileToken: chosen.fileToken }));
  }

  const shown = view?.models.filter((m) => !englishOnly || m.languages === 'english' || m.status !== 'available') ?? [];
  return (
    <section className="panel model-settings" aria-labelledby={titleId} style={{ marginTop: 20 }} data-testid="model-settings">
      <h2 id={titleId}>Transcription</h2>
      <p className="muted" style={{ marginTop: 0 }}>
        Whisper models run on this computer: audio is never uploaded. Larger models are more accurate and slower. Downloads come from
        the whisper.cpp model page; each must be a whole model file and match its published checksum where the page gives one.
      </p>
      {loaded.state === 'error' && <ErrorMessage error={loaded.error} />}
      {error && <ErrorMessage error={error} />}
      {view && (
        <p role="status" data-testid="model-in-use">
          {view.inUse ? `Transcribing with ${view.inUse}${view.models.some((m) => m.isDefault) ? ' (your default)' : ' (the best one installed)'}.` : 'No model is installed yet, so nothing can be transcribed.'}
        </p>
      )}
      <p>
        <button type="button" className="button" disabled={busy} onClick={() => void importModel()}>
          Import a model file…
        </button>{' '}
        <span className="muted">A ggml Whisper model you already have (it is copied into Debrief's models folder and becomes the default).</span>
      </p>
      <label className="check">
        <input type="checkbox" checked={englishOnly} onChange={(e) => setEnglishOnly(e.target.checked)} /> English-only models (faster and more accurate for English)
      </label>
      <table className="model-table">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Size</th>
            <th scope="col">Languages</th>
            <th scope="col">Speed and quality</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((m) => {
            const download = view?.downloads.find((d) => d.name === m.name);
            return (
              <tr key={m.name} data-testid={`model-${m.name}`}>
                <th scope="row">
                  {m.name}
                  {m.recommended && <span className="badge"> Recommended</span>}
                  {m.quantization && <span className="muted"> · quantized {m.quantization}</span>}
                </th>
                <td>{formatBytes(m.bytes)}</td>
                <td>{m.languages === 'english' ? 'English only' : 'Multilingual'}</td>
                <td>{m.hint}</td>
                <td>
                  {download ? <DownloadProgress download={download} /> : m.status === 'installed' ? (m.isDefault ? 'Installed · default' : 'Installed') : m.status === 'partial' ? 'Partly downloaded' : 'Not installed'}
                </td>
                <td className="model-table__actions">
                  {download?.state === 'downloading' ? (
                    <>
                      <button type="button" className="button" disabled={busy} onClick={() => void act(() => window.debrief.modelsPause({ name: m.name }))}>
                        Pause
                      </button>
                      <button type="button" className="button" disabled={busy} onClick={() => void act(() => window.debrief.modelsCancel({ name: m.name }))}>
                        Cancel
                      </button>
                    </>
                  ) : download || m.status === 'partial' ? (
                    <>
                      <button type="button" className="button button--primary" disabled={busy} onClick={() => void act(() => window.debrief.modelsDownload({ name: m.name }))}>
                        Resume
                      </button>
                      <button type="button" className="button" disabled={busy} onClick={() => void act(() => window.debrief.modelsCancel({ name: m.name }))}>
                        Cancel
                      </button>
                    </>
                  ) : m.status === 'installed' ? (
                    <>
                      {!m.isDefault && (
                        <button type="button" className="button" disabled={busy} onClick={() => void act(() => window.debrief.modelsSetDefault({ name: m.name }))}>
                          Make default
                        </button>
                      )}
                      <button type="button" className="button" disabled={busy} onClick={() => void act(() => window.debrief.modelsRemove({ name: m.name }))}>
                        Remove
                      </button>
                    </>
                  ) : m.inCatalog ? (
                    <button type="button" className="button" disabled={busy} onClick={() => void act(() => window.debrief.modelsDownload({ name: m.name }))}>
                      Download
                    </button>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** Bytes so far, rate and time left; why it stopped, when it did. */
function DownloadProgress({ download }: { download: Download }) {
  const { receivedBytes, totalBytes, bytesPerSecond, state } = download;
  const left = totalBytes !== null && bytesPerSecond > 0 ? (totalBytes - receivedBytes) / bytesPerSecond : null;
  return (
    <div className="download-progress" data-testid="download-progress" data-state={state}>
      <progress max={totalBytes ?? undefined} value={receivedBytes} aria-label={`Download of ${download.name}`} />
      <span>
        {formatBytes(receivedBytes)}
        {totalBytes !== null && ` of ${formatBytes(totalBytes)}`}
        {state === 'downloading' && bytesPerSecond > 0 && ` · ${formatBytes(bytesPerSecond)}/s`}
        {state === 'downloading' && left !== null && ` · ${formatDuration(left)} left`}
        {state === 'paused' && ' · paused'}
      </span>
      {download.error && <ErrorMessage error={download.error} />}
    </div>
  );
}
