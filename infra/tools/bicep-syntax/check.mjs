// Parses every .bicep file under infra/ with the tree-sitter Bicep grammar (WebAssembly build shipped in the
// tree-sitter-bicep package) and reports ERROR and MISSING nodes with line:column. Exit 1 on any error.
// Usage: node check.mjs [file-or-directory ...]   (default: the infra/ folder two levels up)
import Parser from 'web-tree-sitter';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const wasm = path.join(path.dirname(require.resolve('tree-sitter-bicep/package.json')), 'tree-sitter-bicep.wasm');

function bicepFiles(target) {
  const stat = fs.statSync(target);
  if (stat.isFile()) return target.endsWith('.bicep') ? [target] : [];
  return fs.readdirSync(target, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules')
    .flatMap((entry) => bicepFiles(path.join(target, entry.name)));
}

function problems(node, found = []) {
  if (node.type === 'ERROR' || node.isMissing) {
    const where = `${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
    const what = node.isMissing ? `missing ${node.type}` : `unexpected ${JSON.stringify(node.text.split('\n')[0].slice(0, 40))}`;
    found.push(`${where} ${what}`);
  } else if (node.hasError) {
    for (const child of node.children) problems(child, found);
  }
  return found;
}

await Parser.init();
const parser = new Parser();
parser.setLanguage(await Parser.Language.load(wasm));

const targets = process.argv.length > 2 ? process.argv.slice(2) : [path.resolve(here, '..', '..')];
const files = targets.flatMap(bicepFiles).sort();
if (files.length === 0) {
  console.error('bicep-syntax: no .bicep files found');
  process.exit(1);
}
let failed = 0;
for (const file of files) {
  const found = problems(parser.parse(fs.readFileSync(file, 'utf8')).rootNode);
  if (found.length > 0) {
    failed++;
    for (const problem of found) console.error(`${file}:${problem}`);
  }
}
console.log(`bicep-syntax: ${files.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
