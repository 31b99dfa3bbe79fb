/**
 * The copy mermaid's `getConfig()` hands out, made without its slow path. scripts/webviewBuild.mjs
 * puts this function in place of `assignWithDepth({}, currentConfig)` inside mermaid's getConfig.
 *
 * Why: mermaid calls getConfig for every node, label and edge it draws (151 times for the panel's
 * first diagram, 391 for the runtime layers), and each call deep-merges the whole configuration into
 * a fresh object through `Object.entries` and one `Object.defineProperty` per key. In a page that
 * has just loaded, where none of it is optimised yet, that was 60–100 ms of a 190 ms first render
 * (bench/renderProfile.ts). Every caller gets a fresh object, as before, since some of them change
 * what they were given.
 *
 * The result is the same as `assignWithDepth({}, config)` with its default depth of 2 (mermaid's
 * src/assignWithDepth.ts), property for property; test/unit/webview/mermaidConfigCopy.test.ts
 * compares the two on mermaid's own configuration and on the edge cases:
 * - levels 1 and 2 are copied, and an object at level 3 is copied shallowly (`Object.assign`);
 * - an array at any level becomes a new array of its distinct elements, in order;
 * - a key whose value is `null` is left out; one whose value is `undefined` is kept;
 * - anything else (strings, numbers, functions) is copied as it is.
 */
type Config = Record<string, unknown>;

export function copyMermaidConfig(config: Config): Config {
  return copyLevel(config, 2) as Config;
}

function copyLevel(source: object, depth: number): unknown {
  if (Array.isArray(source)) return distinct(source);
  if (depth <= 0) return Object.assign({}, source);
  const copy: Config = {};
  for (const key of Object.keys(source)) {
    const value = (source as Config)[key];
    if (value === null) continue;
    const isObject = typeof value === 'object';
    const copied = isObject ? copyLevel(value, depth - 1) : value;
    if (key !== '__proto__') copy[key] = copied;
    // An own `__proto__` key (from JSON): a plain assignment would set the copy's prototype instead.
    // Mermaid's merge defines it for an object and drops it otherwise (it sees the inherited one).
    else if (isObject)
      Object.defineProperty(copy, key, { value: copied, writable: true, enumerable: true, configurable: true });
  }
  return copy;
}

function distinct(items: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const item of items) if (!out.includes(item)) out.push(item);
  return out;
}
