// Runs graphql-http's GraphQL-over-HTTP server audits against one endpoint.
// Usage: node audit.mjs http://127.0.0.1:8000/graphql
// Prints a JSON array of {id, name, status, reason} on stdout, one entry per audit, in the
// suite's order; status is 'ok', 'notice' (a MAY), 'warn' (a SHOULD) or 'error' (a MUST).
// Exits 0 when every audit is 'ok', 1 otherwise, 2 on bad usage.

import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  process.stderr.write('usage: node audit.mjs URL\n');
  process.exit(2);
}

const results = [];
// One at a time: the order of the output is the suite's, and a failure is easy to replay.
for (const { id, name, fn } of serverAudits({ url, fetchFn: fetch })) {
  try {
    const result = await fn();
    results.push({ id, name, status: result.status, reason: result.reason ?? null });
  } catch (error) {
    // A failed assertion comes back as a result; anything thrown is fatal (e.g. no connection).
    results.push({ id, name, status: 'error', reason: `fatal: ${error?.stack ?? error}` });
  }
}

process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
process.exitCode = results.every((result) => result.status === 'ok') ? 0 : 1;
