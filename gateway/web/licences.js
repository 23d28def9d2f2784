// Fails when an installed npm package has a licence not known to be compatible with EUPL-1.2 (as
// scripts/check_licences.py does for Python packages).
"use strict";
const fs = require("fs");
const path = require("path");

const ALLOWED = /^(MIT|MIT-0|ISC|0BSD|BSD-2-Clause|BSD-3-Clause|Apache-2\.0|Python-2\.0|CC0-1\.0|Unlicense)$/;
const problems = [];
let count = 0;

function walk(folder) {
  for (const name of fs.readdirSync(folder)) {
    if (name.startsWith(".")) continue;
    const full = path.join(folder, name);
    if (name.startsWith("@")) { walk(full); continue; }
    const manifest = path.join(full, "package.json");
    if (!fs.existsSync(manifest)) continue;
    const info = JSON.parse(fs.readFileSync(manifest, "utf8"));
    const licence = typeof info.license === "string" ? info.license : JSON.stringify(info.license ?? info.licenses);
    const terms = String(licence).replace(/[()]/g, "").split(/\s+(?:OR|AND)\s+/);
    count += 1;
    if (!terms.every((term) => ALLOWED.test(term.trim()))) problems.push(`${info.name}@${info.version}: ${licence}`);
    const nested = path.join(full, "node_modules");
    if (fs.existsSync(nested)) walk(nested);
  }
}

walk(path.join(__dirname, "node_modules"));
if (problems.length) {
  console.error("npm packages with a licence not known to be EUPL-1.2 compatible:\n  " + problems.join("\n  "));
  process.exit(1);
}
console.log(`all ${count} npm package licences are EUPL-1.2 compatible`);
