/**
 * Which YAML files get compose or Kubernetes hovers: compose files by name, manifests by a cheap
 * look for top-level `apiVersion:` and `kind:` lines. Kept apart from the hover engine so that the
 * extension can decide without loading it: a plain YAML file costs this check and nothing more.
 */
import path = require('node:path');

const COMPOSE_NAME = /^(?:docker-)?compose(?:\.[^/\\]+)?\.ya?ml$/i;

/** compose.yaml, compose.yml, docker-compose.yml, docker-compose.<x>.yml, compose.<x>.yaml. */
export function isComposeFileName(fileName: string): boolean {
  return COMPOSE_NAME.test(path.basename(fileName));
}

/** A line starting `apiVersion:` and one starting `kind:` somewhere (each one linear scan). */
export function mayBeManifest(text: string): boolean {
  return /^apiVersion[ \t]*:/m.test(text) && /^kind[ \t]*:/m.test(text);
}

export type YamlFileKind = 'compose' | 'manifest';

/** The `dockercompose` language (Container Tools, Docker DX) is compose whatever the name. */
export function yamlFileKind(languageId: string, fileName: string, text: () => string): YamlFileKind | undefined {
  if (languageId === 'dockercompose' || isComposeFileName(fileName)) return 'compose';
  return mayBeManifest(text()) ? 'manifest' : undefined;
}
