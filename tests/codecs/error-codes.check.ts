/**
 * Compile-time check (run by `tsc -b`, not by jest): the io-ts union of `contracts` and core's
 * `ErrorCode` are the same set of strings, in both directions.
 */
import type { ErrorCode as CoreErrorCode } from '@gavel/core';
import type { ErrorCode as ContractErrorCode } from '@gavel/contracts';

/** True only when A and B are the same type (not merely assignable one way). */
export type Equals<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;

export const sameErrorCodes: Equals<ContractErrorCode, CoreErrorCode> = true;
export const coreCodesAreContractCodes: [CoreErrorCode] extends [ContractErrorCode] ? true : false = true;
export const contractCodesAreCoreCodes: [ContractErrorCode] extends [CoreErrorCode] ? true : false = true;

// The check itself can fail: a union missing a member is not equal to the full union.
export const equalsDetectsAMissingCode: Equals<Exclude<CoreErrorCode, 'BID_TOO_LOW'>, ContractErrorCode> = false;
