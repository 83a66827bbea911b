import { describe, expect, it } from 'vitest';
import { CHART_KINDS } from '../../../src/charts/types.ts';
import { expectGolden, fixtureNames, renderFixture } from './helpers.ts';

describe('chart fixtures', () => {
  const names = fixtureNames();

  it('has a fixture for every chart kind', () => {
    for (const kind of CHART_KINDS) {
      expect(
        names.some((n) => n.startsWith(`${kind}-`)),
        kind,
      ).toBe(true);
    }
  });

  for (const name of names) {
    it(`renders ${name} as its golden HTML (UPDATE_GOLDEN=1 rewrites it)`, () => {
      expectGolden(name, renderFixture(name));
    });

    it(`renders ${name} byte-identically twice`, () => {
      expect(renderFixture(name)).toBe(renderFixture(name));
    });
  }
});
