import type { ThemeKind } from '../shared/protocol';

/** VS Code marks the webview's body with the theme kind; this reads it back. */
export function currentThemeKind(body: HTMLElement): ThemeKind {
  const classes = body.classList;
  if (classes.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (classes.contains('vscode-high-contrast')) return 'high-contrast';
  if (classes.contains('vscode-dark')) return 'dark';
  return 'light';
}

type MermaidTheme = 'default' | 'dark' | 'neutral' | 'base';

/** Mermaid's theme for a VS Code theme kind; high contrast gets strong lines on the theme's background. */
export function mermaidThemeFor(kind: ThemeKind): { theme: MermaidTheme; themeVariables?: Record<string, string> } {
  switch (kind) {
    case 'dark':
      return { theme: 'dark' };
    case 'high-contrast':
      return {
        theme: 'base',
        themeVariables: {
          background: '#000000',
          primaryColor: '#000000',
          primaryTextColor: '#ffffff',
          primaryBorderColor: '#6fc3df',
          lineColor: '#f38518',
          secondaryColor: '#000000',
          tertiaryColor: '#000000',
          clusterBkg: '#000000',
          clusterBorder: '#6fc3df',
          titleColor: '#ffffff',
          edgeLabelBackground: '#000000',
        },
      };
    case 'high-contrast-light':
      return {
        theme: 'base',
        themeVariables: {
          background: '#ffffff',
          primaryColor: '#ffffff',
          primaryTextColor: '#000000',
          primaryBorderColor: '#0f4a85',
          lineColor: '#b5200d',
          secondaryColor: '#ffffff',
          tertiaryColor: '#ffffff',
          clusterBkg: '#ffffff',
          clusterBorder: '#0f4a85',
          titleColor: '#000000',
          edgeLabelBackground: '#ffffff',
        },
      };
    default:
      return { theme: 'default' };
  }
}
