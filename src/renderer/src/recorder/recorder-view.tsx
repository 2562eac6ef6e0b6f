import { useEffect, useRef, useState } from 'react';
import './recorder.css';
import type { IpcError, OutputOf } from '../../../shared/ipc/contract.js';
import { defaultSessionTitle } from '../../../shared/session-title.js';
import { hrefFor, navigate } from '../app-shell/route.js';
import { TaggingPanel } from '../tagging/tagging-panel.js';
import { ErrorMessage } from '../ui/error-message.js';
import { formatTimestamp } from '../ui/format.js';
import { unexpectedError } from '../ui/use-ipc.js';
import { LiveTranscript, type LiveSegment } from './live-transcript.js';
import { setActiveRecording, useActiveRecording, type ActiveRecording as ActiveRecordingState } from './active-recording.js';
import { LevelMeter } from './level-meter.js';
import { describeMediaError } from './media-errors.js';
import { rememberDevices } from './reattach-recording.js';
import { resolveFiling } from './recorder-filing.js';
import { RecorderSetup, type RecorderChoice, type RecorderPrefill } from './recorder-setup.js';
import { TrackCapture } from './track-capture.js';

type Status = OutputOf<'capture:status'>;
type Recording = ActiveRecordingState;

/** Record a call: consent first, then both sides as separate tracks, the live transcript, tagging, stop. */
export function RecorderView({ prefill }: { prefill?: RecorderPrefill }) {
  const recording = useActiveRecording();
  const [error, setError] = useState<IpcError | null>(null);
  const [starting, setStarting] = useState(false);

  async function start(choice: RecorderChoice) {
    setStarting(true);
    setError(null);
    const captures: TrackCapture[] = [];
    try {
      const fail = (message: string) => setError({ code: 'capture-failed', message });
      const micStream = await navigator.mediaDevices.getUserMedia({ audio: micConstraints(choice.micDeviceId) }).catch((e: unknown) => {
        throw { code: 'microphone-unavailable', message: describeMediaError(e, 'microphone') } satisfies IpcError;
      });
      const mic = await TrackCapture.open(micStream, fail);
      captures.push(mic);
      const system = await openSystemAudio(choice, fail);
      if (system.capture) captures.push(system.capture);
      const sources = [
        { source: 'mic' as const, speakerLabel: choice.youName || 'You', sampleRate: mic.sampleRate },
        ...(system.capture ? [{ source: 'system' as const, speakerLabel: choice.themName || 'Them', sampleRate: system.capture.sampleRate }] : []),
      ];
      const filed = await resolveFiling(choice.filing);
      if (!filed.ok) throw filed.error;
      const { candidateName, ...filing } = filed.value;
      const result = await window.debrief.captureStart({
        title:
          choice.title ||
          defaultSessionTitle({ candidate: candidateName, stage: filing.stage, date: new Date(), fallback: choice.kind === 'intake' ? 'Intake call' : 'Interview' }),
        kind: choice.kind,
        interviewer: choice.youName || null,
        ...filing,
        consentText: choice.consentText,
        consentAcknowledgedAt: choice.consentAcknowledgedAt,
        tracks: sources,
      });
      if (!result.ok) throw result.error;
      const tracks = result.value.tracks.map((t, i) => ({ ...t, capture: captures[i]! }));
      for (const t of tracks) t.capture.startSending(result.value.sessionId, t.id);
      setActiveRecording({ sessionId: result.value.sessionId, tracks, systemAudioNote: system.note });
      rememberDevices({ micDeviceId: choice.micDeviceId, monitorDeviceId: choice.system.kind === 'monitor' ? choice.system.deviceId : null });
    } catch (e) {
      await Promise.all(captures.map((c) => c.close()));
      setError(isIpcError(e) ? e : { code: 'capture-failed', message: `Could not start recording: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      setStarting(false);
    }
  }

  return (
    <section className="view recorder-view" aria-labelledby="recorder-title">
      <a className="back-link" href={hrefFor({ view: 'interviews' })}>
        ← Interviews
      </a>
      <h1 id="recorder-title">{recording ? 'Recording' : 'New recording'}</h1>
      {error && <ErrorMessage title="Recording problem" error={error} />}
      {recording ? (
        <ActiveRecording recording={recording} onError={setError} />
      ) : (
        <RecorderSetup busy={starting} prefill={prefill} onStart={(choice) => void start(choice)} />
      )}
    </section>
  );
}

function ActiveRecording({ recording, onError }: { recording: Recording; onError: (e: IpcError) => void }) {
  const [status, setStatus] = useState<Status | null>(null);
  const [segments, setSegments] = useState<LiveSegment[]>([]);
  const [levels, setLevels] = useState<number[]>(recording.tracks.map(() => 0));
  const [stopping, setStopping] = useState(false);
  const cursor = useRef(-1);
  const { sessionId } = recording;

  // Live state: poll the status (and new segments) twice a second, levels ten times a second.
  useEffect(() => {
    let alive = true;
    const poll = async () => {
      const r = await window.debrief.captureStatus({ sessionId, afterPosition: cursor.current }).catch((e: unknown) => ({ ok: false as const, error: unexpectedError(e) }));
      if (!alive) return;
      if (!r.ok) return onError(r.error);
      setStatus(r.value);
      if (r.value.error) onError(r.value.error);
      if (r.value.segments.length > 0) {
        cursor.current = r.value.segments[r.value.segments.length - 1]!.position;
        setSegments((old) => [...old, ...r.value.segments]);
      }
    };
    const statusTimer = setInterval(() => void poll(), 500);
    const levelTimer = setInterval(() => setLevels(recording.tracks.map((t) => t.capture.level)), 100);
    void poll();
    return () => {
      alive = false;
      clearInterval(statusTimer);
      clearInterval(levelTimer);
    };
  }, [sessionId]);

  const paused = status?.state === 'paused';
  const failed = status?.state === 'failed';

  async function togglePause() {
    for (const t of recording.tracks) t.capture.setPaused(!paused);
    const r = paused ? await window.debrief.captureResume({ sessionId }) : await window.debrief.capturePause({ sessionId });
    if (r.ok) setStatus((s) => (s ? { ...s, ...r.value } : s));
    else onError(r.error);
  }

  async function stop() {
    setStopping(true);
    await Promise.all(recording.tracks.map((t) => t.capture.close()));
    const r = await window.debrief.captureStop({ sessionId });
    if (!r.ok) {
      setStopping(false);
      return onError(r.error);
    }
    setActiveRecording(null);
    navigate({ view: 'session', sessionId });
  }

  async function rename(trackId: string, speaker: string) {
    const r = await window.debrief.captureRenameSpeaker({ trackId, speaker });
    if (!r.ok) return onError(r.error);
    const old = recording.tracks.find((t) => t.id === trackId)?.speakerLabel;
    setSegments((list) => list.map((s) => (s.trackId === trackId || (s.trackId === null && s.speaker === old) ? { ...s, speaker } : s)));
    setActiveRecording({ ...recording, tracks: recording.tracks.map((t) => (t.id === trackId ? { ...t, speakerLabel: speaker } : t)) });
  }

  const queuedSec = Math.max(0, ...recording.tracks.map((t) => t.capture.queuedSec));
  return (
    <div className="recorder">
      <div className={`recorder__bar${paused ? ' recorder__bar--paused' : ''}`} role="status" aria-live="polite">
        <span className="recorder__dot" aria-hidden="true" />
        <strong className="recorder__state" data-testid="recorder-state">
          {failed ? 'Stopped by an error' : stopping ? 'Finishing…' : paused ? 'Paused' : 'Recording'}
        </strong>
        <span className="recorder__elapsed" data-testid="recorder-elapsed">
          {formatTimestamp(status?.elapsedSec ?? 0)}
        </span>
        <span className="recorder__actions">
          <button type="button" className="button" onClick={() => void togglePause()} disabled={stopping || failed}>
            {paused ? 'Resume' : 'Pause'}
          </button>
          <button type="button" className="button button--primary" onClick={() => void stop()} disabled={stopping}>
            {stopping ? 'Finishing transcript…' : 'Stop'}
          </button>
        </span>
      </div>

      {recording.systemAudioNote && <p className="recorder__note">{recording.systemAudioNote}</p>}
      {status && !status.liveTranscription && (
        <p className="recorder__note">No Whisper model is installed, so there is no live transcript: the audio is recorded, and you can transcribe it after installing a model.</p>
      )}
      {status && (stopping ? status.backlogSec > 0.5 : status.backlogSec > 5) && (
        <p className="recorder__note" data-testid="recorder-backlog">
          {stopping
            ? `Finishing the transcript: ${Math.ceil(status.backlogSec)} s of audio left to transcribe.`
            : `Transcription is ${Math.round(status.backlogSec)} s behind; it catches up on its own and finishes after you stop.`}
        </p>
      )}
      {status?.state === 'recording' &&
        recording.tracks.map((t) => {
          // A track far behind the others is getting no audio: a stalled device or a stuck queue.
          const behind = status.elapsedSec - (status.tracks.find((s) => s.id === t.id)?.recordedSec ?? status.elapsedSec);
          return behind > 3 ? (
            <p className="recorder__note" key={t.id}>
              No audio has reached the {t.source === 'mic' ? 'microphone' : 'system audio'} track for {Math.round(behind)} s.
            </p>
          ) : null;
        })}
      {queuedSec > 2 && <p className="recorder__note">The disk is slow: {queuedSec.toFixed(1)} s of audio is waiting to be written.</p>}

      <div className="recorder__tracks">
        {recording.tracks.map((t, i) => (
          <div className="recorder__track" key={t.id}>
            <LevelMeter level={levels[i] ?? 0} label={`${t.source === 'mic' ? 'Microphone' : 'System audio'} level`} />
            <label className="recorder__speaker">
              <span>{t.source === 'mic' ? 'You' : 'Them'}</span>
              <input defaultValue={t.speakerLabel} onBlur={(e) => e.target.value.trim() && e.target.value.trim() !== t.speakerLabel && void rename(t.id, e.target.value.trim())} aria-label={`Name for ${t.source === 'mic' ? 'you' : 'them'}`} />
            </label>
          </div>
        ))}
      </div>

      <div className="recorder__columns">
        <LiveTranscript segments={segments} />
        <TaggingPanel sessionId={sessionId} elapsedSec={() => Math.max(0, ...recording.tracks.map((t) => t.capture.recordedSec))} />
      </div>
    </div>
  );
}

async function openSystemAudio(choice: RecorderChoice, fail: (message: string) => void): Promise<{ capture: TrackCapture | null; note: string | null }> {
  if (choice.system.kind === 'none') return { capture: null, note: null };
  if (choice.system.kind === 'unavailable') return { capture: null, note: 'System audio is unavailable here: recording the microphone only.' };
  if (choice.system.kind === 'monitor') {
    const stream = await navigator.mediaDevices
      .getUserMedia({ audio: { deviceId: { exact: choice.system.deviceId }, echoCancellation: false, noiseSuppression: false, autoGainControl: false } })
      .catch((e: unknown) => {
        throw { code: 'system-audio-unavailable', message: describeMediaError(e, 'system audio') } satisfies IpcError;
      });
    return { capture: await TrackCapture.open(stream, fail), note: null };
  }
  try {
    // Loopback through screen capture (Windows, macOS 13+): keep the audio, drop the video at once.
    const stream = await navigator.mediaDevices.getDisplayMedia({ audio: true, video: true });
    for (const v of stream.getVideoTracks()) {
      v.stop();
      stream.removeTrack(v);
    }
    if (stream.getAudioTracks().length === 0) return { capture: null, note: 'The system did not share its audio: recording the microphone only.' };
    return { capture: await TrackCapture.open(stream, fail), note: null };
  } catch {
    return { capture: null, note: 'System audio is unavailable here: recording the microphone only.' };
  }
}

function micConstraints(deviceId: string | null): MediaTrackConstraints {
  // The interviewer's voice: the browser's echo cancellation keeps the other side out of this track.
  return { ...(deviceId ? { deviceId: { exact: deviceId } } : {}), echoCancellation: true, noiseSuppression: true };
}

function isIpcError(e: unknown): e is IpcError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}
