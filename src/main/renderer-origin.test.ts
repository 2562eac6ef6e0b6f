import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appEntryUrl, isExternalLinkAllowed, isRendererUrl, rendererFileForUrl } from './renderer-origin.js';

const rootDir = path.resolve('/opt/Debrief/resources/app.asar/out/renderer');

describe('isRendererUrl', () => {
  const built = { rootDir };

  it('accepts the app:// page with any route in its hash', () => {
    expect(isRendererUrl(appEntryUrl, built)).toBe(true);
    expect(isRendererUrl(`${appEntryUrl}#/interviews/abc?segment=1`, built)).toBe(true);
  });

  it('refuses file:// pages (even the built index.html), other hosts, other schemes and remote pages', () => {
    expect(isRendererUrl(pathToFileURL(path.join(rootDir, 'index.html')).href, built)).toBe(false);
    expect(isRendererUrl(pathToFileURL(path.resolve('/tmp/evil.html')).href, built)).toBe(false);
    expect(isRendererUrl('app://other/index.html', built)).toBe(false);
    expect(isRendererUrl('https://example.com/', built)).toBe(false);
    expect(isRendererUrl('http://localhost:5173/', built)).toBe(false);
    expect(isRendererUrl('', built)).toBe(false);
  });

  it('in development accepts the dev server origin only', () => {
    const dev = { rootDir, devServerUrl: 'http://localhost:5173/' };
    expect(isRendererUrl('http://localhost:5173/#/search', dev)).toBe(true);
    expect(isRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isRendererUrl(appEntryUrl, dev)).toBe(false);
  });
});

describe('rendererFileForUrl', () => {
  it('maps app:// paths to files inside the renderer folder', () => {
    expect(rendererFileForUrl(appEntryUrl, rootDir)).toBe(path.join(rootDir, 'index.html'));
    expect(rendererFileForUrl('app://debrief/', rootDir)).toBe(path.join(rootDir, 'index.html'));
    expect(rendererFileForUrl('app://debrief/assets/index-abc.js?x=1#y', rootDir)).toBe(path.join(rootDir, 'assets/index-abc.js'));
  });

  it('never serves a file outside it, nor for another host', () => {
    // The URL parser already folds plain dot segments, so they stay inside the folder.
    expect(rendererFileForUrl('app://debrief/../../../etc/passwd', rootDir)).toBe(path.join(rootDir, 'etc/passwd'));
    expect(rendererFileForUrl('app://debrief/%2e%2e/%2e%2e/secret', rootDir)).toBe(path.join(rootDir, 'secret'));
    expect(rendererFileForUrl('app://debrief/assets/..%2f..%2f..%2fx', rootDir)).toBeUndefined();
    expect(rendererFileForUrl('app://debrief/a%5c..%5c..%5cx', rootDir)).toBeUndefined();
    expect(rendererFileForUrl('app://debrief/%00', rootDir)).toBeUndefined();
    expect(rendererFileForUrl('app://other/index.html', rootDir)).toBeUndefined();
    expect(rendererFileForUrl('file:///etc/passwd', rootDir)).toBeUndefined();
  });
});

describe('isExternalLinkAllowed', () => {
  it('lets out only https links to the hosts the app links to', () => {
    expect(isExternalLinkAllowed('https://huggingface.co/ggerganov/whisper.cpp')).toBe(true);
    expect(isExternalLinkAllowed('https://example.com/help')).toBe(false);
    expect(isExternalLinkAllowed('https://huggingface.co.evil.example/')).toBe(false);
    expect(isExternalLinkAllowed('https://user:pw@huggingface.co/')).toBe(false);
    expect(isExternalLinkAllowed('http://huggingface.co')).toBe(false);
    expect(isExternalLinkAllowed('file:///etc/passwd')).toBe(false);
    expect(isExternalLinkAllowed('javascript:alert(1)')).toBe(false);
  });
});
