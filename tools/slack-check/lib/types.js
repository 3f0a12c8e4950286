// Type-checks Slack webhook bodies against Slack's own TypeScript types (@slack/types) with the TypeScript compiler:
// each JSON body becomes the initialiser of a constant typed as an incoming-webhook body, so a misspelled block
// type, a wrong text object, a missing required or an unknown property is a compile error. Errors are mapped back
// to the JSON file (line:col) and to a JSON path.
'use strict';
const path = require('path');
const ts = require('typescript');

// The body of an incoming-webhook POST: the message fields Slack documents for chat.postMessage that a webhook
// honours. Blocks and attachments are Slack's types; everything else is plain.
const HEADER = `import type { KnownBlock, MessageAttachment } from '@slack/types';
interface IncomingWebhookBody {
  text?: string;
  blocks?: KnownBlock[];
  attachments?: MessageAttachment[];
  mrkdwn?: boolean;
  unfurl_links?: boolean;
  unfurl_media?: boolean;
  thread_ts?: string;
  reply_broadcast?: boolean;
  username?: string;
  icon_emoji?: string;
  icon_url?: string;
  channel?: string;
}
const body: IncomingWebhookBody =
`;

const OPTIONS = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2020,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  types: [],
  lib: ['lib.es2020.d.ts'],
};

/** JSON path of the deepest property or array element around `position` in the initialiser. */
function jsonPath(sourceFile, position) {
  let node;
  const visit = (n) => {
    if (position >= n.getStart(sourceFile) && position < n.getEnd()) {
      node = n;
      ts.forEachChild(n, visit);
    }
  };
  visit(sourceFile);
  const parts = [];
  for (let n = node; n && n.parent && !ts.isVariableDeclaration(n); n = n.parent) {
    const parent = n.parent;
    if (ts.isPropertyAssignment(parent) && (n === parent.name || n === parent.initializer)) {
      parts.unshift(`.${parent.name.text}`);
    } else if (ts.isArrayLiteralExpression(parent)) {
      parts.unshift(`[${parent.elements.indexOf(n)}]`);
    }
  }
  return parts.join('').replace(/^\./, '') || '(body)';
}

/**
 * Type errors of each body: Map(file -> [{line, col, path, message}]). `bodies` is [{file, text}] of valid JSON.
 * One compiler run for all of them.
 */
function typeErrors(bodies, toolDir) {
  const virtual = new Map();
  bodies.forEach((b, i) => virtual.set(path.join(toolDir, `__body${i}.ts`), { ...b, source: HEADER + b.text + ';\n' }));
  const host = ts.createCompilerHost(OPTIONS, true);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (f) => (virtual.has(f) ? virtual.get(f).source : readFile(f));
  host.fileExists = (f) => virtual.has(f) || ts.sys.fileExists(f);
  host.getSourceFile = (f, language, onError) => (virtual.has(f)
    ? ts.createSourceFile(f, virtual.get(f).source, language, true)
    : getSourceFile(f, language, onError));
  host.getCurrentDirectory = () => toolDir;
  const program = ts.createProgram([...virtual.keys()], OPTIONS, host);
  const result = new Map(bodies.map((b) => [b.file, []]));
  const setup = [];
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const entry = d.file && virtual.get(d.file.fileName);
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!entry || d.start < HEADER.length) {
      setup.push(message); // the header itself does not compile: @slack/types missing or changed
      continue;
    }
    const offset = d.start - HEADER.length;
    const before = entry.text.slice(0, offset).split('\n');
    result.get(entry.file).push({
      line: before.length,
      col: before[before.length - 1].length + 1,
      path: jsonPath(d.file, d.start),
      message,
    });
  }
  if (setup.length > 0) throw new Error(`cannot type-check against @slack/types: ${setup[0]}`);
  return result;
}

module.exports = { typeErrors };
