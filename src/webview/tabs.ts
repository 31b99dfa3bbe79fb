import type { DiagramTab } from '../shared/protocol';

/**
 * The diagram list as an ARIA tablist: one tab stop, arrow keys move between tabs, Enter or Space
 * (native button behaviour) or a click selects.
 */
export class DiagramTabs {
  private tabs: DiagramTab[] = [];
  private selected = '';

  constructor(
    private readonly container: HTMLElement,
    private readonly onSelect: (id: string) => void,
  ) {
    container.addEventListener('keydown', (e) => {
      const buttons = [...container.querySelectorAll<HTMLButtonElement>('button[role="tab"]')];
      const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
      if (at < 0) return;
      let next: number;
      if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = (at + 1) % buttons.length;
      else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = (at - 1 + buttons.length) % buttons.length;
      else if (e.key === 'Home') next = 0;
      else if (e.key === 'End') next = buttons.length - 1;
      else return;
      e.preventDefault();
      buttons[next].focus();
    });
  }

  show(tabs: DiagramTab[], selected: string): void {
    const same =
      tabs.length === this.tabs.length &&
      tabs.every((t, i) => t.id === this.tabs[i].id && t.title === this.tabs[i].title);
    this.selected = selected;
    if (!same) {
      this.tabs = tabs;
      this.container.replaceChildren(
        ...tabs.map((tab) => {
          const button = document.createElement('button');
          button.type = 'button';
          button.setAttribute('role', 'tab');
          button.dataset.diagram = tab.id;
          button.textContent = tab.title; // text, never markup
          button.addEventListener('click', () => this.onSelect(tab.id));
          return button;
        }),
      );
    }
    for (const button of this.container.querySelectorAll<HTMLButtonElement>('button[role="tab"]')) {
      const isSelected = button.dataset.diagram === this.selected;
      button.setAttribute('aria-selected', String(isSelected));
      button.tabIndex = isSelected ? 0 : -1;
    }
  }
}
