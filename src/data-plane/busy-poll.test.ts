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

describe('BusyPoll: spinning only while it pays', () => {
  const settle = () => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

  it('stops spinning for offPeriods once the thread waited for its core more than the allowed share, then tries again', async () => {
    let now = 0;
    let delay = 0;
    const poll = new BusyPoll(0.1, { now: () => now, runDelayMs: () => delay, periodMs: 1000, maxRunDelayShare: 0.02, offPeriods: 2 });
    poll.kick();
    expect(poll.spinningAllowed).toBe(true);
    now = 1000;
    delay = 10; // 1% of the period: the core is ours
    poll.kick();
    expect(poll.spinningAllowed).toBe(true);
    now = 2000;
    delay = 60; // 5%: something else wants this core
    poll.kick();
    expect(poll.spinningAllowed).toBe(false);
    const before = immediates();
    poll.kick();
    expect(immediates()).toBe(before); // off: nothing scheduled
    now = 3000;
    poll.kick();
    expect(poll.spinningAllowed).toBe(false);
    now = 4000;
    poll.kick(); // off periods over: tried again
    expect(poll.spinningAllowed).toBe(true);
    now = 5000;
    await settle();
  });

  it('stops spinning when most windows run out without activity', async () => {
    let now = 0;
    const poll = new BusyPoll(0.1, { now: () => now, runDelayMs: () => undefined, periodMs: 1000, offPeriods: 1 });
    for (let i = 0; i < 30; i++) {
      now += 1; // each window runs out before the next activity
      poll.kick();
      now += 0.5;
      await settle();
    }
    now = 1100; // the first period began with the first kick, at 1
    poll.kick();
    expect(poll.spinningAllowed).toBe(false);
  });

  it('keeps spinning when activity keeps arriving within the window', async () => {
    let now = 0;
    const poll = new BusyPoll(0.1, { now: () => now, runDelayMs: () => undefined, periodMs: 1000 });
    for (let i = 0; i < 30; i++) {
      now += 0.05;
      poll.kick();
    }
    now = 1000;
    poll.kick();
    expect(poll.spinningAllowed).toBe(true);
    now = 2000;
    await settle();
  });
});
