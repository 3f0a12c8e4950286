// Checks a Teams Workflows webhook message, or a bare Adaptive Card, with Microsoft's adaptivecards library.
//
// The library parses every object of the card (so its own messages, e.g. an invalid enum value, come with the JSON
// path of the object) and validates the whole card (missing url, duplicate ids, too many actions for the host). On
// top of it, from the library's own property schemas: unknown (misspelled) properties, features newer than the
// card's declared version or than what Teams renders (1.5), properties the Adaptive Card schema requires, and the
// message envelope and size.
'use strict';
const AC = require('adaptivecards/dist/adaptivecards.js');

const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
const TEAMS_MAX_VERSION = AC.Versions.v1_5;

// Properties the Adaptive Card schema marks required that the library accepts missing (it renders nothing).
const REQUIRED = {
  AdaptiveCard: ['version'],
  TextBlock: ['text'],
  Image: ['url'],
  FactSet: ['facts'],
  Fact: ['title', 'value'],
  Container: ['items'],
  ImageSet: ['images'],
  RichTextBlock: ['inlines'],
  TextRun: ['text'],
  Media: ['sources'],
  'Action.OpenUrl': ['url'],
  'Action.ShowCard': ['card'],
  'Action.ToggleVisibility': ['targetElements'],
};

// Collections the library parses by hand (not in its property schemas): what each holds.
const ELEMENTS = 'element';
const ACTIONS = 'action';
const CHILDREN = {
  AdaptiveCard: { body: ELEMENTS, actions: ACTIONS },
  Container: { items: ELEMENTS },
  Column: { items: ELEMENTS },
  TableCell: { items: ELEMENTS },
  ColumnSet: { columns: 'Column' },
  Table: { rows: 'TableRow' },
  TableRow: { cells: 'TableCell' },
  ActionSet: { actions: ACTIONS },
  RichTextBlock: { inlines: 'TextRun' },
  'Action.ShowCard': { card: 'AdaptiveCard' },
};
// Objects that are not in the registries, by the type name they are written with.
const UNREGISTERED = {
  AdaptiveCard: AC.AdaptiveCard,
  Column: AC.Column,
  TableRow: AC.TableRow,
  TableCell: AC.TableCell,
  TextRun: AC.TextRun,
};
// Properties every card object may carry that the schemas do not list (fallback is parsed by hand).
const ALWAYS_ALLOWED = new Set(['type', 'fallback']);
// Teams' own extension of the card object.
const TEAMS_EXTENSIONS = { AdaptiveCard: new Set(['msteams']) };
// Actions a card posted by a Workflows webhook cannot use: nothing receives the submitted data.
const NO_RECEIVER = new Set(['Action.Submit', 'Action.Execute']);

class Findings {
  constructor() {
    this.items = [];
    this.flaggedTypes = new Set(); // element/action types already reported as unknown or too new
    this.missing = new Set(); // "Type.property" already reported as required and missing
  }
  error(path, message) {
    this.items.push({ severity: 'error', path, message });
  }
  warning(path, message) {
    this.items.push({ severity: 'warning', path, message });
  }
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const join = (path, key) => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

function versionOf(text) {
  const v = AC.Version.parse(String(text), new AC.SerializationContext());
  return v && v.isValid ? v : undefined;
}

/** The class, schema version and schema of a JSON object written as `kind` (element, action or a fixed type). */
function describe(json, kind) {
  const typeName = kind === ELEMENTS || kind === ACTIONS ? json.type : kind;
  if (kind === ELEMENTS || kind === ACTIONS) {
    const registry = kind === ELEMENTS ? AC.GlobalRegistry.elements : AC.GlobalRegistry.actions;
    const registration = typeof typeName === 'string' ? registry.findByName(typeName) : undefined;
    if (!registration) return { typeName };
    return { typeName, objectType: registration.objectType, schemaVersion: registration.schemaVersion };
  }
  return { typeName, objectType: UNREGISTERED[typeName], schemaVersion: AC.Versions.v1_0 };
}

function schemaProperties(instance) {
  const schema = instance.getSchema();
  const properties = new Map();
  for (let i = 0; i < schema.getCount(); i++) {
    const property = schema.getItemAt(i);
    properties.set(property.name, property);
  }
  return properties;
}

/** Lets the library parse one object on its own (its hand-parsed collections left out) and keeps its messages. */
function libraryParse(instance, json, typeName, path, declared, findings) {
  const shallow = { ...json };
  for (const key of Object.keys(CHILDREN[typeName] || {})) delete shallow[key];
  delete shallow.fallback;
  const context = new AC.SerializationContext(declared);
  instance.parse(shallow, context);
  for (let i = 0; i < context.eventCount; i++) {
    const { message } = context.getEventAt(i);
    if (/^Property "[^"]+" is supported in version/.test(message)) continue; // checkPropertyVersion says it with the path
    findings.error(path, message);
  }
}

function walkObject(json, kind, path, card, findings) {
  if (!isObject(json)) {
    findings.error(path, `expected an object, found ${JSON.stringify(json)}`);
    return;
  }
  const { typeName, objectType, schemaVersion } = describe(json, kind);
  if (kind === ELEMENTS || kind === ACTIONS) {
    if (json.type === undefined) {
      findings.error(path, `${kind === ELEMENTS ? 'element' : 'action'} has no "type"`);
      return;
    }
    if (!objectType) {
      findings.flaggedTypes.add(typeName);
      findings.error(path, `Unknown ${kind === ELEMENTS ? 'element' : 'action'} type "${typeName}"`
        + (kind === ELEMENTS && typeName in CHILDREN === false && AC.GlobalRegistry.actions.findByName(typeName)
          ? ' (an action, not an element)' : ''));
      return;
    }
  }
  if (!objectType) return; // a structure the library does not model: nothing to compare against
  if (schemaVersion && schemaVersion.compareTo(TEAMS_MAX_VERSION) > 0) {
    findings.flaggedTypes.add(typeName);
    findings.error(path, `${typeName} needs Adaptive Cards ${schemaVersion}; Teams renders up to ${TEAMS_MAX_VERSION}`);
    return; // its content means nothing to Teams
  } else if (schemaVersion && card.declared && schemaVersion.compareTo(card.declared) > 0) {
    findings.warning(path, `${typeName} is Adaptive Cards ${schemaVersion} but the card declares version ${card.declared}`);
  }
  if (NO_RECEIVER.has(typeName)) {
    findings.warning(path, `${typeName} does nothing in a card posted by a Workflows webhook (nothing receives its data); use Action.OpenUrl`);
  }
  const instance = new objectType();
  const properties = schemaProperties(instance);
  const children = CHILDREN[typeName] || {};
  for (const required of REQUIRED[typeName] || []) {
    if (json[required] === undefined || json[required] === null || json[required] === '') {
      findings.missing.add(`${typeName}.${required}`);
      findings.error(path, `${typeName} requires property "${required}"`);
    }
  }
  for (const [key, value] of Object.entries(json)) {
    const here = join(path, key);
    const property = properties.get(key);
    if (children[key]) {
      walkChildren(value, children[key], here, card, findings);
    } else if (key === 'fallback') {
      if (value !== 'drop') walkObject(value, kind, here, card, findings);
    } else if (property) {
      checkPropertyVersion(property, typeName, key, here, card, findings);
      walkProperty(property, value, here, card, findings);
    } else if (!ALWAYS_ALLOWED.has(key) && !(TEAMS_EXTENSIONS[typeName] || new Set()).has(key)) {
      findings.error(here, `unknown property "${key}" on ${typeName}` + suggestion(key, [...properties.keys(), ...Object.keys(children)]));
    }
  }
  // Parsed for Teams' version: features newer than the declared version are the warnings above, not errors.
  if (typeName !== 'AdaptiveCard') libraryParse(instance, json, typeName, path, TEAMS_MAX_VERSION, findings);
}

function checkPropertyVersion(property, typeName, key, path, card, findings) {
  const since = property.targetVersion;
  if (!since || !since.isValid) return;
  if (since.compareTo(TEAMS_MAX_VERSION) > 0) {
    findings.error(path, `${typeName}.${key} needs Adaptive Cards ${since}; Teams renders up to ${TEAMS_MAX_VERSION}`);
  } else if (card.declared && since.compareTo(card.declared) > 0) {
    findings.warning(path, `${typeName}.${key} is Adaptive Cards ${since} but the card declares version ${card.declared}`);
  }
}

function walkChildren(value, kind, path, card, findings) {
  if (kind === 'AdaptiveCard') {
    walkCard(value, path, findings);
    return;
  }
  if (!Array.isArray(value)) {
    findings.error(path, `expected an array, found ${typeof value}`);
    return;
  }
  value.forEach((item, i) => {
    // RichTextBlock inlines may be plain strings.
    if (kind === 'TextRun' && typeof item === 'string') return;
    walkObject(item, kind, join(path, i), card, findings);
  });
}

/** Objects inside schema properties: selectAction, facts, images, backgroundImage, columns of a Table. */
function walkProperty(property, value, path, card, findings) {
  if (property instanceof AC.ActionProperty) {
    walkObject(value, ACTIONS, path, card, findings);
  } else if (property instanceof AC.SerializableObjectCollectionProperty && Array.isArray(value)) {
    value.forEach((item, i) => walkTyped(property.objectType, item, join(path, i), card, findings));
  } else if (property instanceof AC.SerializableObjectProperty && isObject(value)) {
    walkTyped(property.objectType, value, path, card, findings);
  }
}

function walkTyped(objectType, json, path, card, findings) {
  if (!isObject(json)) {
    findings.error(path, `expected an object, found ${JSON.stringify(json)}`);
    return;
  }
  const instance = new objectType();
  const typeName = instance.getJsonTypeName ? instance.getJsonTypeName() : objectType.name;
  if (REQUIRED[typeName]) {
    for (const required of REQUIRED[typeName]) {
      if (json[required] === undefined || json[required] === null) findings.missing.add(`${typeName}.${required}`);
      if (json[required] === undefined || json[required] === null) findings.error(path, `${typeName} requires property "${required}"`);
    }
  }
  if (objectType === AC.HostCapabilities) return; // `requires` is a free map of feature -> version
  const properties = schemaProperties(instance);
  for (const [key, value] of Object.entries(json)) {
    const property = properties.get(key);
    if (!property && key !== 'type') {
      findings.error(join(path, key), `unknown property "${key}" on ${typeName}` + suggestion(key, [...properties.keys()]));
    } else if (property) {
      walkProperty(property, value, join(path, key), card, findings);
    }
  }
}

function suggestion(key, known) {
  const lower = key.toLowerCase();
  let best;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best ? ` (did you mean "${best}"?)` : '';
}

function distance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

function walkCard(json, path, findings, hostConfig) {
  if (!isObject(json)) {
    findings.error(path, `the card must be a JSON object, found ${typeof json === 'string' ? 'a string' : JSON.stringify(json)}`);
    return;
  }
  if (json.type !== 'AdaptiveCard') {
    findings.error(join(path, 'type'), `a card's type must be "AdaptiveCard", found ${JSON.stringify(json.type)}`);
    return;
  }
  const declared = json.version === undefined ? undefined : versionOf(json.version);
  if (json.version !== undefined && !declared) {
    findings.error(join(path, 'version'), `version ${JSON.stringify(json.version)} is not a version like "1.5"`);
  } else if (declared && declared.compareTo(TEAMS_MAX_VERSION) > 0) {
    findings.error(join(path, 'version'), `card version ${declared}: Teams renders Adaptive Cards up to ${TEAMS_MAX_VERSION}`);
  }
  walkObject(json, 'AdaptiveCard', path, { declared }, findings);

  // The whole card through the library: its parse messages not already reported, then validateProperties().
  const card = new AC.AdaptiveCard();
  if (hostConfig) card.hostConfig = hostConfig;
  const context = new AC.SerializationContext(TEAMS_MAX_VERSION);
  card.parse(json, context);
  // Messages already reported above, with their JSON path, are not repeated.
  const seen = new Set(findings.items.map((f) => f.message));
  for (let i = 0; i < context.eventCount; i++) {
    const { event, message } = context.getEventAt(i);
    const typeName = (message.match(/type "([^"]+)"/) || [])[1];
    const unknownType = event === AC.ValidationEvent.UnknownElementType || event === AC.ValidationEvent.UnknownActionType;
    if (seen.has(message) || (unknownType && findings.flaggedTypes.has(typeName))) continue;
    findings.error(path || 'card', message);
  }
  for (const { source, event, message } of card.validateProperties().validationEvents) {
    const typeName = source && source.getJsonTypeName ? source.getJsonTypeName() : undefined;
    const property = (message.match(/^Property "([^"]+)" must be set/) || [])[1];
    if (event === AC.ValidationEvent.PropertyCantBeNull && findings.missing.has(`${typeName}.${property}`)) continue;
    const where = path || 'card';
    findings.error(source && source.id ? `${where} (${typeName} "${source.id}")` : typeName ? `${where} (${typeName})` : where, message);
  }
}

// A Markdown link "[text](url)" whose "[" and "]" are not backslash-escaped: Teams renders it as a link.
const MARKDOWN_LINK = /(^|[^\\])\[[^\]]*\]\(/;

/**
 * Teams renders TextBlock text and Fact values as Markdown: text that holds a link would show as one, looking like
 * the card's own (a caller or tag value "[Open the full report](https://…)"). The card's links belong in
 * Action.OpenUrl; text from data must have its Markdown escaped.
 */
function findMarkdownLinks(json, path, findings) {
  if (Array.isArray(json)) {
    json.forEach((item, i) => findMarkdownLinks(item, `${path}[${i}]`, findings));
    return;
  }
  if (!isObject(json)) return;
  if (json.type === 'TextBlock' && typeof json.text === 'string' && MARKDOWN_LINK.test(json.text)) {
    findings.error(join(path, 'text'), 'TextBlock text renders a Markdown link: escape "[" and "]" in text from data (links belong in Action.OpenUrl)');
  }
  if (typeof json.title === 'string' && typeof json.value === 'string' && MARKDOWN_LINK.test(json.value)) {
    findings.error(join(path, 'value'), 'Fact value renders a Markdown link: escape "[" and "]" in text from data');
  }
  for (const [key, value] of Object.entries(json)) {
    if (isObject(value) || Array.isArray(value)) findMarkdownLinks(value, join(path, key), findings);
  }
}

/**
 * Validates a posted message (or bare card). `text` is the file as posted; `maxBytes` the size limit.
 * Returns {findings, cards: [{path, json}]} (the cards found, for rendering).
 */
function validateMessage(text, { maxBytes, hostConfig }) {
  const findings = new Findings();
  const cards = [];
  let json;
  try {
    json = JSON.parse(text);
  } catch (e) {
    findings.error('', `not JSON: ${e.message}`);
    return { findings: findings.items, cards };
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) {
    findings.error('', `the message is ${bytes} bytes; Teams accepts at most ${maxBytes} (about ${Math.round(maxBytes / 1024)} KB)`);
  }
  if (isObject(json) && json.type === 'AdaptiveCard') {
    cards.push({ path: '', json });
  } else if (!isObject(json) || json.type !== 'message') {
    findings.error('type', `expected a Teams message ({"type": "message", "attachments": [...]}) or an Adaptive Card, found type ${JSON.stringify(isObject(json) ? json.type : json)}`);
  } else if (!Array.isArray(json.attachments) || json.attachments.length === 0) {
    findings.error('attachments', 'a message needs a non-empty "attachments" array');
  } else {
    json.attachments.forEach((attachment, i) => {
      const path = `attachments[${i}]`;
      if (!isObject(attachment)) {
        findings.error(path, 'an attachment must be an object');
        return;
      }
      if (attachment.contentType !== CARD_CONTENT_TYPE) {
        findings.error(`${path}.contentType`, `must be "${CARD_CONTENT_TYPE}", found ${JSON.stringify(attachment.contentType)}`);
      }
      if (typeof attachment.content === 'string') {
        findings.error(`${path}.content`, 'the card must be a JSON object, not a string holding JSON');
      } else {
        cards.push({ path: `${path}.content`, json: attachment.content });
      }
    });
  }
  for (const card of cards) {
    walkCard(card.json, card.path, findings, hostConfig);
    findMarkdownLinks(card.json, card.path, findings);
  }
  return { findings: findings.items, cards: cards.filter((c) => isObject(c.json)) };
}

module.exports = { validateMessage, AC };
