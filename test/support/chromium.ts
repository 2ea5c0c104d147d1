// Headless Chromium for the browser tests (Debian's `chromium`, driven by playwright-core):
// where it is, the flags, and what to do when it is absent (skip locally with a message,
// fail under CI=true: .ci/run installs it).
import { existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { it } from 'vitest';

export const CHROMIUM = process.env.HEAN_CHROMIUM ?? '/usr/bin/chromium';
export const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** True when the chromium binary exists. */
export const haveChromium = existsSync(CHROMIUM);
const ci = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false' && process.env.CI !== '0';

/** Without chromium: under CI a failing test, else a warning naming `file` (call at module level; then `describe.skipIf(!haveChromium)`). */
export function requireChromium(file: string, why: string): void {
  if (haveChromium) return;
  if (ci) {
    it('chromium is installed (CI)', () => {
      throw new Error(`${CHROMIUM} not found: CI needs Debian's chromium (apt-get install -y chromium) for ${why}`);
    });
  } else {
    console.warn(`${file}: skipped, ${CHROMIUM} not found (apt-get install -y chromium, or set HEAN_CHROMIUM)`);
  }
}

/** A fresh headless Chromium with its own profile under `work`. */
export function launchChromium(work: string, options: Parameters<typeof chromium.launchPersistentContext>[1] = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(work, 'profile-')), { executablePath: CHROMIUM, headless: true, args: FLAGS, ...options });
}
