import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The system Chromium (Debian's `chromium` package); DEBRIEF_CHROMIUM overrides it. Never downloaded. */
export const chromiumPath = process.env.DEBRIEF_CHROMIUM ?? '/usr/bin/chromium';

export const hasChromium = existsSync(chromiumPath);

/** Flags that keep a test browser offline and quiet; tests may add e.g. a fake microphone. */
export const quietChromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-extensions',
];

/** Flags for tests that record: Chromium's built-in fake microphone, no permission prompt. */
export const fakeMicrophoneArgs = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: [...quietChromiumArgs, ...extraArgs] });
}

/** Collects the page's uncaught errors and console errors into `into`, so a test can assert none. */
export function collectPageErrors(page: Page, into: string[]): void {
  page.on('pageerror', (error) => into.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') into.push(`${message.text()} (${message.location().url})`);
  });
}
