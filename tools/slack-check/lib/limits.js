// Block Kit limits Slack enforces when it accepts a message (it answers invalid_blocks, or truncates), which the
// TypeScript types cannot express: counts, lengths, uniqueness, a fallback text for notifications.
// Source: Slack's Block Kit reference (https://docs.slack.dev/reference/block-kit/blocks) and the
// chat.postMessage text guidance (https://docs.slack.dev/reference/methods/chat.postMessage).
'use strict';

const MAX_BLOCKS = 50;
const MAX_MESSAGE_TEXT = 40000;
const LIMITS = {
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonUrl: 3000,
  buttonValue: 2000,
  blockId: 255,
  actionId: 255,
  imageUrl: 3000,
  imageAltText: 2000,
  markdownBlockText: 12000,
};

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function checkBlocks(blocks, where, problems) {
  if (!Array.isArray(blocks)) return;
  if (blocks.length > MAX_BLOCKS) problems.push([where, `${blocks.length} blocks; a message may have at most ${MAX_BLOCKS}`]);
  const blockIds = new Map();
  blocks.forEach((block, i) => {
    const path = `${where}[${i}]`;
    if (!isObject(block)) return;
    if (typeof block.block_id === 'string') {
      if (block.block_id.length > LIMITS.blockId) {
        problems.push([`${path}.block_id`, `block_id is ${block.block_id.length} characters; maximum is ${LIMITS.blockId}`]);
      }
      if (blockIds.has(block.block_id)) {
        problems.push([`${path}.block_id`, `duplicate block_id "${block.block_id}" (also ${blockIds.get(block.block_id)})`]);
      } else {
        blockIds.set(block.block_id, path);
      }
    }
    checkBlock(block, path, problems);
  });
}

function textLength(textObject) {
  return isObject(textObject) && typeof textObject.text === 'string' ? [...textObject.text].length : 0;
}

function checkTextObject(textObject, path, problems) {
  if (isObject(textObject) && typeof textObject.text === 'string' && textObject.text.trim() === '') {
    problems.push([`${path}.text`, 'text object is empty; Slack rejects an empty text']);
  }
}

function checkBlock(block, path, problems) {
  switch (block.type) {
    case 'section': {
      if (block.text === undefined && block.fields === undefined) problems.push([path, 'a section needs text or fields']);
      checkTextObject(block.text, `${path}.text`, problems);
      const n = textLength(block.text);
      if (n > LIMITS.sectionText) problems.push([`${path}.text.text`, `section text is ${n} characters; maximum is ${LIMITS.sectionText}`]);
      if (Array.isArray(block.fields)) {
        if (block.fields.length > LIMITS.sectionFields) {
          problems.push([`${path}.fields`, `${block.fields.length} fields; maximum is ${LIMITS.sectionFields}`]);
        }
        block.fields.forEach((field, j) => {
          checkTextObject(field, `${path}.fields[${j}]`, problems);
          const m = textLength(field);
          if (m > LIMITS.fieldText) problems.push([`${path}.fields[${j}].text`, `section field text is ${m} characters; maximum is ${LIMITS.fieldText}`]);
        });
      }
      if (isObject(block.accessory)) checkElement(block.accessory, `${path}.accessory`, problems);
      break;
    }
    case 'header': {
      if (!isObject(block.text) || block.text.type !== 'plain_text') {
        problems.push([`${path}.text`, 'header must be a plain_text object (no mrkdwn in a header)']);
      }
      checkTextObject(block.text, `${path}.text`, problems);
      const n = textLength(block.text);
      if (n > LIMITS.headerText) problems.push([`${path}.text.text`, `header text is ${n} characters; maximum is ${LIMITS.headerText}`]);
      break;
    }
    case 'context':
      if (Array.isArray(block.elements)) {
        if (block.elements.length > LIMITS.contextElements) {
          problems.push([`${path}.elements`, `${block.elements.length} elements; a context block allows at most ${LIMITS.contextElements}`]);
        }
        block.elements.forEach((e, j) => checkTextObject(e, `${path}.elements[${j}]`, problems));
      }
      break;
    case 'actions':
      if (Array.isArray(block.elements)) {
        if (block.elements.length > LIMITS.actionsElements) {
          problems.push([`${path}.elements`, `${block.elements.length} elements; an actions block allows at most ${LIMITS.actionsElements}`]);
        }
        const actionIds = new Set();
        block.elements.forEach((e, j) => {
          const here = `${path}.elements[${j}]`;
          if (!isObject(e)) return;
          if (typeof e.action_id === 'string') {
            if (actionIds.has(e.action_id)) problems.push([`${here}.action_id`, `duplicate action_id "${e.action_id}" in one block`]);
            actionIds.add(e.action_id);
          }
          checkElement(e, here, problems);
        });
      }
      break;
    case 'image':
      if (typeof block.image_url === 'string' && block.image_url.length > LIMITS.imageUrl) {
        problems.push([`${path}.image_url`, `image_url is ${block.image_url.length} characters; maximum is ${LIMITS.imageUrl}`]);
      }
      if (typeof block.alt_text === 'string' && block.alt_text.length > LIMITS.imageAltText) {
        problems.push([`${path}.alt_text`, `alt_text is ${block.alt_text.length} characters; maximum is ${LIMITS.imageAltText}`]);
      }
      break;
    case 'markdown':
      if (typeof block.text === 'string' && block.text.length > LIMITS.markdownBlockText) {
        problems.push([`${path}.text`, `markdown block text is ${block.text.length} characters; maximum is ${LIMITS.markdownBlockText}`]);
      }
      break;
    default:
      break;
  }
}

function checkElement(element, path, problems) {
  if (typeof element.action_id === 'string' && element.action_id.length > LIMITS.actionId) {
    problems.push([`${path}.action_id`, `action_id is ${element.action_id.length} characters; maximum is ${LIMITS.actionId}`]);
  }
  if (element.type === 'button') {
    checkTextObject(element.text, `${path}.text`, problems);
    const n = textLength(element.text);
    if (n > LIMITS.buttonText) problems.push([`${path}.text.text`, `button text is ${n} characters; maximum is ${LIMITS.buttonText}`]);
    if (typeof element.url === 'string' && element.url.length > LIMITS.buttonUrl) {
      problems.push([`${path}.url`, `button url is ${element.url.length} characters; maximum is ${LIMITS.buttonUrl}`]);
    }
    if (typeof element.value === 'string' && element.value.length > LIMITS.buttonValue) {
      problems.push([`${path}.value`, `button value is ${element.value.length} characters; maximum is ${LIMITS.buttonValue}`]);
    }
  }
}

/** Limit problems of one parsed body, as [path, message] pairs. */
function limitProblems(body) {
  const problems = [];
  if (!isObject(body)) return [['(body)', 'a webhook body must be a JSON object']];
  const hasBlocks = Array.isArray(body.blocks) && body.blocks.length > 0;
  const hasAttachments = Array.isArray(body.attachments) && body.attachments.length > 0;
  if (typeof body.text !== 'string' || body.text.trim() === '') {
    const what = typeof body.text === 'string' ? 'the top-level text is blank' : 'no top-level text';
    problems.push(['text', hasBlocks || hasAttachments
      ? `${what}: notifications, screen readers and old clients show nothing (give a fallback text)`
      : 'the message has no text and no blocks: Slack answers no_text']);
  } else if (body.text.length > MAX_MESSAGE_TEXT) {
    problems.push(['text', `text is ${body.text.length} characters; Slack truncates after ${MAX_MESSAGE_TEXT}`]);
  }
  checkBlocks(body.blocks, 'blocks', problems);
  if (Array.isArray(body.attachments)) {
    body.attachments.forEach((a, i) => isObject(a) && checkBlocks(a.blocks, `attachments[${i}].blocks`, problems));
  }
  return problems;
}

module.exports = { limitProblems, LIMITS, MAX_BLOCKS };
