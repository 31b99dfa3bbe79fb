import type { DiagramId, DiagramSpec } from './diagram';
import { containerArchitectureDiagram } from './containerArchitecture';

export * from './diagram';
export { escapeMermaidLabel, quotedLabel } from './escape';

const BUILDERS: Record<DiagramId, () => DiagramSpec> = {
  'container-architecture': containerArchitectureDiagram,
};

export function buildDiagram(id: DiagramId): DiagramSpec {
  return BUILDERS[id]();
}
