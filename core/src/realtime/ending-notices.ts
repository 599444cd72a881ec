import type { Instant } from '../shared/time';

/**
 * When `auction_ending` reminders go out (seed: "Auction Countdown: receive updates every 30
 * seconds for auctions ending within 5 minutes"): at `endTime - withinMs`, then every `everyMs`,
 * the last one strictly before the end. The default gives 5:00, 4:30, ..., 0:30 remaining and
 * none at 0:00, where `auction_ended` speaks instead.
 */
export interface EndingNoticePolicy {
  readonly withinMs: number;
  readonly everyMs: number;
}

export const DEFAULT_ENDING_NOTICE_POLICY: EndingNoticePolicy = { withinMs: 300_000, everyMs: 30_000 };

/** What is wrong with a policy, or null: both positive safe integers, `everyMs` ≤ `withinMs`. */
export const endingNoticePolicyProblem = (policy: EndingNoticePolicy): string | null => {
  const { withinMs, everyMs } = policy;
  if (!Number.isSafeInteger(withinMs) || withinMs <= 0) return `withinMs must be a positive integer (got ${withinMs})`;
  if (!Number.isSafeInteger(everyMs) || everyMs <= 0) return `everyMs must be a positive integer (got ${everyMs})`;
  if (everyMs > withinMs) return `everyMs (${everyMs}) must not exceed withinMs (${withinMs})`;
  return null;
};

/** The policy itself when valid; a bad policy is a configuration bug and throws. */
export const checkEndingNoticePolicy = (policy: EndingNoticePolicy): EndingNoticePolicy => {
  const problem = endingNoticePolicyProblem(policy);
  if (problem !== null) throw new RangeError(`ending notice policy: ${problem}`);
  return policy;
};

/**
 * The first notice instant strictly after `after` for an auction ending at `endTime`, or null
 * when none is left. Strictly after, so a caller that has just sent the notice due at `t` asks
 * for the one after `t`. The policy is assumed checked (`checkEndingNoticePolicy`).
 */
export const nextEndingNotice = (endTime: Instant, after: Instant, policy: EndingNoticePolicy): Instant | null => {
  const first = endTime - policy.withinMs;
  const next = after < first ? first : first + (Math.floor((after - first) / policy.everyMs) + 1) * policy.everyMs;
  return next < endTime ? next : null;
};

/**
 * Whole seconds left at `now`, rounded to the nearest (a notice due at 0:30 whose timer fires a
 * few milliseconds late still says 30), never negative.
 */
export const endingSecondsRemaining = (endTime: Instant, now: Instant): number => Math.max(0, Math.round((endTime - now) / 1_000));
