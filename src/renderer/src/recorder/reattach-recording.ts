import { setActiveRecording, type ActiveRecording } from './active-recording.js';
import { TrackCapture } from './track-capture.js';

/**
 * After a reload (or the renderer crashing and main reloading it) the recording goes on in the
 * backend, but this window has lost its microphone and streams. At startup it asks what still runs
 * and reopens the same devices for the same tracks, at the rate each track's file already has.
 * The devices are remembered in sessionStorage, which survives a reload of the same window.
 */
const devicesKey = 'debrief.recorder.devices';

export interface RememberedDevices {
  micDeviceId: string | null;
  /** A monitor source (Linux); loopback capture needs a user gesture and cannot be reopened. */
  monitorDeviceId: string | null;
}

export function rememberDevices(devices: RememberedDevices): void {
  try {
    sessionStorage.setItem(devicesKey, JSON.stringify(devices));
  } catch {
    // Storage unavailable: a reload then reopens the default microphone.
  }
}

function rememberedDevices(): RememberedDevices {
  try {
    const parsed = JSON.parse(sessionStorage.getItem(devicesKey) ?? 'null') as Partial<RememberedDevices> | null;
    return { micDeviceId: typeof parsed?.micDeviceId === 'string' ? parsed.micDeviceId : null, monitorDeviceId: typeof parsed?.monitorDeviceId === 'string' ? parsed.monitorDeviceId : null };
  } catch {
    return { micDeviceId: null, monitorDeviceId: null };
  }
}

/** Reattaches to a recording still running; null when none runs. Errors while recording go to `onError`. */
export async function reattachRecording(onError: (message: string) => void): Promise<ActiveRecording | null> {
  const active = await window.debrief.captureActive();
  if (!active.ok) throw active.error;
  const running = active.value[0];
  if (!running) return null;
  const devices = rememberedDevices();
  const tracks: ActiveRecording['tracks'] = [];
  const missed: string[] = [];
  for (const track of running.tracks) {
    const deviceId = track.source === 'mic' ? devices.micDeviceId : devices.monitorDeviceId;
    if (track.source === 'system' && !deviceId) {
      missed.push(track.speakerLabel);
      continue;
    }
    try {
      const constraints: MediaTrackConstraints =
        track.source === 'mic'
          ? { ...(deviceId ? { deviceId: { exact: deviceId } } : {}), echoCancellation: true, noiseSuppression: true }
          : { deviceId: { exact: deviceId! }, echoCancellation: false, noiseSuppression: false, autoGainControl: false };
      const capture = await TrackCapture.open(await navigator.mediaDevices.getUserMedia({ audio: constraints }), onError, track.sampleRate);
      // From where the track stands, so tags keep to the recording's clock after the reload.
      capture.startSending(running.sessionId, track.id, track.recordedSec);
      capture.setPaused(running.state === 'paused');
      tracks.push({ id: track.id, source: track.source, speakerLabel: track.speakerLabel, capture });
    } catch {
      missed.push(track.speakerLabel);
    }
  }
  const recording: ActiveRecording = {
    sessionId: running.sessionId,
    tracks,
    systemAudioNote:
      missed.length > 0
        ? `The window was reloaded during the recording; ${missed.join(' and ')} could not be picked up again, so that track stays silent from here on.`
        : 'The window was reloaded during the recording and picked it up again; the seconds in between were not recorded.',
  };
  setActiveRecording(recording);
  return recording;
}
