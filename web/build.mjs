// Bundles the hub's browser pages into static files the hub serves (no CDN: it works offline).
// Usage: node build.mjs OUTDIR
import { build } from "esbuild";

const outdir = process.argv[2] ?? "../hub/static/dist";

await build({
  entryPoints: { explore: "src/explore.js", graphiql: "src/graphiql.jsx" },
  bundle: true,
  minify: true,
  sourcemap: false,
  format: "iife",
  target: ["chrome110", "firefox110", "safari16"],
  outdir,
  loader: { ".woff": "file", ".woff2": "file", ".ttf": "file", ".svg": "file" },
  define: { "process.env.NODE_ENV": '"production"' },
  jsx: "automatic",
  logLevel: "warning",
});
