// The test tiers: `npm test` runs everything at full budget; `npm run test:unit` (CHOKEPOINT_TEST_TIER=fast)
// runs tests/unit with property tests on fewer cases and scale tests on smaller inputs, in under a minute.

/** Whether this run is the fast tier. */
export const FAST = process.env.CHOKEPOINT_TEST_TIER === 'fast';

/** A property test's number of cases: `full` in the full tier, a tenth (at least 10) in the fast one. */
export const runs = (full: number): number => (FAST ? Math.max(10, Math.ceil(full / 10)) : full);
