import { readFileSync } from 'node:fs';

/** Text of a file under test/fixtures/, e.g. fixture('reference/b2_tri.data'). */
export function fixture(relative: string): string {
  return readFileSync(new URL(`../fixtures/${relative}`, import.meta.url), 'utf8');
}

/** The Atoms section of a write_data file parsed naively, as an independent check of the reader. */
export function naiveAtoms(text: string): number[][] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Atoms'));
  const rows: number[][] = [];
  for (let i = start + 2; i < lines.length && lines[i].trim() !== ''; i++) rows.push(lines[i].trim().split(/\s+/).map(Number));
  return rows;
}
