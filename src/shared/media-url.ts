/**
 * Track audio reaches `<audio>` through this custom scheme (registered as standard,
 * secure and streaming in the main process), never through file:// URLs.
 */
export const mediaScheme = 'debrief-media';

export function trackMediaUrl(trackId: string): string {
  return `${mediaScheme}://track/${encodeURIComponent(trackId)}`;
}

/** The track id in a `debrief-media://track/<id>` URL, or undefined for anything else. */
export function trackIdFromMediaUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${mediaScheme}:` || parsed.hostname !== 'track') return undefined;
  const match = /^\/([^/]+)$/.exec(parsed.pathname);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return undefined;
  }
}
