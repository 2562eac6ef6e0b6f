import { desktopCapturer, type Session } from 'electron';

/**
 * The other side of a call, as system audio. Windows and macOS 13+ give Chromium loopback audio
 * through getDisplayMedia; this handler answers the renderer's request with the primary screen (the
 * video track is dropped at once) and loopback audio. Elsewhere it refuses, and the recorder looks for
 * a PulseAudio/PipeWire "Monitor of …" input instead, or records the microphone only and says so.
 */
export function systemAudioLoopbackSupported(platform = process.platform, release = process.getSystemVersion()): boolean {
  if (platform === 'win32') return true;
  if (platform === 'darwin') return Number(release.split('.')[0]) >= 13;
  return false;
}

export function handleSystemAudioRequests(session: Session, isOwnPage: (url: string) => boolean): void {
  session.setDisplayMediaRequestHandler(
    (request, callback) => {
      if (!systemAudioLoopbackSupported() || !isOwnPage(request.frame?.url ?? '') || !request.audioRequested) {
        callback({});
        return;
      }
      desktopCapturer
        .getSources({ types: ['screen'] })
        .then((sources) => callback(sources[0] ? { video: sources[0], audio: 'loopback' } : {}))
        .catch(() => callback({}));
    },
    { useSystemPicker: false },
  );
}
