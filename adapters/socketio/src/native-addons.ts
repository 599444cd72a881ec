import { createRequire } from 'node:module';

/**
 * Whether the `ws` that Engine.IO runs on found the native `bufferutil` (frame masking) and
 * `utf-8-validate`. ws loads them by itself when they resolve from its own directory; this asks
 * the same question from the same place, for the start-up log. On Node ≥ 18.14 ws validates
 * UTF-8 with `buffer.isUtf8` and no longer needs `utf-8-validate` (reported for completeness).
 */
export const nativeWsAddons = (): { readonly bufferutil: boolean; readonly utf8Validate: boolean } => {
  const native = (name: string): boolean => {
    try {
      const fromWs = createRequire(createRequire(createRequire(__filename).resolve('socket.io')).resolve('engine.io'));
      const ws = createRequire(fromWs.resolve('ws'));
      if (process.env.WS_NO_BUFFER_UTIL && name === 'bufferutil') return false;
      const mod = ws(name) as unknown;
      const fn = typeof mod === 'function' ? mod : (mod as { mask?: unknown }).mask;
      // An N-API function prints as native code; the JavaScript fallbacks do not.
      return typeof fn === 'function' && Function.prototype.toString.call(fn).includes('[native code]');
    } catch {
      return false;
    }
  };
  return { bufferutil: native('bufferutil'), utf8Validate: native('utf-8-validate') };
};
