import { useEffect, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../ui/error-message.js';
import { useIpc } from '../ui/use-ipc.js';
import { emptyFiling, RecorderFiling, type Filing } from './recorder-filing.js';
import { isMonitorDevice } from './track-capture.js';

export type SystemAudioChoice = { kind: 'none' } | { kind: 'unavailable' } | { kind: 'monitor'; deviceId: string } | { kind: 'loopback' };

export interface RecorderChoice {
  kind: 'intake' | 'interview';
  youName: string;
  themName: string;
  micDeviceId: string | null;
  system: SystemAudioChoice;
  /** Empty: the title is made from the candidate, stage and date once they are known. */
  title: string;
  filing: Filing;
  consentText: string;
  consentAcknowledgedAt: string;
}

/** What a link into the recorder chose already (an intake call started from its requisition). */
export interface RecorderPrefill {
  kind?: 'intake' | 'interview';
  requisitionId?: string;
}

/** Before recording: what to record, from which devices, and the consent notice, which must be acknowledged. */
export function RecorderSetup({ busy, prefill, onStart }: { busy: boolean; prefill?: RecorderPrefill; onStart: (choice: RecorderChoice) => void }) {
  const [consent] = useIpc(() => window.debrief.settingsGetConsent(), 'consent');
  const [info] = useIpc(() => window.debrief.appInfo(), 'app-info');
  const devices = useAudioInputs();
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<'intake' | 'interview'>(prefill?.kind ?? 'interview');
  const [youName, setYouName] = useState('');
  const [themName, setThemName] = useState('');
  const [micId, setMicId] = useState('');
  const [systemKey, setSystemKey] = useState<string | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  const [filing, setFiling] = useState<Filing>({ ...emptyFiling, requisitionId: prefill?.requisitionId ?? '' });

  const mics = (devices ?? []).filter((d) => !isMonitorDevice(d));
  const monitors = (devices ?? []).filter(isMonitorDevice);
  // Said before Start, not after: with no input device there is nothing to record.
  const noMicrophone = devices !== null && mics.length === 0;
  const platform = info.state === 'ok' ? info.value.platform : '';
  const loopback = platform === 'win32' || platform === 'darwin';
  const systemOptions: { key: string; label: string; choice: SystemAudioChoice }[] = [
    ...monitors.map((d) => ({ key: `monitor:${d.deviceId}`, label: d.label, choice: { kind: 'monitor', deviceId: d.deviceId } as const })),
    ...(loopback ? [{ key: 'loopback', label: 'System audio (what this computer plays)', choice: { kind: 'loopback' } as const }] : []),
    { key: 'none', label: 'None: record the microphone only', choice: { kind: 'none' } },
  ];
  const systemAvailable = systemOptions.length > 1;
  const chosenSystem = systemOptions.find((o) => o.key === systemKey) ?? systemOptions[0]!;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (consent.state !== 'ok' || !acknowledged || noMicrophone) return;
    onStart({
      title: title.trim(),
      kind,
      youName: youName.trim(),
      themName: themName.trim(),
      micDeviceId: micId || null,
      system: systemAvailable ? chosenSystem.choice : { kind: 'unavailable' },
      filing,
      consentText: consent.value.text,
      consentAcknowledgedAt: new Date().toISOString(),
    });
  }

  return (
    <form className="recorder-setup card" onSubmit={submit} aria-label="Recording setup">
      <div className="form-grid">
        <label>
          <span>Title</span>
          <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Candidate — Stage — date" maxLength={300} />
        </label>
        <label>
          <span>Kind</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as 'intake' | 'interview')}>
            <option value="interview">Interview</option>
            <option value="intake">Intake call</option>
          </select>
        </label>
        <RecorderFiling filing={filing} onChange={setFiling} />
        <label>
          <span>Your name (microphone)</span>
          <input value={youName} onChange={(e) => setYouName(e.target.value)} placeholder="You" maxLength={100} />
        </label>
        <label>
          <span>Their name (system audio)</span>
          <input value={themName} onChange={(e) => setThemName(e.target.value)} placeholder="Them" maxLength={100} />
        </label>
        <label>
          <span>Microphone</span>
          {noMicrophone ? (
            <output className="recorder-setup__unavailable" role="alert" data-testid="no-microphone">
              No microphone found: connect one (or allow Debrief to use it in your system's privacy settings). It appears here when it is ready.
            </output>
          ) : (
            <select value={micId} onChange={(e) => setMicId(e.target.value)}>
              <option value="">{devices === null ? 'Looking for microphones…' : 'Default microphone'}</option>
              {mics.map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>
                  {d.label || `Microphone ${i + 1}`}
                </option>
              ))}
            </select>
          )}
        </label>
        <label>
          <span>Other side of the call</span>
          {systemAvailable ? (
            <select value={chosenSystem.key} onChange={(e) => setSystemKey(e.target.value)}>
              {systemOptions.map((o) => (
                <option key={o.key} value={o.key}>
                  {o.label}
                </option>
              ))}
            </select>
          ) : (
            <output className="recorder-setup__unavailable" data-testid="system-audio-unavailable">
              System audio is unavailable here: recording the microphone only.
            </output>
          )}
        </label>
      </div>

      <fieldset className="consent">
        <legend>Consent notice</legend>
        {consent.state === 'error' && <ErrorMessage title="Could not load the consent notice." error={consent.error} />}
        {consent.state === 'ok' && <blockquote className="consent__text">{consent.value.text}</blockquote>}
        <label className="consent__ack">
          <input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} />
          <span>I read this notice to everyone on the call, and they agreed to be recorded.</span>
        </label>
      </fieldset>

      <button type="submit" className="button button--primary" disabled={busy || !acknowledged || consent.state !== 'ok' || noMicrophone}>
        {busy ? 'Starting…' : 'Start recording'}
      </button>
    </form>
  );
}

/** Audio inputs with their labels (labels need microphone permission, asked for once here); null until listed. */
function useAudioInputs(): MediaDeviceInfo[] | null {
  const [devices, setDevices] = useState<MediaDeviceInfo[] | null>(null);
  useEffect(() => {
    let alive = true;
    const refresh = async () => {
      const list = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audioinput');
      if (alive) setDevices(list);
    };
    void (async () => {
      try {
        const probe = await navigator.mediaDevices.getUserMedia({ audio: true });
        for (const t of probe.getTracks()) t.stop();
      } catch {
        // No permission or no microphone: the list shows what it can, and an empty one says so before Start.
      }
      await refresh();
    })();
    navigator.mediaDevices.addEventListener('devicechange', refresh);
    return () => {
      alive = false;
      navigator.mediaDevices.removeEventListener('devicechange', refresh);
    };
  }, []);
  return devices;
}
