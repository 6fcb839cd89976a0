// The Playground end to end: in Chromium (SwiftShader WebGL2) with the mouse on a desktop-sized
// page and with a finger on a phone (real touch events), and in the desktop app under Xvfb. A
// learner adds a point, plays, taps a neuron, inspects a pixel and opens its hand calculation; the
// GPU's map is read back and compared with the core's; a link with weights reproduces the test
// loss. Screenshots: build/e2e/web-playground*.png, desktop-playground.png.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { root, startServer, launchBrowser, openPage, waitFrames, touchscreen, decodePng, pixelStats } = require('./harness');
const { desktopEnv } = require('./desktop_env');

const shots = path.join(root, 'build', 'e2e');
fs.mkdirSync(shots, { recursive: true });
const desktop = process.env.NNLAB_DESKTOP || path.join(root, 'build', 'native', 'nnlab');
const centre = ([x0, y0, x1, y1]) => [(x0 + x1) / 2, (y0 + y1) / 2];
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const DESKTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true };
// What software WebGL says about reading pixels back (the page's compositor and `check map` do).
const benign = (w) => /GPU stall due to ReadPixels/.test(w);

let server, browser, cleanup;
test.before(async () => {
  server = await startServer();
  ({ browser, cleanup } = await launchBrowser());
});
test.after(async () => { await cleanup?.(); server?.stop(); });

async function open(options, hash) {
  const context = await browser.newContext(options);
  const { page, warnings } = await openPage(context, server.url + hash);
  const state = () => page.evaluate(() => window.nnlab.state());
  // framebuffer pixels (state().ui) per CSS pixel: the page draws at most 2 per CSS pixel
  const ratio = await page.evaluate(() => { const c = document.getElementById('canvas'); return c.width / c.getBoundingClientRect().width; });
  return { context, page, warnings, state, ratio };
}

async function ui(state, name) {
  const s = await state();
  assert.ok(s.ui[name], `no widget '${name}' on screen: ${Object.keys(s.ui).filter((k) => k.startsWith('playground')).join(', ')}`);
  return s.ui[name];
}

// A mouse click like a person's: move, press, release, with frames in between.
async function click(page, state, name, ratio, at = null) {
  await reveal(page, state, null, name);
  const r = await ui(state, name);
  const [x, y] = at ? [r[0] + at[0] * (r[2] - r[0]), r[1] + at[1] * (r[3] - r[1])] : centre(r);
  await page.mouse.move(x / ratio, y / ratio);
  await waitFrames(page, 2);
  await page.mouse.down();
  await waitFrames(page, 2);
  await page.mouse.up();
  await waitFrames(page, 2);
}

// A spot of the content where no item is (text or space: a finger there scrolls), away from every
// item's rectangle by more than the touch layer's extra reach; null if none.
function blankSpot(s, w, h) {
  const clear = (x, y) => Object.entries(s.ui).every(([n, r]) => n.startsWith('nav') || n.startsWith('lang') ||
    x < r[0] - 16 || x > r[2] + 16 || y < r[1] - 16 || y > r[3] + 16);
  for (let y = h * 0.3; y <= h * 0.7; y += h / 40)
    for (const x of [w * 0.8, w * 0.5, w * 0.65, w * 0.35])
      if (clear(x, y)) return [x, y];
  return null;
}

// Scrolls the content until `name` is well on screen: the phone's single column is taller than the
// screen. With a finger, a slow drag from a blank spot (a press on text or space scrolls), held
// still before it lifts so it does not fly on; with the mouse, its wheel.
async function reveal(page, state, finger, name) {
  const [w, h] = await page.evaluate(() => [document.getElementById('canvas').width, document.getElementById('canvas').height]);
  const ratio = await page.evaluate(() => { const c = document.getElementById('canvas'); return c.width / c.getBoundingClientRect().width; });
  for (let i = 0; i < 40; i++) {
    const s = await state();
    const r = s.ui[name];
    const top = Math.max(h * 0.04, s.ui['nav menu'] ? s.ui['nav menu'][3] + 20 : 0);  // below the phone's top bar
    if (r && r[1] >= top && r[3] <= h * 0.85) return;
    const down = !r || r[3] > h * 0.85;  // the item is below: the content moves up
    const spot = finger && blankSpot(s, w, h);
    if (spot) {
      const distance = Math.min(r ? Math.abs((r[1] + r[3]) / 2 - h / 2) : h * 0.4, h * 0.4);
      const steps = Math.max(2, Math.ceil(distance / 80));
      await finger.stroke(Array.from({ length: steps + 1 }, (_, k) => [spot[0], spot[1] + (down ? -1 : 1) * distance * k / steps]), 30, true);
      await pause(150);
      await finger.up();
    } else {  // no blank spot on this screen (or no finger): the wheel
      await page.mouse.move(w / ratio / 2, h / ratio / 2);
      await page.mouse.wheel(0, down ? 250 : -250);
    }
    await waitFrames(page, 3);
  }
  assert.fail(`could not scroll '${name}' into view`);
}

test('browser, mouse: add a point, play, a neuron, a pixel and its hand calculation; the GPU map is the core\'s', { timeout: 240000 }, async () => {
  const { context, page, warnings, state, ratio } = await open(DESKTOP, '#view=playground&lang=en');
  let s = await state();
  assert.equal(s.view, 'playground');
  assert.equal(s.playground.data, 'circle');
  assert.equal(s.playground.point_count, 500);
  assert.equal(s.playground.train_count, 250);
  assert.equal(s.playground.network.shape, '2-4-2-1');
  for (const name of ['nav playground', 'playground.play', 'playground.step', 'playground.reset', 'playground.plot',
    'playground.tile 0 1', 'playground.tile 1 1', 'playground.tile 2 2', 'playground.tile 3 1', 'playground.edge 1 1 1'])
    assert.ok(s.ui[name], name);

  // the GPU's map, read back, against the core's evaluation
  assert.equal(await page.evaluate(() => window.nnlab.command('check map')), '');
  s = await state();
  assert.equal(s.playground.map_check.samples, 64);
  assert.ok(s.playground.map_check.colour <= 2, JSON.stringify(s.playground.map_check));
  assert.ok(s.playground.map_check.value <= 1e-5, JSON.stringify(s.playground.map_check));

  // a point of class +1 (blue) where the orange ring is
  await click(page, state, 'playground.tool add', ratio);
  await click(page, state, 'playground.class 1', ratio);
  await click(page, state, 'playground.plot', ratio, [0.75, 0.5]);  // (3, 0): between the disc and the ring
  s = await state();
  assert.equal(s.playground.point_count, 501);
  const added = s.playground.points[500];
  assert.ok(Math.abs(added[0] - 3) < 0.3 && Math.abs(added[1]) < 0.3, JSON.stringify(added));
  assert.equal(added[2], 1);
  assert.equal(added[3], 0);

  // Play with the mouse; the test loss falls; Pause
  const loss0 = s.playground.test_loss;
  await page.evaluate(() => window.nnlab.command('set speed 300'));
  await click(page, state, 'playground.play', ratio);
  await page.waitForFunction(() => window.nnlab.state().playground.epoch >= 60, null, { timeout: 60000 });
  await click(page, state, 'playground.pause', ratio);
  s = await state();
  assert.equal(s.playground.playing, false);
  assert.ok(s.playground.test_loss < loss0, `test loss ${loss0} → ${s.playground.test_loss}`);
  assert.ok(s.playground.history.length > 2);

  // a neuron: hovering shows its map in the plot, a click keeps it there
  const tile = await ui(state, 'playground.tile 1 2');
  await page.mouse.move(...centre(tile).map((v) => v / ratio));
  await waitFrames(page, 3);
  s = await state();
  assert.deepEqual(s.playground.hover, [0, 1]);
  await click(page, state, 'playground.tile 1 2', ratio);
  s = await state();
  assert.equal(s.playground.selection.kind, 'neuron');
  assert.deepEqual(s.playground.focus, [0, 1]);
  await page.screenshot({ path: path.join(shots, 'web-playground-neuron.png') });

  // inspect a pixel, then its hand calculation in the Network view
  await click(page, state, 'playground.tool inspect', ratio);
  await click(page, state, 'playground.plot', ratio, [0.3, 0.35]);
  s = await state();
  assert.ok(s.playground.output_at, 'the plot was probed');
  const probe = s.playground.output_at;
  assert.ok(Math.abs(probe.x - (-2.4)) < 0.2 && Math.abs(probe.y - 1.8) < 0.2, JSON.stringify(probe));
  await page.screenshot({ path: path.join(shots, 'web-playground.png') });
  await click(page, state, 'playground.hand', ratio);
  await page.waitForFunction(() => window.nnlab.state().view === 'network', null, { timeout: 20000 });
  s = await state();
  assert.equal(s.network.lesson, 'custom');
  assert.equal(s.network.shape, '2-4-2-1');
  assert.deepEqual(s.network.x, probe.features);
  assert.ok(Math.abs(s.network.output[0] - probe.output[0]) <= 1e-6, `${s.network.output[0]} vs ${probe.output[0]}`);
  await page.screenshot({ path: path.join(shots, 'web-playground-hand.png') });

  // back: the link with weights reproduces the same test loss in a new page
  assert.equal(await page.evaluate(() => window.nnlab.command('view playground')), '');
  s = await state();
  assert.equal(s.playground.link_has_weights, true);
  const { page: other, state: otherState } = await open(DESKTOP, s.link.replace(/&lang=\w+/, '') + '&lang=en');
  const t = await otherState();
  assert.equal(t.playground.test_loss, s.playground.test_loss);
  assert.equal(t.playground.point_count, 501);
  await other.context().close();
  assert.deepEqual(warnings.filter((w) => !benign(w)), []);
  await context.close();
});

test('browser, Chinese: the same Playground in Chinese, with its numbers', { timeout: 120000 }, async () => {
  const { context, page, state } = await open(DESKTOP, '#view=playground&lang=zh&data=spiral3&loss=cross-entropy&net=8,8&features=x1,x2,x1sq,x2sq,sinx1,sinx2&opt=adam');
  await page.waitForFunction(() => window.nnlab.state().lang === 'zh', null, { timeout: 30000 });
  for (let i = 0; i < 40; i++) await page.evaluate(() => window.nnlab.command('train step'));
  await page.evaluate(() => window.nnlab.command('probe 2 -1'));
  await waitFrames(page, 5);
  const s = await state();
  assert.equal(s.playground.classes, 3);
  assert.ok(s.playground.test_accuracy > 0.5, `accuracy ${s.playground.test_accuracy}`);
  const shot = path.join(shots, 'web-playground-zh.png');
  await page.screenshot({ path: shot });
  const stats = pixelStats(decodePng(fs.readFileSync(shot)));
  assert.ok(stats.colours > 60, `screenshot looks blank: ${stats.colours} colours`);
  await context.close();
});

test('phone, touch: one column, the plot at the width; add a point, play, tap a neuron, the hand calculation', { timeout: 240000 }, async () => {
  const { context, page, warnings, state, ratio } = await open(PHONE, '#view=playground&lang=en');
  const finger = await touchscreen(context, page, ratio);
  let s = await state();
  const plot = s.ui['playground.plot'];
  const content = s.ui['playground.epoch'];
  assert.ok(plot, 'the plot is on screen');
  const canvasWidth = await page.evaluate(() => document.getElementById('canvas').width);
  const width = plot[2] - plot[0];
  assert.ok(width >= 200 * ratio * 0.9 || width >= (canvasWidth - plot[0]) * 0.85, `plot ${width} px wide in ${canvasWidth}`);
  assert.ok(Math.abs((plot[3] - plot[1]) - width) < 2, 'the plot is square');
  assert.ok(content, 'the toolbar is there');
  await page.screenshot({ path: path.join(shots, 'web-playground-phone.png') });

  // the add tool: a tap adds a point, holding it still deletes it again
  await reveal(page, state, finger, 'playground.tool add');
  await finger.tap(...centre(await ui(state, 'playground.tool add')));
  await waitFrames(page, 3);
  assert.equal((await state()).playground.tool, 'add');
  await reveal(page, state, finger, 'playground.plot');
  const p = await ui(state, 'playground.plot');
  const at = [p[0] + 0.5 * (p[2] - p[0]), p[1] + 0.25 * (p[3] - p[1])];  // (0, 3): between the disc and the ring
  await finger.tap(...at);
  await page.waitForFunction(() => window.nnlab.state().playground.point_count === 501, null, { timeout: 10000 });
  s = await state();
  const added = s.playground.points[500];
  assert.ok(Math.abs(added[0]) < 0.4 && Math.abs(added[1] - 3) < 0.4, JSON.stringify(added));
  await finger.down(...at);
  await pause(900);
  await waitFrames(page, 3);
  await finger.up();
  await page.waitForFunction(() => window.nnlab.state().playground.point_count === 500, null, { timeout: 10000 })
    .catch(async () => assert.fail('a long press on the point deletes it: ' + (await state()).playground.point_count));

  // play by touch
  await page.evaluate(() => window.nnlab.command('set speed 300'));
  await reveal(page, state, finger, 'playground.play');
  await finger.tap(...centre(await ui(state, 'playground.play')));
  await page.waitForFunction(() => window.nnlab.state().playground.epoch >= 20, null, { timeout: 60000 });
  await finger.tap(...centre(await ui(state, 'playground.pause')));
  await page.waitForFunction(() => !window.nnlab.state().playground.playing, null, { timeout: 10000 })
    .catch(() => assert.fail('a tap on Pause pauses'));

  // tap a neuron: its map fills the plot
  await reveal(page, state, finger, 'playground.tile 1 1');
  await finger.tap(...centre(await ui(state, 'playground.tile 1 1')));
  await waitFrames(page, 3);
  s = await state();
  assert.equal(s.playground.selection.kind, 'neuron');
  assert.deepEqual(s.playground.focus, [0, 0]);

  // inspect a pixel by touch and open its hand calculation
  await reveal(page, state, finger, 'playground.tool inspect');
  await finger.tap(...centre(await ui(state, 'playground.tool inspect')));
  await reveal(page, state, finger, 'playground.plot');
  const q = await ui(state, 'playground.plot');
  await finger.tap(q[0] + 0.7 * (q[2] - q[0]), q[1] + 0.6 * (q[3] - q[1]));
  await page.waitForFunction(() => window.nnlab.state().playground.output_at !== null, null, { timeout: 10000 });
  const probe = (await state()).playground.output_at;
  // a finger's swipe on the plot (the inspect tool takes only taps) scrolls the page, inspects nothing
  const before = await ui(state, 'playground.plot');
  const h = before[3] - before[1], x = before[0] + 0.5 * (before[2] - before[0]);
  await finger.stroke(Array.from({ length: 12 }, (_, i) => [x, before[1] + (0.8 - 0.05 * i) * h]));
  await waitFrames(page, 20);
  const after = await ui(state, 'playground.plot');
  assert.ok(before[1] - after[1] > 0.2 * h, `a swipe up on the plot scrolls the page: ${before[1]} → ${after[1]}`);
  const still = (await state()).playground.output_at;
  assert.deepEqual([still.x, still.y], [probe.x, probe.y], 'the swipe moved no probe');
  await reveal(page, state, finger, 'playground.hand');
  await page.screenshot({ path: path.join(shots, 'web-playground-phone-probe.png') });
  await finger.tap(...centre(await ui(state, 'playground.hand')));
  await page.waitForFunction(() => window.nnlab.state().view === 'network', null, { timeout: 20000 });
  s = await state();
  assert.ok(Math.abs(s.network.output[0] - probe.output[0]) <= 1e-6);
  assert.deepEqual(warnings.filter((w) => !benign(w)), []);
  await context.close();
});

test('phone in Chinese: the narrow column speaks Chinese', { timeout: 120000 }, async () => {
  const { context, page, state } = await open(PHONE, '#view=playground&lang=zh&data=xor&features=x1,x2,x1x2&net=4');
  await page.waitForFunction(() => window.nnlab.state().lang === 'zh', null, { timeout: 30000 });
  for (let i = 0; i < 10; i++) await page.evaluate(() => window.nnlab.command('train step'));
  await waitFrames(page, 4);
  await page.screenshot({ path: path.join(shots, 'web-playground-phone-zh.png') });
  const s = await state();
  assert.ok(s.playground.test_accuracy > 0.8, `xor with x1x2: ${s.playground.test_accuracy}`);
  await context.close();
});

test('desktop app: the Playground under Xvfb, its GPU map read back, its state and a screenshot', () => {
  const file = path.join(shots, 'desktop-playground.png');
  fs.rmSync(file, { force: true });
  const r = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1280x800x24', desktop, '--frames', '25', '--size', '1280x800',
    '--link', '#view=playground&data=spiral&net=8,8,8,8,8,8&features=x1,x2,sinx1,sinx2',
    '--command', 'train step', '--command', 'train step', '--command', 'check map', '--command', 'probe 1 2',
    '--command', 'landscape w 1 1 1 w 1 2 1', '--state', '--screenshot', file],
  { encoding: 'utf8', timeout: 120000, env: desktopEnv() });
  assert.equal(r.status, 0, r.stderr);
  const s = JSON.parse(r.stdout.trim().split('\n').pop());
  assert.equal(s.view, 'playground');
  assert.equal(s.playground.epoch, 2);
  assert.equal(s.playground.network.shape, '4-8-8-8-8-8-8-1');
  assert.ok(s.playground.map_check.samples === 64 && s.playground.map_check.colour <= 2, JSON.stringify(s.playground.map_check));
  assert.ok(s.playground.output_at, 'probed');
  assert.equal(s.playground.landscape.open, true);
  const png = decodePng(fs.readFileSync(file));
  const stats = pixelStats(png);
  assert.ok(stats.colours > 60, `screenshot looks blank: ${stats.colours} colours`);
});
