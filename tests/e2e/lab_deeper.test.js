// The deeper lab end to end in Chromium: a hyper-parameter search in the page's training worker
// ("use this" loads the best run), the timeline slider (the weight images change, "continue from
// here" reproduces the run), the comparison of update frequencies, and the new tabs on a phone by
// touch. Screenshots: build/e2e/lab-*.png.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { root, startServer, launchBrowser, openPage, waitFrames, clickWidget, touchscreen, decodePng, pixelStats } = require('./harness');
const { desktopEnv } = require('./desktop_env');
const desktopApp = process.env.NNLAB_DESKTOP || path.join(root, 'build', 'native', 'nnlab');

const shots = path.join(root, 'build', 'e2e');
fs.mkdirSync(shots, { recursive: true });
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true };

let server, browser, cleanup;
test.before(async () => {
  server = await startServer();
  ({ browser, cleanup } = await launchBrowser());
});
test.after(async () => { await cleanup?.(); server?.stop(); });

const state = (page) => page.evaluate(() => window.nnlab.state());
const command = (page, c) => page.evaluate((x) => window.nnlab.command(x), c);
const centre = ([x0, y0, x1, y1]) => [(x0 + x1) / 2, (y0 + y1) / 2];

async function openLab(context, hash) {
  const { page, warnings } = await openPage(context, server.url + hash);
  await page.waitForFunction(() => window.nnlab.state().mnist.data.ready, null, { timeout: 30000 });
  await waitFrames(page, 3);
  return { page, warnings };
}

const click = clickWidget;  // harness.js: waits for the widget, then presses it like a person

test('browser: a 12-run random search runs in the worker, the page keeps drawing, "use this" loads the best run', { timeout: 120000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, warnings } = await openLab(context, '#view=mnist&arch=784-16-16-10&subset=5k&opt=adam&lr=0.001');
  assert.equal((await state(page)).mnist.training.trains_in, 'worker');
  await click(page, 'mnist.tab_search');
  await page.waitForFunction(() => window.nnlab.state().ui['mnist.search start'] !== undefined);
  for (const c of ['search method random', 'search runs 12', 'search epochs 3', 'search seed 7', 'search lr 0.0003..0.03'])
    assert.equal(await command(page, c), '', c);
  const idle = [];
  for (let i = 0; i < 8; i++) { await page.waitForTimeout(250); idle.push((await state(page)).fps); }
  const t0 = Date.now();
  await click(page, 'mnist.search start');
  const fps = [];
  for (;;) {
    const s = await state(page);
    if (s.mnist.search.state === 'done') break;
    assert.ok(Date.now() - t0 < 60000, 'the search ends within a minute');
    if (s.mnist.search.state === 'running' && s.mnist.search.progress > 0) fps.push(s.fps);
    await page.waitForTimeout(250);
  }
  const seconds = (Date.now() - t0) / 1000;
  const s = (await state(page)).mnist;
  const median = (v) => v.sort((a, b) => a - b)[v.length >> 1]?.toFixed(0);
  console.log(`# search: 12 runs × 3 epochs of 784-16-16-10 on 5k in ${seconds.toFixed(1)} s; page fps ` +
    `idle before: median ${median(idle)}; while searching: median ${median(fps)}, min ${Math.min(...fps).toFixed(0)}`);
  assert.ok(seconds < 40, `${seconds} s`);
  assert.equal(s.search.runs.length, 12);
  assert.equal(s.search.validation_count, 1000, 'a fifth of the 5,000 training digits held out');
  assert.equal(s.search.train_count, 4000);
  for (const r of s.search.runs) {
    assert.equal(r.status, 'done');
    assert.equal(r.epochs, 3);
    assert.ok(r.settings.lr >= 0.0003 && r.settings.lr <= 0.03, String(r.settings.lr));
  }
  const best = s.search.best;
  const top = Math.max(...s.search.runs.map((r) => r.val_accuracy));
  assert.equal(s.search.runs[best].val_accuracy, top, 'the best run is the best by validation');
  await page.screenshot({ path: path.join(shots, 'lab-search.png') });

  // "use this": the best run's settings and weights become the lab's (its first measurement on
  // the test digits is that of a trained network, not of fresh weights).
  await click(page, 'mnist.search use_best');
  await page.waitForFunction((lr) => {
    const m = window.nnlab.state().mnist;
    return m.settings.lr === lr && m.training.history.length === 1 && !m.training.evaluating;
  }, s.search.runs[best].settings.lr, { timeout: 20000 });
  const used = (await state(page)).mnist;
  assert.equal(used.settings.epochs, 3);
  assert.ok(used.training.history[0].test_accuracy > 0.6, JSON.stringify(used.training.history));
  assert.ok(Math.abs(used.training.history[0].test_accuracy - top) < 0.08, 'the test digits agree with validation roughly');
  assert.ok(!warnings.some((w) => /pageerror|Aborted/.test(w)), warnings.join(' | '));
  await context.close();
});

test('browser: the timeline slider shows the network as it was; continuing from epoch 0 reproduces the run', { timeout: 90000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page } = await openLab(context, '#view=mnist&arch=784-16-16-10&subset=1k&epochs=3&opt=adam&lr=0.003');
  await click(page, 'mnist.start');
  await page.waitForFunction(() => window.nnlab.state().mnist.training.phase === 'finished', null, { timeout: 60000 });
  await waitFrames(page, 20);  // the weight images catch up (uploaded at most every 0.3 s)
  const before = (await state(page)).mnist;
  assert.deepEqual(before.timeline.epochs, [0, 0.125, 0.25, 0.5, 1, 2, 3]);
  assert.equal(before.timeline.shown, -1);
  // The slider's left end: epoch 0.
  await click(page, 'mnist.timeline', [0.01, 0.5]);
  await page.waitForFunction(() => {
    const m = window.nnlab.state().mnist;
    return m.timeline.shown === 0 && m.confusion !== null;
  }, null, { timeout: 10000 });
  await page.waitForFunction((n) => window.nnlab.state().mnist.weight_uploads > n, before.weight_uploads, { timeout: 10000 })
    .catch(() => assert.fail('the weight images change with the slider'));
  await waitFrames(page, 10);
  const then = (await state(page)).mnist;
  assert.notDeepEqual(then.confusion, before.confusion, 'the confusion matrix is the untrained network\'s');
  const right = then.confusion.reduce((a, row, t) => a + row[t], 0) / before.data.test_count;
  assert.ok(Math.abs(right - before.training.history[0].test_accuracy) < 1e-6, 'epoch 0 as it was measured then');
  await page.screenshot({ path: path.join(shots, 'lab-timeline.png') });
  // Continue from here, confirmed: the later history goes; the same seed trains the same run again.
  await click(page, 'mnist.continue');
  await click(page, 'mnist.continue_yes');
  await page.waitForFunction(() => window.nnlab.state().mnist.training.history.length === 1, null, { timeout: 10000 });
  await click(page, 'mnist.start');
  await page.waitForFunction(() => window.nnlab.state().mnist.training.phase === 'finished', null, { timeout: 60000 });
  const again = (await state(page)).mnist;
  assert.deepEqual(again.training.history, before.training.history);
  await context.close();
});

test('browser: online, mini-batch and full batch compared for the same time, from the same start', { timeout: 60000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page } = await openLab(context, '#view=mnist&arch=784-16-16-10&subset=all&opt=sgd&lr=0.05');
  assert.equal((await state(page)).mnist.updates_per_epoch, 125);
  await click(page, 'mnist.update online');
  await page.waitForFunction(() => window.nnlab.state().mnist.updates_per_epoch === 7996);
  assert.equal(await command(page, 'set update minibatch'), '');
  await click(page, 'mnist.tab_updates');
  await click(page, 'mnist.compare budget 2');
  await click(page, 'mnist.compare');
  await page.waitForFunction(() => window.nnlab.state().mnist.compare.state === 'done', null, { timeout: 40000 });
  const c = (await state(page)).mnist.compare;
  assert.deepEqual(c.curves.map((k) => k.updates_per_epoch), [7996, 125, 1]);
  assert.deepEqual(c.curves.map((k) => k.batch), [1, 64, 7996]);
  for (const k of c.curves) {
    // (a full-batch update of 7,996 digits takes a few hundred ms in wasm here: few points)
    assert.ok(k.points.length >= (k.batch === 7996 ? 3 : 10), `${k.batch}: ${k.points.length} points`);
    assert.equal(k.points[0][2], c.curves[0].points[0][2], 'the same start');
    assert.ok(k.points.at(-1)[1] >= 1.8, 'two seconds of training each');
  }
  assert.ok(c.curves[0].points.at(-1)[0] > 50 * c.curves[2].points.at(-1)[0], 'online makes far more updates');
  await waitFrames(page, 5);
  await page.screenshot({ path: path.join(shots, 'lab-updates.png') });
  await context.close();
});

test('phone: the Search and Updates tabs fit and take a finger; Reset asks before throwing training away', { timeout: 60000 }, async () => {
  const context = await browser.newContext(PHONE);
  for (const lang of ['en', 'zh']) {
    const { page } = await openLab(context, `#view=mnist&lang=${lang}`);
    const s0 = await state(page);
    const finger = await touchscreen(context, page, s0.scale);
    assert.equal(await command(page, 'train step'), '');
    await page.waitForFunction(() => window.nnlab.state().mnist.training.step === 1);
    await waitFrames(page, 2);
    // (a tap the busy page took for the start of a scroll is tapped again, as a person would)
    for (let tries = 0; ; tries++) {
      await finger.tap(...centre((await state(page)).ui['mnist.reset']));
      const asked = await page.waitForFunction(() => window.nnlab.state().ui['mnist.reset_no'] !== undefined, null,
        { timeout: 4000 }).then(() => true, () => false);
      if (asked) break;
      assert.ok(tries < 2, 'Reset asks first');
    }
    assert.equal((await state(page)).mnist.training.step, 1, 'asked, not reset');
    await finger.tap(...centre((await state(page)).ui['mnist.reset_no']));
    await waitFrames(page, 3);
    assert.equal((await state(page)).mnist.training.step, 1, 'kept');
    for (const tab of ['search', 'updates']) {
      assert.equal(await command(page, `tab ${tab}`), '');
      await waitFrames(page, 3);
      const s = await state(page);
      const k = 1 / s.scale;
      const ours = Object.entries(s.ui).filter(([n]) => /^mnist\.(search|compare|update|batchnorm)/.test(n));
      assert.ok(ours.length >= 3, `${tab}: ${Object.keys(s.ui).join(', ')}`);
      for (const [name, r] of ours) {
        const [x0, y0, x1, y1] = r.map((v) => v * k);
        assert.ok(x0 >= -0.5 && x1 <= PHONE.viewport.width + 0.5, `${name} fits the width: ${x0}..${x1}`);
        if (y1 > y0) assert.ok(y1 - y0 >= 43.5, `${name} is ${y1 - y0} px tall`);
      }
      await page.screenshot({ path: path.join(shots, `lab-phone-${tab}-${lang}.png`) });
    }
    await page.close();
  }
  await context.close();
});

test('desktop: a search, batch norm by hand and the timeline under Xvfb, in Chinese', { skip: !fs.existsSync(desktopApp) && 'no desktop build' }, () => {
  const file = path.join(shots, 'desktop-lab-search-zh.png');
  fs.rmSync(file, { force: true });
  const r = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1280x800x24', desktopApp, '--link',
    '#view=mnist&arch=784-16-16-10&subset=1k&epochs=2&batchnorm=on&lang=zh',
    '--command', 'search runs 3', '--command', 'search epochs 1', '--command', 'search start', '--command', 'tab search',
    '--frames', '240', '--screenshot', file, '--state'], { encoding: 'utf8', timeout: 120000, env: desktopEnv() });
  assert.equal(r.status, 0, r.stderr);
  const m = JSON.parse(r.stdout.trim().split('\n').pop()).mnist;
  assert.equal(m.search.state, 'done');
  assert.equal(m.search.runs.length, 3);
  assert.ok(m.search.runs.every((x) => x.settings.batchnorm === 'on' && x.status === 'done'));
  assert.equal(m.search.validation_count, 200);
  // batch norm by hand: x̂ = (h − μ)·1/√(σ²+ε), z = γ·x̂ + β, all as the core computed them
  const b = m.batchnorm_by_hand;
  assert.ok(b, 'batch norm by hand is there with batch norm on');
  const mean = b.h.reduce((s, v) => s + v, 0) / 4;
  assert.ok(Math.abs(mean - b.mean) < 1e-5, `μ ${b.mean} vs ${mean}`);
  for (let i = 0; i < 4; i++) {
    assert.ok(Math.abs((b.h[i] - b.mean) * b.inv_std - b.xhat[i]) < 1e-4);
    assert.ok(Math.abs(b.gamma * b.xhat[i] + b.beta - b.z[i]) < 1e-4);
  }
  assert.deepEqual(m.timeline.epochs, [0]);
  const stats = pixelStats(decodePng(fs.readFileSync(file)));
  assert.ok(stats.colours > 60 && stats.stddev > 8, `screenshot looks blank: ${JSON.stringify(stats)}`);
});
