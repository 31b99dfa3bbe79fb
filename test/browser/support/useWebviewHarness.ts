import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../support/repoRoot';
import { startWebviewHarness, type WebviewHarness } from './webviewPage';

const SCREENSHOTS = path.join(repoRoot(), 'test-results', 'screenshots');

/** Where a browser test's screenshot `name` goes (test-results/screenshots/, made before the tests). */
export function screenshotPath(name: string): string {
  return path.join(SCREENSHOTS, name);
}

/**
 * The page server and Chromium for the enclosing `describe`: started before its first test, closed
 * after its last. Read `harness` inside the tests (it exists once `before` ran).
 */
export function useWebviewHarness(): { readonly harness: WebviewHarness } {
  let started: WebviewHarness | undefined;
  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    started = await startWebviewHarness();
  });
  after(async () => started?.close());
  return {
    get harness(): WebviewHarness {
      if (!started) throw new Error('the webview harness is read before its before() hook ran');
      return started;
    },
  };
}
