// The MNIST lab end to end: in Chromium (SwiftShader WebGL2) driven with the mouse like a learner,
// and in the desktop build under Xvfb. Screenshots: build/e2e/web-mnist.png, desktop-mnist.png.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { root, startServer, launchBrowser, openPage, decodePng, pixelStats, clickWidget } = require('./harness');
const { desktopEnv } = require('./desktop_env');

const shots = path.join(root, 'build', 'e2e');
fs.mkdirSync(shots, { recursive: true });
const desktopApp = process.env.NNLAB_DESKTOP || path.join(root, 'build', 'native', 'nnlab');

let server, browser, cleanup;
test.before(async () => {
  server = await startServer();
  ({ browser, cleanup } = await launchBrowser());
});
test.after(async () => { await cleanup?.(); server?.stop(); });

const state = (page) => page.evaluate(() => window.nnlab.state());

async function openLab(context, hash) {
  const { page, warnings } = await openPage(context, server.url + hash);
  // The digits arrive after the first frame; then a few frames so the lab has laid itself out.
  await page.waitForFunction(() => window.nnlab.state().mnist.data.ready, null, { timeout: 30000 });
  const frames = (await state(page)).frames;
  await page.waitForFunction((n) => window.nnlab.state().frames >= n + 3, frames);
  return { page, warnings };
}

const click = clickWidget;  // harness.js: waits for the widget, then presses it like a person

test('browser: train through the UI, draw a digit, save and reload the model', { timeout: 240000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  // 784-128-10: big enough that two epochs span many frames, so the run can be watched.
  const { page, warnings } = await openLab(context, '#view=mnist&arch=784-128-10&epochs=2&subset=all&lr=0.001&batch=64&opt=adam');
  let s = await state(page);
  assert.equal(s.view, 'mnist');
  assert.equal(s.mnist.data.train_count, 7996);
  assert.equal(s.mnist.data.test_count, 2004);
  assert.equal(s.mnist.parameter_count, 101770);
  assert.equal(s.mnist.training.phase, 'idle');
  assert.equal(s.mnist.training.trains_in, 'worker', 'the page trains in its Web Worker');

  // Start by clicking the Start button with the mouse.
  await click(page, 'mnist.start');
  // (Two epochs of this small network take the training worker well under a second: wait for
  // the frame that shows Pause rather than sampling one moment.)
  await page.waitForFunction(() => window.nnlab.state().ui['mnist.pause'] !== undefined, null, { timeout: 10000 })
    .catch(() => assert.fail('while training, the button reads Pause'));
  // Wait for both epochs (and their evaluations): accuracy rises from chance.
  await page.waitForFunction(() => window.nnlab.state().mnist.training.phase === 'finished', null, { timeout: 180000 });
  s = await state(page);
  const h = s.mnist.training.history;
  assert.equal(h.length, 3, JSON.stringify(h));
  assert.ok(h[0].test_accuracy < 0.3, `untrained: ${h[0].test_accuracy}`);
  assert.ok(h[1].test_accuracy > 0.6, `after one epoch: ${h[1].test_accuracy}`);
  assert.ok(h[2].test_accuracy >= h[1].test_accuracy - 0.01, `after two: ${h[2].test_accuracy}`);
  assert.equal(s.mnist.training.step, 2 * 125);
  assert.ok(s.mnist.training.samples_per_s > 1000, `samples/s ${s.mnist.training.samples_per_s}`);
  assert.ok(s.fps > 5, `fps ${s.fps}`);
  assert.equal(s.mnist.confusion.flat().reduce((a, b) => a + b, 0), 2004);
  console.log(`browser lab: 784-128-10 test accuracy ${h.map((e) => e.test_accuracy.toFixed(3)).join(' → ')}, ` +
    `${Math.round(s.mnist.training.samples_per_s)} samples/s, ${s.fps.toFixed(0)} fps, median ${s.frame_ms.toFixed(1)} ms`);

  // Draw a 7 on the pad with mouse drags: a bar across the top, then down to the bottom left.
  const [px0, py0, px1, py1] = s.ui['mnist.pad'];
  const at = (u, v) => [px0 + u * (px1 - px0), py0 + v * (py1 - py0)];
  await page.mouse.move(...at(0.25, 0.2));
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(...at(0.25 + 0.5 * i / 12, 0.2));
  for (let i = 1; i <= 16; i++) await page.mouse.move(...at(0.75 - 0.3 * i / 16, 0.2 + 0.65 * i / 16));
  await page.mouse.up();
  await page.waitForFunction(() => window.nnlab.state().mnist.pad.has_digit);
  s = await state(page);
  const p = s.mnist.pad.probabilities;
  assert.equal(p.length, 10);
  assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-4, `probabilities sum to ${p.reduce((a, b) => a + b, 0)}`);
  assert.equal(s.mnist.pad.prediction, p.indexOf(Math.max(...p)));
  console.log(`drawn 7 read as ${s.mnist.pad.prediction} (${(100 * Math.max(...p)).toFixed(1)} %)`);

  // Clicking a confusion-matrix cell shows those digits.
  await click(page, 'mnist.tab_confusion');
  await page.waitForFunction(() => window.nnlab.state().ui['mnist.confusion_0_0']);
  await click(page, 'mnist.confusion_0_0');
  await page.waitForFunction(() => window.nnlab.state().mnist.tab === 'digits');
  s = await state(page);
  assert.deepEqual(s.mnist.selected_cell, [0, 0]);
  assert.ok(s.mnist.shown_digits.length > 0);
  await page.screenshot({ path: path.join(shots, 'web-mnist-digits.png') });
  await click(page, 'mnist.tab_weights');
  await page.waitForFunction(() => window.nnlab.state().mnist.tab === 'weights');
  const file = path.join(shots, 'web-mnist.png');
  await page.screenshot({ path: file });
  const stats = pixelStats(decodePng(fs.readFileSync(file)));
  assert.ok(stats.colours > 60 && stats.stddev > 8, `screenshot looks blank: ${JSON.stringify(stats)}`);

  // Save: the browser downloads nnlab-model.json.
  const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'mnist.save')]);
  assert.equal(download.suggestedFilename(), 'nnlab-model.json');
  const text = fs.readFileSync(await download.path(), 'utf8');
  const model = JSON.parse(text);
  assert.equal(model.format, 'nnlab-model');
  assert.deepEqual(model.layers.map((l) => l.outputs), [128, 10]);
  const saved = s.mnist.training.history[2];
  assert.equal(model.training.test_accuracy, saved.test_accuracy);

  // A new network (Reset, which asks first: a trained network would be lost), then open the saved
  // file: its evaluation matches the saved model's.
  await click(page, 'mnist.reset');
  await page.waitForFunction(() => window.nnlab.state().ui['mnist.reset_yes'] !== undefined, null, { timeout: 5000 });
  assert.notEqual((await state(page)).mnist.training.step, 0, 'asked, not reset yet');
  await click(page, 'mnist.reset_yes');
  await page.waitForFunction(() => { const m = window.nnlab.state().mnist; return m.training.step === 0 && m.training.history.length === 1; });
  assert.ok((await state(page)).mnist.training.history[0].test_accuracy < 0.3);
  await page.evaluate((t) => window.nnlab.openFiles([new File([t], 'nnlab-model.json')]), text);
  await page.waitForFunction((acc) => {
    const h = window.nnlab.state().mnist.training.history;
    return h.length === 1 && h[0].test_accuracy === acc;
  }, saved.test_accuracy, { timeout: 20000 });
  s = await state(page);
  assert.equal(s.notice_is_error, false, s.notice);

  // A malformed model file and one that does not fit: readable errors, the model untouched.
  const before = s.mnist;
  await page.evaluate(() => window.nnlab.openFiles([new File(['{"format": "nnlab-model", "version": 1, "layers": [}'], 'broken.json')]));
  await page.waitForFunction(() => window.nnlab.state().notice_is_error);
  s = await state(page);
  assert.match(s.notice, /broken\.json/);
  const tiny = { format: 'nnlab-model', version: 1, layers: [{ inputs: 2, outputs: 1, activation: 'sigmoid', weights: [[1, 2]], bias: [0] }] };
  await page.evaluate((t) => window.nnlab.openFiles([new File([t], 'tiny.json')]), JSON.stringify(tiny));
  await page.waitForFunction(() => /tiny\.json/.test(window.nnlab.state().notice));
  s = await state(page);
  assert.match(s.notice, /2 inputs/);
  assert.equal(s.mnist.architecture, before.architecture);
  assert.deepEqual(s.mnist.training.history, before.training.history);
  assert.ok(!warnings.some((w) => /pageerror|Aborted/.test(w)), warnings.join(' | '));

  // Settings persist (localStorage); a corrupted stored state is ignored with a notice.
  const again = await openLab(context, '#view=mnist');
  assert.equal((await state(again.page)).mnist.settings.epochs, 2);
  await again.page.evaluate(() => localStorage.setItem('nnlab.mnist', '{"lr": "oops'));
  const third = await openLab(context, '#view=mnist');
  s = await state(third.page);
  assert.equal(s.mnist.message_is_error, true);
  assert.match(s.mnist.message, /ignored/);
  assert.equal(s.mnist.settings.lr, 0.001);
  await context.close();
});

test('browser: absurd settings are refused with a message and change nothing', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page } = await openLab(context, '#view=mnist');
  const before = (await state(page)).mnist.settings;
  for (const [cmd, re] of [['set lr 0', /learning rate/], ['set lr 50', /learning rate/], ['set batch 0', /batch/],
    ['set arch 784-5000-10', /1\.\.1024/], ['set arch 784-16', /10 outputs/], ['train fly', /usage/]]) {
    assert.match(await page.evaluate((c) => window.nnlab.command(c), cmd), re, cmd);
  }
  assert.deepEqual((await state(page)).mnist.settings, before);
  // Live changes keep the network; structural ones start a new one.
  assert.equal(await page.evaluate(() => window.nnlab.command('train step')), '');
  assert.equal(await page.evaluate(() => window.nnlab.command('set lr 0.01')), '');
  assert.equal(await page.evaluate(() => window.nnlab.command('set batch 32')), '');
  assert.equal(await page.evaluate(() => window.nnlab.command('train step')), '');
  // (in the page the step runs in the training worker: its result arrives a moment later)
  await page.waitForFunction(() => window.nnlab.state().mnist.training.step === 2);
  assert.equal(await page.evaluate(() => window.nnlab.command('set arch 784-30-10')), '');
  const s = (await state(page)).mnist;
  assert.equal(s.training.step, 0);
  assert.equal(s.parameter_count, 23860);
  await context.close();
});

test('browser: training goes on while a lesson is on screen, and ends where the desktop does', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page } = await openLab(context, '#view=mnist&arch=784-16-16-10&epochs=3&subset=all&seed=7');
  assert.equal(await page.evaluate(() => window.nnlab.command('train start')), '');
  assert.equal(await page.evaluate(() => window.nnlab.command('view neuron')), '');
  await page.waitForFunction(() => window.nnlab.state().mnist.training.phase === 'finished', null, { timeout: 60000 });
  const s = await state(page);
  assert.equal(s.view, 'neuron');
  assert.equal(s.mnist.training.epoch, 3);
  assert.equal(s.mnist.training.history.length, 4);
  await context.close();
  if (!fs.existsSync(desktopApp)) return;
  // The same lab, link and seed on the desktop (trained in its frames, AVX-512 kernels) as in the
  // page's worker (wasm SIMD128): the same initial weights and shuffles bit for bit; the kernels
  // round differently (FMA natively, mul + add in wasm), so the losses agree to float rounding
  // and a digit or two near a decision boundary may go the other way.
  const r = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1280x800x24', desktopApp, '--link',
    '#view=mnist&arch=784-16-16-10&epochs=3&subset=all&seed=7', '--command', 'train start', '--frames', '600', '--state'],
  { encoding: 'utf8', timeout: 120000, env: desktopEnv() });
  assert.equal(r.status, 0, r.stderr);
  const desktop = JSON.parse(r.stdout.trim().split('\n').pop()).mnist.training;
  assert.equal(desktop.phase, 'finished');
  const right = (accuracy, n) => Math.round(accuracy * n);
  for (let e = 0; e <= 3; e++) {
    const a = s.mnist.training.history[e], b = desktop.history[e];
    assert.ok(Math.abs(a.test_loss - b.test_loss) < 1e-5, `epoch ${e}: test loss ${a.test_loss} (page) vs ${b.test_loss} (desktop)`);
    assert.ok(Math.abs(right(a.test_accuracy, 2004) - right(b.test_accuracy, 2004)) <= 2, `epoch ${e}: test digits right`);
  }
  // And the CLI, natively, trains the lab's very floats: the desktop lab's numbers exactly.
  const cli = path.join(root, 'build', 'native', 'nnlab-cli');
  if (fs.existsSync(cli)) {
    const c = spawnSync(cli, ['train', '--data', 'embedded', '--layers', '784,16,16,10', '--epochs', '3', '--seed', '7', '--json'],
      { encoding: 'utf8' });
    assert.equal(c.status, 0, c.stderr);
    const native = JSON.parse(c.stdout);
    assert.equal(right(native.test_accuracy, 2004), right(desktop.history[3].test_accuracy, 2004));
    assert.equal(right(native.train_accuracy, 7996), right(desktop.history[3].train_accuracy, 7996));
    assert.ok(Math.abs(native.test_loss - desktop.history[3].test_loss) < 1e-6, `CLI ${native.test_loss} vs lab ${desktop.history[3].test_loss}`);
  }
  const [a, b] = [s.mnist.training.history[3], desktop.history[3]];
  console.log(`# page vs desktop after 3 epochs: test loss ${a.test_loss} vs ${b.test_loss}, ` +
    `test digits right ${right(a.test_accuracy, 2004)} vs ${right(b.test_accuracy, 2004)}`);
});

test('browser: the four IDX files of your own data, any order, gzipped or not; a bad one changes nothing', async () => {
  const zlib = require('node:zlib');
  const idx = (magic, dims, body) => {
    const head = Buffer.alloc(4 + 4 * dims.length);
    head.writeUInt32BE(magic, 0);
    dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
    return Buffer.concat([head, Buffer.from(body)]);
  };
  // Digit c is a bar in row 2c+4 (like a very simple dataset): 60 train and 20 test images.
  const split = (n) => {
    const px = new Uint8Array(n * 784), labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) { labels[i] = i % 10; for (let x = 4; x < 24; x++) px[i * 784 + (2 * (i % 10) + 4) * 28 + x] = 255; }
    return { px, labels };
  };
  const train = split(60), testSplit = split(20);
  const files = [
    ['t10k-labels-idx1-ubyte', idx(0x801, [20], testSplit.labels)],
    ['train-images-idx3-ubyte.gz', zlib.gzipSync(idx(0x803, [60, 28, 28], train.px))],
    ['t10k-images-idx3-ubyte', idx(0x803, [20, 28, 28], testSplit.px)],
    ['train-labels-idx1-ubyte', idx(0x801, [60], train.labels)],
  ].map(([name, bytes]) => ({ name, bytes: [...bytes] }));
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page } = await openLab(context, '#view=mnist');
  const send = (list) => page.evaluate((l) => window.nnlab.openFiles(l.map((f) => new File([new Uint8Array(f.bytes)], f.name))), list);
  // A label file whose labels go beyond 9: refused, naming the file; the data stays.
  await send([{ name: 'train-labels-idx1-ubyte', bytes: [...idx(0x801, [3], [1, 2, 42])] }]);
  await page.waitForFunction(() => window.nnlab.state().notice_is_error);
  let s = await state(page);
  assert.match(s.notice, /train-labels-idx1-ubyte/);
  assert.equal(s.mnist.data.train_count, 7996);
  await send(files);
  await page.waitForFunction(() => window.nnlab.state().mnist.data.test_count === 20);
  s = await state(page);
  assert.match(s.mnist.data.name, /IDX files \(60 train \/ 20 test\)/);
  assert.equal(s.mnist.data.train_count, 60);
  assert.equal(s.mnist.training.step, 0);
  await context.close();
});

test('desktop: the lab trains a few steps under Xvfb and the screenshot shows it', { skip: !fs.existsSync(desktopApp) && 'no desktop build' }, () => {
  const file = path.join(shots, 'desktop-mnist.png');
  fs.rmSync(file, { force: true });
  const r = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1280x800x24', desktopApp, '--link', '#view=mnist&arch=784-30-10&epochs=1',
    '--command', 'train start', '--command', 'draw line 0.5 0.15 0.5 0.85', '--frames', '200', '--screenshot', file, '--state'],
  { encoding: 'utf8', timeout: 120000, env: desktopEnv() });
  assert.equal(r.status, 0, r.stderr);
  const s = JSON.parse(r.stdout.trim().split('\n').pop());
  assert.equal(s.view, 'mnist');
  assert.equal(s.mnist.architecture, '784-30-10');
  assert.ok(s.mnist.training.step > 10, `steps: ${s.mnist.training.step}`);
  const h = s.mnist.training.history;
  assert.ok(h.length >= 1);
  if (h.length >= 2) assert.ok(h[1].test_accuracy > h[0].test_accuracy + 0.3, JSON.stringify(h));
  assert.equal(s.mnist.pad.has_digit, true);
  assert.equal(s.mnist.pad.probabilities.length, 10);
  const stats = pixelStats(decodePng(fs.readFileSync(file)));
  assert.ok(stats.colours > 60 && stats.stddev > 8, `screenshot looks blank: ${JSON.stringify(stats)}`);
});

const fashionDir = '/usr/share/datasets/fashion-mnist';
test('desktop: Fashion-MNIST trains in the lab with its class names', {
  skip: (!fs.existsSync(desktopApp) && 'no desktop build') || (!fs.existsSync(path.join(fashionDir, 't10k-labels-idx1-ubyte.gz')) && 'dataset-fashion-mnist not installed'),
}, () => {
  const file = path.join(shots, 'desktop-fashion.png');
  fs.rmSync(file, { force: true });
  const r = spawnSync('xvfb-run', ['-a', '-s', '-screen 0 1280x800x24', desktopApp, '--link', '#view=mnist&arch=784-30-10&epochs=1&subset=5k',
    '--command', 'data fashion', '--command', 'tab confusion', '--command', 'train start', '--frames', '240', '--screenshot', file, '--state'],
  { encoding: 'utf8', timeout: 120000, env: desktopEnv() });
  assert.equal(r.status, 0, r.stderr);
  const s = JSON.parse(r.stdout.trim().split('\n').pop());
  assert.match(s.mnist.data.name, /^Fashion-MNIST \(60000 train \/ 10000 test\)/);
  assert.equal(s.mnist.data.class_names.length, 10);
  assert.equal(s.mnist.data.class_names[9], 'Ankle boot');
  assert.ok(s.mnist.training.step > 10, `steps: ${s.mnist.training.step}`);
  const stats = pixelStats(decodePng(fs.readFileSync(file)));
  assert.ok(stats.colours > 60 && stats.stddev > 8, `screenshot looks blank: ${JSON.stringify(stats)}`);
});

test('browser: without its training worker the lab says so and trains in the page', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.route('**/nnlab-trainer.wasm.gz', (route) => route.abort());
  const { page } = await openLab(context, '#view=mnist&arch=784-16-16-10&epochs=2&subset=all');
  await page.waitForFunction(() => window.nnlab.state().mnist.training.trains_in === 'frame', null, { timeout: 30000 });
  let s = await state(page);
  assert.match(s.mnist.training.message, /training moved into the page: the training worker could not start \(.+\)/);
  assert.equal(await page.evaluate(() => window.nnlab.command('lang zh')), '');
  await page.waitForFunction(() => window.nnlab.state().lang === 'zh', null, { timeout: 30000 });  // once its font is in
  assert.match((await state(page)).mnist.training.message, /^训练已改在页面里进行：训练线程没能启动（.+）/);
  assert.equal(await page.evaluate(() => window.nnlab.command('lang en')), '');
  assert.equal(await page.evaluate(() => window.nnlab.command('train start')), '');
  await page.waitForFunction(() => window.nnlab.state().mnist.training.phase === 'finished', null, { timeout: 60000 });
  s = await state(page);
  assert.equal(s.mnist.training.history.length, 3, JSON.stringify(s.mnist.training.history));
  assert.ok(s.mnist.training.history[2].test_accuracy > 0.6, JSON.stringify(s.mnist.training.history));
  await context.close();
});

test('browser: "hand calculation" opens this very network\'s output layer, worked by hand for the drawn digit', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page } = await openLab(context, '#view=mnist&arch=784-16-16-10&epochs=1&subset=all');
  assert.equal(await page.evaluate(() => window.nnlab.command('train start')), '');
  await page.waitForFunction(() => window.nnlab.state().mnist.training.phase === 'finished', null, { timeout: 60000 });
  for (const c of ['draw line 0.3 0.2 0.7 0.2', 'draw line 0.7 0.2 0.42 0.85'])
    assert.equal(await page.evaluate((c) => window.nnlab.command(c), c), '');
  await page.waitForFunction(() => window.nnlab.state().mnist.pad.has_digit);
  const lab = (await state(page)).mnist;
  await click(page, 'mnist.hand');
  await page.waitForFunction(() => window.nnlab.state().view === 'network');
  const s = await state(page);
  assert.equal(s.network.lesson, 'mnist-output');
  assert.match(s.link, /lesson=mnist-output&net=16-10&x=/);
  // The lesson's softmax outputs are the lab's probabilities for the digit (the same core, the
  // same weights, the hidden activations carried exactly in the link).
  const y = s.network.layers[0].a;
  assert.equal(y.length, 10);
  for (let k = 0; k < 10; k++) assert.ok(Math.abs(y[k] - lab.pad.probabilities[k]) < 1e-6, `ŷ${k}: ${y[k]} vs ${lab.pad.probabilities[k]}`);
  const answer = s.network.steps.at(-1);
  assert.equal(answer.kind, 'decision');
  assert.equal(answer.values[0], lab.pad.prediction);
  assert.equal(s.network.steps.filter((t) => t.kind === 'sum').length, 10);
  // 784-128-10's output layer has 128 inputs: too many to write out, and the lab says so.
  await page.evaluate(() => window.nnlab.command('view mnist'));
  assert.equal(await page.evaluate(() => window.nnlab.command('set arch 784-128-10')), '');
  assert.match(await page.evaluate(() => window.nnlab.command('hand')), /128 inputs, too many to write out by hand/);
  await context.close();
});

test('browser: Save right after Pause saves the paused weights, not the snapshot before them', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const { page } = await openLab(context, '#view=mnist&arch=784-128-10&epochs=50&subset=all');
  assert.equal(await page.evaluate(() => window.nnlab.command('train start')), '');
  await page.waitForFunction(() => window.nnlab.state().mnist.training.step > 200, null, { timeout: 60000 });
  const save = async (commands) => {
    const [download] = await Promise.all([page.waitForEvent('download'),
      page.evaluate((cs) => { for (const c of cs) window.nnlab.command(c); }, commands)]);
    return fs.readFileSync(await download.path(), 'utf8');
  };
  const first = await save(['train pause', 'save']);  // in one go: the worker has not answered yet
  await page.waitForTimeout(500);
  const second = await save(['save']);
  assert.equal((await state(page)).mnist.training.phase, 'paused');
  // The weights are the same; the recorded metrics may not be (a measurement the worker was
  // making when Pause came finishes after it, and the second file reports it).
  assert.deepEqual(JSON.parse(first).layers, JSON.parse(second).layers, 'both files hold the paused weights');
  await context.close();
});
