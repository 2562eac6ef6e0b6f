import { existsSync } from 'node:fs';
import { UserFacingError } from '../errors.js';

/** Where Chromium is looked for: `DEBRIEF_CHROMIUM`, else Debian's. */
export function chromiumPath(): string {
  return process.env.DEBRIEF_CHROMIUM || '/usr/bin/chromium';
}

/**
 * Prints an HTML page to PDF with Chromium's own print-to-PDF (no hand-made PDF writer). The page
 * runs with JavaScript off and no network: it is our escaped markup only.
 */
export async function printPdf(html: string, executablePath = chromiumPath()): Promise<Buffer> {
  if (!existsSync(executablePath)) {
    throw new UserFacingError(`PDF export needs Chromium, and there is none at ${executablePath}. Install Chromium or set DEBRIEF_CHROMIUM to its path; Markdown export works without it.`, 'chromium-missing');
  }
  // Loaded on first print: playwright-core is ~70 MB of memory that nothing else needs (the CLI's transcribe renders through this module's neighbours).
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', margin: { top: '16mm', bottom: '16mm', left: '14mm', right: '14mm' }, printBackground: true });
  } finally {
    await browser.close();
  }
}
