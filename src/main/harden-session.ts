import type { Session } from 'electron';
import { contentSecurityPolicy } from './content-security-policy.js';

/**
 * Session-wide defences: the CSP on every response, and every permission denied except
 * microphone access for our own renderer (recording needs it) and screen capture for it, which is how
 * Chromium hands over system audio (the recorder keeps only the audio track). Camera, geolocation,
 * notifications, HID, etc. never.
 */
export function hardenSession(session: Session, isOwnPage: (url: string) => boolean, devServerOrigin?: string): void {
  const csp = contentSecurityPolicy({ devServerOrigin });
  // electronegativity's CSP_GLOBAL_CHECK (low, review) is justified in scripts/check-electron-security.mjs.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });

  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    const audioOnly = mediaTypes.length > 0 && mediaTypes.every((type) => type === 'audio');
    const own = isOwnPage(details.requestingUrl);
    callback(own && ((permission === 'media' && audioOnly) || permission === 'display-capture'));
  });
  session.setPermissionCheckHandler((_webContents, permission, _origin, details) => {
    return permission === 'media' && details.mediaType === 'audio' && isOwnPage(details.requestingUrl ?? '');
  });
  session.setDevicePermissionHandler(() => false);
}
