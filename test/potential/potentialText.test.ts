import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/io/parseError';
import { PotentialText } from '../../src/potential/potentialText';
import { errorOf } from './fixtures';

describe('PotentialText', () => {
  it('streams tables across lines and lets a table start mid-line', () => {
    const t = new PotentialText('1 2 3\n4 5\n\n6 7 8 9\n', 'mem');
    expect([...t.table(4, 'a')]).toEqual([1, 2, 3, 4]);
    expect([...t.table(3, 'b')]).toEqual([5, 6, 7]);
    expect([...t.table(2, 'c')]).toEqual([8, 9]);
    t.end();
  });

  it('reads header lines whole, skipping blank and comment-only lines, dropping # comments', () => {
    const t = new PotentialText('comment one\n\n# only a comment\n  2 Zr Cu  # names\n1.5 2.5\n', 'mem');
    expect(t.rawLine('line 1')).toEqual({ line: 1, text: 'comment one' });
    expect(t.rawLine('line 2')).toEqual({ line: 2, text: '' });
    expect(t.fieldLine('the names')).toEqual({ line: 4, fields: ['2', 'Zr', 'Cu'] });
    expect([...t.table(2, 'x')]).toEqual([1.5, 2.5]);
  });

  it('drops # comments inside tables too', () => {
    const t = new PotentialText('1 2 # three four\n3\n', 'mem');
    expect([...t.table(3, 'x')]).toEqual([1, 2, 3]);
    t.end();
  });

  it('handles CRLF and CR line ends', () => {
    const t = new PotentialText('a\r\nb\rc\r\n1 2\r\n', 'mem');
    expect(t.rawLine('1').text).toBe('a');
    expect(t.rawLine('2').text).toBe('b');
    expect(t.rawLine('3').text).toBe('c');
    expect([...t.table(2, 'x')]).toEqual([1, 2]);
  });

  it('names the line of a bad token', () => {
    const t = new PotentialText('1 2 3\n4 oops 6\n', 'f.txt');
    expect(errorOf(() => t.table(6, 'table F of element Cu'))).toBe(
      "f.txt:2: table F of element Cu: 'oops' is not a number",
    );
  });

  it('reports a short table at the last line with values', () => {
    const t = new PotentialText('x\n1 2 3\n4\n\n\n', 'f.txt');
    t.rawLine('x');
    expect(errorOf(() => t.table(6, 'table rho of element Zr'))).toBe(
      'f.txt:3: table rho of element Zr ends after 4 of 6 values',
    );
  });

  it('counts what is left after the last table', () => {
    const t = new PotentialText('1 2 3\n4 5\n', 'f.txt');
    t.table(2, 'x');
    expect(errorOf(() => t.end())).toBe('f.txt:1: 3 numbers left over after the last table');
  });

  it('refuses a line-based read in the middle of a line', () => {
    const t = new PotentialText('1 2 3\n29 63.5\n', 'f.txt');
    t.table(2, 'table F of element Cu');
    expect(errorOf(() => t.fieldLine('the element line of Zr'))).toBe(
      'f.txt:1: 1 value follows the end of table F of element Cu on this line, where the element line of Zr should start a new line',
    );
  });

  it('says where the file ends early', () => {
    const t = new PotentialText('one\ntwo\n', 'f.txt');
    t.rawLine('1');
    t.rawLine('2');
    expect(errorOf(() => t.fieldLine('the grid line'))).toBe('f.txt:2: the file ends before the grid line');
  });

  it('throws ParseError carrying source, line and problem', () => {
    const t = new PotentialText('x\n', 'f.txt');
    try {
      t.fail(7, 'bad');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ParseError);
      expect(e).toMatchObject({ source: 'f.txt', line: 7, problem: 'bad', message: 'f.txt:7: bad' });
    }
  });
});
