// Client for the control endpoint that scripts/host/run-host-tests.mjs starts next to the VS Code
// server: only the browser page can take screenshots or read the text of webview frames, so host
// tests ask the runner over HTTP. The endpoint's URL arrives in CONTAINER_ANATOMY_TEST_CONTROL.
import * as http from 'http';

export const controlEnvVar = 'CONTAINER_ANATOMY_TEST_CONTROL';
const requestTimeoutMs = 30_000;

export interface FrameText {
  url: string;
  name: string;
  /** True for the workbench's own (top-level) frame. */
  main: boolean;
  /** document.body.innerText of the frame. */
  text: string;
  /** outerHTML of every <svg> element in the frame. */
  svgs: string[];
  /** Set when the frame could not be read (e.g. it navigated while being read). */
  error?: string;
}

/** The control endpoint's URL, or undefined when not run by run-host-tests.mjs (e.g. test:desktop). */
export function controlUrl(): string | undefined {
  const value = process.env[controlEnvVar];
  return value ? value : undefined;
}

/**
 * Skips the current test, saying why, when there is no control endpoint: under
 * @vscode/test-electron (npm run test:desktop) there is no browser page to drive.
 */
export function skipWithoutControl(ctx: Mocha.Context): void {
  if (!controlUrl()) {
    console.log(
      `skipping "${ctx.test?.title ?? ctx.currentTest?.title ?? '?'}": ${controlEnvVar} is not set ` +
        '(no control endpoint: run through scripts/host/run-host-tests.mjs to take screenshots and read webview frames)',
    );
    ctx.skip();
  }
}

function post<T>(endpoint: string, body: unknown): Promise<T> {
  const base = controlUrl();
  if (!base) {
    return Promise.reject(
      new Error(
        `${controlEnvVar} is not set: the control endpoint exists only when the host ` +
          'tests run through scripts/host/run-host-tests.mjs',
      ),
    );
  }
  const payload = JSON.stringify(body);
  return new Promise<T>((resolve, reject) => {
    const req = http.request(
      new URL(endpoint, base),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        timeout: requestTimeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            reject(new Error(`control ${endpoint}: HTTP ${res.statusCode}, not JSON: ${text.slice(0, 500)}`));
            return;
          }
          if (res.statusCode !== 200) {
            const message = (parsed as { error?: string }).error ?? text;
            reject(new Error(`control ${endpoint}: HTTP ${res.statusCode}: ${message}`));
            return;
          }
          resolve(parsed as T);
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`control ${endpoint}: no answer within ${requestTimeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** Saves a full-page PNG of the workbench as test-results/screenshots/<name>.png; returns its path. */
export async function screenshot(name: string): Promise<string> {
  const { path } = await post<{ path: string }>('/screenshot', { name });
  return path;
}

/** Every frame of the workbench page, nested webview frames included. */
export async function framesText(): Promise<FrameText[]> {
  const { frames } = await post<{ frames: FrameText[] }>('/frames-text', {});
  return frames;
}

/** The visible text of an SVG's markup: tags dropped, common entities decoded, spaces collapsed. */
export function svgText(svg: string): string {
  return svg
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Types `type` into the focused element of the workbench, then presses each of `press` (`Enter`). */
export async function keyboard(input: { type?: string; press?: string[] }): Promise<void> {
  await post<Record<string, never>>('/keyboard', input);
}
