// Checks Cypher statements with Neo4j's own Cypher front end (@neo4j-cypher/language-support:
// parser, semantic analysis, function/procedure resolution) against Neo4j 5's built-ins.
//
//   stdin:  JSON array  [{"name": "...", "query": "..."}, ...]
//   stdout: JSON array  [{"name": "...", "diagnostics": [
//               {"severity": "error"|"warning"|"information"|"hint",
//                "message": "...", "line": 1, "character": 1}, ...]}, ...]
//
// line and character are 1-based. Every diagnostic, whatever its severity, means the statement
// is not clean Neo4j 5 Cypher. Exit status: 0 when the input was read and every statement was
// linted (whether or not there were diagnostics), 2 on bad input.
//
// What is checked beyond the package's own lintCypherQuery:
//   - "Parameter $x is not defined." is dropped: parameters come from the driver at run time.
//   - console commands (:param, :use) are rejected: the driver sends raw Cypher.
//   - an empty statement, several statements in one query, or a CYPHER 25 prefix are reported,
//     since a Neo4j 5 server runs exactly one Cypher 5 statement per query.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  isNotParamError,
  lintCypherQuery,
  parseStatementsStrs,
} from '@neo4j-cypher/language-support';

const HERE = dirname(fileURLToPath(import.meta.url));
const CYPHER_VERSION = 'CYPHER 5';
const SEVERITIES = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

function loadSchema() {
  const registry = JSON.parse(readFileSync(join(HERE, 'neo4j5_signatures.json'), 'utf8'));
  // No labels, relationship types or property keys: the linter only warns about undeclared
  // ones when those lists are given, and the graph's contents are not the linter's business.
  return {
    functions: registry.functions,
    procedures: registry.procedures,
    defaultLanguage: CYPHER_VERSION,
  };
}

function diagnostic(severity, message, line = 1, character = 1) {
  return { severity, message, line, character };
}

function withoutComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
}

function harnessChecks(query) {
  if (withoutComments(query).trim() === '') {
    return [diagnostic('error', 'Empty statement: there is no Cypher to run.')];
  }
  const found = [];
  const statements = parseStatementsStrs(query).filter((s) => s.trim() !== '');
  if (statements.length > 1) {
    found.push(
      diagnostic(
        'error',
        `Expected exactly one statement per query but got: ${statements.length}`,
      ),
    );
  }
  if (/^\s*(?:(?:EXPLAIN|PROFILE)\s+)?CYPHER\s+25(?![0-9])/i.test(withoutComments(query))) {
    found.push(
      diagnostic('error', 'CYPHER 25 is not available on a Neo4j 5 server: use Cypher 5.'),
    );
  }
  return found;
}

function lintOne(query, schema) {
  const found = harnessChecks(query);
  if (found.some((d) => d.message.startsWith('Empty statement'))) return found;
  let result;
  try {
    result = lintCypherQuery(query, schema, { consoleCommandsEnabled: false });
  } catch (error) {
    found.push(diagnostic('error', `The Cypher front end failed on this statement: ${error}`));
    return found;
  }
  for (const d of result.diagnostics.filter(isNotParamError)) {
    found.push(
      diagnostic(
        SEVERITIES[d.severity] ?? 'error',
        d.message,
        d.range.start.line + 1,
        d.range.start.character + 1,
      ),
    );
  }
  return found;
}

function readInput() {
  const raw = readFileSync(0, 'utf8');
  const items = JSON.parse(raw);
  if (!Array.isArray(items)) throw new Error('expected a JSON array');
  for (const [index, item] of items.entries()) {
    if (
      item === null ||
      typeof item !== 'object' ||
      typeof item.name !== 'string' ||
      typeof item.query !== 'string'
    ) {
      throw new Error(`item ${index} is not {"name": string, "query": string}`);
    }
  }
  return items;
}

function lintAll(items) {
  const schema = loadSchema();
  return items.map(({ name, query }) => ({ name, diagnostics: lintOne(query, schema) }));
}

function main() {
  let items;
  try {
    items = readInput();
  } catch (error) {
    process.stderr.write(`lint.mjs: bad input: ${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  const results = lintAll(items);
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

main();
