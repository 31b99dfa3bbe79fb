// Link builders shared by the glossary's data files.
import type { DocLink } from './types';

/** A Linux man page on man7.org. */
export const man = (page: string, section: number): DocLink => ({
  title: `man ${page}(${section})`,
  url: `https://man7.org/linux/man-pages/man${section}/${page}.${section}.html`,
});
