import { describe, expect, it } from 'vitest';
import { BusyPoll } from './busy-poll.js';

const immediates = (): number => process.getActiveResourcesInfo().filter((kind) => kind === 'Immediate').length;

describe('BusyPoll', () => {
  it('keeps an immediate pending (the loop polls without sleeping) for its window after a kick, then lets the loop sleep', async () => {
    const before = immediates();
    const poll = new BusyPoll(20);
    poll.kick();
    poll.kick(); // a second kick extends the window, it does not start a second spinner
    expect(immediates()).toBe(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 1));
    expect(immediates()).toBeGreaterThanOrEqual(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(immediates()).toBe(before);
  });

  it('does nothing with a window of 0', () => {
    const before = immediates();
    new BusyPoll(0).kick();
    expect(immediates()).toBe(before);
  });
});
