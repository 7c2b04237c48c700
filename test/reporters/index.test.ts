import { describe, expect, it } from 'vitest';
import { getReporter, reporters } from '../../src/reporters/index.js';

describe('reporter registry', () => {
  it('offers the five built-in formats, stylish first (the default)', () => {
    expect(Object.keys(reporters)).toEqual(['stylish', 'json', 'sarif', 'github', 'html']);
  });

  it('finds reporters by name and nothing else', () => {
    expect(getReporter('sarif')).toBe(reporters.sarif);
    expect(getReporter('junit')).toBeUndefined();
    expect(getReporter('constructor')).toBeUndefined();
  });
});
