/** Dockerfile hovers: ours against dockerfile-language-service on generated Dockerfiles. */
import { performance } from 'node:perf_hooks';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverAt, type LineSource } from '../src/core/dockerfile';
import { generateDockerfile, hoverPositions } from './dockerfiles';
import type { Options } from './options';
import { summarize, type Stats } from './stats';

export interface HoverFigures {
  lines: number;
  positions: number;
  ours: Stats;
  oursHits: number;
  theirs: Stats;
  theirsHits: number;
  ratio: number;
}

export function lineSourceOf(doc: TextDocument): LineSource {
  // What the extension's provider does with vscode's TextDocument.lineAt(n).text.
  return {
    lineCount: doc.lineCount,
    lineAt: (n) =>
      doc.getText({ start: { line: n, character: 0 }, end: { line: n + 1, character: 0 } }).replace(/\r?\n$/, ''),
  };
}

export function measureHovers(opts: Options): HoverFigures[] {
  const service = DockerfileLanguageServiceFactory.createLanguageService();
  const out: HoverFigures[] = [];
  for (const lines of [300, 3000, 10000]) {
    const text = generateDockerfile(lines);
    const doc = TextDocument.create('file:///bench/Dockerfile', 'dockerfile', 1, text);
    const src = lineSourceOf(doc);
    const positions = hoverPositions(text, opts.quick ? 100 : 300);
    // Warm-up: every position once through each.
    for (const p of positions) {
      hoverAt(src, p);
      service.computeHover(doc.getText(), p);
    }
    const ours: number[] = [];
    const theirs: number[] = [];
    let oursHits = 0;
    let theirsHits = 0;
    for (const p of positions) {
      let t = performance.now();
      const a = hoverAt(src, p);
      ours.push(performance.now() - t);
      if (a) oursHits++;
      t = performance.now();
      const b = service.computeHover(doc.getText(), p);
      theirs.push(performance.now() - t);
      if (b) theirsHits++;
    }
    const o = summarize(ours);
    const th = summarize(theirs);
    out.push({
      lines,
      positions: positions.length,
      ours: o,
      oursHits,
      theirs: th,
      theirsHits,
      ratio: th.median / o.median,
    });
  }
  return out;
}
