// Builds neo4j5_signatures.json: the registry of Neo4j 5 built-in functions and procedures
// that lint.mjs hands to Neo4j's Cypher front end (@neo4j-cypher/language-support).
//
//   node tests/cypher_lint/build_signatures.mjs           rewrite the JSON file
//   node tests/cypher_lint/build_signatures.mjs --check   exit 1 if the file is stale
//
// Where the data comes from: the pinned package ships, as its public `testData.mockSchema`
// export, the function and procedure listing of a real Neo4j server (what SHOW FUNCTIONS /
// SHOW PROCEDURES report), scoped by Cypher version. We take its "CYPHER 5" scope, drop the
// plugin namespaces (APOC, Graph Data Science: not part of a plain Neo4j 5 server), keep only
// the fields of the package's DbSchema types (src/types.ts: Neo4jFunction, Neo4jProcedure),
// and sort everything so the output is byte-for-byte deterministic.
//
// The result is then checked against the Neo4j 5 manuals (Cypher Manual "Functions" summary,
// Operations Manual "Procedures" reference): every built-in documented there must be present,
// and FalkorDB-only or removed-in-Neo4j-5 names must be absent. Those lists are below.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { testData } from '@neo4j-cypher/language-support';

const HERE = dirname(fileURLToPath(import.meta.url));
const OUTPUT = join(HERE, 'neo4j5_signatures.json');
const PACKAGE = '@neo4j-cypher/language-support';
const EXPECTED_VERSION = '2.0.0-next.38';
const CYPHER_VERSION = 'CYPHER 5';
// Plugin namespaces: installed separately, never part of a stock Neo4j 5 server.
const EXCLUDED_PREFIXES = ['apoc.', 'gds.', 'genai.'];

// Built-in functions listed in the Neo4j 5 Cypher Manual (functions/index.adoc and the
// per-category pages), plus the ones added in later 5.x releases.
const DOCUMENTED_FUNCTIONS = [
  // predicate
  'all', 'any', 'exists', 'isEmpty', 'none', 'single',
  // scalar
  'char_length', 'character_length', 'coalesce', 'elementId', 'endNode', 'head', 'id', 'last',
  'length', 'nullIf', 'properties', 'randomUUID', 'size', 'startNode', 'timestamp', 'toBoolean',
  'toBooleanOrNull', 'toFloat', 'toFloatOrNull', 'toInteger', 'toIntegerOrNull', 'type',
  'valueType',
  // aggregating
  'avg', 'collect', 'count', 'max', 'min', 'percentileCont', 'percentileDisc', 'stdev', 'stdevp',
  'sum',
  // list
  'keys', 'labels', 'nodes', 'range', 'reduce', 'relationships', 'reverse', 'tail',
  'toBooleanList', 'toFloatList', 'toIntegerList', 'toStringList',
  // numeric, logarithmic, trigonometric
  'abs', 'ceil', 'floor', 'isNaN', 'rand', 'round', 'sign', 'e', 'exp', 'log', 'log10', 'sqrt',
  'acos', 'asin', 'atan', 'atan2', 'cos', 'cot', 'degrees', 'haversin', 'pi', 'radians', 'sin',
  'tan',
  // string
  'btrim', 'left', 'lower', 'ltrim', 'normalize', 'replace', 'right', 'rtrim', 'split',
  'substring', 'toLower', 'toString', 'toStringOrNull', 'toUpper', 'trim', 'upper',
  // temporal instants and durations
  'date', 'date.realtime', 'date.statement', 'date.transaction', 'date.truncate',
  'datetime', 'datetime.fromepoch', 'datetime.fromepochmillis', 'datetime.realtime',
  'datetime.statement', 'datetime.transaction', 'datetime.truncate',
  'localdatetime', 'localdatetime.realtime', 'localdatetime.statement',
  'localdatetime.transaction', 'localdatetime.truncate',
  'localtime', 'localtime.realtime', 'localtime.statement', 'localtime.transaction',
  'localtime.truncate',
  'time', 'time.realtime', 'time.statement', 'time.transaction', 'time.truncate',
  'duration', 'duration.between', 'duration.inDays', 'duration.inMonths', 'duration.inSeconds',
  // spatial, LOAD CSV, graph, database, vector
  'point', 'point.distance', 'point.withinBBox', 'file', 'linenumber',
  'graph.byElementId', 'graph.byName', 'graph.names', 'graph.propertiesByName',
  'db.nameFromElementId', 'vector.similarity.cosine', 'vector.similarity.euclidean',
];

// Built-in procedures listed in the Neo4j 5 Operations Manual (reference/procedures.adoc).
const DOCUMENTED_PROCEDURES = [
  // change data capture
  'cdc.current', 'cdc.earliest', 'cdc.query', 'db.cdc.current', 'db.cdc.earliest', 'db.cdc.query',
  // cluster and server management
  'dbms.cluster.checkConnectivity', 'dbms.cluster.cordonServer',
  'dbms.cluster.deallocateDatabaseFromServer', 'dbms.cluster.deallocateDatabaseFromServers',
  'dbms.cluster.deallocateNumberOfDatabases', 'dbms.cluster.protocols',
  'dbms.cluster.readReplicaToggle', 'dbms.cluster.reallocateDatabase',
  'dbms.cluster.reallocateNumberOfDatabases', 'dbms.cluster.routing.getRoutingTable',
  'dbms.cluster.secondaryReplicationDisable', 'dbms.cluster.setAutomaticallyEnableFreeServers',
  'dbms.cluster.showParallelDiscoveryState', 'dbms.cluster.switchDiscoveryServiceVersion',
  'dbms.cluster.uncordonServer', 'dbms.routing.getRoutingTable',
  // configuration and security
  'dbms.checkConfigValue', 'dbms.components', 'dbms.info', 'dbms.listCapabilities',
  'dbms.listConfig', 'dbms.security.clearAuthCache', 'dbms.setConfigValue',
  'dbms.setDatabaseAllocator', 'dbms.setDefaultAllocationNumbers', 'dbms.setDefaultDatabase',
  'dbms.showCurrentUser', 'dbms.showTopologyGraphConfig',
  // connection and lock management
  'dbms.killConnection', 'dbms.killConnections', 'dbms.listActiveLocks', 'dbms.listConnections',
  'dbms.listPools', 'dbms.quarantineDatabase',
  // database and transaction utilities
  'db.checkpoint', 'db.clearQueryCaches', 'db.info', 'db.listLocks', 'db.ping',
  'db.prepareForReplanning', 'dbms.queryJmx', 'tx.getMetaData', 'tx.setMetaData',
  // vectors
  'db.create.setNodeVectorProperty', 'db.create.setRelationshipVectorProperty',
  'db.create.setVectorProperty', 'db.index.vector.createNodeIndex', 'db.index.vector.queryNodes',
  'db.index.vector.queryRelationships',
  // index management
  'db.awaitIndex', 'db.awaitIndexes', 'db.index.fulltext.awaitEventuallyConsistentIndexRefresh',
  'db.index.fulltext.listAvailableAnalyzers', 'db.index.fulltext.queryNodes',
  'db.index.fulltext.queryRelationships', 'db.resampleIndex', 'db.resampleOutdatedIndexes',
  // job scheduling and upgrade
  'dbms.scheduler.failedJobs', 'dbms.scheduler.groups', 'dbms.scheduler.jobs', 'dbms.upgrade',
  'dbms.upgradeStatus',
  // schema and metadata
  'db.schema.nodeTypeProperties', 'db.schema.relTypeProperties', 'db.schema.visualization',
  'db.createLabel', 'db.createProperty', 'db.createRelationshipType', 'db.labels',
  'db.propertyKeys', 'db.relationshipTypes',
  // statistics
  'db.stats.clear', 'db.stats.collect', 'db.stats.retrieve', 'db.stats.retrieveAllAnonymized',
  'db.stats.status', 'db.stats.stop',
];

// Must NOT be known to Neo4j 5: FalkorDB's own procedures and functions, and procedures the
// Operations Manual lists as removed in Neo4j 5.0.
const MUST_BE_ABSENT = [
  'db.idx.fulltext.createNodeIndex', 'db.idx.fulltext.createRelationshipIndex',
  'db.idx.fulltext.drop', 'db.idx.fulltext.queryNodes', 'db.idx.fulltext.queryRelationships',
  'db.idx.vector.queryNodes', 'db.idx.vector.queryRelationships', 'db.meta.stats',
  'algo.SPpaths', 'algo.SSpaths', 'algo.BFS', 'algo.pageRank', 'algo.WCC', 'algo.betweenness',
  'db.indexes', 'db.indexDetails', 'db.constraints', 'db.createIndex', 'db.createNodeKey',
  'db.createUniquePropertyConstraint', 'db.schemaStatements', 'db.index.fulltext.createNodeIndex',
  'db.index.fulltext.createRelationshipIndex', 'db.index.fulltext.drop', 'dbms.procedures',
  'dbms.functions', 'dbms.listQueries', 'dbms.listTransactions', 'dbms.killQuery',
  'dbms.killQueries', 'dbms.killTransaction', 'dbms.killTransactions', 'dbms.cluster.overview',
  'dbms.cluster.role', 'dbms.cluster.setDefaultDatabase', 'dbms.cluster.quarantineDatabase',
];

function packageVersion() {
  // The package's "exports" map hides package.json, so read it from where npm ci puts it.
  const manifest = join(HERE, 'node_modules', PACKAGE, 'package.json');
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}

function isBuiltIn(name) {
  return !EXCLUDED_PREFIXES.some((prefix) => name.startsWith(prefix));
}

function argument(arg) {
  // ArgumentDescription = ReturnDescription & { default?: string }
  const out = {
    name: arg.name,
    type: arg.type,
    description: arg.description,
    isDeprecated: Boolean(arg.isDeprecated),
  };
  if (typeof arg.default === 'string') out.default = arg.default;
  return out;
}

function returned(ret) {
  return {
    name: ret.name,
    type: ret.type,
    description: ret.description,
    isDeprecated: Boolean(ret.isDeprecated),
  };
}

function fn(f) {
  const out = {
    name: f.name,
    category: f.category,
    description: f.description,
    isBuiltIn: Boolean(f.isBuiltIn),
    argumentDescription: f.argumentDescription.map(argument),
    returnDescription: f.returnDescription,
    signature: f.signature,
    aggregating: Boolean(f.aggregating),
    isDeprecated: Boolean(f.isDeprecated),
  };
  if (typeof f.deprecatedBy === 'string') out.deprecatedBy = f.deprecatedBy;
  return out;
}

function proc(p) {
  const out = {
    name: p.name,
    description: p.description,
    mode: p.mode,
    worksOnSystem: Boolean(p.worksOnSystem),
    argumentDescription: p.argumentDescription.map(argument),
    returnDescription: p.returnDescription.map(returned),
    signature: p.signature,
    admin: Boolean(p.admin),
    option: { deprecated: Boolean(p.option?.deprecated) },
  };
  if (typeof p.deprecatedBy === 'string') out.deprecatedBy = p.deprecatedBy;
  return out;
}

function registry(source, shape) {
  const names = Object.keys(source).filter(isBuiltIn).sort();
  return Object.fromEntries(names.map((name) => [name, shape(source[name])]));
}

function build() {
  const version = packageVersion();
  if (version !== EXPECTED_VERSION) {
    throw new Error(`${PACKAGE} is ${version}, expected ${EXPECTED_VERSION}: run npm ci`);
  }
  const schema = testData.mockSchema;
  const functions = registry(schema.functions[CYPHER_VERSION], fn);
  const procedures = registry(schema.procedures[CYPHER_VERSION], proc);

  const problems = [];
  for (const name of DOCUMENTED_FUNCTIONS) {
    if (!functions[name]) problems.push(`documented Neo4j 5 function missing: ${name}`);
  }
  for (const name of DOCUMENTED_PROCEDURES) {
    if (!procedures[name]) problems.push(`documented Neo4j 5 procedure missing: ${name}`);
  }
  for (const name of MUST_BE_ABSENT) {
    if (functions[name] || procedures[name]) problems.push(`not a Neo4j 5 built-in: ${name}`);
  }
  for (const [name, entry] of [...Object.entries(functions), ...Object.entries(procedures)]) {
    if (entry.name !== name) problems.push(`registry key ${name} names ${entry.name}`);
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));

  const document = {
    $comment:
      'Generated by build_signatures.mjs from the Neo4j 5 built-in function and procedure ' +
      'listing shipped with the pinned front end; do not edit by hand.',
    source: {
      package: PACKAGE,
      version,
      dataset: `testData.mockSchema, "${CYPHER_VERSION}" scope`,
      excludedNamespaces: EXCLUDED_PREFIXES,
    },
    counts: {
      functions: Object.keys(functions).length,
      procedures: Object.keys(procedures).length,
    },
    functions: { [CYPHER_VERSION]: functions },
    procedures: { [CYPHER_VERSION]: procedures },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

const text = build();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(OUTPUT, 'utf8');
  } catch {
    current = '';
  }
  if (current !== text) {
    process.stderr.write(
      `${OUTPUT} is stale: run node tests/cypher_lint/build_signatures.mjs\n`,
    );
    process.exit(1);
  }
} else {
  writeFileSync(OUTPUT, text);
  const counts = JSON.parse(text).counts;
  process.stdout.write(
    `wrote ${OUTPUT}: ${counts.functions} functions, ${counts.procedures} procedures\n`,
  );
}
