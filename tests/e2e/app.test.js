// Browser end-to-end: the built page in Debian's Chromium (SwiftShader WebGL2), driven like a user.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { root, startServer, launchBrowser, openPage, decodePng, pixelStats } = require('./harness');

const shots = path.join(root, 'build', 'e2e');
fs.mkdirSync(shots, { recursive: true });
const close = (a, b, tol = 1e-4) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

let server, browser, cleanup;
test.before(async () => {
  server = await startServer();
  ({ browser, cleanup } = await launchBrowser());
});
test.after(async () => { await cleanup?.(); server?.stop(); });

async function openApp(hash = '', viewport = { width: 1280, height: 800 }, scale = 1) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: scale });
  const { page, warnings } = await openPage(context, server.url + hash);
  return { page, context, warnings };
}

test('first frame draws the umbrella neuron with the core\'s numbers', async () => {
  const { page, context } = await openApp();
  const s = await page.evaluate(() => window.nnlab.state());
  assert.equal(s.view, 'neuron');
  assert.equal(s.build.platform, 'web');
  assert.equal(s.build.simd, 'wasm128');
  assert.equal(s.build.simd_active, true);
  assert.deepEqual(s.neuron.terms, [-5, 2]);
  assert.equal(s.neuron.z, -2);
  assert.equal(s.neuron.a, 0);
  assert.equal(s.neuron.decision, 'no umbrella');
  const file = path.join(shots, 'web-neuron.png');
  await page.screenshot({ path: file });
  const stats = pixelStats(decodePng(fs.readFileSync(file)));
  assert.ok(stats.colours > 30, `canvas looks blank: ${stats.colours} colours`);
  assert.ok(stats.stddev > 8, `canvas looks blank: luminance stddev ${stats.stddev}`);
  await context.close();
});

test('dragging the w1 slider with the mouse changes z as the core computes it', async () => {
  const { page, context } = await openApp();
  const before = await page.evaluate(() => window.nnlab.state());
  const [x0, y0, x1, y1] = before.ui.w1;  // framebuffer pixels; deviceScaleFactor is 1 here
  const y = (y0 + y1) / 2, grab = x0 + (x1 - x0) * ((before.neuron.w1 + 3) / 6);
  await page.mouse.move(grab, y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(grab + i * 12, y);
  await page.mouse.up();
  await page.waitForFunction((w) => window.nnlab.state().neuron.w1 !== w, before.neuron.w1);
  const s = await page.evaluate(() => window.nnlab.state());
  const n = s.neuron;
  assert.ok(n.w1 > before.neuron.w1, `w1 should grow when dragged right: ${before.neuron.w1} → ${n.w1}`);
  assert.ok(close(n.terms[0], n.w1 * n.x1), `w1·x1 = ${n.terms[0]}`);
  assert.ok(close(n.z, n.w1 * n.x1 + n.w2 * n.x2 + n.b), `z = ${n.z}`);
  assert.ok(close(n.a, Math.max(0, n.z)), `ReLU(z) = ${n.a}`);
  assert.notEqual(n.z, before.neuron.z);
  // The URL follows the edit, so the situation can be shared.
  const hash = new URLSearchParams((await page.evaluate(() => location.hash)).slice(1));
  assert.equal(Math.fround(Number(hash.get('w1'))), n.w1, 'the URL carries the exact new w1');
  await page.screenshot({ path: path.join(shots, 'web-neuron-dragged.png') });
  await context.close();
});

test('a deep link selects the view and its parameters', async () => {
  const { page, context } = await openApp('#view=neuron&x1=10&x2=1&w1=0.5&w2=2&b=1&act=sigmoid');
  const n = (await page.evaluate(() => window.nnlab.state())).neuron;
  assert.equal(n.w1, 0.5);
  assert.equal(n.act, 'sigmoid');
  assert.equal(n.z, 8);
  assert.ok(close(n.a, 1 / (1 + Math.exp(-8))));
  assert.equal(n.decision, 'take an umbrella');
  // A hash change after load (the user edits the URL) is applied too.
  await page.evaluate(() => { location.hash = '#view=neuron&w1=-1&act=step'; });
  await page.waitForFunction(() => window.nnlab.state().neuron.act === 'step');
  const m = (await page.evaluate(() => window.nnlab.state())).neuron;
  assert.equal(m.z, -1 * 10 + 2 * 1 + 1);
  assert.equal(m.a, 0);
  await context.close();
});

test('malformed link values are ignored with a console warning, never a crash', async () => {
  const { page, context, warnings } = await openApp('#view=neuron&w1=abc&bogus&b=1e999&act=nope&view=nowhere');
  const s = await page.evaluate(() => window.nnlab.state());
  assert.equal(s.view, 'neuron');
  assert.equal(s.neuron.w1, -0.5);
  assert.equal(s.neuron.b, 1);
  assert.equal(s.neuron.act, 'relu');
  assert.ok(warnings.some((w) => /w1=abc/.test(w)), 'a warning names the bad value: ' + warnings.join(' | '));
  await context.close();
});

test('window.nnlab.command performs actions and reports errors readably', async () => {
  const { page, context } = await openApp();
  assert.equal(await page.evaluate(() => window.nnlab.command('set w1 0.25')), '');
  assert.equal(await page.evaluate(() => window.nnlab.state().neuron.w1), 0.25);
  assert.match(await page.evaluate(() => window.nnlab.command('set w1 NaN')), /not a finite number/);
  assert.match(await page.evaluate(() => window.nnlab.command('fly away')), /unknown command/);
  assert.equal(await page.evaluate(() => window.nnlab.state().neuron.w1), 0.25);
  assert.equal(await page.evaluate(() => window.nnlab.command('view concepts')), '');
  assert.equal(await page.evaluate(() => window.nnlab.state().view), 'concepts');
  await context.close();
});

test('HiDPI: the canvas backing store follows devicePixelRatio and the UI scales with it', async () => {
  const { page, context } = await openApp('', { width: 900, height: 600 }, 2);
  const size = await page.evaluate(() => ({ w: document.getElementById('canvas').width, h: document.getElementById('canvas').height }));
  assert.deepEqual(size, { w: 1800, h: 1200 });
  assert.equal(await page.evaluate(() => window.nnlab.state().scale), 2);
  await page.setViewportSize({ width: 700, height: 500 });
  await page.waitForFunction(() => document.getElementById('canvas').width === 1400);
  await context.close();
});

test('a window exactly the size of the screen (F11, kiosks) gets a canvas of its own size', async () => {
  // Emscripten's GLFW reads "resize to the screen's size" as a fullscreen request and kept the
  // old 1280×800 canvas, stretched into the window.
  const context = await browser.newContext({ viewport: { width: 640, height: 400 }, screen: { width: 640, height: 400 } });
  const { page } = await openPage(context, server.url);
  const size = await page.evaluate(() => ({ w: document.getElementById('canvas').width, h: document.getElementById('canvas').height }));
  assert.deepEqual(size, { w: 640, h: 400 });
  await context.close();
});

test('without WebGL2 the page explains what is missing instead of staying blank', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
      return kind === 'webgl2' ? null : original.call(this, kind, ...rest);
    };
  });
  await page.goto(server.url);
  await page.waitForSelector('#error:not([hidden])');
  assert.match(await page.textContent('#error-text'), /WebGL2/);
  await context.close();
});
