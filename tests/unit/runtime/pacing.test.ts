import { describe, expect, it } from 'vitest';
import { clockTime, pace, planTimes } from '../../../src/runtime/pacing.ts';

describe('the speaker console pacing plan', () => {
  it("uses each slide's data-timing and spreads what totalTime leaves over the other slides", () => {
    expect(planTimes([undefined, 20, 40, undefined, undefined], 300)).toEqual([80, 20, 40, 80, 80]);
  });

  it('falls back to defaultTiming, then to the mean of the timed slides, and has no plan without any timing', () => {
    expect(planTimes([undefined, 30], undefined, 90)).toEqual([90, 30]);
    expect(planTimes([undefined, 30, 60])).toEqual([45, 30, 60]);
    expect(planTimes([undefined, undefined])).toBeNull();
  });

  it('gives untimed slides nothing when the timed ones already use up totalTime', () => {
    expect(planTimes([100, undefined], 60)).toEqual([100, 0]);
  });

  it('is ahead before the slide is due, behind after it should be over, on time in between', () => {
    const plan = [80, 20, 40];
    expect(pace(plan, 2, 10)).toEqual({ start: 100, end: 140, slide: 40, delta: 90 });
    expect(pace(plan, 2, 120).delta).toBe(0);
    expect(pace(plan, 0, 95).delta).toBe(-15);
  });

  it('formats durations as m:ss, or h:mm:ss past an hour', () => {
    expect([clockTime(0), clockTime(75), clockTime(-75), clockTime(3725)]).toEqual(['0:00', '1:15', '1:15', '1:02:05']);
  });
});
