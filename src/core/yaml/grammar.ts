// The TextMate injection grammar for YAML (`source.yaml`, which compose files and manifests use),
// built from the settings tables so the two never drift apart.
// syntaxes/container-anatomy.yaml-injection.tmLanguage.json is this object as JSON; the unit test
// test/unit/yaml/grammar.test.ts checks that, and rewrites the file when run with CA_WRITE_GRAMMAR=1.
// Not imported by the extension.
//
// It scopes, inside YAML mapping keys, the names of the settings that change isolation:
// `keyword.other.isolation.yaml`. Names too common to colour in every YAML file (`user`,
// `volumes`, `memory`, `cpu`, `init`, `runtime`…) are left out; the hover still explains them.
import { COMPOSE_SETTINGS } from './composeTable';
import { KUBE_SETTINGS } from './kubeTable';

export const YAML_INJECTION_SCOPE_NAME = 'container-anatomy.yaml.injection';

const TOO_COMMON: ReadonlySet<string> = new Set([
  'user',
  'volumes',
  'tmpfs',
  'init',
  'runtime',
  'deploy',
  'resources',
  'limits',
  'reservations',
  'requests',
  'memory',
  'cpu',
  'cpus',
  'pids',
  'path',
  'type',
  'add',
  'drop',
  'cgroup',
  'pid',
  'ipc',
  'uts',
  'devices',
  'sysctls',
  'ports',
  'privileged',
]);

/** Every name on a table key's path that is distinctive enough to colour. */
export function grammarKeyNames(): string[] {
  const names = new Set<string>();
  for (const key of [...Object.keys(COMPOSE_SETTINGS), ...Object.keys(KUBE_SETTINGS)]) {
    for (const name of key.replace(/^container\./, '').split('.')) if (!TOO_COMMON.has(name)) names.add(name);
  }
  return [...names].sort();
}

export function buildYamlInjectionGrammar(): Record<string, unknown> {
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'Container Anatomy: isolation settings in compose files and Kubernetes manifests',
    comment: 'Generated from src/core/yaml/grammar.ts; run the unit tests with CA_WRITE_GRAMMAR=1 to rewrite.',
    scopeName: YAML_INJECTION_SCOPE_NAME,
    injectionSelector:
      'L:meta.map.key.yaml entity.name.tag.yaml -comment, L:meta.flow.map.key.yaml entity.name.tag.yaml -comment',
    patterns: [
      {
        comment: 'The whole key, nothing more: `privileged_mode` or `x-hostNetwork` are not ours.',
        match: `(?<![\\w.-])(?:${grammarKeyNames().join('|')})(?![\\w.-])`,
        name: 'keyword.other.isolation.yaml',
      },
    ],
  };
}
