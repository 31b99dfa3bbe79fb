/**
 * Compose and Kubernetes hovers: the provider's own path (YamlDocumentCache: the kind decided and
 * the parse made once per document version, then the hover per position) over a
 * vscode-languageserver-textdocument TextDocument, with a snapshot whose containers were made from
 * the file, so the hovers show live values. No peer runs here (see the README's Performance section).
 */
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ContainerInfo, HostSnapshot } from '../src/core/model';
import { parseYaml, yamlHoverAt } from '../src/core/yaml';
import { YamlDocumentCache, type YamlSourceDocument } from '../src/core/yaml/documentCache';
import type { Options } from './options';
import { summarize, type Stats } from './stats';
import { generateCompose, generateManifest, keyPositions } from './yamlFiles';

type Position = { line: number; character: number };

export interface YamlHoverFigures {
  file: 'compose' | 'manifest';
  lines: number;
  documents: number;
  positions: number;
  /** Per position, the parse kept (as the provider keeps it per document version). */
  hover: Stats;
  /** The first hover of a document version: the kind check and the parse included. */
  firstHover: Stats;
  hits: number;
}

const ENGINE = { parseYaml, yamlHoverAt };

function container(i: number, labels: Record<string, string>): ContainerInfo {
  const id = i.toString(16).padStart(64, '0');
  return {
    key: `docker::${id}`,
    runtime: 'docker',
    id,
    name: `bench-${i}`,
    image: 'busybox',
    state: 'running',
    labels,
    cgroup: { version: '1', path: `/docker/${id}`, memory: { limitBytes: (64 + i) * 2 ** 20 }, pids: { limit: 100 } },
  };
}

/** 100 running containers, made from every other service or workload of the generated files. */
function benchSnapshot(): HostSnapshot {
  const containers: ContainerInfo[] = [];
  for (let i = 0; i < 100; i += 2) {
    containers.push(
      container(i, { 'com.docker.compose.project': 'bench', 'com.docker.compose.service': `svc${i}` }),
      container(i + 1, {
        'io.kubernetes.pod.name': i % 6 === 2 ? `app${i}` : `app${i}-7d4b9c-x2x${i}`,
        'io.kubernetes.pod.namespace': 'bench',
        'io.kubernetes.container.name': `app${i}`,
      }),
    );
  }
  return {
    takenAt: new Date(0).toISOString(),
    host: { cgroupVersion: '1', namespaces: { self: {}, pid1: {} }, isRoot: true },
    runtimes: [],
    containers,
  };
}

function sourceOf(doc: TextDocument, fileName: string): YamlSourceDocument<Position> {
  return {
    version: doc.version,
    languageId: doc.languageId,
    fileName,
    getText: () => doc.getText(),
    offsetAt: (p) => doc.offsetAt(p),
  };
}

function measureOne(
  file: 'compose' | 'manifest',
  lines: number,
  count: number,
  snapshot: HostSnapshot,
): YamlHoverFigures {
  const text = file === 'compose' ? generateCompose(lines) : generateManifest(lines);
  const fileName = file === 'compose' ? '/bench/compose.yaml' : '/bench/workloads.yaml';
  const doc = TextDocument.create(`file://${fileName}`, 'yaml', 1, text);
  const positions = keyPositions(text, count);
  const first: number[] = [];
  for (let i = 0; i < 7; i++) {
    // A new version of the document each time: what the provider sees after an edit.
    const cache = new YamlDocumentCache<Position>(() => ENGINE);
    const t = performance.now();
    cache.hoverAt(sourceOf(doc, fileName), positions[0], snapshot);
    first.push(performance.now() - t);
  }
  const cache = new YamlDocumentCache<Position>(() => ENGINE);
  const source = sourceOf(doc, fileName);
  for (const p of positions) cache.hoverAt(source, p, snapshot);
  const times: number[] = [];
  let hits = 0;
  for (const p of positions) {
    const t = performance.now();
    const hover = cache.hoverAt(source, p, snapshot);
    times.push(performance.now() - t);
    if (hover) hits++;
  }
  return {
    file,
    lines: doc.lineCount - 1,
    documents: file === 'manifest' ? text.split('\n---').length : 1,
    positions: positions.length,
    hover: summarize(times),
    firstHover: summarize(first),
    hits,
  };
}

export function measureYamlHovers(opts: Options): YamlHoverFigures[] {
  const snapshot = benchSnapshot();
  const count = opts.quick ? 100 : 300;
  return [
    measureOne('compose', 300, count, snapshot),
    measureOne('compose', 3000, count, snapshot),
    measureOne('manifest', 300, count, snapshot),
    measureOne('manifest', 5000, count, snapshot),
  ];
}
