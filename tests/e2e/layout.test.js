// The narrow layout end to end: a phone upright (390 × 844 CSS px, devicePixelRatio 3, touch) and
// on its side, and a tablet (820 × 1180), in English and in Chinese. Every view keeps its items
// inside the screen's width, every control a finger can hit is at least 44 CSS px tall, and the
// top bar's menu reaches every view by touch. Screenshots: build/e2e/layout-*.png.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { root, startServer, launchBrowser, openPage, waitFrames, touchscreen } = require('./harness');

const shots = path.join(root, 'build', 'e2e');
fs.mkdirSync(shots, { recursive: true });
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true };
const TABLET = { viewport: { width: 820, height: 1180 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true };
const VIEWS = ['neuron', 'network', 'backprop', 'mnist', 'playground', 'concepts'];
const centre = ([x0, y0, x1, y1]) => [(x0 + x1) / 2, (y0 + y1) / 2];
// The network diagram's labels (weights, biases, neurons) are drawn where the numbers sit; a finger
// hits them too, but their size is the text's. The Playground's links are lines: a finger picks the
// one nearest to it (within a font size), the dot on each is for scripts and the keyboard.
const inDiagram = (name) => /^(edge|bias|node|neuron) /.test(name) || /^playground\.edge /.test(name);

let server, browser, cleanup;
test.before(async () => {
  server = await startServer();
  ({ browser, cleanup } = await launchBrowser());
});
test.after(async () => { await cleanup?.(); server?.stop(); });

// The remembered items in CSS px (the app reports them in its framebuffer's pixels).
async function items(page) {
  const s = await page.evaluate(() => window.nnlab.state());
  const k = 1 / s.scale;
  const ui = {};
  for (const [name, r] of Object.entries(s.ui)) ui[name] = r.map((v) => v * k);
  return { s, ui };
}

function checkFits(ui, width, where) {
  const wide = Object.entries(ui).filter(([, r]) => r[0] < -0.5 || r[2] > width + 0.5);
  assert.deepEqual(wide.map(([n, r]) => `${n} ${r.map(Math.round)}`), [], `${where}: items past the screen's edge`);
}

function checkTargets(ui, where) {
  // Zero height: an item in a child scrolled out of sight, which ImGui skips (it has no size then).
  const small = Object.entries(ui).filter(([n, r]) => !inDiagram(n) && r[3] > r[1] && r[3] - r[1] < 43.5);
  assert.deepEqual(small.map(([n, r]) => `${n} ${Math.round(r[3] - r[1])} px`), [], `${where}: targets under 44 px`);
}

for (const lang of ['en', 'zh']) {
  test(`phone (${lang}): every view fits the width, its targets take a finger, and the menu reaches the others`, async () => {
    const context = await browser.newContext(PHONE);
    for (const view of VIEWS) {
      const { page, warnings } = await openPage(context, `${server.url}#view=${view}&lang=${lang}`);
      if (view === 'mnist') await page.waitForFunction(() => window.nnlab.state().mnist.data.ready, null, { timeout: 30000 });
      await waitFrames(page, 3);
      const { s, ui } = await items(page);
      assert.equal(s.lang, lang);
      assert.ok(ui['nav menu'], `${view}: the top bar's menu button is there`);
      assert.ok(!ui['nav ' + view], `${view}: no sidebar on a phone`);
      checkFits(ui, PHONE.viewport.width, `${view} ${lang}`);
      checkTargets(ui, `${view} ${lang}`);
      await page.screenshot({ path: path.join(shots, `layout-phone-${view}-${lang}.png`) });
      // The menu by touch: open it, tap the next view.
      const next = VIEWS[(VIEWS.indexOf(view) + 1) % VIEWS.length];
      const finger = await touchscreen(context, page, s.scale);
      await finger.tap(...centre(s.ui['nav menu']));
      await page.waitForFunction((v) => window.nnlab.state().ui['nav ' + v], next, { timeout: 5000 })
        .catch(() => assert.fail(`${view}: a tap on the menu button lists the views`));
      const menu = await items(page);
      checkFits(menu.ui, PHONE.viewport.width, `${view} ${lang} menu`);
      checkTargets(menu.ui, `${view} ${lang} menu`);
      if (view === 'neuron') await page.screenshot({ path: path.join(shots, `layout-phone-menu-${lang}.png`) });
      await finger.tap(...centre(menu.s.ui['nav ' + next]));
      await page.waitForFunction((v) => window.nnlab.state().view === v, next, { timeout: 5000 })
        .catch(() => assert.fail(`${view}: a tap on 'nav ${next}' in the menu opens it`));
      await waitFrames(page, 2);
      assert.ok(!(await items(page)).ui['nav ' + view], 'the menu closes once a view is chosen');
      assert.deepEqual(warnings.filter((w) => !/GL Driver Message/.test(w)), [], `${view}: console warnings`);
      await page.close();
    }
    await context.close();
  });
}

test('phone on its side: the top bar stays, every view fits 844 px; back upright it still fits', async () => {
  const context = await browser.newContext(PHONE);
  const { page } = await openPage(context, `${server.url}#view=mnist&lang=zh`);
  await page.setViewportSize({ width: 844, height: 390 });
  for (const view of VIEWS) {
    await page.evaluate((v) => window.nnlab.command('view ' + v), view);
    await page.waitForFunction((v) => window.nnlab.state().view === v, view);
    await waitFrames(page, 4);
    const { ui } = await items(page);
    assert.ok(ui['nav menu'], `${view}: 390 px tall is short: the top bar`);
    checkFits(ui, 844, `${view} on its side`);
    checkTargets(ui, `${view} on its side`);
    if (view === 'neuron') await page.screenshot({ path: path.join(shots, 'layout-phone-landscape-neuron-zh.png') });
  }
  await page.setViewportSize(PHONE.viewport);
  await waitFrames(page, 4);
  checkFits((await items(page)).ui, PHONE.viewport.width, 'upright again');
  await context.close();
});

test('tablet: the sidebar stays, the views fit, every target takes a finger', async () => {
  const context = await browser.newContext(TABLET);
  for (const lang of ['en', 'zh']) {
    for (const view of VIEWS) {
      const { page } = await openPage(context, `${server.url}#view=${view}&lang=${lang}`);
      await waitFrames(page, 3);
      const { ui } = await items(page);
      assert.ok(ui['nav ' + view] && !ui['nav menu'], `${view}: 820 px wide keeps the sidebar`);
      checkFits(ui, TABLET.viewport.width, `tablet ${view} ${lang}`);
      checkTargets(ui, `tablet ${view} ${lang}`);
      if (view === 'neuron' || view === 'mnist') await page.screenshot({ path: path.join(shots, `layout-tablet-${view}-${lang}.png`) });
      await page.close();
    }
  }
  await context.close();
});
