/**
 * `describe` when a test server's URL is set (scripts/with-services.sh exports it), else a
 * skipped `describe` saying why. In CI a missing server is a failure, never a silent skip,
 * unless `optionalInCi` (MongoDB: no server exists on these machines, docs/scheduling-agenda.md).
 */
export const describeWith = (server: { env: string; what: string; optionalInCi?: boolean }, name: string, body: () => void): void => {
  if (process.env[server.env]) {
    describe(name, body);
    return;
  }
  const why = `${server.env} is not set: these tests need ${server.what}` + (server.optionalInCi ? '' : '; run them through scripts/with-services.sh');
  if (process.env.CI && !server.optionalInCi) throw new Error(`${name}: ${why}`);
  console.warn(`skipped "${name}": ${why}`);
  describe.skip(`${name} (skipped: ${why})`, body);
};
