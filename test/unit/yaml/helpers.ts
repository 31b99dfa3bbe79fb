import * as assert from 'node:assert/strict';
import type { HostSnapshot } from '../../../src/core/model';
import { parseYaml, yamlHoverAt, type YamlFileKind, type YamlHover } from '../../../src/core/yaml';

/** The offset of the `nth` occurrence of `needle` in `text`, in its middle. */
export function offsetOf(text: string, needle: string, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" (#${nth}) is not in the text`);
  }
  return at + Math.floor(needle.length / 2);
}

export function hoverOn(
  text: string,
  needle: string,
  kind: YamlFileKind,
  options: { nth?: number; snapshot?: HostSnapshot; fileName?: string } = {},
): YamlHover | undefined {
  return yamlHoverAt(parseYaml(text), offsetOf(text, needle, options.nth ?? 0), {
    kind,
    fileName: options.fileName ?? '/work/project/compose.yaml',
    snapshot: options.snapshot,
  });
}

export function markdownOn(text: string, needle: string, kind: YamlFileKind, nth = 0): string {
  const hover = hoverOn(text, needle, kind, { nth });
  assert.ok(hover, `a hover on "${needle}"`);
  return hover.markdown;
}
