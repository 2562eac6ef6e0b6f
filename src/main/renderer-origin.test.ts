import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isExternalLinkAllowed, isRendererUrl } from './renderer-origin.js';

describe('isRendererUrl', () => {
  const indexFile = path.resolve('/opt/Debrief/resources/app/out/renderer/index.html');
  const built = { indexFile };

  it('accepts the built index.html with any route in its hash', () => {
    const url = pathToFileURL(indexFile).href;
    expect(isRendererUrl(url, built)).toBe(true);
    expect(isRendererUrl(`${url}#/interviews/abc?segment=1`, built)).toBe(true);
  });

  it('refuses other local files, other schemes and remote pages', () => {
    expect(isRendererUrl(pathToFileURL(path.resolve('/tmp/evil.html')).href, built)).toBe(false);
    expect(isRendererUrl('https://example.com/', built)).toBe(false);
    expect(isRendererUrl('http://localhost:5173/', built)).toBe(false);
    expect(isRendererUrl('', built)).toBe(false);
  });

  it('in development accepts the dev server origin only', () => {
    const dev = { indexFile, devServerUrl: 'http://localhost:5173/' };
    expect(isRendererUrl('http://localhost:5173/#/search', dev)).toBe(true);
    expect(isRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isRendererUrl(pathToFileURL(indexFile).href, dev)).toBe(false);
  });
});

describe('isExternalLinkAllowed', () => {
  it('lets only https links out', () => {
    expect(isExternalLinkAllowed('https://debrief.example/help')).toBe(true);
    expect(isExternalLinkAllowed('http://example.com')).toBe(false);
    expect(isExternalLinkAllowed('file:///etc/passwd')).toBe(false);
    expect(isExternalLinkAllowed('javascript:alert(1)')).toBe(false);
  });
});
