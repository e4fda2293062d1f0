// Checks Cypher statements with Neo4j's own Cypher front end (@neo4j-cypher/language-support:
// parser, semantic analysis, function/procedure resolution) against Neo4j 5's built-ins and,
// when given one, the graph's schema.
//
//   stdin:  JSON {"schema": null | {"labels": [...], "relationshipTypes": [...],
//                                   "propertyKeys": [...],
//                                   "graphSchema": [{"from": L, "to": L, "relType": T}, ...]},
//                 "statements": [{"name": "...", "query": "..."}, ...]}
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
//   - with a schema, the labels, relationship types and property keys the package does not look
//     at are checked too (see modelDiagnostics).

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  isNotParamError,
  lintCypherQuery,
  parseStatementsStrs,
} from '@neo4j-cypher/language-support';

// The parse tree behind lintCypherQuery is not exported from the package root; these are the
// same modules it loads (same URLs, so the same classes), from the version package.json pins.
const PACKAGE_ENTRY = import.meta.resolve('@neo4j-cypher/language-support');
const { createParsingResult } = await import(new URL('./cypherLanguageService.js', PACKAGE_ENTRY));
const tree = await import(new URL('./generated-parser/CypherCmdParser.js', PACKAGE_ENTRY));

const HERE = dirname(fileURLToPath(import.meta.url));
const CYPHER_VERSION = 'CYPHER 5';
const SEVERITIES = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

function loadSchema(model) {
  const registry = JSON.parse(readFileSync(join(HERE, 'neo4j5_signatures.json'), 'utf8'));
  const schema = {
    functions: registry.functions,
    procedures: registry.procedures,
    defaultLanguage: CYPHER_VERSION,
  };
  if (model) {
    // The package warns about labels and relationship types it does not know, and about
    // patterns the graph schema rules out (a relationship in the wrong direction). Property
    // keys are not handed to it: it takes `row.start` in `(a {id: row.start})` for a property
    // of `a`, and skips every name the statement writes. modelDiagnostics checks them.
    schema.labels = model.labels;
    schema.relationshipTypes = model.relationshipTypes;
    schema.graphSchema = model.graphSchema;
  }
  return schema;
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

// --- The schema check the package leaves out ------------------------------------------------
//
// Labels and relationship types in MERGE, CREATE and SET (the package checks only those a
// statement reads), and every property key of a node or relationship: in a pattern's map
// (`(c:City {id: ...})`), after a node or relationship variable (`c.name`, `SET c.name = ...`,
// `c {.name}`), and in index and constraint definitions. Keys of plain maps and of map
// variables (`row.props` after `UNWIND $rows AS row`) are not schema names and are left alone;
// so are dynamic writes (`SET c += $props`), which name no key, and keys the statement itself
// REMOVEs (a marker it sets and drops, or an obsolete property a migration clears).

const NODE = 'Label';
const RELATIONSHIP = 'Relationship type';
const EITHER = 'Label or relationship type';

function* descendants(node) {
  for (const child of node.children ?? []) {
    yield child;
    yield* descendants(child);
  }
}

function nearest(node, classes) {
  for (let at = node.parent; at; at = at.parent) {
    if (classes.some((cls) => at instanceof cls)) return at;
  }
  return undefined;
}

function unquoted(name) {
  return name.replace(/^`|`$/g, '');
}

/** (kind, name context) of every label or relationship type the statement names. */
function* namedTypes(root) {
  for (const node of descendants(root)) {
    if (node instanceof tree.LabelNameContext) {
      yield [typeKind(node), node];
    } else if (node instanceof tree.RelTypeContext) {
      yield [RELATIONSHIP, node.symbolicNameString()];
    } else if (node instanceof tree.LabelTypeContext || node instanceof tree.LabelOrRelTypeContext) {
      yield [typeKind(node), node.symbolicNameString()];
    } else if (node instanceof tree.MultiLabelNodePatternContext) {
      for (const name of node.symbolicNameString()) yield [NODE, name];
    } else if (node instanceof tree.MultiRelTypeRelPatternContext) {
      for (const name of node.symbolicNameString()) yield [RELATIONSHIP, name];
    }
  }
}

function typeKind(node) {
  const pattern = nearest(node, [
    tree.NodePatternContext,
    tree.RelationshipPatternContext,
    tree.CommandNodePatternContext,
    tree.CommandRelPatternContext,
  ]);
  if (pattern instanceof tree.NodePatternContext) return NODE;
  if (pattern instanceof tree.CommandNodePatternContext) return NODE;
  if (pattern) return RELATIONSHIP;
  return EITHER; // `WHERE x:Name`, `SET x:Name`: the variable decides, which the tree does not say
}

/** The variable a property key belongs to (undefined: none, or not a schema property). */
function propertyOwner(key) {
  const parent = key.parent;
  if (parent instanceof tree.MapContext) {
    // A pattern's map: the key is a property of the node or relationship, named or not.
    const pattern = parent.parent?.parent;
    const inPattern =
      parent.parent instanceof tree.PropertiesContext &&
      (pattern instanceof tree.NodePatternContext ||
        pattern instanceof tree.RelationshipPatternContext);
    return inPattern ? { variable: pattern.variable(), entity: true } : undefined;
  }
  if (!(parent instanceof tree.PropertyContext)) return undefined; // a map literal's key
  const holder = parent.parent;
  if (holder instanceof tree.PropertyPostfixContext) {
    // `x.key`: only the first postfix of a bare variable names a property of that variable.
    const expression = holder.parent;
    const [first, second] = expression?.children ?? [];
    const variable = first instanceof tree.Expression1Context ? first.variable() : null;
    return variable && second === holder ? { variable, entity: false } : undefined;
  }
  if (holder instanceof tree.MapProjectionElementContext) {
    return { variable: holder.parent.variable(), entity: false }; // `x {.key}`
  }
  if (
    holder instanceof tree.PropertyListContext ||
    holder instanceof tree.EnclosedPropertyListContext
  ) {
    // Index and constraint definitions: the variable is the command's node or relationship.
    const siblings = holder.children;
    const variable = siblings[siblings.indexOf(parent) - 1];
    return { variable, entity: true };
  }
  return undefined;
}

function isNodeOrRelationship(variable, symbols) {
  const offset = variable.start.start;
  const symbol = symbols.find(
    (s) => s.definitionPosition === offset || s.references.includes(offset),
  );
  return Boolean(
    symbol &&
      symbol.types.length > 0 &&
      symbol.types.every((type) => type === 'Node' || type === 'Relationship'),
  );
}

function at(node, message) {
  return diagnostic('error', message, node.start.line, node.start.column + 1);
}

function modelDiagnostics(query, model, symbols) {
  const [statement, ...more] = createParsingResult(query, { consoleCommandsEnabled: false })
    .statementsParsing;
  if (!statement || more.length > 0 || !statement.ctx) return [];
  const labels = new Set(model.labels);
  const relationshipTypes = new Set(model.relationshipTypes);
  const propertyKeys = new Set(model.propertyKeys);
  const known = {
    [NODE]: (name) => labels.has(name),
    [RELATIONSHIP]: (name) => relationshipTypes.has(name),
    [EITHER]: (name) => labels.has(name) || relationshipTypes.has(name),
  };
  const removed = new Set();
  for (const node of descendants(statement.ctx)) {
    if (!(node instanceof tree.RemovePropContext)) continue;
    for (const key of descendants(node)) {
      if (key instanceof tree.PropertyKeyNameContext) removed.add(unquoted(key.getText()));
    }
  }
  const found = [];
  for (const [kind, nameNode] of namedTypes(statement.ctx)) {
    const name = unquoted(nameNode.getText());
    if (!known[kind](name)) {
      found.push(at(nameNode, `${kind} ${name} is not in the graph's schema`));
    }
  }
  for (const key of descendants(statement.ctx)) {
    if (!(key instanceof tree.PropertyKeyNameContext)) continue;
    const owner = propertyOwner(key);
    if (!owner) continue;
    if (!owner.entity && !(owner.variable && isNodeOrRelationship(owner.variable, symbols))) {
      continue;
    }
    const name = unquoted(key.getText());
    if (!propertyKeys.has(name) && !removed.has(name)) {
      found.push(at(key, `Property ${name} is not in the graph's schema`));
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------

function lintOne(query, schema, model) {
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
  if (model && !found.some((d) => d.severity === 'error')) {
    // A name the package already reported (a label a MATCH reads) is reported once.
    const reported = new Set(found.map((d) => `${d.line}:${d.character}`));
    const symbols = result.symbolTables.flat();
    for (const d of modelDiagnostics(query, model, symbols)) {
      if (!reported.has(`${d.line}:${d.character}`)) found.push(d);
    }
  }
  return found;
}

function isStringList(value) {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function readModel(model) {
  if (model === null || model === undefined) return null;
  for (const key of ['labels', 'relationshipTypes', 'propertyKeys']) {
    if (!isStringList(model[key])) throw new Error(`schema.${key} is not a list of strings`);
  }
  const graphSchema = model.graphSchema ?? [];
  for (const [index, edge] of graphSchema.entries()) {
    if (!edge || !['from', 'to', 'relType'].every((k) => typeof edge[k] === 'string')) {
      throw new Error(`schema.graphSchema[${index}] is not {"from", "to", "relType"}`);
    }
  }
  return { ...model, graphSchema: graphSchema.length > 0 ? graphSchema : undefined };
}

function readInput() {
  const raw = readFileSync(0, 'utf8');
  const input = JSON.parse(raw);
  if (input === null || typeof input !== 'object' || !Array.isArray(input.statements)) {
    throw new Error('expected {"schema": ..., "statements": [...]}');
  }
  for (const [index, item] of input.statements.entries()) {
    if (
      item === null ||
      typeof item !== 'object' ||
      typeof item.name !== 'string' ||
      typeof item.query !== 'string'
    ) {
      throw new Error(`statement ${index} is not {"name": string, "query": string}`);
    }
  }
  return { model: readModel(input.schema), items: input.statements };
}

function lintAll({ model, items }) {
  const schema = loadSchema(model);
  return items.map(({ name, query }) => ({ name, diagnostics: lintOne(query, schema, model) }));
}

function main() {
  let input;
  try {
    input = readInput();
  } catch (error) {
    process.stderr.write(`lint.mjs: bad input: ${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  const results = lintAll(input);
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

main();
