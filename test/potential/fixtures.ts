import { readFileSync } from 'node:fs';

const potentials = new URL('../fixtures/potentials/', import.meta.url);
const broken = new URL('../fixtures/broken/potentials/', import.meta.url);

/** A file from test/fixtures/potentials/ as text. */
export function potentialFile(name: string): string {
  return readFileSync(new URL(name, potentials), 'utf8');
}

/** A file from test/fixtures/broken/potentials/ as text. */
export function brokenFile(name: string): string {
  return readFileSync(new URL(name, broken), 'utf8');
}

/** The message of what fn throws; fails the test if it does not throw. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof Error) return e.message;
    throw e;
  }
  throw new Error('expected an error, but none was thrown');
}
