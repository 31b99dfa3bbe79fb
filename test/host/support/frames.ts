import * as assert from 'assert';
import { FrameText, framesText, svgText } from './control';

const pollIntervalMs = 500;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Shortened view of what the frames held, for failure messages. */
export function describeFrames(frames: FrameText[]): string {
  return frames
    .map((f) => {
      const svgs = f.svgs.map((s) => svgText(s).slice(0, 300)).filter((t) => t.length > 0);
      return (
        `- ${f.main ? '[main] ' : ''}${f.url.slice(0, 160)}${f.error ? ` (error: ${f.error})` : ''}\n` +
        `    text: ${JSON.stringify(f.text.replace(/\s+/g, ' ').slice(0, 300))}\n` +
        `    svg texts: ${JSON.stringify(svgs)}`
      );
    })
    .join('\n');
}

/**
 * Polls the page's frames until `match` finds something, or fails after `timeoutMs` with what the
 * frames held last.
 */
export async function pollFrames<T>(
  what: string,
  timeoutMs: number,
  match: (frames: FrameText[]) => T | undefined,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = await framesText();
    const found = match(last);
    if (found !== undefined) return found;
    if (Date.now() > deadline) {
      assert.fail(`${what} not found within ${timeoutMs / 1000} s. Frames seen:\n${describeFrames(last)}`);
    }
    await sleep(pollIntervalMs);
  }
}

/** The first SVG, in any frame, whose text contains every label (case-insensitive). */
export function findDiagram(frames: FrameText[], labels: string[]): string | undefined {
  for (const frame of frames) {
    for (const svg of frame.svgs) {
      const text = svgText(svg).toLowerCase();
      if (labels.every((l) => text.includes(l.toLowerCase()))) return text;
    }
  }
  return undefined;
}
