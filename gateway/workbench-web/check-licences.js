// Fails when a package in the lockfile has a licence not known to be compatible with EUPL-1.2 (as
// scripts/check_licences.py does for Python). Development-only tools (esbuild, axe-core for the tests) are never
// shipped, so MPL-2.0 is accepted for them.
"use strict";
const lock = require("./package-lock.json");

const SHIPPED = /^(MIT|MIT-0|ISC|0BSD|BSD-2-Clause|BSD-3-Clause|Apache-2\.0|CC0-1\.0|Unlicense|EUPL-1\.2)$/;
const DEV_ONLY = /^(MPL-2\.0)$/;
const problems = [];
const entries = Object.entries(lock.packages).filter(([path]) => path !== "");
for (const [path, info] of entries) {
  const terms = String(info.license || "none").replace(/[()]/g, "").split(/\s+(?:OR|AND)\s+/);
  const fine = terms.every((term) => SHIPPED.test(term) || (info.dev && DEV_ONLY.test(term)));
  if (!fine) problems.push(`${path.replace(/^.*node_modules\//, "")}@${info.version}: ${info.license}`);
}
if (problems.length) {
  console.error("npm packages with a licence not known to be EUPL-1.2 compatible:\n  " + problems.join("\n  "));
  process.exit(1);
}
console.log(`all ${entries.length} npm package licences are EUPL-1.2 compatible`);
