import { describe, expect, it } from 'vitest';
import { trackIdFromMediaUrl, trackMediaUrl } from './media-url.js';

describe('media URLs', () => {
  it('round-trips a track id, escaping what a URL cannot hold', () => {
    expect(trackMediaUrl('abc-123')).toBe('debrief-media://track/abc-123');
    expect(trackIdFromMediaUrl(trackMediaUrl('a/b c'))).toBe('a/b c');
  });

  it('reads nothing from other schemes, hosts or paths', () => {
    expect(trackIdFromMediaUrl('file:///etc/passwd')).toBeUndefined();
    expect(trackIdFromMediaUrl('debrief-media://file/abc')).toBeUndefined();
    expect(trackIdFromMediaUrl('debrief-media://track/a/b')).toBeUndefined();
    expect(trackIdFromMediaUrl('debrief-media://track/')).toBeUndefined();
    expect(trackIdFromMediaUrl('not a url')).toBeUndefined();
  });
});
