import { AuctionId } from '@gavel/core';
import { FakeClock, InProcessScheduler } from '@gavel/memory';
import { describeSchedulerContract } from '../../../tests/contracts/scheduler.contract';

describeSchedulerContract('in-process', async () => {
  const scheduler = new InProcessScheduler({ retryDelayMs: 100 });
  return { scheduler, close: () => scheduler.stop() };
});

describe('InProcessScheduler on a fake clock', () => {
  it('runs a job when the clock reaches its time (runDue), and keeps the job a handler retries', async () => {
    const clock = new FakeClock(1_000);
    const scheduler = new InProcessScheduler({ clock, maxSleepMs: 60_000 });
    const ran: number[] = [];
    await scheduler.start({
      'auction.open': async () => ({ done: true }),
      'auction.close': async (job) => {
        ran.push(clock.now());
        return ran.length === 1 ? { retryAt: job.runAt + 500 } : { done: true };
      },
    });
    const id = AuctionId('a0000000-0000-4000-8000-000000000001');
    await scheduler.schedule({ name: 'auction.close', auctionId: id, runAt: 2_000 });
    expect(await scheduler.runDue()).toBe(0);
    clock.set(2_000);
    expect(await scheduler.runDue()).toBe(1);
    expect(await scheduler.pending('auction.close', id)).toEqual({ name: 'auction.close', auctionId: id, runAt: 2_500 });
    clock.set(2_499);
    expect(await scheduler.runDue()).toBe(0);
    clock.set(2_500);
    expect(await scheduler.runDue()).toBe(1);
    expect(ran).toEqual([2_000, 2_500]);
    expect(scheduler.size).toBe(0);
    await scheduler.stop();
  });

  it('a schedule made while the job runs replaces the run\'s outcome; a cancel made while it runs drops it', async () => {
    const clock = new FakeClock(1_000);
    const scheduler = new InProcessScheduler({ clock });
    const id = AuctionId('a0000000-0000-4000-8000-000000000002');
    let release!: () => void;
    await scheduler.start({
      'auction.open': async () => ({ done: true }),
      'auction.close': () => new Promise((resolve) => (release = () => resolve({ retryAt: 9_000 }))),
    });
    await scheduler.schedule({ name: 'auction.close', auctionId: id, runAt: 1_000 });
    const first = scheduler.runDue();
    await scheduler.schedule({ name: 'auction.close', auctionId: id, runAt: 5_000 });
    release();
    await first;
    expect((await scheduler.pending('auction.close', id))?.runAt).toBe(5_000);
    clock.set(5_000);
    const second = scheduler.runDue();
    await scheduler.cancel('auction.close', id);
    release();
    await second;
    expect(await scheduler.pending('auction.close', id)).toBeNull();
    await scheduler.stop();
  });
});
