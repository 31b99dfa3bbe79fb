import type { ThemeKind } from '../../../src/shared/protocol';

/**
 * `--vscode-*` values of VS Code's default themes (Light Modern, Dark Modern, Dark High Contrast), a
 * subset of what VS Code sets on a webview: the ones the panel's CSS and its mermaid palette read.
 * Without them the page would draw a dark diagram on a white page.
 */
export const THEME_VARIABLES: Record<'light' | 'dark' | 'high-contrast', Record<string, string>> = {
  light: {
    '--vscode-foreground': '#3b3b3b',
    '--vscode-editor-background': '#ffffff',
    '--vscode-editor-foreground': '#3b3b3b',
    '--vscode-editorWidget-background': '#f8f8f8',
    '--vscode-focusBorder': '#005fb8',
    '--vscode-sideBar-background': '#f8f8f8',
    '--vscode-panel-border': '#e5e5e5',
    '--vscode-editorLineNumber-foreground': '#6e7681',
    '--vscode-descriptionForeground': '#3b3b3b',
  },
  dark: {
    '--vscode-foreground': '#cccccc',
    '--vscode-editor-background': '#1f1f1f',
    '--vscode-editor-foreground': '#cccccc',
    '--vscode-editorWidget-background': '#202020',
    '--vscode-focusBorder': '#0078d4',
    '--vscode-sideBar-background': '#181818',
    '--vscode-panel-border': '#2b2b2b',
    '--vscode-editorLineNumber-foreground': '#6e7681',
    '--vscode-descriptionForeground': '#9d9d9d',
  },
  'high-contrast': {
    '--vscode-foreground': '#ffffff',
    '--vscode-editor-background': '#000000',
    '--vscode-editor-foreground': '#ffffff',
    '--vscode-editorWidget-background': '#0c141f',
    '--vscode-focusBorder': '#f38518',
    '--vscode-sideBar-background': '#000000',
    '--vscode-panel-border': '#6fc3df',
    '--vscode-editorLineNumber-foreground': '#ffffff',
    '--vscode-descriptionForeground': '#ffffff',
  },
};

export const THEMES = Object.keys(THEME_VARIABLES) as Array<keyof typeof THEME_VARIABLES & ThemeKind>;

/** VS Code's Dark Modern values (the anatomy tests' check of the theme's own colours reads these). */
export const DARK_MODERN = THEME_VARIABLES.dark;
