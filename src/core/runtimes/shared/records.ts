/** What the Docker-style engines (Docker, Podman) share in their records. */
import type { ContainerState } from '../../model';

/** One row of a container list, as Docker's and libpod's list both give it. */
export interface ListedContainer {
  id: string;
  names: string[];
  /** First name, or the short id when the engine sent none. */
  name: string;
  image: string;
  imageId?: string;
  /** Raw engine state (`running`, `exited`…). */
  state: string;
  /** Human status, e.g. `Up 3 minutes` (empty where the engine gives none). */
  status: string;
  labels: Record<string, string>;
}

/** An engine's state word → the model's state, by table; anything not in it is `unknown`. */
export function mapState(table: Readonly<Record<string, ContainerState>>, state: string | undefined): ContainerState {
  return table[(state ?? '').trim().toLowerCase()] ?? 'unknown';
}
