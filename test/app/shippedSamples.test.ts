import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSample, DEFAULT_POTENTIAL, SHIPPED_SAMPLES } from '../../src/app/sample';

const publicText = (path: string) => ({ name: path.slice(path.lastIndexOf('/') + 1), text: readFileSync(`public/${path}`, 'utf8') });

// The picker and the `sample` URL parameter open these files from public/ with the shipped potential.
describe('shipped samples', () => {
  for (const [key, { path, label }] of Object.entries(SHIPPED_SAMPLES)) {
    it(`${key}: ${path} opens with the shipped potential and has the atoms its label says`, () => {
      const sample = buildSample(publicText(path), publicText(DEFAULT_POTENTIAL));
      expect(sample.system.natoms).toBe(Number(label.match(/(\d+) atoms/)![1]));
      expect(sample.tables.typeElements).toEqual(['Cu', 'Zr']);
    });
  }
});
