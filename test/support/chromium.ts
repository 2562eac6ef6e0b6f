import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
