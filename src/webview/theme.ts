import type { ThemeKind } from '../shared/protocol';

/** VS Code marks the webview's body with the theme kind; this reads it back. */
export function currentThemeKind(body: HTMLElement): ThemeKind {
  const classes = body.classList;
  if (classes.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (classes.contains('vscode-high-contrast')) return 'high-contrast';
  if (classes.contains('vscode-dark')) return 'dark';
  return 'light';
}

/** The colours a diagram is drawn in, each from a VS Code theme variable. */
interface Palette {
  background: string;
  foreground: string;
  /** Node fill: a widget's background, set off a little from the editor's. */
  node: string;
  border: string;
  line: string;
  /** Subgraphs: the side bar's background, a step further from the editor's. */
  cluster: string;
  clusterBorder: string;
  /** A chart's measured line (the usage charts' working set, CPU). */
  plot: string;
  /** A chart's limit line: the colour VS Code's own charts use for warnings. */
  limit: string;
}

const VARIABLES: Record<keyof Palette, string> = {
  background: '--vscode-editor-background',
  foreground: '--vscode-editor-foreground',
  node: '--vscode-editorWidget-background',
  border: '--vscode-focusBorder',
  line: '--vscode-editorLineNumber-foreground',
  cluster: '--vscode-sideBar-background',
  clusterBorder: '--vscode-panel-border',
  plot: '--vscode-charts-blue',
  limit: '--vscode-charts-red',
};

/** VS Code's default themes' values: used where a variable is not set (an older VS Code, the browser tests' page). */
const FALLBACK: Record<ThemeKind, Palette> = {
  light: {
    background: '#ffffff',
    foreground: '#3b3b3b',
    node: '#f8f8f8',
    border: '#005fb8',
    line: '#6e7681',
    cluster: '#f3f3f3',
    clusterBorder: '#c8c8c8',
    plot: '#1a85ff',
    limit: '#e51400',
  },
  dark: {
    background: '#1f1f1f',
    foreground: '#cccccc',
    node: '#2a2d2e',
    border: '#3794ff',
    line: '#8b949e',
    cluster: '#181818',
    clusterBorder: '#4a4a4a',
    plot: '#3794ff',
    limit: '#f14c4c',
  },
  'high-contrast': {
    background: '#000000',
    foreground: '#ffffff',
    node: '#000000',
    border: '#6fc3df',
    line: '#f38518',
    cluster: '#000000',
    clusterBorder: '#6fc3df',
    plot: '#3794ff',
    limit: '#f38518',
  },
  'high-contrast-light': {
    background: '#ffffff',
    foreground: '#000000',
    node: '#ffffff',
    border: '#0f4a85',
    line: '#b5200d',
    cluster: '#ffffff',
    clusterBorder: '#0f4a85',
    plot: '#0f4a85',
    limit: '#b5200d',
  },
};

/** Only plain colour values reach mermaid's colour maths: hex or rgb()/rgba(). */
const COLOUR = /^(#[0-9a-f]{3,8}|rgba?\([0-9., %]+\))$/i;

function palette(kind: ThemeKind, style: Pick<CSSStyleDeclaration, 'getPropertyValue'> | undefined): Palette {
  const fallback = FALLBACK[kind];
  const out = { ...fallback };
  for (const key of Object.keys(VARIABLES) as Array<keyof Palette>) {
    const value = style?.getPropertyValue(VARIABLES[key]).trim() ?? '';
    // High contrast themes keep their fixed strong lines: a variable there is the same or weaker.
    if (COLOUR.test(value) && !kind.startsWith('high-contrast')) out[key] = value;
  }
  return out;
}

/** Mermaid's base theme, painted with the VS Code theme's own colours. */
export function mermaidThemeFor(
  kind: ThemeKind,
  style?: Pick<CSSStyleDeclaration, 'getPropertyValue'>,
): { theme: 'base'; themeVariables: Record<string, string | Record<string, string>> } {
  const p = palette(kind, style);
  return {
    theme: 'base',
    themeVariables: {
      darkMode: String(kind === 'dark' || kind === 'high-contrast'),
      background: p.background,
      primaryColor: p.node,
      primaryTextColor: p.foreground,
      primaryBorderColor: p.border,
      secondaryColor: p.cluster,
      tertiaryColor: p.cluster,
      lineColor: p.line,
      textColor: p.foreground,
      nodeTextColor: p.foreground,
      clusterBkg: p.cluster,
      clusterBorder: p.clusterBorder,
      titleColor: p.foreground,
      edgeLabelBackground: p.background,
      mainBkg: p.node,
      nodeBorder: p.border,
      noteBkgColor: p.cluster,
      noteTextColor: p.foreground,
      actorBkg: p.node,
      actorBorder: p.border,
      actorTextColor: p.foreground,
      signalColor: p.foreground,
      signalTextColor: p.foreground,
      // xychart: the first line measured, the second its limit (usageChart.ts draws them in that order).
      xyChart: { backgroundColor: p.background, plotColorPalette: `${p.plot}, ${p.limit}` },
    },
  };
}
