import type { RuntimeKind } from './model';

/** What each engine kind is called wherever it is shown: the tree, the CLI and the live diagram. */
export const RUNTIME_TITLES: Record<RuntimeKind, string> = {
  docker: 'Docker',
  podman: 'Podman (rootful)',
  'podman-rootless': 'Podman (rootless)',
  containerd: 'containerd',
};
