// Renders Adaptive Cards with Microsoft's adaptivecards library inside headless Chromium (the Debian package,
// driven by playwright-core; no browser is downloaded) and saves a PNG of each, as Teams would lay it out on a
// desktop (a 560 px wide message column). The page gets no network: a card that needs an image from the internet
// shows its alt text, as it would behind a proxy.
'use strict';
const fs = require('fs');

const CARD_WIDTH = 560;

function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']
    .filter(Boolean);
  return candidates.find((c) => {
    try {
      fs.accessSync(c, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Teams' markdown subset (bold, italic, links, bullet and numbered lists, line breaks) as HTML, with Markdown's
 * backslash escapes (a backslash before an ASCII punctuation mark shows that mark as itself, as Teams on the desktop
 * and the web show it): the cards escape text from data that way (`\<`, `\[`, `\*`, `1\.` at a line's start).
 */
function teamsMarkdown(text) {
  const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const inline = (s) => {
    // escaped marks are set aside (as NUL-delimited indexes) so that no Markdown rule below sees them
    const kept = [];
    const marked = s.replace(/\\([!-\/:-@[-`{-~])/g, (m, c) => `\u0000${kept.push(c) - 1}\u0000`);
    return escape(marked)
      .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, '<a href="$2">$1</a>')
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|[^\w*])[*_]([^*_]+)[*_](?=$|[^\w*])/g, '$1<em>$2</em>')
      .replace(/\u0000(\d+)\u0000/g, (m, i) => escape(kept[Number(i)]));
  };
  const html = [];
  let list = null;
  for (const line of text.split(/\r?\n/)) {
    const bullet = line.match(/^\s*[-*]\s+(.*)$/);
    const numbered = line.match(/^\s*\d+\.\s+(.*)$/);
    const kind = bullet ? 'ul' : numbered ? 'ol' : null;
    if (list && kind !== list) {
      html.push(`</${list}>`);
      list = null;
    }
    if (kind) {
      if (!list) html.push(`<${kind}>`);
      list = kind;
      html.push(`<li>${inline((bullet || numbered)[1])}</li>`);
    } else {
      html.push(`<p>${inline(line)}</p>`);
    }
  }
  if (list) html.push(`</${list}>`);
  return html.join('');
}

/** Renders each card to its PNG; returns one error message per card that failed (empty when all rendered). */
async function renderCards(jobs, hostConfigJson) {
  const executablePath = chromiumPath();
  if (!executablePath) {
    throw Object.assign(new Error('no Chromium found (apt-get install -y chromium, or set CHROMIUM_PATH)'), { usage: true });
  }
  const { chromium } = require('playwright-core');
  const library = require.resolve('adaptivecards/dist/adaptivecards.min.js');
  // playwright gives the browser a fresh temporary profile of its own, removed on close.
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const errors = [];
  try {
    const page = await browser.newPage({ viewport: { width: CARD_WIDTH + 40, height: 400 }, deviceScaleFactor: 1 });
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>
      body { margin: 0; padding: 20px; background: #F5F5F5; }
      #card { width: ${CARD_WIDTH}px; background: #FFFFFF; border-radius: 6px; box-shadow: 0 1px 2px rgba(0,0,0,.15); overflow: hidden; }
      #card p { margin: 0; } #card ul, #card ol { margin: 0; padding-left: 20px; }
      #card a { color: #5B5FC7; }
      #card .ac-pushButton { font-family: 'Segoe UI', 'Liberation Sans', Arial, sans-serif; font-size: 14px; font-weight: 600; color: #242424; background: #FFFFFF;
        border: 1px solid #D1D1D1; border-radius: 4px; padding: 5px 12px; min-height: 32px; cursor: pointer; }
      </style></head><body><div id="card"></div></body></html>`);
    await page.addScriptTag({ path: library });
    await page.evaluate(`window.teamsMarkdown = ${teamsMarkdown.toString()};`);
    for (const job of jobs) {
      pageErrors.length = 0;
      const outcome = await page.evaluate(({ card, hostConfig }) => {
        const target = document.getElementById('card');
        target.innerHTML = '';
        const ac = new AdaptiveCards.AdaptiveCard();
        ac.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
        AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
          result.outputHtml = window.teamsMarkdown(text);
          result.didProcess = true;
        };
        ac.parse(card);
        const element = ac.render();
        if (!element) return { error: 'the library rendered nothing' };
        target.appendChild(element);
        const text = element.innerText || '';
        return { height: target.getBoundingClientRect().height, text };
      }, { card: job.card, hostConfig: hostConfigJson });
      if (outcome.error || pageErrors.length) {
        errors.push(`${job.name}: render failed: ${outcome.error || pageErrors.join('; ')}`);
        continue;
      }
      if (outcome.height < 10 || outcome.text.trim() === '') {
        errors.push(`${job.name}: the card rendered empty (${Math.round(outcome.height)} px high, no text)`);
        continue;
      }
      await page.setViewportSize({ width: CARD_WIDTH + 40, height: Math.ceil(outcome.height) + 40 });
      await page.locator('#card').screenshot({ path: job.png });
      if (job.html) fs.writeFileSync(job.html, await page.locator('#card').innerHTML());
    }
  } finally {
    await browser.close();
  }
  return errors;
}

module.exports = { renderCards, chromiumPath };
