/**
 * One engine's read, bounded: past the timeout (or when the caller cancels) the engine is reported
 * `timeout` (or cancelled) with no containers, and a source that throws is reported as an error, so
 * that one missing, denied or hung engine never hides the others.
 */
import type { RuntimeInfo } from '../model';
import type { EngineReading, EngineSource } from './engineSource';

export async function readEngineBounded(
  source: EngineSource,
  timeoutMs: number,
  outer?: AbortSignal,
): Promise<EngineReading> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = outer ? AbortSignal.any([outer, timeout]) : timeout;
  const timedOut = new Promise<EngineReading>((resolve) => {
    // A source should honour the signal; this bounds one that does not.
    signal.addEventListener('abort', () => {
      const status: RuntimeInfo['status'] = outer?.aborted
        ? { state: 'error', detail: 'cancelled before the engine answered' }
        : { state: 'timeout', detail: `no answer from ${source.endpoint} within ${timeoutMs} ms` };
      resolve({ runtime: { kind: source.kind, endpoint: source.endpoint, chain: [], status }, containers: [] });
    });
  });
  try {
    return await Promise.race([source.read(signal), timedOut]);
  } catch (error) {
    // Sources never throw by contract; if one does, it must not take the others down.
    return {
      runtime: {
        kind: source.kind,
        endpoint: source.endpoint,
        chain: [],
        status: { state: 'error', detail: String(error) },
      },
      containers: [],
    };
  }
}
