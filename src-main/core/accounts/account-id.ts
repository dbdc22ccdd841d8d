// Account ids are random, not derived from the provider's subject, so they
// reveal nothing about the person when they appear in URLs or logs. Lower-case
// hex, because they also name documents ("friends-<accountId>").
export function newAccountId(randomBytes: (size: number) => Uint8Array): string {
  return `acc_${Buffer.from(randomBytes(10)).toString('hex')}`;
}
