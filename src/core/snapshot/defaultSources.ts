import type { RuntimeKind } from '../model';
import { DockerSource } from '../runtimes/dockerSource';
import type { EngineSource } from './engineSource';

export interface DefaultSourcesOptions {
  env?: NodeJS.ProcessEnv;
  /** Limit to these engines; all when absent. */
  engines?: readonly RuntimeKind[];
  timeoutMs?: number;
}

/** The engines found the way their own CLIs find them. */
export function createDefaultSources(options: DefaultSourcesOptions = {}): EngineSource[] {
  const env = options.env ?? process.env;
  const wanted = (kind: RuntimeKind) => !options.engines || options.engines.includes(kind);
  const sources: EngineSource[] = [];
  if (wanted('docker')) sources.push(new DockerSource({ env, timeoutMs: options.timeoutMs }));
  return sources;
}
