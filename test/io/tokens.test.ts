import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/io/parseError';
import { isNumber, numberProblem, parseCount, parseInt32, parseInteger, parseReal, stripComment, words } from '../../src/io/tokens';

describe('numbers', () => {
  it('accepts the decimal forms potential files use', () => {
    const cases: [string, number][] = [
      ['0', 0], ['0.', 0], ['.5', 0.5], ['-1.5', -1.5], ['+3', 3], ['1e3', 1000],
      ['3.00000000000000E-0002', 0.03], ['-7.70091392933000E+0001', -77.0091392933],
      ['6.4999999999999997e-03', 0.0065],
    ];
    for (const [token, value] of cases) {
      expect(numberProblem(token)).toBeUndefined();
      expect(Number(token)).toBe(value);
    }
    expect(Object.is(Number('-0.0000000000000000e+00'), -0)).toBe(true);
  });

  it('rejects other forms, naming the token', () => {
    for (const token of ['1.0D-03', '0x10', 'abc', '1.2.3', '--1', '1e', 'e5', '1_000']) {
      expect(numberProblem(token)).toBe(`'${token}' is not a number`);
    }
    for (const token of ['nan', 'NaN', 'inf', '-Inf', 'Infinity']) {
      expect(numberProblem(token)).toBe(`'${token}' is not a finite number`);
    }
    expect(numberProblem('1e999')).toBe("'1e999' is not a finite number (it is out of the double-precision range)");
    expect(isNumber('-1e999')).toBe(false);
  });
});

describe('located number fields', () => {
  it('puts what the token was meant to be before the problem, at the line', () => {
    expect(parseReal('2.5', 'mass', 'f', 3)).toBe(2.5);
    expect(() => parseReal('two', 'column pos.y', 'f', 4)).toThrow("f:4: column pos.y 'two' is not a number");
    expect(() => parseReal('nan', 'y coordinate', 'f', 4)).toThrow("f:4: y coordinate 'nan' is not a finite number");
    expect(() => parseReal('1e999', 'vy', 'f', 4)).toThrow(
      "f:4: vy '1e999' is not a finite number (it is out of the double-precision range)",
    );
    expect(() => parseReal('x', 'mass', 'f', 1)).toThrow(ParseError);
  });

  it('reads integers, with the 32-bit and count limits where asked', () => {
    expect(parseInteger('-12', 'Z', 'f', 1)).toBe(-12);
    expect(parseInteger('3000000000', 'nr', 'f', 1)).toBe(3000000000);
    expect(() => parseInteger('29.5', 'Z', 'f', 6)).toThrow("f:6: Z '29.5' is not an integer");
    expect(parseInt32('+7', 'atom id', 'f', 1)).toBe(7);
    expect(() => parseInt32('3000000000', 'atom id', 'f', 2)).toThrow('f:2: atom id 3000000000 is too large');
    expect(() => parseInt32('1e3', 'atom id', 'f', 2)).toThrow("f:2: atom id '1e3' is not an integer");
    expect(parseCount('0', 'timestep', 'f', 1)).toBe(0);
    expect(() => parseCount('-1', 'timestep', 'f', 2)).toThrow("f:2: timestep '-1' is not a non-negative integer");
  });
});

describe('comments and words', () => {
  it('drops a # comment and splits on any white space', () => {
    expect(stripComment('2 Zr Cu  # names')).toBe('2 Zr Cu  ');
    expect(words(stripComment('  2\tZr  Cu  # names'))).toEqual(['2', 'Zr', 'Cu']);
    expect(words(stripComment('# only a comment'))).toEqual([]);
    expect(words('   ')).toEqual([]);
  });
});
